"""How a sentence presents an organisation's responsibility for an act, read from the parse.

"The police blamed the Front for the bombing" accuses the Front, and an authority accuses it;
"the arrested men are suspected of the bombing" says nothing about the Front even when the
Front is named elsewhere in the sentence. A cue counts only when the organisation is tied to
it through the dependency parse: the organisation lies in the subtree of the cue's clause
(the verb itself, or the word an adverb or adjective modifies) and outside the phrase of the
speaker. The speaker of an accusation is the subject of the accusing verb, the agent of a
passive one, the subject of a reporting verb above it, or "according to X"; it is an
authority when its phrase holds an authority word (``responsibility`` in ``data/cues.json``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from enum import StrEnum

from spacy.tokens import Span, Token

from .cues import CueLexicon, load_cues

__all__ = [
    "Responsibility",
    "claims_responsibility",
    "first_person_doer",
    "reports_own_act",
    "responsibility_in",
]


class Responsibility(StrEnum):
    """How a sentence presents an organisation's part in an act."""

    ACCUSED_BY_AUTHORITIES = "accused_by_authorities"
    ACCUSED = "accused"
    POSSIBLE = "possible"


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Parts of speech of a clause's verb.
_VERBAL = frozenset({"VERB", "AUX"})


def _anchor(cue: Token) -> Token:
    """Return the clause word a cue qualifies: itself for a verb, else its head."""
    if cue.pos_ in _VERBAL and cue.dep_ not in ("amod", "advmod", "aux"):
        return cue
    if cue.dep_ in ("acomp", "oprd") and cue.head.pos_ in _VERBAL:
        return cue.head  # "X is responsible", "hold X responsible"
    return cue.head if cue.dep_ in ("amod", "advmod", "aux") else cue


def _is_passive(verb: Token) -> bool:
    """Return True for a passive or participial accusation ("X was blamed", "men suspected of")."""
    deps = {c.dep_ for c in verb.children}
    has_aux = any(c.dep_ == "aux" for c in verb.children)
    raising = any(c.dep_ == "xcomp" for c in verb.children)  # "X believed to be members of"
    return (
        bool(deps & {"auxpass", "nsubjpass"})
        or verb.dep_ == "acl"
        or raising
        or (verb.tag_ == "VBN" and not has_aux)
    )


def _subject(verb: Token) -> Token | None:
    """Return the subject of a verb, or of the first verb of its conjunction."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head


def _speaker(cue: Token, anchor: Token, sent: Span, cues: CueLexicon) -> Token | None:
    """Return the head word of who makes an accusation, or None when the sentence does not say.

    The subject of an active accusing verb ("the police blamed X"), the agent of a passive one,
    else the subject of the nearest reporting verb above the cue, else "according to X".
    """
    if cue.pos_ in _VERBAL and cue is anchor:
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if not _is_passive(cue):
            return _subject(cue)
    holder = anchor.head
    if (
        anchor.dep_ == "dobj"
        and holder.pos_ in _VERBAL
        and holder.lemma_.lower() not in cues.reporting
    ):
        return _subject(holder)  # "the police hold X responsible"
    for node in (anchor, *anchor.ancestors):
        if node is not cue and node.lemma_.lower() in cues.reporting:
            return _subject(node)
    for token in sent[:-1]:
        if f"{token.lower_} {token.nbor().lower_}" in cues.according_to:
            return next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
    return None


def _speaker_words(speaker: Token) -> list[str]:
    """Return the words that say what the speaker is: its head and the words naming it."""
    kept = ("compound", "amod", "appos", "nmod")
    return [speaker.lower_, *(c.lower_ for c in speaker.children if c.dep_ in kept)]


def _is_authority(speaker: Token | None, cues: CueLexicon) -> bool:
    if speaker is None:
        return False
    words = set(_speaker_words(speaker))
    authority = cues.responsibility.authority_words | cues.source_kinds["official"]
    return bool(words & authority) and not (words & cues.responsibility.non_authority_words)


def _accusation_cues(sent: Span, cues: CueLexicon) -> Iterator[Token]:
    words = cues.responsibility
    for token in sent:
        verb = token.lemma_.lower() in words.accusation_verbs and token.pos_ in _VERBAL
        if verb or token.lower_ in words.accusation_words:
            yield token


def _possibility_cues(sent: Span, cues: CueLexicon) -> Iterator[Token]:
    words = cues.responsibility
    for token in sent:
        if token.lower_ in words.possibility_words:
            if token.pos_ != "ADJ" or token.dep_ == "amod" or token.head.lemma_ == "be":
                yield token  # "it is possible that", "a possible link"; not "made it possible"
        elif token.lower_ in words.possibility_modals and token.dep_ == "aux":
            if any(s.lower_ == "have" for s in token.head.children if s.dep_ == "aux"):
                yield token  # "could have been carried out": a possibility about the past
        elif token.lemma_.lower() in words.rule_out_verbs and _negated(token):
            yield token


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _negated_speaker(speaker: Token | None, cues: CueLexicon) -> bool:
    """Return True for "no government has blamed ...", "nobody claimed": a speaker that is nobody."""
    if speaker is None:
        return False
    return speaker.lower_ in cues.negation_pronouns or any(
        c.dep_ == "det" and c.lower_ in cues.negation_determiners for c in speaker.children
    )


def _is_modal_or_future(verb: Token, cues: CueLexicon) -> bool:
    modals = cues.hypothetical_modals | cues.future_modals
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def _tied(anchor: Token, org: Collection[int], *, outside: Collection[int] = ()) -> bool:
    """Return True if an organisation token is in the anchor's subtree, outside ``outside``."""
    return any(t.i in org and t.i not in outside for t in anchor.subtree)


def responsibility_in(
    sent: Span, org: Collection[int], *, cues: CueLexicon | None = None
) -> Responsibility | None:
    """Return how ``sent`` presents the organisation at token indices ``org``, or None.

    An accusation or hedge tied to the organisation wins over a possibility tied to it.
    """
    cues = cues or load_cues()
    for cue in _accusation_cues(sent, cues):
        anchor = _anchor(cue)
        speaker = _speaker(cue, anchor, sent, cues)
        outside = {t.i for t in speaker.subtree} if speaker is not None else set()
        if (
            _negated(cue)
            or _negated_speaker(speaker, cues)
            or not _tied(anchor, org, outside=outside)
        ):
            continue
        if _is_authority(speaker, cues):
            return Responsibility.ACCUSED_BY_AUTHORITIES
        return Responsibility.ACCUSED
    for cue in _possibility_cues(sent, cues):
        if _tied(_anchor(cue), org):
            return Responsibility.POSSIBLE
    return None


def claims_responsibility(
    sent: Span, incident_words: Collection[str], *, cues: CueLexicon | None = None
) -> bool:
    """Return True if someone in ``sent`` claims an act as its own (not negated, not "nobody").

    "claimed responsibility for", "took credit for", "claimed the bombing", "admitted that it
    set off the bomb": a claim verb whose object is a responsibility noun or an incident, or
    whose complement clause has the claimer (a pronoun) as the doer of an incident. "The army
    claimed that the mayor was killed by rebels" is a report, not a claim.
    """
    cues = cues or load_cues()
    for verb in sent:
        lemma = verb.lemma_.lower()
        claim = cues.reporting.get(lemma) == "claim"
        if not (claim or lemma in cues.responsibility_verbs) or verb.pos_ not in _VERBAL:
            continue
        if _negated(verb) or _negated_speaker(_subject(verb), cues):
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
        if any(o.lower_ in cues.responsibility_nouns for o in objects):
            return True
        if claim and any(o.lower_ in incident_words for o in objects if o.dep_ == "dobj"):
            return True
        if claim and any(_self_done(c, incident_words, cues) for c in verb.children):
            return True
    return False


def _self_done(clause: Token, incident_words: Collection[str], cues: CueLexicon) -> bool:
    """Return True for a complement "(that) it/they/we carried out the attack"."""
    if clause.dep_ != "ccomp" or clause.lower_ not in incident_words or _is_passive(clause):
        return False
    pronouns = cues.first_person | cues.collective_singular | cues.collective_plural
    subject = _subject(clause)
    return subject is not None and subject.lower_ in pronouns


def first_person_doer(
    sent: Span, verbs: Collection[str], *, cues: CueLexicon | None = None
) -> bool:
    """Return True if the sentence says "we"/"our units" did one of ``verbs`` (a self-report)."""
    cues = cues or load_cues()
    for token in sent:
        if token.lower_ not in verbs or _negated(token) or _is_modal_or_future(token, cues):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            words = {subject.lower_} | {c.lower_ for c in subject.children if c.dep_ == "poss"}
            if words & cues.first_person:
                return True
    return False


def reports_own_act(
    sent: Span,
    org: Collection[int],
    incident_words: Collection[str],
    *,
    cues: CueLexicon | None = None,
) -> bool:
    """Return True if an organisation reports an act of its own: its self-report, a claim.

    The organisation (tokens ``org``) is in the subject of a neutral reporting verb ("the
    Front reports", "Radio Liberty, the Front's radio station, said", "the national police
    informed the press") whose complement has an incident done by that organisation: named
    again ("... that the national police killed"), in the first person ("our units"), or a
    member word the speaker's own words are affiliated with ("the Front said its commandos",
    "the army reported that troops ambushed"; ``self_reference.affiliation``). "Police said
    the rebels attacked" reports another's act and is no self-report.
    """
    cues = cues or load_cues()
    negations = cues.negation_words | cues.negation_pronouns
    for verb in sent:
        if cues.reporting.get(verb.lemma_.lower()) != "neutral" or verb.pos_ not in _VERBAL:
            continue
        speaker = _subject(verb)
        if speaker is None or _negated(verb) or not _tied(speaker, org):
            continue
        # the speaker's own words, and its appositive's ("Radio Liberty, the Front's station")
        heads = [speaker, *(c for c in speaker.children if c.dep_ == "appos")]
        speaker_words = {h.lemma_.lower() for h in heads} | {
            c.lemma_.lower()
            for h in heads
            for c in h.children
            if c.dep_ in ("compound", "amod", "poss")
        }
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if _negated(clause) or _is_modal_or_future(clause, cues):
                continue
            if any(t.lower_ in negations for t in clause.subtree):
                continue  # "none of their members had anything to do with it"
            acts = [clause, *(c for c in clause.children if c.dep_ in ("dobj", "xcomp"))]
            if not any(t.lower_ in incident_words for t in acts):
                continue  # the act is the clause's own ("attacked", "staged attacks")
            doer = _doer(clause)
            if doer is not None and _same_side(doer, speaker_words, org, cues):
                return True
    return False


def _doer(clause: Token) -> Token | None:
    """Return who does the act of a clause: its active subject or its passive agent."""
    agent = next((c for c in clause.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    subject = _subject(clause)
    return None if subject is None or subject.dep_ == "nsubjpass" else subject


def _same_side(
    doer: Token, speaker_words: Collection[str], org: Collection[int], cues: CueLexicon
) -> bool:
    """Return True if the doer is the speaking organisation or one of its own members."""
    if any(t.i in org for t in doer.subtree):
        return True
    words = {doer.lower_, *(c.lower_ for c in doer.children if c.dep_ == "poss")}
    if words & cues.first_person:
        return True
    named = [
        c
        for c in doer.children
        if c.dep_ in ("amod", "compound") and (c.ent_type_ or c.pos_ == "PROPN")
    ]
    if named or doer.pos_ == "PROPN":
        return False  # "Salvadoran troops", "the Andean Front": someone named, not the speaker
    lemma = doer.lemma_.lower()
    return any(lemma in cues.affiliation[w] for w in speaker_words if w in cues.affiliation)
