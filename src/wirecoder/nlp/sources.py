"""Sources of attribution: the phrase that speaks, its kind, and whether it speaks of itself.

Helpers of :mod:`wirecoder.nlp.modality`; the words they use come from the cue lexicon
(``data/cues.json``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import CueLexicon, load_cues

__all__ = ["is_self_reference", "phrase_span", "source_kind", "subject_span"]


# --- source phrases ------------------------------------------------------------------------------------

_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc"})


def phrase_span(head: Token) -> Span:
    """Return the noun phrase of ``head``: its subtree up to a relative clause or participle."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _CUT_DEPS and child.i > head.i:
            continue
        tokens.extend(child.subtree)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = head.doc
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def subject_span(verb: Token, cues: CueLexicon) -> Span | None:
    """Return who speaks through ``verb``: its subject, the agent of a passive, or inherited."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return phrase_span(child)
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return phrase_span(obj)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return subject_span(verb.head, cues)
    if verb.dep_ in ("advcl", "pcomp", "xcomp", "acl") and verb.head.i != verb.i:
        return _quote_object(verb, cues) or subject_span(verb.head, cues)
    return None


def _quote_object(verb: Token, cues: CueLexicon) -> Span | None:
    """Return X in "quoted X as saying", the speaker of ``verb``."""
    for anc in list(verb.ancestors)[:3]:
        if anc.lemma_.lower() in cues.quote_verbs:
            obj = next((c for c in anc.children if c.dep_ == "dobj"), None)
            return phrase_span(obj) if obj is not None else None
    return None


def source_kind(span: Span, *, cues: CueLexicon | None = None) -> str:
    """Return the kind of a source phrase (media, witness, official ...) from its words."""
    cues = cues or load_cues()
    words = {t.lower_ for t in span} | {t.lemma_.lower() for t in span}
    head = span.root.lemma_.lower()
    persons = any(e.label_.lower() in cues.person_labels for e in span.ents)
    kinds = cues.source_kinds
    if words & kinds["media"]:
        return "media"
    if head in kinds["witness"]:
        return "witness"
    if head in kinds["unnamed_source"]:
        return "unnamed_source"
    official = bool(words & kinds["official"])
    if persons:
        return "named_official" if official else "named_person"
    if head in kinds["official"]:
        return "unnamed_official"
    if head in kinds["organisation"] or any(
        e.label_.lower() in cues.organisation_labels for e in span.ents
    ):
        return "organisation"
    if official:
        return "unnamed_official"
    return "organisation" if span.root.pos_ == "PROPN" else "unknown"


def is_self_reference(agent: Token, source: Span, kind: str, cues: CueLexicon) -> bool:
    """Return True when ``agent`` (or its possessor) refers to the source itself."""
    words = [agent.lower_, *(c.lower_ for c in agent.children if c.dep_ == "poss")]
    if any(w in cues.first_person for w in words):
        return True
    plural = source.root.tag_ in ("NNS", "NNPS")
    speaks_for_body = kind in ("organisation", "unnamed_official", "named_official", "unknown")
    if any(w in cues.collective_singular for w in words):  # "it", "its": a body, not people
        return not plural and speaks_for_body
    if any(w in cues.collective_plural for w in words):
        return plural or speaks_for_body
    if any(w in cues.personal_pronouns for w in words):
        return not plural and kind in ("named_official", "named_person", "unnamed_official")
    lemma = agent.lemma_.lower()
    source_words = {t.lemma_.lower() for t in source}
    return any(lemma in cues.affiliation[w] for w in source_words if w in cues.affiliation)
