"""Anaphora: pronouns and "the group" as mentions of the most recent compatible actor.

Recency rule: he/she -> last person; it/its and "the group" -> last organisation, group or
state; they/them/their -> last plural actor. An expletive "it is ..." refers to nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from .actor_drafts import DraftBook, noun_phrase

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
GROUP_ANAPHOR_KINDS = frozenset({"organisation", "armed_group", "party", "igo", "ngo", "media"})
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
