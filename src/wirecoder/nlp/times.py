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
from ..timex import Candidate, Timex, anchor_clock_times, detect, normalise, quarter_anaphora
from .component import Component

__all__ = ["TimeComponent", "direction_of", "verb_tense"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_AUX = {"was", "were", "had", "did", "has", "have"}
#: Verbs whose present tense looks ahead ("talks are scheduled for Monday").
_PLANNING = {"expect", "schedule", "plan", "set", "slate", "due", "intend", "hope", "aim"}
#: Verbs whose "for" names a day ahead, whatever their tense ("had been promised for Friday").
_PLANNED_FOR = _PLANNING | {"promise"}
#: Modals that look ahead ("they would meet on Saturday", "might come Tuesday") unless negated:
#: "would not comment Friday" looks back. "could" and "can" are left out: "residents could
#: hear gunfire on Tuesday" is past ability.
_MODALS = {"would", "might", "may", "should", "must"}
#: Words whose 'to' complement is planned: "planned to leave on Thursday", "is to resume
#: Tuesday", "ready to leave", "plans to meet Monday".
_INTENT_HEADS = _PLANNING | {"be", "ready", "poised", "prepare", "promise", "vow", "threaten"}
#: Verbs whose present tense reports what was said ("the ministry says Friday's raid ...").
_REPORTING = {"say", "tell", "report", "announce", "add", "confirm", "deny", "state", "claim",
              "note", "insist", "comment", "disclose", "accuse", "allege"}  # fmt: skip
#: Verbs whose past is spelled as their present, so that a VBP tag may be a past: "stocks
#: hurt the index on Friday".
_SAME_PAST = {"hit", "hurt", "cut", "shut", "set", "put", "spread", "beat", "burst", "cost",
              "let", "quit", "shed", "split", "cast", "read", "bet", "broadcast", "upset"}  # fmt: skip
#: Words just before an expression that put it ahead: "as soon as Tuesday", "ahead of the
#: weekend".
_AHEAD = ("as soon as", "as early as", "ahead of")


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above ``token`` in the parse (itself included), if any."""
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:  # spaCy builds a new Token object on each access
            return None
        token = token.head
    return None


def verb_tense(verb: Token, *, depth: int = 0) -> str | None:
    """Return "past", "future" or None (present or unknown) for a verb and its auxiliaries.

    A 'to' complement of a word of intent looks ahead ("planned to leave Thursday", "is to
    resume Tuesday"), as does one under a verb that looks ahead ("would be ready to leave");
    others stay open ("agreed to buy the line in February").
    """
    children = list(verb.children)
    auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if auxes & _FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in children)):
        return "future"
    if auxes & _PAST_AUX or verb.tag_ == "VBD":
        return "past"
    if verb.lemma_.lower() in _PLANNING:
        return "future"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if auxes & _MODALS and not any(c.dep_ == "neg" for c in children):
        return "future"
    if verb.dep_ in {"xcomp", "acl"} and any(c.tag_ == "TO" and c.dep_ == "aux" for c in children):
        head = verb.head
        above = _governing_verb(head)
        if above is not None and above.i != verb.i:
            if any(c.lower_ == "had" for c in above.children if c.dep_ in {"aux", "auxpass"}):
                return "past"  # "had been due to expire Friday"
            if head.lemma_.lower() in _INTENT_HEADS:
                return "future"
            if depth < 3 and verb_tense(above, depth=depth + 1) == "future":
                return "future"  # "would be ready to leave"; "agreed to buy in May" stays open
        elif head.lemma_.lower() in _INTENT_HEADS:
            return "future"
    return None


def _attached_to(token: Token, verb: Token) -> bool:
    """Whether ``token`` modifies ``verb`` directly: "meet Monday", "meet on Monday"."""
    if token.head.i == verb.i:
        return token.dep_ in {"npadvmod", "tmod", "advmod", "obl"}
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i == verb.i


def _planned_for(token: Token, verb: Token) -> bool:
    """Whether ``token`` is what a plan or promise is for: "a meeting had been promised for
    Friday", "talks were scheduled for Monday" (the plan is past, the day ahead)."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "for"
        and token.head.head.i == verb.i
        and verb.lemma_.lower() in _PLANNED_FOR
    )


def direction_of(doc: Doc, start: int, end: int, *, text: str | None = None) -> str | None:
    """Return the tense ("past", "future" or None) of the verb governing the text at start:end.

    What a plan or promise is for looks ahead ("had been promised for Friday"). A present
    tense that is not a reporting verb looks ahead when the expression modifies it
    directly ("the leaders meet Monday"), not through a noun ("toll rises after Monday's
    attack"). "As soon as", "as early as" and "ahead of" look ahead whatever the tense.
    """
    text = doc.text if text is None else text  # Doc.text joins every token: pass it if known
    if text[max(0, start - 16) : start].lower().rstrip().endswith(_AHEAD):
        return "future"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    tense = verb_tense(verb)
    if _planned_for(span.root, verb):
        return "future"
    if (
        tense is None
        and verb.tag_ in {"VBP", "VBZ"}
        and verb.lemma_.lower() not in _REPORTING
        and not (verb.tag_ == "VBP" and verb.lower_ in _SAME_PAST)
        and _attached_to(span.root, verb)
    ):
        return "future"
    return tense


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
        text = doc.text
        found = [self._normalise(doc, cand, reference, text) for cand in detect(text)]
        timexes = anchor_clock_times(quarter_anaphora(found, text))
        doc._.times = [_time_span(i, t) for i, t in enumerate(timexes, start=1)]
        if reference is None and any(t.value is None for t in timexes):
            message = ErrorCode.W202.format(origin=article.origin)
            doc._.errors.append(DocError("W202", message, origin=article.origin, stage=self.name))
        return doc

    @staticmethod
    def _normalise(doc: Doc, cand: Candidate, reference: date | None, text: str) -> Timex:
        direction = direction_of(doc, cand.start, cand.end, text=text)
        return normalise(cand, reference=reference, direction=direction)
