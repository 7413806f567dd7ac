"""Times: temporal expressions, normalised against the publication date (ids t1, t2, ...).

Detection and normalisation are the pure functions of :mod:`wirecoder.timex`; this component
adds what only the parse knows: the tense of the verb that governs each expression, which
decides past or future where the expression alone does not ("on Tuesday", "in May").
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from ..errors import ErrorCode
from ..records import Article, DocError, TimeSpan
from ..timex import Candidate, Timex, detect, normalise, quarter_anaphora
from .component import Component

__all__ = ["TimeComponent", "direction_of", "verb_tense"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_AUX = {"was", "were", "had", "did", "has", "have"}
#: Verbs whose present tense looks ahead ("talks are scheduled for Monday").
_PLANNING = {"expect", "schedule", "plan", "set", "slate", "due", "intend", "hope", "aim"}


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above ``token`` in the parse (itself included), if any."""
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:  # spaCy builds a new Token object on each access
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> str | None:
    """Return "past", "future" or None (present or unknown) for a verb and its auxiliaries."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & _FUTURE_AUX or (
        verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
    ):
        return "future"
    if auxes & _PAST_AUX or verb.tag_ == "VBD":
        return "past"
    if verb.lemma_.lower() in _PLANNING:
        return "future"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    return None


def direction_of(doc: Doc, start: int, end: int) -> str | None:
    """Return the tense ("past", "future" or None) of the verb governing the text at start:end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None


def _time_span(index: int, timex: Timex) -> TimeSpan:
    return TimeSpan(
        id=f"t{index}",
        text=timex.text,
        start=timex.start,
        end=timex.end,
        value=timex.value,
        type=timex.type,
        start_date=timex.start_date,
        end_date=timex.end_date,
        precision=timex.precision,
    )


class TimeComponent(Component):
    """Find and normalise temporal expressions into ``doc._.times``."""

    name = "times"
    reads = ("spacy", "article")
    writes = ("times",)

    def __call__(self, doc: Doc) -> Doc:
        article: Article = doc._.article
        reference = article.published
        found = [self._normalise(doc, cand, reference) for cand in detect(doc.text)]
        timexes = quarter_anaphora(found, doc.text)
        doc._.times = [_time_span(i, t) for i, t in enumerate(timexes, start=1)]
        if reference is None and any(t.value is None for t in timexes):
            message = ErrorCode.W202.format(origin=article.origin)
            doc._.errors.append(DocError("W202", message, origin=article.origin, stage=self.name))
        return doc

    @staticmethod
    def _normalise(doc: Doc, cand: Candidate, reference: date | None) -> Timex:
        return normalise(
            cand, reference=reference, direction=direction_of(doc, cand.start, cand.end)
        )
