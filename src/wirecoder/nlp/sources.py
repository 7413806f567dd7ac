"""Sources of attribution: the phrase that speaks, its kind, and whether it speaks of itself.

Helpers of :mod:`wirecoder.nlp.modality`; the words they use come from the cue lexicon
(``data/cues.json``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import CueLexicon, is_group_name, load_cues
from .event_syntax import speech_act_head

__all__ = [
    "antecedent_source",
    "is_self_reference",
    "phrase_span",
    "source_kind",
    "subject_span",
]


# --- source phrases ------------------------------------------------------------------------------------

_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc"})
_RELATIVE = frozenset({"who", "which", "that"})


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
    """Return who speaks through ``verb``: its subject, the agent of a passive, or inherited.

    Of two subjects the parser gives one verb, the nearer speaks: in "25 people were injured,
    eight of them policemen, when ..., health and security officials said" the parser makes
    "policemen" a subject of "said" too.
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        clause = verb if verb.dep_ != "conj" else verb.head
        if child.lower_ in _RELATIVE and clause.dep_ == "relcl":
            return phrase_span(clause.head)  # "a security source, who said ..."
        return phrase_span(child)
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return phrase_span(obj)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return subject_span(_speaker_clause(verb, cues), cues)
    if verb.dep_ in ("advcl", "pcomp", "xcomp", "acl") and verb.head.i != verb.i:
        return _quote_object(verb, cues) or subject_span(verb.head, cues)
    if verb.dep_ == "ROOT" and (stray := _stray_subject(verb)) is not None:
        return phrase_span(stray)
    return None


def _stray_subject(verb: Token) -> Token | None:
    """Return the noun phrase just before a subjectless verb that the parser hung elsewhere.

    "In an audio message shared on Wednesday, a man who identified himself as a commander
    said ...": the parser makes "a man" an apposition of "Wednesday" and leaves "said"
    without a subject; the phrase that ends right before the verb, after a comma, speaks.
    """
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.dep_ != "appos" or token.pos_ not in ("NOUN", "PROPN"):
            continue
        before = token.left_edge.i - 1
        if (
            max(t.i for t in token.subtree) == verb.i - 1
            and before >= verb.sent.start
            and verb.doc[before].is_punct
        ):
            return token
    return None


def _speaker_clause(verb: Token, cues: CueLexicon) -> Token:
    """Return the verb whose subject a conjoined reporting verb shares: the reporting verb
    whose speaker makes it (:func:`~wirecoder.nlp.event_syntax.speech_act_head`), else the
    verb it is conjoined to."""
    return speech_act_head(verb, cues.reporting) or verb.head


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
    root = span.root
    if head in cues.document_nouns:  # "a statement from the regional governor": the governor
        for prep in root.children:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of") and obj is not None:
                return source_kind(phrase_span(obj), cues=cues)
    # a person named in the phrase's head or its apposition, not "an officer in Goma"
    heads = {root.i, *(c.i for c in root.children if c.dep_ == "appos")}
    # a phrase the parser split ("the mayor of Bangassou, Rose Ndakala", both hung on an
    # earlier noun): each of its roots is a head
    heads |= {t.i for t in span if not span.start <= t.head.i < span.end}
    persons = any(
        e.label_.lower() in cues.person_labels
        and any(e.start <= i < e.end for i in heads)
        and not is_group_name(e)
        for e in span.ents
    )
    kinds = cues.source_kinds
    # "news agency", "state television", "Reuters"; not a name like "Press Freedom Alliance"
    common = {w for t in span if t.pos_ != "PROPN" for w in (t.lower_, t.lemma_.lower())}
    named = words & kinds["media"] and head not in kinds["organisation"]  # "Radio Sahel"
    if head in kinds["media"] or common & kinds["media"] or named:
        return "media"
    if head in kinds["witness"]:
        return "witness"
    if head in kinds["unnamed_source"]:
        return "unnamed_source"
    official = bool(words & kinds["official"])
    if not persons and root.pos_ == "PROPN":  # "Taras Hnatyuk, a spokesman", name mis-tagged
        persons = any(
            c.dep_ == "appos" and c.lemma_.lower() in kinds["official"] for c in root.children
        )
    if head in kinds["organisation"] and not official and not persons:
        return "organisation"  # "Niger's defence ministry", whatever NER made of "Niger"
    if persons:
        if official:
            return "named_official"
        return "witness" if _describes_witness(span.root, cues) else "named_person"
    if head in kinds["official"]:
        return "unnamed_official"
    if head in kinds["organisation"] or any(
        e.label_.lower() in cues.organisation_labels for e in span.ents
    ):
        return "organisation"
    if official:
        return "unnamed_official"
    if span.root.pos_ == "PROPN":
        return "organisation"
    # "a man who identified himself as a spokesman for the group"
    relcl = {t.lemma_.lower() for c in root.children if c.dep_ == "relcl" for t in c.subtree}
    return "unnamed_official" if relcl & kinds["official"] else "unknown"


def antecedent_source(pronoun: Span, cues: CueLexicon, *, sentences: int = 3) -> Span | None:
    """Return who "he/she/they" in "He said ..." is: the last earlier speaker of like number.

    Speakers are the subjects of reporting verbs in the pronoun's sentence before it and in the
    ``sentences`` sentences before that; a pronoun speaker is skipped.
    """
    token = pronoun.root
    if len(pronoun) != 1 or token.lower_ not in cues.personal_pronouns | {"they"}:
        return None
    plural = token.lower_ == "they"
    doc, sent = token.doc, token.sent
    first = sent.start
    for _ in range(sentences):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for cue in reversed(doc[first : token.i]):
        speaker = _speaker(cue, cues)
        if speaker is None or speaker.end > token.i or speaker.root.pos_ == "PRON":
            continue
        if len(speaker) <= _MAX_SPEAKER and (speaker.root.tag_ in ("NNS", "NNPS")) == plural:
            return speaker
    return None


#: Longer "speakers" are misparsed clauses, not noun phrases.
_MAX_SPEAKER = 15


def _speaker(cue: Token, cues: CueLexicon) -> Span | None:
    """Return the speaker of a reporting verb or of "according to X", else None."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        return phrase_span(obj) if obj is not None else None
    if cue.pos_ == "VERB" and cue.lemma_.lower() in cues.reporting:
        return subject_span(cue, cues)
    return None


def _describes_witness(head: Token, cues: CueLexicon) -> bool:
    """Return True for "X, who sells fabric in the market" or "X, a resident of Y"."""
    for child in head.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in cues.witness_verbs:
            return True
        if child.dep_ == "appos" and child.lemma_.lower() in cues.source_kinds["witness"]:
            return True
    return False


def is_self_reference(agent: Token, source: Span, kind: str, cues: CueLexicon) -> bool:
    """Return True when ``agent`` (or its possessor) refers to the source itself."""
    words = [agent.lower_, *(c.lower_ for c in agent.children if c.dep_ == "poss")]
    if any(w in cues.first_person for w in words):
        return True
    plural = source.root.tag_ in ("NNS", "NNPS")
    speaks_for_body = kind in ("organisation", "unnamed_official", "named_official", "unknown")
    if source.root.lower_ in cues.personal_pronouns:  # "'They fired into the crowd,' he said"
        speaks_for_body = False
    if any(w in cues.collective_singular for w in words):  # "it", "its": a body, not people
        # "The Highland Forces said it ...": a plural name is one body; a name NER took for a
        # person ("The Liptako Vanguard ... saying it had") is not spoken of as "it" either
        if source.root.tag_ != "NNS" and (speaks_for_body or kind == "named_person"):
            return True
        if agent.pos_ == "PRON":
            return False
        # "its officers" of a body the tagger took for a plural ("police"): by the words below
    if any(w in cues.collective_plural for w in words):
        return plural or speaks_for_body
    if any(w in cues.personal_pronouns for w in words):
        return not plural and kind in ("named_official", "named_person", "unnamed_official")
    lemma = agent.lemma_.lower()
    source_words = {t.lemma_.lower() for t in source}
    # "Police said officers ...", not "The army said Russian forces ..."
    named = {  # a named modifier ("Russian", "Afghan") must be the source's own
        c.lemma_.lower()
        for c in agent.children
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ or c.pos_ == "PROPN")
    }
    if agent.pos_ == "PROPN" or not named <= source_words:
        return False
    return any(lemma in cues.affiliation[w] for w in source_words if w in cues.affiliation)
