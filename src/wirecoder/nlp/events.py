"""Events: PLOVER-coded clauses from the trigger lexicon and the dependency parse.

For each sentence a *coder* proposes candidates (a trigger token with a type, a mode and a
confidence; see :mod:`.event_coder`).

Candidates are then folded along the parse:

* a *governing* trigger ("threaten", "demand", "refuse", "agree", "accuse") absorbs the events
  of its complement ("threatened to attack" is THREATEN, mode from ``complement_modes``);
  under ACCUSE the inner event is kept with a lower confidence; a commitment that the lexicon
  also lists as a threat ("vow") over a conflictual act is THREATEN ("vowed to retaliate");
* the noun of the fixed phrase "in protest (against X)" belongs to the act it explains
  ("staged a sit-in in protest against X" is one event);
* a noun trigger that is an argument of a verb trigger of the same type gives it its mode
  ("a suicide bomber attacked" -> ASSAULT suicide-attack); of another type, it is dropped;
* a cooperative act under "will/would" becomes AGREE, a negated one REJECT, a conflictual one
  under "will/would" THREATEN (``intent_types`` in ``plover.json``).

Sentences of editorial credit lines ("(Reporting by ...)", "distributed by ... syndication
service"; :mod:`.credits`) yield no event. Clauses with no lexicon match yield no event:
there is no default code. Arguments come from :mod:`.event_arguments` (with the clause
helpers of :mod:`.event_syntax`), counts from :mod:`.event_counts`, the PLOVER conventions
(scene state as target, unidentified perpetrators) from :mod:`.event_conventions` and the
filters of background mentions from :mod:`.event_precision`.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..ontology.loader import Ontology, load_ontology
from ..records import Argument, Event, Mention, TextSpan
from .actor_dictionary import load_actor_dictionary
from .component import Component
from .credits import in_credit_line
from .event_arguments import SPEECH_LEMMAS, arguments
from .event_coder import Candidate, EventCoder, LexiconCoder
from .event_conventions import (
    UNKNOWN_PERPETRATOR_TYPES,
    ActorLinker,
    merge_touching,
    prefer_linked,
    state_recipient,
    unknown_perpetrator,
    without_unused_fillers,
)
from .event_counts import attach_counts, sentence_counts
from .event_precision import (
    is_background_noun,
    is_descriptive,
    is_generic,
    is_past_habit,
    is_prediction,
    is_repeated_mention,
    names_earlier_doer,
    without_headline_repeats,
)
from .event_syntax import (
    SUBJECT_DEPS,
    is_argument,
    is_purpose_clause,
    protest_phrase_head,
    refused_act_noun,
    refused_gerund,
)

__all__ = ["Candidate", "EventCoder", "EventComponent", "LexiconCoder", "fold"]

log = logging.getLogger(__name__)

SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "pobj"})
SUBORDINATE_FACTOR = 0.85
OBLIGATION = frozenset({"must"})
MODALS = frozenset({"will", "would", "shall", "'ll", "could", "may", "might"})
CONDITION_MARKS = frozenset({"if", "unless"})
CONDITION_FACTOR = 0.7
# an act in a relative or reduced clause describes a participant; the main act ranks first
MODIFIER_CLAUSE_FACTOR = 0.9
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


def _protest_phrase_owner(token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """Return the candidate that "in protest (against X)" explains, if ``token`` is its noun."""
    head = protest_phrase_head(token)
    if head is None:
        return None
    owners = [head, *(c for c in head.children if c.dep_ in ("dobj", "attr"))]
    return next((by_token[t.i] for t in owners if t.i in by_token), None)


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
        owner = _protest_phrase_owner(cand.token, by_token)
        if owner is not None:  # "staged a sit-in in protest against X": one event, the sit-in
            cand.absorbed_by = owner
            continue
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
                c.dep_ in SUBJECT_DEPS and is_argument(c) for c in cand.token.children
            )  # "12 were killed and 31 injured": a bare number is the count of the same act
        ):
            cand.absorbed_by = head
    kept = [c for c in cands if c.absorbed_by is None and not is_purpose_clause(c.token)]
    verb_types = {c.type for c in kept if c.token.pos_ not in ("NOUN", "PROPN")}
    kept = [c for c in kept if not is_background_noun(c, verb_types)]
    for cand in kept:
        _apply_modality(cand, ontology)
        _crowd_violence(cand, ontology)
        depth = _subordination(cand.token)
        if depth:  # the main clause carries the reported event; background clauses rank lower
            cand.confidence *= SUBORDINATE_FACTOR**depth
            cand.reason += f"; in a subordinate clause (x{SUBORDINATE_FACTOR**depth:.2f})"
        if _conditional(cand.token):  # "if more attacks follow": hypothetical, ranks lower
            cand.confidence *= CONDITION_FACTOR
            cand.reason += f"; in a condition (x{CONDITION_FACTOR})"
    return kept


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
    if _vows_harm(outer, inner, ontology):  # "vowed to retaliate": a promise of harm
        outer.reason += f"; a vow of {inner.type} -> {ontology.intent_types['conflictual']}"
        outer.type = ontology.intent_types["conflictual"]
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


def _vows_harm(outer: Candidate, inner: Candidate, ontology: Ontology) -> bool:
    """Return whether a commitment frame over a conflictual act is a threat.

    Only frames that the lexicon also lists as threats ("vow", not "agree") are re-read:
    "agreed to impose sanctions" stays an agreement among those who agreed.
    """
    threat = ontology.intent_types.get("conflictual")
    return (
        outer.type == ontology.intent_types.get("cooperative")
        and inner.type in ontology.threat_under_modal
        and outer.entry is not None
        and any(
            t.lemma == outer.entry.lemma and t.type == threat and t.governs
            for t in ontology.triggers
        )
    )


def _doers(token: Token) -> list[Token]:
    """Return the subject of ``token``, or the agent of its passive ("attacked by rioters")."""
    out = [c for c in token.children if c.dep_ in ("nsubj",)]
    for agent in (c for c in token.children if c.dep_ == "agent"):
        out += [c for c in agent.children if c.dep_ == "pobj"]
    return out


def _crowd_violence(cand: Candidate, ontology: Ontology) -> None:
    """Re-code violence by protesters as PROTEST riot (``crowd_violence`` in ``plover.json``)."""
    if cand.type != "ASSAULT" or not ontology.crowd_modes:
        return
    doers = [d for d in _doers(cand.token) if d.lemma_.lower() in ontology.crowd_actors]
    if not doers:
        return
    modes = ontology.crowd_modes
    cand.reason += f"; ASSAULT by '{doers[0].text}' -> PROTEST (crowd_violence)"
    cand.type, cand.mode = "PROTEST", modes.get(cand.mode or "", modes.get("*"))


def _apply_modality(cand: Candidate, ontology: Ontology) -> None:
    """Re-code intent and refusal: "will provide" -> AGREE, "will not accept" -> REJECT."""
    token = cand.token
    quad = ontology.types[cand.type].quad
    refusal = ontology.intent_types.get("refusal")
    if refused_gerund(token):  # "has ruled out paying ransoms"
        _recode(cand, ontology, refusal, f"'{token.text}' ruled out by '{token.head.text}'")
        return
    if refused_act_noun(token) and quad in (1, 2):  # "there would be no negotiations"
        _recode(cand, ontology, refusal, f"'no {token.text}' under '{token.head.text}'")
        return
    # "X must be ready to mediate": the obligation sits on the copula
    stance = token.pos_ == "ADJ" and token.dep_ == "acomp"
    if token.pos_ not in ("VERB", "AUX") and not stance:
        return
    children = list(token.head.children if stance else token.children)
    if cand.type != "REQUEST" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in children):
        table = ontology.complement_modes.get("REQUEST", {})
        cand.reason += f"; '{token.text}' under 'must' -> REQUEST"
        cand.mode = table.get(cand.type, table.get("*"))
        cand.type, cand.obligation = "REQUEST", True
        return
    if stance:
        return  # other modal readings of a stance adjective stay with the lexicon
    negated = any(c.dep_ == "neg" for c in children)
    # a modal perfect guesses at the past, it states no intent: "may have been abducted by
    # the raiders", "could have provided weapons"
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)
    modal = not perfect and any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
    new_type = None
    if negated and quad in (1, 2) and cand.type != "REJECT":
        new_type = ontology.intent_types.get("refusal")
    elif modal and quad in (1, 2) and cand.type != "AGREE":
        new_type = ontology.intent_types.get("cooperative")
    elif modal and not negated and cand.type in ontology.threat_under_modal:
        new_type = ontology.intent_types.get("conflictual")
    _recode(cand, ontology, new_type, "negated" if negated else "modal")


def _recode(cand: Candidate, ontology: Ontology, new_type: str | None, why: str) -> None:
    """Give ``cand`` the intent type ``new_type`` (if any, and another), with the mode its old
    type maps to (``complement_modes``) and the reason."""
    if not new_type or new_type == cand.type:
        return
    table = ontology.complement_modes.get(new_type, {})
    cand.reason += f"; {why} {cand.type} -> {new_type}"
    cand.mode = table.get(cand.type, table.get("*")) if table else None
    cand.type = new_type


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
        dictionary = load_actor_dictionary(tuple(settings.actor_dictionaries))
        self.country_names = dictionary.country_names
        self.group_kinds = {h: (r.kind, r.sector) for h, r in dictionary.group_heads.items()}

    def __call__(self, doc: Doc) -> Doc:
        if doc._.actors is None:
            doc._.actors = []
        linker = ActorLinker(
            doc, doc._.actors, doc._.places or [], self.country_names, self.group_kinds
        )
        events: list[Event] = []
        seen_types: set[str] = set()
        for sent in doc.sents:
            if in_credit_line(sent):
                continue  # "(Reporting by ...)", "... under a content-sharing licence"
            cands = [c for c in self.coder.candidates(sent) if not is_prediction(c, linker)]
            kept = fold(cands, self.ontology)
            kept = [c for c in kept if not is_repeated_mention(c, seen_types)]
            kept = [c for c in kept if not names_earlier_doer(c, events, linker, seen_types)]
            seen_types |= {c.type for c in kept}
            kept = [
                c
                for c in kept
                if not is_descriptive(c) and not is_generic(c) and not is_past_habit(c)
            ]
            sent_events = [self._event(c, sent, linker) for c in kept]
            attach_counts(sent_events, sentence_counts(sent))
            events += sent_events
        coded = without_headline_repeats(doc, events)
        for dropped in (e for e in events if not any(e is k for k in coded)):
            self._give_mode(dropped, coded)
        events = coded
        for n, event in enumerate(events, start=1):
            event.id = f"v{n}"
        doc._.actors = without_unused_fillers(doc._.actors, events)
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

    def _event(self, cand: Candidate, sent: Span, linker: ActorLinker) -> Event:
        actor_toks, recipient_toks = arguments(cand)
        doc = cand.token.doc
        doers = _one_mention_each(
            [(t, linker.argument(t, doer=True)) for t in actor_toks], linker, cand.token
        )
        # a common noun on a noun trigger is a doer only as an actor ("police raid"), not
        # as the kind of act ("ransom demand", "cattle raid")
        actors = merge_touching(
            prefer_linked(
                [a for t, a in doers if a.actor or not (t.dep_ == "compound" and t.pos_ == "NOUN")]
            ),
            doc,
        )
        kept = _one_mention_each(
            [(t, linker.argument(t)) for t in recipient_toks], linker, cand.token
        )
        recipients = merge_touching(prefer_linked([a for _, a in kept]), doc)
        # the state of the scene fills an empty slot; it is no evidence that this is an event
        confidence = cand.confidence * (1.0 if actors or recipients else 0.85)
        if cand.token.dep_ in ("relcl", "acl"):  # "a letter handed over to X": a description
            confidence *= MODIFIER_CLAUSE_FACTOR
        trigger = _trigger_span(cand)
        if not actors and cand.type in UNKNOWN_PERPETRATOR_TYPES:
            actors = unknown_perpetrator(cand, sent, trigger, linker)
        if not any(r.actor for r in recipients):
            # the phrase of an unlinked target ("a market") stays, after the state
            recipients = state_recipient(cand, sent, actors, linker) + recipients
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


def _trigger_span(cand: Candidate) -> Span:
    # the infinitive "to" of "sworn to fight" is a cue, not part of the trigger's words
    near = [t for t in cand.extra_tokens if abs(t.i - cand.token.i) <= 3 and t.pos_ != "PART"]
    tokens = [cand.token, *near]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    return cand.token.doc[start:end]


def _named_before(
    token: Token, arg: Argument, args: list[tuple[Token, Argument]], linker: ActorLinker
) -> bool:
    """Return whether the pronoun ``token`` names an actor an argument before it already
    names ("we ask the authorities to release them": "them" is not the authorities; if the
    parse says so, the authorities once). Nouns stay: "a worker" after "an employee" may be
    another person of one role; a phrase linked only through a word in it stays too: "his
    two bodyguards" are someone else, "an attack on radio stations" is how the stations
    are reached."""
    if token.pos_ != "PRON" or arg.actor is None or not linker.names(token, arg.actor):
        return False
    return any(
        a.actor == arg.actor
        and a.start < arg.start
        and arg.start - a.end > 1  # not a piece of one name the parser split ("al", "Zoubi")
        and linker.names(t, arg.actor)
        for t, a in args
        if t.i != token.i
    )


def _owned_by_another(
    token: Token,
    arg: Argument,
    args: list[tuple[Token, Argument]],
    linker: ActorLinker,
    trigger: Token,
) -> bool:
    """Return whether ``arg`` is a thing linked to an actor only through its possessive
    pronoun, reached through another clause, when another argument names that actor itself:
    "called on residents not to take the law into their own hands" (the hands are the
    residents'). What the act itself is done to stays: "attacked the rebels and their camp"."""
    if arg.actor is None or linker.names(token, arg.actor):
        return False
    if token.head.i == trigger.i or token.dep_ == "conj":
        return False
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return False
    return any(
        a.actor == arg.actor and linker.names(t, arg.actor) for t, a in args if t.i != token.i
    )


def _one_mention_each(
    pairs: list[tuple[Token, Argument]], linker: ActorLinker, trigger: Token
) -> list[tuple[Token, Argument]]:
    """Return the (token, argument) pairs less those that repeat an earlier one's actor, or
    that are only something of an actor another argument names."""
    return [
        (t, a)
        for t, a in pairs
        if not _named_before(t, a, pairs, linker)
        and not _owned_by_another(t, a, pairs, linker, trigger)
    ]
