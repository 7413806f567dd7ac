"""Attribution component: the status of every event, who says so, and which events contradict.

For each event on ``doc._.events`` it finds the trigger's head token, asks
:func:`wirecoder.nlp.modality.analyse_trigger` for the status and the attribution chain, links
each source to the actor whose mention overlaps it, and finally links denied events to the
events of the same document that report the same thing as happening (``Event.contradicts``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..config import Settings
from ..ontology.loader import load_ontology
from ..records import HAPPENED_STATUSES, Actor, Argument, Attribution, Event, EventStatus
from .component import Component
from .cues import CueLexicon, load_cues
from .event_conventions import filler_ids, without_unused_fillers
from .event_dates import BACKGROUND_DAYS, FALLBACK_REASON, OWN_SENTENCE_REASONS
from .event_precision import DOER_MENTIONS_KEY
from .event_syntax import refused_act_noun
from .modality import AttributionDraft, StatusDecision, analyse_trigger

__all__ = ["AttributionComponent", "link_contradictions", "trigger_head"]

log = logging.getLogger(__name__)


#: Statuses of a threat that say only that it was made: the THREATEN event is then
#: ``threatened``, the status of the act it stands for ("threatened to attack"). ``future`` is
#: among them: "troops will crush the rebels", coded THREATEN from its modal, is the threat.
_THREAT_MADE = frozenset(
    {EventStatus.ASSERTED, EventStatus.REPORTED, EventStatus.CLAIMED, EventStatus.FUTURE}
)
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
#: markers on a refused act's own clause that its REJECT type stands for
_REFUSAL_MARKERS = frozenset({"negation", "future", "hypothetical"})
#: auxiliaries of intent that make a negated act a refusal ("will not", "would not", "cannot")
_INTENT_AUX = frozenset({"will", "would", "wo", "'ll", "shall", "can", "could", "ca"})
#: acts whose negation is a refusal in any tense ("had not been permitted to see her")
_PERMISSION_LEMMAS = frozenset({"allow", "permit", "let", "authorise", "authorize", "grant"})


class AttributionComponent(Component):
    """Set ``status`` and ``attribution`` of every event, and link contradicting events."""

    name = "attribution"
    reads = ("spacy", "events", "actors")
    writes = ("events.status", "events.attribution", "events.actor")

    def __init__(self, settings: Settings, *, cues: CueLexicon | None = None) -> None:
        super().__init__(settings)
        self.cues = cues or load_cues()
        ontology = load_ontology(settings.ontology)
        self.refusal = ontology.intent_types.get("refusal")
        #: words that are refusals in themselves ("rejected", "refused"): their negation counts
        self.refusal_lemmas = frozenset(
            t.lemma for t in ontology.triggers if t.type == self.refusal
        )

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = doc._.events or []
        actors: list[Actor] = doc._.actors or []
        unknown = filler_ids(actors)
        for event in events:
            token = trigger_head(doc, event)
            if token is None:
                log.debug("event %s: trigger %r is not in the text", event.id, event.trigger.text)
                continue
            if event.type == "THREATEN":
                decision = self._threat(token)
            else:
                decision = analyse_trigger(
                    token, cues=self.cues, carried=self._carried(event, token)
                )
            decision = _with_doers_source(doc, event, decision, self.cues)
            event.status = decision.status
            event.attribution = [_attribution(d, actors) for d in decision.attributions]
            _claimant_as_doer(event, token, actors, unknown)
            _speaker_as_doer(event, token, actors)
        doc._.actors = without_unused_fillers(actors, events)  # a claimant replaced the filler
        link_contradictions(events, doc=doc, cues=self.cues)
        return doc

    def _carried(self, event: Event, token: Token) -> frozenset[str]:
        """Return the markers the event's type stands for: the "will not" of a refusal.

        "The government said it would not free the men" is coded REJECT from the negated
        "free" (``intent_types`` in ``plover.json``): the refusal is reported, neither denied
        nor future; so is "had not been permitted to see her". A past act without a modal is
        no refusal ("had never supported any armed group" stays a denial), and "The army did
        not reject the offer" keeps its negation.
        """
        if event.type != self.refusal or token.lemma_.lower() in self.refusal_lemmas:
            return frozenset()
        if refused_act_noun(token):  # "there would be no negotiations"
            return _REFUSAL_MARKERS
        intent = any(c.dep_ == "aux" and c.lower_ in _INTENT_AUX for c in token.children)
        if intent or token.lemma_.lower() in _PERMISSION_LEMMAS:
            return _REFUSAL_MARKERS
        return frozenset()  # "had never supported any armed group": a denial, not a refusal

    def _threat(self, token: Token) -> StatusDecision:
        """Return the status of the act a THREATEN event stands for, with its chain of sources.

        PLOVER codes "the group threatened to attack convoys" as one THREATEN event on the
        threat verb. Its status is the act's: ``threatened``, with the threatener as the
        innermost source ("officials said the group threatened ..."), or ``denied``,
        ``hypothetical`` ... when the threat itself is denied or hypothetical. A threat with no
        act below it ("threatened villagers") is ``threatened`` when it was made.
        """
        lemma = token.lemma_.lower()
        if lemma in self.cues.threat_verbs or lemma in self.cues.warning_verbs:
            for child in token.children:
                if child.dep_ in _COMPLEMENTS and child.pos_ in ("VERB", "AUX"):
                    decision = analyse_trigger(child, cues=self.cues)
                    if decision.status == EventStatus.THREATENED:
                        return decision
        decision = analyse_trigger(token, cues=self.cues)
        if decision.status in _THREAT_MADE:
            return replace(decision, status=EventStatus.THREATENED)
        return decision


#: kinds of actor that claim acts for themselves (not a caller, a witness or an outlet)
_CLAIMANT_KINDS = frozenset(
    {"armed_group", "party", "organisation", "igo", "ngo", "military", "police", "government"}
)
#: cues of a claim of responsibility ("claimed responsibility for", "took credit for")
_RESPONSIBILITY = re.compile(r"responsib|credit", re.IGNORECASE)


def _claimant_as_doer(
    event: Event, token: Token, actors: list[Actor], unknown: frozenset[str]
) -> None:
    """Make who claims responsibility for an act its doer, when the text names no other.

    "Jabhat Sahil claimed responsibility for an attack on a military base": the attack had
    unidentified perpetrators (PLOVER's filler for an attack with no named doer); the
    claimant is who did it, as claimed (the status says so). Other self-reports with no doer
    ("the president said the attack ...") give none: only a claim of responsibility does.
    """
    if event.status != EventStatus.CLAIMED:
        return
    if any(arg.actor not in unknown for arg in event.actor):
        return
    claimant = next(
        (
            a
            for a in reversed(event.attribution)
            if a.kind == "perpetrator"
            and a.actor
            and (_RESPONSIBILITY.search(a.cue or "") or _claimed_itself(token, a))
        ),
        None,
    )
    if claimant is None:
        return
    actor = next(a for a in actors if a.id == claimant.actor)
    if actor.kind not in _CLAIMANT_KINDS:
        return  # "a woman ... called the media to claim responsibility": the group she named
    start, end, text = claimant.start, claimant.end, claimant.text
    inside = [m for m in actor.mentions if start <= m.start and m.end <= end]
    # the name, not its apposition: "Jabhat Sahil" of "an armed group, Jabhat Sahil"
    inside.sort(key=lambda m: text[m.start - start : m.end - start] != actor.name)
    if inside:  # "Jabhat Sahil", not "Jabhat Sahil, an armed group active in ..."
        text = text[inside[0].start - start : inside[0].end - start]
        start, end = inside[0].start, inside[0].end
    event.actor = [Argument(claimant.actor, text, start, end)]
    event.recipient = [r for r in event.recipient if r.actor != claimant.actor]


#: kinds of actor whose warning that someone "would be arrested" is their own threat
_AUTHORITY_KINDS = frozenset({"government", "police", "military", "state"})


def _speaker_as_doer(event: Event, token: Token, actors: list[Actor]) -> None:
    """Make the body that speaks the doer of an act its words leave without one.

    "The security office said anyone carrying weapons without a permit would be arrested":
    the passive names no arrester, and an authority announcing what it will do to those who
    defy it is making the threat itself ("residents said they would be attacked" names no
    threatener: only an authority's passive counts). "Officials said there would be no
    negotiations with the group": the refusal is the speakers'.
    """
    if event.actor or not event.attribution:
        return
    if event.type == "THREATEN":
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        if not passive or any(c.dep_ == "agent" for c in token.children):
            return
        kinds = _AUTHORITY_KINDS
    elif refused_act_noun(token):
        kinds = _AUTHORITY_KINDS | _CLAIMANT_KINDS
    else:
        return
    speaker = event.attribution[-1]
    actor = next((a for a in actors if a.id == speaker.actor), None)
    if actor is None or actor.kind not in kinds:
        return
    event.actor = [Argument(actor.id, speaker.text, speaker.start, speaker.end)]
    event.recipient = [r for r in event.recipient if r.actor != actor.id]


def _claimed_itself(token: Token, claim: Attribution) -> bool:
    """Return whether the act is what the claim verb takes: "the attack was claimed by X",
    "X claimed the bombing" (a claim of responsibility), not "X claimed that soldiers ..."."""
    return token.dep_ in ("dobj", "nsubjpass") and token.head.idx == claim.cue_start


def trigger_head(doc: Doc, event: Event) -> Token | None:
    """Return the root token of an event's trigger in the parse, or None if it is not there."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _actor_at(start: int, end: int, actors: Iterable[Actor]) -> str | None:
    """Return the id of the actor with a mention overlapping [start, end), the longest overlap."""
    best: tuple[int, str] | None = None
    for actor in actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor.id)
    return best[1] if best else None


def _with_doers_source(
    doc: Doc, event: Event, decision: StatusDecision, cues: CueLexicon
) -> StatusDecision:
    """Return the decision of the later mention that named an asserted event's doer.

    "Four drivers were shot dead ... Drivers' representatives said the killings were carried
    out by Los Tejones": the outlet states the shooting, the representatives name the doer.
    The event carries that doer, so it carries who says so: `reported`, by them.
    """
    index = doc.user_data.get(DOER_MENTIONS_KEY, {}).get(event.trigger.start)
    if index is None or decision.status != EventStatus.ASSERTED or decision.attributions:
        return decision
    mention = doc[index]
    if mention.head.lemma_.lower() in cues.reporting:
        return decision  # "elders announced the truce": they made it, they do not report it
    named = analyse_trigger(mention, cues=cues)
    return named if named.attributions else decision


def _attribution(draft: AttributionDraft, actors: list[Actor]) -> Attribution:
    return Attribution(
        text=draft.text,
        start=draft.start,
        end=draft.end,
        actor=_actor_at(draft.start, draft.end, actors),
        kind=draft.kind,
        cue=draft.cue,
        cue_start=draft.cue_start,
        cue_end=draft.cue_end,
        parent=draft.parent,
    )


@dataclass(frozen=True, slots=True)
class _About:
    """What an event is about, computed once per event to compare denials with reports."""

    lemma: str  # of the trigger
    participants: frozenset[str]  # actor ids, "police:KEN:doer" forces, participant head words
    places: frozenset[str]  # the places its sentence names
    blanket: bool  # "any ...", "anyone": a denial of any such act
    doers: frozenset[str]  # its doers' actor ids and kinds ("a3", "kind:police")
    refers_back: bool  # "the killings", "this attack": an act named before
    kinds: frozenset[str]  # nouns that say what kind of act a noun trigger is ("ransom")
    words: frozenset[str]  # the lemmas of its sentence


def _argument_roots(event: Event, doc: Doc) -> list[tuple[str, Token | None]]:
    """Return each actor and recipient argument's text with its root in the parse, if any."""
    out = []
    for arg in (*event.actor, *event.recipient):
        span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
        out.append((arg.text, span.root if span is not None and len(span) else None))
    return out


def _participants(
    event: Event,
    doc: Doc | None,
    cues: CueLexicon,
    forces: dict[str, tuple[str, str | None]],
) -> frozenset[str]:
    """Return what an event is about: its actors' ids and its participants' head words.

    Within one report the police, or the military, of one country are one force, in the same
    role: "officers" and "police" firing share the participant "police:KEN:doer"
    (``contradiction.same_force_kinds``; ``forces`` gives each actor id its kind and country).

    Head words are those of its actor and recipient arguments and, in the parse, of the
    trigger's subject and object ("rockets hit the runway": rocket, runway), less the
    ``contradiction.ignore`` words (pronouns, "area", "day" ...).
    """
    ids = {a.actor for a in (*event.actor, *event.recipient) if a.actor}
    # a force counts in its role: "their troops fired first" (doers) is not about "a soldier
    # of theirs was killed" (done to), though both are that country's military
    for role, args in (("doer", event.actor), ("done to", event.recipient)):
        ids |= {
            f"{kind}:{country}:{role}"
            for kind, country in (forces.get(a.actor or "", ("", None)) for a in args)
            if kind in cues.same_force_kinds and country
        }
    if doc is None:
        words = {a.text.lower() for a in (*event.actor, *event.recipient)}
        return frozenset(ids | (words - cues.participant_ignore))
    words = {
        root.lemma_.lower() if root is not None else text.lower()
        for text, root in _argument_roots(event, doc)
    }
    token = trigger_head(doc, event)
    if token is not None:
        for child in token.children:
            found = [child] if child.dep_ in cues.participant_deps else []
            if child.dep_ == "prep":
                found = [c for c in child.children if c.dep_ in cues.participant_deps]
            words |= {c.lemma_.lower() for c in found if c.pos_ in ("NOUN", "PROPN")}
    return frozenset(ids | (words - cues.participant_ignore))


def _blanket(event: Event, doc: Doc | None, cues: CueLexicon) -> bool:
    """Return True for a denial of any such act: "denied killing anyone", "any strikes"."""
    if doc is None:
        return False
    token = trigger_head(doc, event)
    heads = list(token.children) if token is not None else []
    heads += [root for _, root in _argument_roots(event, doc) if root is not None]
    for head in heads:
        if head.lower_ in cues.blanket_words:
            return True
        if any(c.dep_ == "det" and c.lower_ in cues.blanket_words for c in head.children):
            return True
    return False


def _same_source(a: Event, b: Event) -> bool:
    """Return True if one source says both ("the junta said troops fired warning shots and
    denied that anyone was killed"): a speaker does not contradict itself."""
    spans = {(s.start, s.end) for s in a.attribution}
    actors = {s.actor for s in a.attribution if s.actor}
    return any((s.start, s.end) in spans or (s.actor and s.actor in actors) for s in b.attribution)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _sentence_places(event: Event, doc: Doc | None) -> frozenset[str]:
    """Return the places an event's sentence names: place entities and resolved toponyms."""
    token = trigger_head(doc, event) if doc is not None else None
    if doc is None or token is None:
        return frozenset()
    sent = token.sent
    found = {e.text.lower() for e in sent.ents if e.label_ in _PLACE_LABELS}
    if Doc.has_extension("places"):  # the places component's toponyms, with resolved names
        for place in doc._.places or ():
            if sent.start_char <= place.start < sent.end_char:
                found.add((place.name or place.text).lower())
    return frozenset(found)


def _lemma(event: Event, doc: Doc | None) -> str:
    if doc is not None:
        token = trigger_head(doc, event)
        if token is not None:
            return token.lemma_.lower()
    return event.trigger.text.lower()


def _about(
    event: Event,
    doc: Doc | None,
    cues: CueLexicon,
    forces: dict[str, tuple[str, str | None]],
    unknown: frozenset[str],
    *,
    denied: bool,
) -> _About:
    return _About(
        lemma=_lemma(event, doc),
        participants=_participants(event, doc, cues, forces),
        places=_sentence_places(event, doc),
        blanket=denied and _blanket(event, doc, cues),
        doers=_doers(event, forces, unknown),
        refers_back=denied and _refers_back(event, doc),
        kinds=_kinds(event, doc) if denied else frozenset(),
        words=frozenset() if denied or doc is None else _sentence_lemmas(event, doc),
    )


def _kinds(event: Event, doc: Doc | None) -> frozenset[str]:
    """Return the nouns that make a noun trigger one kind of its type: "any ransom demand"."""
    token = trigger_head(doc, event) if doc is not None else None
    if token is None or token.pos_ != "NOUN":
        return frozenset()
    return frozenset(
        c.lemma_.lower() for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"
    )


def _sentence_lemmas(event: Event, doc: Doc) -> frozenset[str]:
    span = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
    return frozenset(t.lemma_.lower() for t in span) if span is not None else frozenset()


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _refers_back(event: Event, doc: Doc | None) -> bool:
    """Return True for a denial of "the killings", "this attack": an act the text named."""
    token = trigger_head(doc, event) if doc is not None else None
    return (
        token is not None
        and token.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
    )


def _doers(
    event: Event, forces: dict[str, tuple[str, str | None]], unknown: frozenset[str]
) -> frozenset[str]:
    """Return the ids and kinds of an event's doers, or none when a doer may be anyone.

    Doers of no known kind ("gunmen", "attackers") and the unidentified perpetrator may be
    the denier's own ("Gunmen killed six villagers" / "the militia denied that its members
    had killed anyone"), so they rule nothing out.
    """
    ids = {a.actor for a in event.actor if a.actor}
    if ids & unknown or any(forces.get(i, ("unknown",))[0] == "unknown" for i in ids):
        return frozenset()
    return frozenset(ids | {f"kind:{forces[i][0]}" for i in ids})


def _apart_in_time(a: Event, b: Event) -> bool:
    """Return True when two events' dates say they are two happenings.

    Both dated by their own sentences, with intervals a day or more apart ("burned a health
    centre in March 2021" / "denied burning any buildings on Saturday"); or one so dated
    and the other undated in a report, which then speaks of its last few days, with the
    dated one :data:`BACKGROUND_DAYS` or more away ("No one was injured" today / "protests
    late last year left a dozen injured"). A date from another sentence or the paragraph
    is too loose a guide, and an undated denial of a recent act still answers it.
    """
    x, y = a.date, b.date
    if x is None or y is None:
        return False
    if None in (x.start_date, x.end_date, y.start_date, y.end_date):
        return False
    own = (x.reason in OWN_SENTENCE_REASONS) + (y.reason in OWN_SENTENCE_REASONS)
    fallback = (x.reason == FALLBACK_REASON) + (y.reason == FALLBACK_REASON)
    if own == 2:
        slack = 1
    elif own == 1 and fallback == 1:
        slack = BACKGROUND_DAYS
    else:
        return False
    assert x.start_date and x.end_date and y.start_date and y.end_date
    gap = max((y.start_date - x.end_date).days, (x.start_date - y.end_date).days)
    return gap > slack


def _same_happening(
    denied: Event, other: Event, d: _About, o: _About, reciprocal: frozenset[str] = frozenset()
) -> bool:
    """Return True when a denial and a report plausibly are of the same thing.

    Of the same type, not said by the same source, not done by different doers (the police's
    officers are not soldiers), not dated apart (:func:`_apart_in_time`), not set in different
    places (both sentences name places, none in common: "had not planned any attack in Erbil"
    does not deny an attack near Tal Afar), not of another kind (the nouns that qualify a
    denied noun appear in the report's sentence: "no ransom demand" does not deny "demanded
    that the army withdraw"), and: the same trigger lemma, a shared actor or
    participant head word, a blanket denial ("denied that anyone was killed", "denied
    carrying out any strikes"), or a denial of an act named before ("denied carrying out the
    killings" after "three drivers were shot dead"). A two-sided act ("the two forces exchanged fire") is not
    denied by one side's denial of another act ("denied that its troops had fired first").
    """
    if denied.type != other.type or _same_source(denied, other):
        return False
    if d.doers and o.doers and not d.doers & o.doers:
        return False  # "denied that any shots had been fired by police" / "gunmen killed"
    if _apart_in_time(denied, other):
        return False
    if o.lemma in reciprocal and d.lemma != o.lemma and not d.blanket:
        return False
    if d.places and o.places and not d.places & o.places:
        return False
    if o.words and not d.kinds <= o.words:
        return False  # "had not received any ransom demand" / "demanded that the army withdraw"
    if d.refers_back and other.trigger.start < denied.trigger.start:
        return True  # "denied carrying out the killings" of the shootings reported before
    return d.lemma == o.lemma or bool(d.participants & o.participants) or d.blanket


def link_contradictions(
    events: list[Event], *, doc: Doc | None = None, cues: CueLexicon | None = None
) -> None:
    """Link each denied event and each event reported as happening of the same kind, both ways."""
    cues = cues or load_cues()
    denied = [e for e in events if e.status == EventStatus.DENIED]
    happened = [e for e in events if e.status in HAPPENED_STATUSES]
    if not denied or not happened:
        return
    actors = doc._.actors if doc is not None and Doc.has_extension("actors") else None
    forces = {a.id: (a.kind, a.country) for a in actors or ()}
    unknown = filler_ids(actors or ())
    about = {
        id(e): _about(e, doc, cues, forces, unknown, denied=e.status == EventStatus.DENIED)
        for e in (*denied, *happened)
    }
    for d in denied:
        for h in happened:
            if _same_happening(d, h, about[id(d)], about[id(h)], cues.reciprocal_lemmas):
                if h.id not in d.contradicts:
                    d.contradicts.append(h.id)
                if d.id not in h.contradicts:
                    h.contradicts.append(d.id)
