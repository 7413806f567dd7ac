"""How a MUC-4 text presents a perpetrator organisation's responsibility (slot 11).

MUC-4's PERP: ORGANIZATION CONFIDENCE is about the organisation across the whole text, not
about one event: "Police sources said the attacks could have been carried out by the Shining
Path" makes it POSSIBLE even when our event is plainly asserted. This module reads the
sentences that name an organisation and classifies how they present its responsibility, with
the cue lexicon ``data/muc4_cues.json`` (knowledge as data, not code). The decision
follows the TASKDOC tree (template-doc-part2, slot 11): claimed by the perpetrator; else an
accusation or a qualifying word (by an authority when the nearest speaker word before the cue
is an authority's);
else a possibility; else no evidence (the caller keeps its event-based label).

``document_confidence`` reads a parsed document instead: cues count only when the parse ties
them to an organisation (``wirecoder.nlp.attribution_responsibility``), and a sentence in
which "we"/"our units" carried out an incident is the perpetrator's own claim.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..nlp.attribution_responsibility import (
    Responsibility,
    claims_responsibility,
    first_person_doer,
    reports_own_act,
    responsibility_in,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ConfidenceCues",
    "document_confidence",
    "is_attempt",
    "is_attempt_on",
    "load_confidence_cues",
    "organisation_sentences",
    "self_reported",
    "text_confidence",
]

#: Sentence ends: a full stop, question or exclamation mark followed by space, or a newline pair.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n\s*\n")


@dataclass(frozen=True)
class ConfidenceCues:
    """Lower-case cue phrases by role (see ``data/muc4_cues.json``)."""

    claim: tuple[str, ...]
    claim_negation: tuple[str, ...]
    accusation: tuple[str, ...]
    possible: tuple[str, ...]
    authority: tuple[str, ...]
    incident: tuple[str, ...]
    non_authority: tuple[str, ...]
    attempted: tuple[str, ...]
    accused_subject: tuple[str, ...]
    speaker: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def load_confidence_cues() -> ConfidenceCues:
    """Return the bundled MUC-4 confidence cue lexicon."""
    text = resources.files(__package__).joinpath("data/muc4_cues.json").read_text()
    data = json.loads(text)
    roles = (
        "claim",
        "claim_negation",
        "accusation",
        "possible",
        "authority",
        "incident",
        "non_authority",
        "attempted",
        "accused_subject",
        "speaker",
    )
    missing = [r for r in roles if not isinstance(data.get(r), list)]
    if missing:
        raise ValueError(f"muc4_cues.json lacks cue list(s) {missing}")
    return ConfidenceCues(**{r: tuple(str(w).lower() for w in data[r]) for r in roles})


@functools.lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    """Return the regex of a cue phrase: word bounds; ``*`` stands for up to eight words."""
    parts = [r"(?:\S+\s+){0,8}?" if w == "*" else re.escape(w) + r"\s+" for w in phrase.split()]
    return re.compile(r"(?<!\w)" + "".join(parts)[: -len(r"\s+")] + r"(?!\w)")


def _first(sentence: str, phrases: Iterable[str]) -> int | None:
    """Return where the earliest of ``phrases`` starts in ``sentence`` (word bounds), or None."""
    starts = [m.start() for p in phrases for m in [_pattern(p).search(sentence)] if m]
    return min(starts) if starts else None


def _last(sentence: str, phrases: Iterable[str]) -> int | None:
    """Return where the last of ``phrases`` starts in ``sentence`` (word bounds), or None."""
    starts = [m.start() for p in phrases for m in _pattern(p).finditer(sentence)]
    return max(starts) if starts else None


def organisation_sentences(text: str, organisations: Iterable[str]) -> list[str]:
    """Return the lower-cased sentences of ``text`` that name one of ``organisations``."""
    names = {" ".join(o.lower().split()) for o in organisations if o.strip()}
    out = []
    for sentence in _SENTENCE_END.split(text):
        flat = " ".join(sentence.lower().split())
        if flat and _first(flat, names) is not None:
            out.append(flat)
    return out


def sentence_confidence(sentence: str, cues: ConfidenceCues) -> str | None:
    """Return the MUC-4 confidence one lower-cased sentence expresses, or None."""
    if _first(sentence, cues.claim) is not None and _first(sentence, cues.claim_negation) is None:
        return "CLAIMED OR ADMITTED"
    if _first(sentence, cues.incident) is None:
        return None  # an accusation about something else ("charged with smuggling")
    accused = _first(sentence, cues.accusation)
    if accused is not None:
        before = sentence[:accused]
        if _first(sentence[accused:], cues.accused_subject) == 0:
            # "the army is responsible for": who comes before the cue is the accused; an
            # authority accuses only as the speaker ("police said ... suspected")
            before = _speaker_part(before, cues)
        authority = _last(before, cues.authority)
        other = _last(before, cues.non_authority)
        if authority is not None and (other is None or authority > other):
            return "SUSPECTED OR ACCUSED BY AUTHORITIES"
        return "SUSPECTED OR ACCUSED"
    if _first(sentence, cues.possible) is not None:
        return "POSSIBLE"
    return None


#: Which label wins when sentences disagree: the perpetrator's own word, then accusations.
_PRECEDENCE = (
    "CLAIMED OR ADMITTED",
    "SUSPECTED OR ACCUSED BY AUTHORITIES",
    "SUSPECTED OR ACCUSED",
    "POSSIBLE",
)


def _speaker_part(before: str, cues: ConfidenceCues) -> str:
    """Return the part of ``before`` that can name a speaker, else "".

    That is up to its last speaker cue's phrase: "according to police," up to the comma,
    "police said that" up to "that", "police said the army is" up to "said" (what follows
    is the accused).
    """
    found = [m for p in cues.speaker for m in _pattern(p).finditer(before)]
    if not found:
        return ""
    last = max(found, key=lambda m: m.start())
    ends = [i for i in (before.find(",", last.end()), before.find(" that ", last.end())) if i >= 0]
    return before[: min(ends) + 1] if ends else before[: last.end()]


def text_confidence(sentences: Sequence[str], *, cues: ConfidenceCues | None = None) -> str | None:
    """Return the confidence the sentences naming an organisation express, or None."""
    cues = cues or load_confidence_cues()
    found = {sentence_confidence(s, cues) for s in sentences}
    return next((label for label in _PRECEDENCE if label in found), None)


_RESPONSIBILITY_LABEL = {
    Responsibility.ACCUSED_BY_AUTHORITIES: "SUSPECTED OR ACCUSED BY AUTHORITIES",
    Responsibility.ACCUSED: "SUSPECTED OR ACCUSED",
    Responsibility.POSSIBLE: "POSSIBLE",
}


def _organisation_tokens(sent: Span, organisations: Iterable[str]) -> set[int]:
    """Return the indices of the tokens of ``sent`` inside a mention of an organisation."""
    found: set[int] = set()
    for name in organisations:
        words = name.lower().split()
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.I)
        for match in pattern.finditer(sent.text):
            start, end = sent.start_char + match.start(), sent.start_char + match.end()
            found |= {t.i for t in sent if start <= t.idx < end}
    return found


def parsed_sentence_confidence(
    sent: Span, organisations: Iterable[str], *, cues: ConfidenceCues | None = None
) -> str | None:
    """Return the MUC-4 confidence one parsed sentence gives an organisation it names, or None.

    A claim (not negated, of responsibility or of an incident) counts anywhere in the sentence; an accusation, a
    qualifying word or a possibility only when the parse ties it to the organisation
    (``wirecoder.nlp.attribution_responsibility``), and only in a sentence about an incident.
    """
    cues = cues or load_confidence_cues()
    org = _organisation_tokens(sent, organisations)
    if not org:
        return None
    if claims_responsibility(sent, cues.incident):
        return "CLAIMED OR ADMITTED"
    if _first(" ".join(sent.text.lower().split()), cues.incident) is None:
        return None
    found = responsibility_in(sent, org)
    return _RESPONSIBILITY_LABEL[found] if found is not None else None


def document_confidence(
    doc: Doc, organisations: Sequence[str], *, cues: ConfidenceCues | None = None
) -> str | None:
    """Return the confidence a parsed document gives the organisations it names, or None.

    Besides the sentences naming an organisation, a sentence in which "we" or "our units"
    carried out an incident is the perpetrator's own claim (a communique).
    """
    cues = cues or load_confidence_cues()
    found = {parsed_sentence_confidence(s, organisations, cues=cues) for s in doc.sents}
    if any(first_person_doer(s, cues.incident) for s in doc.sents):
        found.add("CLAIMED OR ADMITTED")
    return next((label for label in _PRECEDENCE if label in found), None)


def self_reported(
    doc: Doc, organisations: Sequence[str], *, cues: ConfidenceCues | None = None
) -> bool:
    """Return True if an organisation the document names reports an act of its own.

    "The Front reports that its units attacked the barracks", "the national police informed
    the press that the national police killed ...": the perpetrator's own word, CLAIMED OR
    ADMITTED (``wirecoder.nlp.attribution_responsibility.reports_own_act``).
    """
    cues = cues or load_confidence_cues()
    for sent in doc.sents:
        for name in organisations:  # one at a time: the speaker and the doer are the same body
            org = _organisation_tokens(sent, [name])
            if org and reports_own_act(sent, org, cues.incident):
                return True
    return False


def is_attempt(sentence: str, *, cues: ConfidenceCues | None = None) -> bool:
    """Return True if an incident's sentence says it was attempted ("the bomb was defused")."""
    cues = cues or load_confidence_cues()
    return _first(" ".join(sentence.lower().split()), cues.attempted) is not None


def is_attempt_on(sent: Span, trigger: Token, *, cues: ConfidenceCues | None = None) -> bool:
    """Return True if an attempt cue of ``sent`` is in the trigger's own clause line.

    The cue's clause must govern the trigger: "a bomb exploded and a second device was
    defused" (a conjunct with its own subject) and "killed during a thwarted attack" (the cue
    modifies another word) leave the act accomplished, while "the bomb planted at the bank was
    found and defused" makes the bombing an attempt.
    """
    cues = cues or load_confidence_cues()
    flat = sent.text.lower()
    for phrase in cues.attempted:
        for match in _pattern(phrase).finditer(flat):
            cue = sent.char_span(match.start(), match.end(), alignment_mode="expand")
            if cue is not None and _linked(cue.root, trigger):
                return True
    return False


def _governors(token: Token, *, conj_only: bool) -> set[int]:
    """Return the token and its governors up to a conjunct with a subject of its own.

    With ``conj_only``, climb only through conjuncts ("found and defused" shares a subject).
    """
    found = {token.i}
    while token.head.i != token.i:
        if token.dep_ == "conj" and _has_own_subject(token):
            break
        if conj_only and token.dep_ != "conj":
            break
        token = token.head
        found.add(token.i)
    return found


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _linked(cue: Token, trigger: Token) -> bool:
    """Return True if the cue's clause governs the trigger (no conjunct of its own between)."""
    return bool(_governors(cue, conj_only=True) & _governors(trigger, conj_only=False))
