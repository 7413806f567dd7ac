"""Event detection: candidates (trigger, type, mode, confidence) proposed per sentence.

The shipped coder, :class:`LexiconCoder`, matches lemmas of verbs and eventive nouns against
``ontology/data/triggers.jsonl`` (with required nearby lemmas such as the particle of "call
for" or the object of "open fire"). Another coder (a sentence-embedding classifier, say) only
has to implement :class:`EventCoder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Span, Token

from ..ontology.loader import Ontology, Trigger

__all__ = ["NON_EVENT_ENTITIES", "Candidate", "EventCoder", "LexiconCoder"]

SKIP_POS = frozenset(
    {"DET", "PRON", "ADP", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART", "SPACE", "SYM"}
)
# entity labels that are never an actor, a recipient or a trigger ("told reporters on Wednesday")
NON_EVENT_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
# a trigger word inside a name is part of the name: "Open Hands Relief", "Strike Force"
NAME_ENTITIES = frozenset(
    {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
)
# participles used as nouns name people, not events: "visit the wounded"
STATE_NOUNS = frozenset(
    {"wounded", "injured", "dead", "detained", "abducted", "arrested", "missing", "displaced"}
)


@dataclass
class Candidate:
    """A proposed event: a trigger token coded with a type, mode and confidence."""

    token: Token
    type: str
    confidence: float
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    reason: str = ""
    entry: Trigger | None = None
    extra_tokens: list[Token] = field(default_factory=list)  # the "fire" of "open fire"
    absorbed_by: Candidate | None = None
    complements: list[Candidate] = field(default_factory=list)
    obligation: bool = False  # "X said Y must ...": a request by the speaker to Y


class EventCoder(Protocol):
    """Proposes event candidates for one sentence."""

    def candidates(self, sent: Span) -> list[Candidate]: ...


class LexiconCoder:
    """Codes clauses by looking up trigger lemmas (with their dependency constraints)."""

    def __init__(self, ontology: Ontology) -> None:
        self.index = ontology.triggers_by_lemma()

    def candidates(self, sent: Span) -> list[Candidate]:
        out = []
        for token in sent:
            if token.pos_ in SKIP_POS or token.ent_type_ in NON_EVENT_ENTITIES | NAME_ENTITIES:
                continue  # "March" in a date is no march
            if _is_state_noun(token) or _in_a_proper_name(token):
                continue
            hit = self._match(token)
            if hit is not None:
                out.append(hit)
        return out

    def _match(self, token: Token) -> Candidate | None:
        lemma = token.lemma_.lower()
        entries = self.index.get(lemma) or self.index.get(token.lower_)
        if not entries:
            return None
        near: dict[str, Token] | None = None
        for entry in entries:
            if entry.pos and not _pos_fits(entry.pos, token):
                continue
            extra: list[Token] = []
            if entry.with_ or entry.without:
                near = near if near is not None else _neighbourhood(token)
                if not all(w in near for w in entry.with_) or any(w in near for w in entry.without):
                    continue
                if token.dep_ == "relcl" and token.head.lemma_.lower() in entry.without:
                    continue  # "the first aid to arrive in the town": the aid arrives
                extra = [near[w] for w in entry.with_]
            if entry.with_dep and not any(c.dep_ in entry.with_dep for c in token.children):
                continue
            if any(c.dep_ in entry.without_dep for c in token.children):
                continue
            return Candidate(
                token=token,
                type=entry.type,
                confidence=entry.confidence,
                mode=entry.mode,
                contexts=list(entry.contexts),
                reason=f"lexicon {entry.origin} '{' '.join((entry.lemma, *entry.with_))}'",
                entry=entry,
                extra_tokens=extra,
            )
        return None


def _is_state_noun(token: Token) -> bool:
    """Return whether ``token`` is a participle used as a noun for people ("the wounded")."""
    return (
        token.lower_ in STATE_NOUNS
        and any(c.dep_ == "det" for c in token.children)
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children)
    )


def _pos_fits(pos: str, token: Token) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ == pos


def _in_a_proper_name(token: Token) -> bool:
    """Return whether ``token`` is a capitalised word of a name NER left untagged: "Open Hands
    Relief, a volunteer network, said ..." (no aid), "the Strike Force Battalion"."""
    if token.pos_ != "PROPN" or not token.is_title:
        return False
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
        return True
    return token.dep_ == "compound" and token.head.pos_ == "PROPN"


def _neighbourhood(token: Token) -> dict[str, Token]:
    """Return lemma -> token for the children, grandchildren and head of ``token``.

    Also the object of a preposition on a child: "blocked access *to* social media".
    """
    near: dict[str, Token] = {}
    for child in token.children:
        near.setdefault(child.lemma_.lower(), child)
        near.setdefault(child.lower_, child)
        for grand in child.children:
            near.setdefault(grand.lemma_.lower(), grand)
            near.setdefault(grand.lower_, grand)
            if grand.dep_ == "prep" and child.dep_ in ("dobj", "obj"):
                for pobj in grand.children:
                    if pobj.dep_ == "pobj":
                        near.setdefault(pobj.lemma_.lower(), pobj)
                        near.setdefault(pobj.lower_, pobj)
    if token.dep_ in ("compound", "amod", "nmod", "acl"):  # "a statement sent to ..."
        near.setdefault(token.head.lemma_.lower(), token.head)
    return near
