"""Counts of people killed, injured and arrested stated in a sentence."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Counts, Event

__all__ = ["attach_counts", "quantity", "sentence_counts"]

KILL_LEMMAS = frozenset({"kill", "die", "slay", "massacre", "execute", "murder", "dead", "death"})
INJURE_LEMMAS = frozenset({"wound", "injure", "hurt", "maim", "injured", "wounded"})
ARREST_LEMMAS = frozenset({"arrest", "detain", "capture", "jail", "imprison", "apprehend", "round"})
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozens": 24,
    "dozen": 12,
    "hundreds": 200,
}


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def quantity(noun: Token) -> int | None:
    if noun.pos_ == "NUM":
        return _number(noun)
    for child in noun.children:
        if child.dep_ == "nummod":
            value = _number(child)
            if value is not None:
                return value
    return None


def sentence_counts(sent: Span) -> Counts:
    """Return killed/injured/arrested counts stated in a sentence ("at least 12 were killed")."""
    counts = Counts()
    for tok in sent:
        lemma = tok.lemma_.lower()
        slot = (
            "killed"
            if lemma in KILL_LEMMAS
            else "injured"
            if lemma in INJURE_LEMMAS
            else "arrested"
            if lemma in ARREST_LEMMAS
            else None
        )
        if slot is None or getattr(counts, slot) is not None:
            continue
        patients = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
        # "12 were killed and 31 injured": a bare number as subject is a count of victims
        patients += [c for c in tok.children if c.dep_ == "nsubj" and c.like_num]
        if lemma in ("die", "dead") or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            patients += [c for c in tok.children if c.dep_ == "nsubj"] + [tok.head]
        for patient in (c for p in patients for c in (p, *p.conjuncts)):
            value = quantity(patient)
            if value is not None:
                setattr(counts, slot, value)
                break
    return counts


def attach_counts(events: list[Event], counts: Counts) -> None:
    """Give the sentence's counts to the event they describe (violent, then coercive events)."""
    preferred = {"killed": "ASSAULT", "injured": "ASSAULT", "arrested": "COERCE"}
    for name, first_choice in preferred.items():
        value = getattr(counts, name)
        if value is None:
            continue
        target = next((e for e in events if e.type == first_choice), None) or next(
            (e for e in events if e.type in ("ASSAULT", "COERCE", "PROTEST")), None
        )
        if target is not None:
            target.counts = replace(target.counts, **{name: value})
