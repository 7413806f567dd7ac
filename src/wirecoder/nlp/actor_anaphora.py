"""Anaphora: pronouns and "the group" as mentions of the most recent compatible actor.

Recency rule: he/she -> last person; it/its and "the group" -> last organisation, group or
state; they/them/their -> last plural actor; except that "they" or "it" as the subject of
what a speaker of that number says ("the aid groups said they ...", "the group said it ...")
is that speaker. An expletive "it is ..." refers to nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from .actor_drafts import DraftBook, noun_phrase
from .cues import load_cues

__all__ = ["is_group_anaphor", "resolve_anaphor"]

GROUP_KINDS = frozenset(
    {
        "organisation",
        "armed_group",
        "party",
        "igo",
        "ngo",
        "media",
        "government",
        "military",
        "police",
        "state",
    }
)
#: "the group" is not a news outlet ("a statement sent to local radio stations ... the group said")
GROUP_ANAPHOR_KINDS = frozenset({"organisation", "armed_group", "party", "igo", "ngo"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_ANAPHORS = frozenset(
    {"group", "organisation", "organization", "movement", "faction", "militia"}
)
# an adjective after "it is" that makes "it" an agent, not an expletive: "it is willing to"
STANCE_ADJECTIVES = frozenset(
    {"willing", "ready", "prepared", "determined", "committed", "opposed", "able", "keen"}
    | {"eager", "unwilling", "reluctant", "happy", "open"}
)
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "appos", "conj", "agent"}
)


def is_group_anaphor(token: Token) -> bool:
    """Return whether ``token`` is "the group" (or "the movement", "the militia", ...)."""
    return token.lemma_.lower() in GROUP_ANAPHORS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def _speaker(token: Token) -> Token | None:
    """Return the noun that reports what the pronoun ``token`` did, when their numbers agree.

    In "two aid groups said they had suspended operations" and "the group said it was holding
    the engineers" the pronoun is the speaker, not the last actor of its kind mentioned before
    (the civilians of the sentence before; the radio stations the statement was sent to),
    whether or not the speaker is an actor.
    """
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    cues = load_cues()
    if verb.head.lemma_.lower() not in cues.reporting:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    if subject.lemma_.lower() in cues.document_nouns:
        return None  # "a statement said it had targeted ...": the statement's author
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if token.lower_ in PLURAL_PRONOUNS and plural:
        return subject
    if token.lower_ in THING_PRONOUNS and not plural and subject.ent_type_ != "PERSON":
        return subject
    return None


def resolve_anaphor(book: DraftBook, token: Token) -> None:
    """Add ``token`` as a mention of the actor it refers to, if it is an argument and has one."""
    if token.dep_ not in ARGUMENT_DEPS and token.dep_ != "nsubj":
        return
    word = token.lower_
    if (
        word in THING_PRONOUNS
        and token.dep_ == "nsubj"
        and token.head.lemma_ in ("be", "seem", "appear")
        and not any(c.lower_ in STANCE_ADJECTIVES for c in token.head.children)
    ):
        return  # expletive "it is ...", but "it is willing to" is the group
    if word in PERSON_PRONOUNS:
        target = book.last(lambda d: d.kind == "person", token)
    elif word in PLURAL_PRONOUNS and (speaker := _speaker(token)) is not None:
        # "two aid groups said they had suspended operations": the speakers, or no one
        target = book.covering(speaker)
    elif (
        word in THING_PRONOUNS
        and (speaker := _speaker(token)) is not None
        and (said := book.covering(speaker)) is not None
        and said.kind in GROUP_KINDS
        and not any(c.dep_ == "poss" for c in speaker.children)
    ):
        # "the group said it was holding the engineers"; "the group's spokesman" is not "it"
        target = said
    elif word in PLURAL_PRONOUNS:
        target = book.last(lambda d: d.plural or d.kind in GROUP_KINDS, token)
    elif word in THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
        target = book.last(lambda d: d.kind in GROUP_KINDS, token)
    elif is_group_anaphor(token):
        target = book.last(lambda d: d.kind in GROUP_ANAPHOR_KINDS, token)
    else:
        return
    if target is not None:
        start = token.i if token.pos_ == "PRON" else noun_phrase(token).start
        book.add_mention(target, start, token.i + 1)
