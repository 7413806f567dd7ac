"""Events: PLOVER-coded clauses from the trigger lexicon and the dependency parse.

For each sentence a *coder* proposes candidates (a trigger token with a type, a mode and a
confidence). The shipped coder, :class:`LexiconCoder`, matches lemmas of verbs and eventive
nouns against ``ontology/data/triggers.jsonl`` (with required nearby lemmas such as the
particle of "call for" or the object of "open fire"). Another coder (a sentence-embedding
classifier, say) only has to implement :class:`EventCoder`.

Candidates are then folded along the parse:

* a *governing* trigger ("threaten", "demand", "refuse", "agree", "accuse") absorbs the events
  of its complement ("threatened to attack" is THREATEN, mode from ``complement_modes``);
  under ACCUSE the inner event is kept with a lower confidence;
* a noun trigger that is an argument of a verb trigger of the same type gives it its mode
  ("a suicide bomber attacked" -> ASSAULT suicide-attack); of another type, it is dropped;
* a cooperative act under "will/would" becomes AGREE, a negated one REJECT, a conflictual one
  under "will/would" THREATEN (``intent_types`` in ``plover.json``).

Clauses with no lexicon match yield no event: there is no default code.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..ontology.loader import Ontology, Trigger, load_ontology
from ..records import Actor, Argument, Counts, Event, Mention, Place, TextSpan
from .actor_dictionary import load_actor_dictionary
from .component import Component

__all__ = ["Candidate", "EventCoder", "EventComponent", "LexiconCoder"]

log = logging.getLogger(__name__)

SKIP_POS = frozenset(
    {"DET", "PRON", "ADP", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART", "SPACE", "SYM"}
)
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "pobj"})
SUBORDINATE_FACTOR = 0.85
OBLIGATION = frozenset({"must"})
MODALS = frozenset({"will", "would", "shall", "'ll", "could", "may", "might"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# "in" is left out: "arrested in Kano" gives a place, not a recipient (see _located_recipients)
RECIPIENT_PREPS = frozenset(
    {"with", "on", "against", "to", "at", "into", "toward", "towards", "upon"}
)
# entity labels that are never an actor, a recipient or a trigger ("told reporters on Wednesday")
NON_EVENT_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
# a trigger word inside a name is part of the name: "Open Hands Relief", "Strike Force"
NAME_ENTITIES = frozenset(
    {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
)
CALENDAR_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"today", "yesterday", "tomorrow", "tonight", "overnight", "weekend"}
)
# the subject of "a roadside bomb killed" is an instrument, not an actor
INSTRUMENT_LEMMAS = frozenset(
    {"bomb", "device", "explosive", "explosion", "blast", "shell", "rocket", "missile", "mine"}
    | {"landmine", "grenade", "mortar", "artillery", "ied", "bullet", "shelling", "sack", "bag"}
    | {"vehicle", "car", "truck", "drone"}
)
# event nouns as subjects ("a bombing killed", "US drone strikes killed"): not actors
# themselves; their modifiers may name who is behind them
EVENT_SUBJECT_NOUNS = frozenset(
    {"attack", "bombing", "explosion", "blast", "strike", "airstrike", "raid", "shelling"}
    | {"ambush", "assault", "offensive", "clash", "fighting", "fire", "gunfire", "violence"}
    | {"operation", "bombardment", "barrage", "crossfire"}
)
# verbs whose subject is the thing that went off: "the device exploded"
INSTRUMENT_VERBS = frozenset({"explode", "detonate", "blow", "go"})
# verbs whose subject is the victim: "five fighters died"
PATIENT_SUBJECT_VERBS = frozenset({"die", "perish", "drown"})
# a weapon is an event only as the doer ("a bomb ripped through") or when used ("threw a
# grenade"); "recovered rifles and a grenade launcher" reports no attack
WEAPON_NOUNS = frozenset(
    {"bomb", "grenade", "mine", "landmine", "rocket", "missile", "mortar", "device", "ied"}
)
WEAPON_USE_VERBS = frozenset(
    {"plant", "throw", "hurl", "lob", "fire", "launch", "detonate", "drop", "explode", "set"}
)
# participles used as nouns name people, not events: "visit the wounded"
STATE_NOUNS = frozenset(
    {"wounded", "injured", "dead", "detained", "abducted", "arrested", "missing", "displaced"}
)
# adjectival participles whose "subject" is the one who holds the stance: "X is opposed to Y"
STATIVE_PARTICIPLES = frozenset(
    {"opposed", "committed", "prepared", "determined", "obliged", "resolved", "ready", "willing"}
)
# a noun event after these prepositions refers back to an event, it does not report one
BACKGROUND_PREPS = frozenset(
    {"after", "since", "before", "during", "following", "amid", "despite", "until", "ahead"}
)
# "has seen repeated attacks", "frequent clashes": a series in the background, not one event
SERIES_ADJECTIVES = frozenset(
    {"repeated", "frequent", "regular", "numerous", "sporadic", "occasional", "recurrent"}
    | {"periodic", "past", "previous", "earlier", "recent", "similar"}
)
HABITUAL_ADVERBS = frozenset(
    {"rarely", "seldom", "often", "frequently", "usually", "regularly", "repeatedly", "sometimes"}
)
# verbs of perception or attitude do not lend their subject to an event noun ("saw bombings")
NON_LIGHT_VERBS = frozenset(
    {"see", "witness", "fear", "report", "condemn", "deny", "blame", "investigate", "recall"}
    | {"remember", "watch", "survive", "expect", "describe", "suffer", "experience", "avoid"}
    | {"prevent", "follow", "cover", "mark", "mourn", "say", "criticize", "criticise", "denounce"}
    | {"hear", "feel", "notice", "film", "photograph", "document", "record"}
)
CONDITION_MARKS = frozenset({"if", "unless"})
DATELINE_TOKENS = 8
SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# a resolved place after these, in the trigger's clause, is the scene of the event
SCENE_PLACE_PREPS = SCENE_PREPS | {"at", "near", "outside", "around"}
NAMED_STATE_SOURCE = (
    "state of the place named after the act (PLOVER convention: with no other target, the "
    "state concerned is the target)"
)
# attacks whose perpetrator the text does not name (PLOVER: unknown gunmen, UAF)
UNKNOWN_PERPETRATOR_TYPES = frozenset({"ASSAULT"})
UNKNOWN_SOURCE = (
    "no perpetrator named: unidentified perpetrators in the country of the scene "
    "(PLOVER convention, sector UAF)"
)
SCENE_SOURCE = (
    "scene of the event (PLOVER convention: the state where an act happens is its target)"
)
QUANTITY_NOUNS = frozenset(
    {"scores", "dozens", "hundreds", "thousands", "tens", "millions", "handful", "number"}
    | {"several", "some", "many", "most", "none", "all", "each", "both", "few", "one"}
)
# ACCUSE: the accused comes after "over/about/against", the addressee after "to"
ACCUSED_PREPS = frozenset({"over", "about", "against", "for"})
CONDITION_FACTOR = 0.7
# "the attack was carried out/committed by X": X is the doer of the event noun
PERPETRATION_VERBS = frozenset({"carry", "commit", "perpetrate", "conduct", "execute", "stage"})
# verbs whose subject is a source, not a participant ("a spokeswoman for X said")
REPORTING_LEMMAS = frozenset({"say", "report", "tell", "add", "announce", "state", "quote"})
# the lead sentences that may repeat a headline's events
HEADLINE_LEAD_SENTENCES = 3
# participles that label people by a past charge: "the men accused of ...", "suspected of"
LABEL_PARTICIPLES = frozenset({"accuse", "suspect", "charge", "convict", "blame", "wanted"})
# an act in a relative or reduced clause describes a participant; the main act ranks first
MODIFIER_CLAUSE_FACTOR = 0.9
NOUN_RECIPIENT_PREPS = frozenset({"on", "against", "with", "of", "to", "for"})
LINK_PREPS = frozenset({"by", "from", "of", "for", "to", "with", "against", "on", "between"})
NESTED_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "dobj",
        "pobj",
        "prep",
        "acl",
        "pcomp",
        "relcl",
        "nsubj",
        "nsubjpass",
        "attr",
        "npadvmod",
        "compound",
        "amod",
        "oprd",
        "conj",
    }
)
SPEECH_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "deny", "quote"}
)
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
            if _is_state_noun(token):
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
                extra = [near[w] for w in entry.with_]
            if entry.with_dep and not any(c.dep_ in entry.with_dep for c in token.children):
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


def _neighbourhood(token: Token) -> dict[str, Token]:
    """Return lemma -> token for the children, grandchildren and head of ``token``."""
    near: dict[str, Token] = {}
    for child in token.children:
        near.setdefault(child.lemma_.lower(), child)
        near.setdefault(child.lower_, child)
        for grand in child.children:
            near.setdefault(grand.lemma_.lower(), grand)
            near.setdefault(grand.lower_, grand)
    if token.dep_ in ("compound", "amod", "nmod", "acl"):  # "a statement sent to ..."
        near.setdefault(token.head.lemma_.lower(), token.head)
    return near


# --- folding candidates along the parse ---------------------------------------------------------


def _nearest_candidate_above(token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """Return the closest ancestor candidate reached through nested clauses/arguments."""
    node = token
    while node.head.i != node.i and node.dep_ in NESTED_DEPS:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return None  # a coordinated clause is a sibling, not a complement
        node = node.head
        if node.i in by_token:
            return by_token[node.i]
        if node.lemma_ in SPEECH_LEMMAS:
            return None  # "officials said the group attacked": the complement stands alone
    return None


def _adverbial_path(token: Token, ancestor: Token) -> bool:
    """Return whether ``token`` hangs below ``ancestor`` through an adverbial clause."""
    node = token
    while node.i != ancestor.i and node.head.i != node.i:
        if (
            node.dep_ == "advcl"
            and node.pos_ in ("VERB", "AUX")
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        ):  # "after X were shot", not "sworn to fight"
            return True
        node = node.head
    return False


def fold(cands: list[Candidate], ontology: Ontology) -> list[Candidate]:
    """Return the candidates that become events, after absorption and merging."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        above = _nearest_candidate_above(cand.token, by_token)
        if above is None or above is cand:
            continue
        if above.entry is not None and above.entry.governs:
            if _adverbial_path(cand.token, above.token):
                continue  # "a strike called after drivers were shot": a separate event
            _absorb(above, cand, ontology)
        elif cand.token.dep_ != "conj" and (
            above.type == cand.type or cand.token.pos_ in ("NOUN", "PROPN")
        ):
            if above.type == cand.type and above.mode is None:
                above.mode = cand.mode
            above.confidence = max(
                above.confidence, cand.confidence if above.type == cand.type else 0
            )
            cand.absorbed_by = above
    for cand in cands:  # "were killed and 31 injured": one event, not two
        head = by_token.get(cand.token.head.i) if cand.token.dep_ == "conj" else None
        if (
            head is not None
            and head.absorbed_by is None
            and head.type == cand.type
            and cand.token.pos_ in ("VERB", "AUX")
            and not any(
                c.dep_ in SUBJECT_DEPS and _is_argument(c) for c in cand.token.children
            )  # "12 were killed and 31 injured": a bare number is the count of the same act
        ):
            cand.absorbed_by = head
    kept = [c for c in cands if c.absorbed_by is None and not _purpose(c.token)]
    verb_types = {c.type for c in kept if c.token.pos_ not in ("NOUN", "PROPN")}
    kept = [c for c in kept if not _background_noun(c, verb_types)]
    for cand in kept:
        _apply_modality(cand, ontology)
        depth = _subordination(cand.token)
        if depth:  # the main clause carries the reported event; background clauses rank lower
            cand.confidence *= SUBORDINATE_FACTOR**depth
            cand.reason += f"; in a subordinate clause (x{SUBORDINATE_FACTOR**depth:.2f})"
        if _conditional(cand.token):  # "if more attacks follow": hypothetical, ranks lower
            cand.confidence *= CONDITION_FACTOR
            cand.reason += f"; in a condition (x{CONDITION_FACTOR})"
    return kept


def _background_noun(cand: Candidate, verb_types: set[str]) -> bool:
    """Return whether a noun trigger only mentions an event instead of reporting one.

    Such nouns: a modifier of a non-event noun ("a bomb disposal unit"); a reference after
    "after/since/during ..." ("after the fighting"); a generic plural ("has rarely seen
    bombings"); a habitual one; or a repeat of a verb event of the same type in the sentence
    ("killed ... in the deadliest attack on the city"), unless the noun names its own actor.
    """
    token = cand.token
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "compound":
        return True
    if (
        token.lemma_.lower() in WEAPON_NOUNS
        and token.dep_ not in ("nsubj", "nsubjpass")
        and token.head.lemma_.lower() not in WEAPON_USE_VERBS
    ):
        return True
    actors, recipients = arguments(cand)
    if actors:
        return False
    if cand.type in verb_types:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
        return not recipients
    if any(a.dep_ == "advmod" and a.lower_ in HABITUAL_ADVERBS for a in token.head.children):
        return True
    if token.tag_ in ("NNS", "NNPS") and any(
        c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in ("several", "many"))
        for c in token.children
    ):
        return True  # "at least a dozen kidnappings since 2023": a tally, not one event
    determined = any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
    if token.tag_ not in ("NNS", "NNPS") or determined:
        return False
    if any(c.dep_ == "amod" and c.lower_ in SERIES_ADJECTIVES for c in token.children):
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in NON_LIGHT_VERBS:
        return True  # "the region has seen attacks on villages"
    return not recipients and token.dep_ in ("dobj", "pobj", "conj", "attr")


def _purpose(token: Token) -> bool:
    """Return whether ``token`` heads a purpose clause ("deployed troops to prevent ...").

    The act is a goal of another act, not something the text reports as done.
    """
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    )


def _conditional(token: Token) -> bool:
    """Return whether ``token`` sits in an "if"/"unless" clause."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children
        ):
            return True
        node = node.head
    return False


def _subordination(token: Token) -> int:
    """Return how many adverbial, relative or prepositional clauses enclose ``token``."""
    depth, node = 0, token
    while node.head.i != node.i:
        if node.dep_ in SUBORDINATE_DEPS:
            depth += 1
        node = node.head
    return depth


def _absorb(outer: Candidate, inner: Candidate, ontology: Ontology) -> None:
    table = ontology.complement_modes.get(outer.type, {})
    if outer.mode is None:
        outer.mode = table.get(inner.type, table.get("*"))
    outer.contexts += [c for c in inner.contexts if c not in outer.contexts]
    if outer.type == "ACCUSE":  # the alleged act is still reported; its status comes later
        inner.confidence *= 0.6
        inner.reason += f"; complement of '{outer.token.text}'"
    else:
        inner.absorbed_by = outer
        outer.complements.append(inner)
        outer.reason += f"; complement '{inner.token.text}' ({inner.type})"


def _apply_modality(cand: Candidate, ontology: Ontology) -> None:
    """Re-code intent and refusal: "will provide" -> AGREE, "will not accept" -> REJECT."""
    token = cand.token
    if token.pos_ not in ("VERB", "AUX"):
        return
    children = list(token.children)
    if cand.type != "REQUEST" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in children):
        table = ontology.complement_modes.get("REQUEST", {})
        cand.reason += f"; '{token.text}' under 'must' -> REQUEST"
        cand.mode = table.get(cand.type, table.get("*"))
        cand.type, cand.obligation = "REQUEST", True
        return
    negated = any(c.dep_ == "neg" for c in children)
    modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
    quad = ontology.types[cand.type].quad
    new_type = None
    if negated and quad in (1, 2) and cand.type != "REJECT":
        new_type = ontology.intent_types.get("refusal")
    elif modal and quad in (1, 2) and cand.type != "AGREE":
        new_type = ontology.intent_types.get("cooperative")
    elif modal and not negated and cand.type in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE"):
        new_type = ontology.intent_types.get("conflictual")
    if new_type and new_type != cand.type:
        table = ontology.complement_modes.get(new_type, {})
        cand.reason += f"; {'negated' if negated else 'modal'} {cand.type} -> {new_type}"
        cand.mode = table.get(cand.type, table.get("*")) if table else None
        cand.type = new_type


# --- arguments ------------------------------------------------------------------------------------


def _expand(tokens: Iterable[Token]) -> list[Token]:
    """Return the tokens with their conjuncts, numbers replaced by what they count, and no
    dates, times or bare numbers."""
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            t = _counted(t)
            if t not in out and t.pos_ not in ("VERB", "AUX") and _is_argument(t):
                out.append(t)
    return out


def _relative_head(token: Token) -> Token:
    """Return the antecedent of a relative pronoun ("the group, which attacked")."""
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _verb_subjects(verb: Token) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return _expand(agents)
    if subj:
        return _expand(_relative_head(s) for s in subj)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if any(c.dep_ == "auxpass" for c in verb.children):
        return []  # "traders feared being attacked": the inherited subject is the victim
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.i != verb.i:
        return _verb_subjects(verb.head)  # "X is willing to ...": the subject of "is"
    if (  # "X resorted to throwing stones", "X is guilty of violating the truce"
        verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and verb.head.head.pos_ in ("VERB", "AUX", "ADJ")
    ):
        return _verb_subjects(verb.head.head)
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    return []


def _speaker(verb: Token) -> list[Token]:
    """Return the subject of the speech verb above ``verb`` ("X said Y must go" -> X)."""
    node = verb
    while node.head.i != node.i and node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
        node = node.head
        if node.lemma_ in SPEECH_LEMMAS or node.dep_ == "ROOT":
            return _verb_subjects(node)
    return []


def _verb_objects(verb: Token) -> list[Token]:
    # "offered troops to X", "gave X aid": the one given to comes before the thing given
    given_to = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    given_to += [
        p
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    objs = given_to + [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in RECIPIENT_PREPS - {"to"}:
            objs += [p for p in prep.children if p.dep_ == "pobj"]
    if not objs and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs = [verb.head]  # "soldiers wounded in the attack"
    if (
        not objs
        and verb.dep_ == "xcomp"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        objs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]  # "feared being hit"
    return _expand(objs)


def _noun_arguments(noun: Token, exclude: list[Token]) -> tuple[list[Token], list[Token]]:
    actors = [
        c
        for c in noun.children
        if c.dep_ in ("poss", "compound")
        and c.pos_ in ("PROPN", "NOUN")
        and c not in exclude
        and _is_argument(c)  # not "24-hour" in "a 24-hour hunger strike"
    ]
    recipients: list[Token] = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in NOUN_RECIPIENT_PREPS | {"by"}:
            pobjs = [p for p in prep.children if p.dep_ == "pobj"]
            (actors if prep.lower_ == "by" else recipients).extend(pobjs)
    head = noun.head
    if (
        not actors
        and noun.dep_ in ("dobj", "attr")
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() not in NON_LIGHT_VERBS
    ):
        actors = _verb_subjects(head)  # light verb: "staged a protest", "launched an attack"
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "with"):
                recipients += [p for p in prep.children if p.dep_ == "pobj"]
    if not actors and noun.dep_ == "nsubjpass" and head.lemma_.lower() in PERPETRATION_VERBS:
        # "the killings were carried out by X": X did them
        actors = [p for a in head.children if a.dep_ == "agent" for p in a.children]
    return _expand(actors), _expand(recipients)


def _in_dateline(token: Token) -> bool:
    """Return whether ``token`` is the capitalised place of an opening dateline ("MOSUL, ...")."""
    if token.i >= DATELINE_TOKENS or not token.is_upper or len(token.text) <= 3:
        return False
    doc, end = token.doc, token.i
    while end < len(doc) and doc[end].is_upper:
        end += 1
    return end < len(doc) and doc[end].text == "," and all(t.is_upper for t in doc[: token.i])


def _counted(token: Token) -> Token:
    """Return what a number counts: "thousands of Kurds" -> Kurds; else the token itself."""
    if (
        token.pos_ == "NUM"
        or token.like_num
        or token.ent_type_ == "CARDINAL"
        or token.lower_ in QUANTITY_NOUNS
    ):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((p for p in prep.children if p.dep_ == "pobj"), token)
    return token


def _doers(token: Token) -> list[Token]:
    """Return who is behind an event noun used as a subject ("Israeli air strikes killed").

    Any other token is returned as it is; an event noun with no named doer gives none.
    """
    if token.lemma_.lower() not in EVENT_SUBJECT_NOUNS:
        return [token]
    return [
        c
        for c in token.children
        if (c.dep_ in ("poss", "compound") and c.pos_ == "PROPN")
        or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG"))
    ] + [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _principals(token: Token) -> list[Token]:
    """Return Y of "on behalf of Y" attached to the trigger, if any."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for behalf in prep.children:
            if behalf.lower_ == "behalf":
                return _expand(
                    p
                    for of in behalf.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for p in of.children
                    if p.dep_ == "pobj"
                )
    return []


def _is_argument(token: Token) -> bool:
    """Return whether a token can head an actor or recipient (not a date, time or number)."""
    return not (
        token.ent_type_ in NON_EVENT_ENTITIES
        or _in_dateline(token)
        or token.pos_ in ("NUM", "PUNCT", "SPACE")
        or token.like_num
        or token.lower_ in CALENDAR_WORDS
    )


def arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    """Return (actor tokens, recipient tokens) of a candidate, from the dependency parse."""
    actors, recipients = _raw_arguments(cand)
    actors = _principals(cand.token) or actors  # "X signed on behalf of Y": Y acts
    actors = [d for a in actors for d in _doers(a)]
    actors, recipients = [_counted(a) for a in actors], [_counted(r) for r in recipients]
    lemma = cand.token.lemma_.lower()
    if lemma in INSTRUMENT_VERBS and not any(c.dep_ == "dobj" for c in cand.token.children):
        actors = []  # "the device exploded": what went off is not who set it off
    elif lemma in PATIENT_SUBJECT_VERBS and cand.token.pos_ in ("VERB", "AUX"):
        actors, recipients = [], actors + recipients
    actors = [a for a in actors if _is_argument(a) and a.lemma_.lower() not in INSTRUMENT_LEMMAS]
    recipients = [r for r in recipients if _is_argument(r) and r not in cand.extra_tokens]
    return actors, recipients


def _raw_arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    token = cand.token
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_arguments(token, cand.extra_tokens)
    if cand.obligation:
        return _speaker(token), _verb_subjects(token)
    if token.lower_ in STATIVE_PARTICIPLES and any(c.dep_ == "nsubjpass" for c in token.children):
        # "X is opposed to Y": the grammatical passive subject holds the stance
        holders = _expand(c for c in token.children if c.dep_ == "nsubjpass")
        others = [o for o in _verb_objects(token) if o not in holders]
        return holders, others
    actors, recipients = _verb_subjects(token), _verb_objects(token)
    if cand.entry is not None and cand.entry.inverse:
        givers = [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
        ]
        return _expand(givers), actors
    for extra in cand.extra_tokens:  # "opened fire on X": the object's own prepositions
        for prep in extra.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                recipients += _expand(p for p in prep.children if p.dep_ == "pobj")
    if cand.type == "ACCUSE":  # "complained to X over Y's raids": Y is accused, X addressed
        recipients = _accused_first(token, recipients)
    if cand.type == "RETREAT":  # "withdraw troops from X": X is who the retreat concerns
        left = [
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        recipients = _expand(left) + [r for r in recipients if r not in left]
    recipients = [r for r in recipients if r not in cand.extra_tokens and r not in actors]
    # later candidates, used when the ones before name no actor (linking decides)
    if cand.entry is not None and cand.entry.governs:
        # "demanded that the government end curbs": the one asked is the clause's subject
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        recipients += [s for c in clauses for s in _verb_subjects(c) if s not in actors]
    for inner in cand.complements:  # "threatened to attack X": X is the recipient of the threat
        recipients += [r for r in arguments(inner)[1] if r not in actors and r not in recipients]
    return actors, recipients


def _accused_first(verb: Token, recipients: list[Token]) -> list[Token]:
    accused = _expand(
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ACCUSED_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    )
    addressed = {
        p.i
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for p in c.children
    }
    rest = [r for r in recipients if r.i not in addressed and r not in accused]
    return rest + accused + [r for r in recipients if r.i in addressed]


# --- counts ---------------------------------------------------------------------------------------


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _quantity(noun: Token) -> int | None:
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
            value = _quantity(patient)
            if value is not None:
                setattr(counts, slot, value)
                break
    return counts


# --- the component --------------------------------------------------------------------------------


class EventComponent(Component):
    """Code events in every sentence into ``doc._.events`` (ids v1, v2, ...)."""

    name = "events"
    reads = ("spacy", "entities", "places", "actors")
    # the states of event scenes (PLOVER convention) are added to the document's actors
    writes = ("events", "actors.scene")

    def __init__(self, settings: Settings, *, coder: EventCoder | None = None) -> None:
        super().__init__(settings)
        self.ontology = load_ontology(settings.ontology)
        self.coder: EventCoder = coder or LexiconCoder(self.ontology)
        self.country_names = load_actor_dictionary(tuple(settings.actor_dictionaries)).country_names

    def __call__(self, doc: Doc) -> Doc:
        if doc._.actors is None:
            doc._.actors = []
        linker = _ActorLinker(doc, doc._.actors, doc._.places or [], self.country_names)
        events: list[Event] = []
        seen_types: set[str] = set()
        for sent in doc.sents:
            kept = fold(self.coder.candidates(sent), self.ontology)
            kept = [c for c in kept if not _repeated_mention(c, seen_types)]
            kept = [c for c in kept if not _names_earlier_doer(c, events, linker, seen_types)]
            seen_types |= {c.type for c in kept}
            kept = [c for c in kept if not _descriptive(c)]
            sent_events = [self._event(c, sent, linker) for c in kept]
            _attach_counts(sent_events, sentence_counts(sent))
            events += sent_events
        coded = _without_headline_repeats(doc, events)
        for dropped in (e for e in events if not any(e is k for k in coded)):
            self._give_mode(dropped, coded)
        events = coded
        for n, event in enumerate(events, start=1):
            event.id = f"v{n}"
        used = {a.actor for e in events for a in e.actor}
        doc._.actors = [a for a in doc._.actors if a.source != UNKNOWN_SOURCE or a.id in used]
        doc._.events = events
        return doc

    def _give_mode(self, headline: Event, events: list[Event]) -> None:
        """Give a dropped headline event's mode to the lead's event of its type, if it has none."""
        lead = next((e for e in events if e.type == headline.type), None)
        if lead is not None and lead.mode is None and headline.mode is not None:
            lead.mode = headline.mode
            lead.codes = self.ontology.codes(lead.type, lead.mode)
            lead.reason = (
                lead.reason or ""
            ) + f"; mode from the headline '{headline.trigger.text}'"

    def _event(self, cand: Candidate, sent: Span, linker: _ActorLinker) -> Event:
        actor_toks, recipient_toks = arguments(cand)
        actors = _prefer_linked([linker.argument(t) for t in actor_toks])
        recipients = _prefer_linked([linker.argument(t) for t in recipient_toks])
        # the state of the scene fills an empty slot; it is no evidence that this is an event
        confidence = cand.confidence * (1.0 if actors or recipients else 0.85)
        if cand.token.dep_ in ("relcl", "acl"):  # "a letter handed over to X": a description
            confidence *= MODIFIER_CLAUSE_FACTOR
        trigger = _trigger_span(cand)
        if not actors and cand.type in UNKNOWN_PERPETRATOR_TYPES:
            actors = _unknown_perpetrator(cand, sent, trigger, linker)
        if not any(r.actor for r in recipients):
            # the phrase of an unlinked target ("a market") stays, after the state
            recipients = _state_recipient(cand, sent, actors, linker) + recipients
        return Event(
            id="",
            type=cand.type,
            mode=cand.mode,
            trigger=TextSpan(trigger.text, trigger.start_char, trigger.end_char),
            sentence=Mention(sent.start_char, sent.end_char),
            contexts=list(dict.fromkeys(cand.contexts)),
            actor=actors,
            recipient=[
                r for r in recipients if r.actor is None or r.actor not in {a.actor for a in actors}
            ],
            codes=self.ontology.codes(cand.type, cand.mode),
            confidence=round(min(1.0, confidence), 3),
            reason=cand.reason,
        )


def _unknown_perpetrator(
    cand: Candidate, sent: Span, trigger: Span, linker: _ActorLinker
) -> list[Argument]:
    """Return unidentified attackers (UAF) in the scene's country for an attack with no actor.

    PLOVER codes "a roadside bomb near X killed two soldiers" with an unknown-gunmen actor of
    X's country. Only a resolved place where the act happens counts; the argument's text is
    the trigger, since nothing else in the text names the perpetrator.
    """
    scene = linker.scene_place(cand.token, sent)
    if scene is None or not scene.country:
        return []
    return [linker.unknown_actor(scene.country, trigger)]


def _state_recipient(
    cand: Candidate, sent: Span, actors: list[Argument], linker: _ActorLinker
) -> list[Argument]:
    """Return the state an act with no named recipient is aimed at (PLOVER convention).

    In order: a country after "in" ("opened an embassy in X"), a country or a resolved place
    where the act happens ("rioted in Kirkuk" -> Iraq), the first place named after the trigger
    in another country than the actor's ("agreed to send aid for X").
    """
    located = [linker.argument(t) for t in _located_recipients(cand.token)]
    located += [linker.argument(t) for t in _scene_countries(cand.token)]
    located = [r for r in located if r.actor and linker.is_state(r.actor)]
    if located:
        return located[:1]
    if (scene := linker.scene_place(cand.token, sent)) is not None:
        return [linker.scene_state(scene, source=SCENE_SOURCE)]
    if (named := linker.later_place(cand.token, sent, actors)) is not None:
        return [linker.scene_state(named, source=NAMED_STATE_SOURCE)]
    return []


def _prefer_linked(args: list[Argument]) -> list[Argument]:
    """Return the arguments linked to an actor, or all of them when none is linked."""
    linked = [a for a in args if a.actor]
    return linked or args


def _located_recipients(token: Token) -> list[Token]:
    """Return the countries or cities after "in" when the verb has an object.

    "sought refuge in X", "opened an embassy in X": X is who receives the act. Without an
    object ("arrested in X", "fought in X") the place is only where it happened.
    """
    if token.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "dobj" for c in token.children):
        return []
    return [
        p
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for p in prep.children
        if p.dep_ == "pobj" and p.ent_type_ == "GPE"
    ]


def _scene_countries(token: Token) -> list[Token]:
    """Return the countries where an act with no named target happens ("rioted in X").

    PLOVER codes the state of the scene as the target of such acts; only a country named in
    the clause counts (a city is a location, not a recipient).
    """
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    found = []
    for tok in verb.subtree:  # "parties in Nepal organized a strike", "a siege in Haiti"
        if (
            tok.dep_ == "pobj"
            and tok.ent_type_ == "GPE"
            and tok.head.lower_ in SCENE_PREPS
            and _clause_verb(tok) == verb
        ):
            found.append(tok)
    return found


def _in_scene_phrase(token: Token, verb: Token) -> bool:
    """Return whether a place token is where ``verb`` happens: "rioted in X",
    "demonstrated in the northern city of X", "at a jail in X's capital Y"."""
    node, scene = token, False
    for _ in range(8):
        if node.dep_ in ("compound", "appos", "conj", "poss") and node.head.i != node.i:
            node = node.head  # "in X province", "in X, Iraq", "in X's capital"
        elif node.dep_ == "pobj" and node.head.lower_ in SCENE_PLACE_PREPS | {"of"}:
            scene = scene or node.head.lower_ != "of"
            node = node.head.head
        else:
            break
    return scene and _clause_verb(node) == verb


def _in_attribution(token: Token, trigger: Token) -> bool:
    """Return whether a token belongs to the source of the report, not to the act
    ("..., a spokeswoman for the U.S. embassy said")."""
    for node in (token, *token.ancestors):
        if node.i == trigger.i:
            return False
        if node.dep_ == "nsubj" and node.head.lemma_.lower() in REPORTING_LEMMAS:
            return True
        if node.lower_ == "according":  # "according to a U.S. official"
            return True
    return False


def _clause_verb(token: Token) -> Token:
    """Return the nearest verb above ``token`` (itself if it is one)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _repeated_mention(cand: Candidate, seen_types: set[str]) -> bool:
    """Return whether a bare definite noun ("the blast") refers back to an event coded before.

    A claim of responsibility for it is kept: it is news about the event.
    """
    token = cand.token
    if cand.type not in seen_types:
        return False
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        # "everyone detained on Wednesday", "the men who died": a reduced or relative clause
        # that describes people by an act already reported
        if token.dep_ not in ("acl", "amod", "relcl") or (
            token.dep_ == "relcl" and arguments(cand)[0]
        ):
            return False
        return token.dep_ != "relcl" or token.head.pos_ in ("NOUN", "PROPN", "PRON")
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return False
    if any(a.lemma_.lower() in ("responsibility", "claim") for a in token.ancestors):
        return False
    actors, recipients = arguments(cand)
    return not actors and not recipients


def _without_headline_repeats(doc: Doc, events: list[Event]) -> list[Event]:
    """Return the events without those of the headline that the lead reports again.

    "Bomb blast at market kills 12" then "At least 12 people were killed when ...": one
    event, coded from the lead, which says more. A headline is a first line with no final
    punctuation, followed by a line break (the parser may join it to the dateline).
    """
    text = doc.text
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0].rstrip()
    if not line or "\n" not in stripped or line[-1] in ".!?\"'”’:":
        return events
    headline_end = len(text) - len(stripped) + len(line)
    sent_ends = [s.end_char for s in doc.sents if s.end_char > headline_end]
    if not sent_ends:
        return events
    lead_end = sent_ends[min(HEADLINE_LEAD_SENTENCES, len(sent_ends)) - 1]
    lead = {e.type for e in events if headline_end <= e.trigger.start < lead_end}
    return [e for e in events if e.trigger.start >= headline_end or e.type not in lead]


def _names_earlier_doer(
    cand: Candidate, events: list[Event], linker: _ActorLinker, seen_types: set[str]
) -> bool:
    """Give the doer named for "the killings" to the earlier event it refers back to.

    "Three drivers were shot dead. ... the killings were carried out by X": X becomes the
    actor of the shooting (when it has none, or only unidentified perpetrators) and no new
    event is coded. Return whether the candidate was used up that way.
    """
    token = cand.token
    if (
        cand.type not in seen_types
        or token.pos_ not in ("NOUN", "PROPN")
        or not any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children
        )
    ):
        return False
    actors = [a for a in (linker.argument(t) for t in arguments(cand)[0]) if a.actor]
    earlier = next((e for e in reversed(events) if e.type == cand.type), None)
    if not actors or earlier is None:
        return False
    if earlier.actor and not all(linker.is_unknown(a.actor) for a in earlier.actor):
        return False
    earlier.actor = actors
    earlier.reason = (earlier.reason or "") + f"; actor from a later mention '{token.text}'"
    return True


def _descriptive(cand: Candidate) -> bool:
    """Return whether an act only describes who someone is, as background.

    "X, a federal official who attended the meeting", "one of the elders who mediated": a
    relative clause on an apposition presents a source; "fighters who rejected a deal in
    2019": a relative clause dated years back is history. Neither is news of this report.
    """
    verb = _clause_verb(cand.token)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in LABEL_PARTICIPLES:
        return True  # "the men accused of a killing in May": who they are, not a new charge
    if verb.dep_ != "relcl" or (cand.type == "ASSAULT" and _counted_victims(verb)):
        return False
    noun = verb.head
    if noun.dep_ == "appos" or (noun.dep_ == "pobj" and noun.head.head.dep_ == "appos"):
        return True
    return any(_past_year(t) for t in verb.subtree if t.ent_type_ == "DATE")


def _counted_victims(verb: Token) -> bool:
    """Return whether a clause counts victims ("whose fighting has killed 15 people")."""
    return any(c.dep_ == "dobj" and _quantity(c) is not None for c in verb.children)


def _past_year(token: Token) -> bool:
    """Return whether a date token is a year or "years ago" ("in 2019", "two years ago")."""
    return (token.like_num and len(token.text) == 4) or token.lower_ in ("ago", "years")


def _trigger_span(cand: Candidate) -> Span:
    tokens = [cand.token] + [t for t in cand.extra_tokens if abs(t.i - cand.token.i) <= 3]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    return cand.token.doc[start:end]


def _attach_counts(events: list[Event], counts: Counts) -> None:
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


_WS = re.compile(r"\s+")


class _ActorLinker:
    """Finds the actor whose mention covers an argument's head token."""

    def __init__(
        self,
        doc: Doc,
        actors: list[Actor],
        places: list[Place],
        country_names: dict[str, str],
    ) -> None:
        self.doc = doc
        self.actors = actors  # the document's list: scene states are appended to it
        self.places = [p for p in places if p.country]
        self.country_names = country_names
        self.spans = sorted(
            ((m.start, m.end, a.id) for a in actors for m in a.mentions), key=lambda s: s[1] - s[0]
        )
        self.states = {a.id for a in actors if a.kind == "state"}

    def is_state(self, actor_id: str) -> bool:
        return actor_id in self.states

    def is_unknown(self, actor_id: str | None) -> bool:
        """Return whether an actor is the unidentified perpetrators added by convention."""
        return any(a.id == actor_id and a.source == UNKNOWN_SOURCE for a in self.actors)

    def scene_place(self, token: Token, sent: Span) -> Place | None:
        """Return the resolved place after in/at/near where the trigger's clause happens."""
        verb = _clause_verb(token)
        for place in self.places:
            if not sent.start_char <= place.start < sent.end_char:
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                continue
            if _in_scene_phrase(span.root, verb):
                return place
        return None

    def later_place(self, token: Token, sent: Span, actors: list[Argument]) -> Place | None:
        """Return the first place after the trigger in a country other than the actor's."""
        own = {a.country for a in self.actors if a.id in {x.actor for x in actors}}
        for place in self.places:
            if not token.idx < place.start < sent.end_char or place.country in own:
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and not _in_attribution(span.root, token):
                return place
        return None

    def unknown_actor(self, country: str, trigger: Span) -> Argument:
        """Return an argument for unidentified perpetrators (UAF) of ``country``."""
        actor = next(
            (a for a in self.actors if a.source == UNKNOWN_SOURCE and a.country == country), None
        )
        if actor is None:
            actor = Actor(
                id=self._next_id(),
                name="unidentified perpetrators",
                kind="unknown",
                country=country,
                sectors=["UAF"],
                source=UNKNOWN_SOURCE,
            )
            self.actors.append(actor)
        return Argument(
            actor=actor.id, text=trigger.text, start=trigger.start_char, end=trigger.end_char
        )

    def _next_id(self) -> str:
        numbers = [int(a.id[1:]) for a in self.actors if a.id[1:].isdigit()]
        return f"a{max(numbers, default=0) + 1}"

    def scene_state(self, place: Place, *, source: str) -> Argument:
        """Return the state of the place's country as the recipient (PLOVER convention).

        The document's actor for that state is used when there is one; otherwise an actor is
        added, whose ``source`` says why. The argument's text is the place mention.
        """
        code = place.country or ""
        actor = next((a for a in self.actors if a.kind == "state" and a.country == code), None)
        if actor is None:
            actor = Actor(
                id=self._next_id(),
                name=self.country_names.get(code, code),
                kind="state",
                country=code,
                mentions=[Mention(place.start, place.end)],
                source=source,
            )
            self.actors.append(actor)
            self.states.add(actor.id)
        return Argument(actor=actor.id, text=place.text, start=place.start, end=place.end)

    def argument(self, token: Token) -> Argument:
        phrase = _argument_phrase(token)
        actor = self._cover(token.idx, token.idx + len(token.text))
        if actor is None:
            actor = self._overlap(phrase.start_char, phrase.end_char)
        if actor is None:  # "a request by Belarus", "aid for X", "70 tons of aid for X"
            actor = self._through_prepositions(token, depth=2)
        return Argument(actor=actor, text=phrase.text, start=phrase.start_char, end=phrase.end_char)

    def _through_prepositions(self, token: Token, *, depth: int) -> str | None:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in LINK_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or not _is_argument(pobj):
                    continue
                actor = self._overlap(pobj.left_edge.idx, pobj.idx + len(pobj.text))
                if actor is None and depth > 1:
                    actor = self._through_prepositions(pobj, depth=depth - 1)
                if actor is not None:
                    return actor
        return None

    def _cover(self, start: int, end: int) -> str | None:
        return next((aid for s, e, aid in self.spans if s <= start and end <= e), None)

    def _overlap(self, start: int, end: int) -> str | None:
        """Return the leftmost actor mentioned in the span ("the Turkish and Greek sides")."""
        hits = [(s, aid) for s, e, aid in self.spans if s < end and start < e]
        return min(hits)[1] if hits else None


def _argument_phrase(token: Token) -> Span:
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ not in ("punct", "cc"):
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod"):
            end = max(end, child.right_edge.i + 1)
    return token.doc[start:end]
