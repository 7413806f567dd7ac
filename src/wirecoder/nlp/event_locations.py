"""Event locations: the place where each event happened, with an ACLED geo precision.

In order of preference: a place attached to the trigger by a locative preposition in the
parse ("clashes in Tal Afar", "an attack on a market near Mosul"); else the nearest resolved
place in the event's sentence; else, for a material act, the place of the last material act
placed by its own text up to four sentences before (the component's scene); else the
dateline place; else the one country all the document's places are in, if it names it. A place used metonymically, as the
subject of a verb ("Moscow said", "Washington denied") or as the owner of an institution or
an official ("Niger's defence ministry said"), is a government, not a location; a country so
used in the event's sentence is used last, at precision 3, when nothing else places it.
ACLED precision: 1 the town itself, 2 near a town or a district, 3 an admin1 area, region or
country.
"""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..ontology.loader import load_ontology
from ..records import Event, EventLocation, Place
from .component import Component
from .cues import load_cues
from .event_syntax import dateline_span
from .places import INSTITUTION, article_dateline, is_approximate

__all__ = ["EventLocationComponent", "geo_precision", "locate_event"]

LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "around",
        "across",
        "inside",
        "on",
        "into",
        "throughout",
        "within",
        "from",
        "of",
        "between",
        "along",
        "by",
    }
)
VICINITY_WORDS = frozenset(
    {"near", "outside", "around", "outskirts", "nearby", "close", "vicinity"}
)
#: how a location taken from the dateline, or from a metonymic country, says so
DATELINE_REASON = "dateline place"
OWNER_REASON = "country of the institution in the sentence"
_PRECISION = {"sub-city": 1, "city": 1, "district": 2, "admin1": 3, "country": 3}
#: resolutions from the finest: of two places attached to an act, the finer says where
_FINENESS = {"sub-city": 0, "city": 0, "district": 1, "admin1": 2, "country": 3}


def geo_precision(place: Place, *, near: bool = False) -> int:
    """Return the ACLED geo precision of an event located at ``place``."""
    precision = _PRECISION.get(place.resolution or "", 3)
    return min(3, precision + 1) if near and precision == 1 else precision


def _root(doc: Doc, place: Place) -> Token | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _is_metonymic(token: Token) -> bool:
    """Return whether a place names an actor: "Moscow said", "Niger's defence ministry said"."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        return True
    if token.dep_ == "poss" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head.lemma_.lower() in _institution_words()
    return False


def _owns_a_doer(token: Token, event: Event) -> bool:
    """Return whether the place owns the event's own doer ("Cauca's governor rejected ..."):
    then it is where the act happened, not a speaker's country."""
    if token.dep_ != "poss":
        return False
    owner = token.head.idx
    return any(a.start <= owner < a.end for a in event.actor)


@functools.lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """Return the nouns of bodies and officials of the cue lexicon's source kinds."""
    kinds = load_cues().source_kinds
    return kinds["organisation"] | kinds["official"]


def _attachment(trigger: Span, token: Token) -> tuple[Token, bool] | None:
    """Return (preposition, near?) when ``token`` hangs off the trigger via a locative preposition."""
    preposition: Token | None = None
    near = False
    for ancestor in token.ancestors:
        if ancestor.lower_ in VICINITY_WORDS:
            near = True
        if (
            ancestor.dep_ == "prep"
            and ancestor.lower_ in LOCATIVE_PREPOSITIONS
            and preposition is None
        ):
            preposition = ancestor
        if trigger.start <= ancestor.i < trigger.end:
            return (preposition, near) if preposition is not None else None
    return None


def _in_a_name(place: Place) -> bool:
    """Return True for a place named only as part of a body's name ("Ohio Department of ...")."""
    return (place.reason or "").startswith(INSTITUTION)


def _speaker_words(doc: Doc, event: Event) -> tuple[set[int], set[int]]:
    """Return the token indices of the event's source phrases (their whole subtrees), and
    those of the relative clauses in them (where a speaker went: "residents who fled to
    Pemba")."""
    speakers: set[int] = set()
    movements: set[int] = set()
    for source in event.attribution:
        span = doc.char_span(source.start, source.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        speakers |= {t.i for t in root.subtree}
        for child in root.children:
            if child.dep_ in ("relcl", "acl"):
                movements |= {t.i for t in child.subtree}
    return speakers, movements


def _names_a_nationality(place: Place, token: Token | None) -> bool:
    """Return whether a country's name only qualifies a noun: "the U.S. embassy", "two U.S.
    citizens were killed": whose, not where (the embassy is in the capital it is in)."""
    return (
        place.resolution == "country"
        and token is not None
        and token.dep_ in ("compound", "amod", "nmod")
        and token.head.pos_ in ("NOUN", "PROPN")
    )


def _is_dateline(doc: Doc, place: Place, dateline: str | None) -> bool:
    """Return whether ``place`` is the text's dateline ("SAN SALVADOR --" opening the text),
    which the parser may make the subject of the first verb: a dateline speaks for no one."""
    start, end = dateline_span(doc)
    if start <= place.start < end:
        return True
    return (
        dateline is not None
        and place.text.casefold() == dateline.casefold()
        and not doc.text[: place.start].strip()
    )


def _in_sentence(place: Place, event: Event) -> bool:
    return event.sentence.start <= place.start and place.end <= event.sentence.end


def locate_event(
    doc: Doc, event: Event, places: list[Place], dateline: str | None
) -> EventLocation | None:
    """Return where ``event`` happened, with the reason, or None when nothing fits."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    located = [(p, _root(doc, p)) for p in places if p.lat is not None]
    metonymic = {
        p.id
        for p, tok in located
        if tok is not None and _is_metonymic(tok) and not _is_dateline(doc, p, dateline)
    }
    usable = [
        (p, tok)
        for p, tok in located
        if p.id not in metonymic or (tok is not None and _owns_a_doer(tok, event))
    ]
    # "Niger's defence ministry said ...": no scene, but the country it speaks for, at last
    owners = [
        p
        for p, _ in located
        if p.id in metonymic and p.resolution == "country" and _in_sentence(p, event)
    ]
    if trigger is not None and len(trigger):
        attached = [
            (place, found)
            for place, token in usable
            if token is not None and (found := _attachment(trigger, token)) is not None
        ]
        if attached:
            # "in southern Syria's Daraa province": the province, the finest place attached
            place, (preposition, near) = min(
                attached, key=lambda a: _FINENESS.get(a[0].resolution or "", len(_FINENESS))
            )
            near = near or preposition.lower_ in VICINITY_WORDS or is_approximate(place)
            reason = f"'{preposition.text} {place.text}' attached to trigger '{trigger.text}'"
            return EventLocation(place.id, geo_precision(place, near=near), reason)
    # a place the gazetteer lacks counts only where the text attaches it to the event, and so
    # does one named in a body's name: "a U.S. Department of Defense official said a strike
    # killed ..." did not happen in the United States
    usable = [(p, tok) for p, tok in usable if not is_approximate(p) and not _in_a_name(p)]
    same = [
        (p, tok)
        for p, tok in usable
        if _in_sentence(p, event)
        and not _is_dateline(doc, p, dateline)
        and not _names_a_nationality(p, tok)
    ]
    speakers, movements = _speaker_words(doc, event)
    # the speaker's own place ranks last ("officials in Quetta said ... to Zhob"), and one in
    # a relative clause on the speaker not at all ("residents who fled to Pemba said ...")
    same = [(p, tok) for p, tok in same if tok is None or tok.i not in movements]
    outside = [p for p, tok in same if tok is None or tok.i not in speakers]
    if candidates := outside or [p for p, _ in same]:
        place = min(candidates, key=lambda p: abs(p.start - event.trigger.start))
        return EventLocation(
            place.id, geo_precision(place), f"nearest place in the sentence: '{place.text}'"
        )
    if dateline:
        # wire copy filed from elsewhere ("NAIROBI - ... in Somalia"): the dateline places
        # only a report whose other places are in its country, or that has none
        start, end = dateline_span(doc)
        countries = {p.country for p, _ in usable if p.country and not start <= p.start < end}
        for place, _ in usable:
            if place.text.casefold() == dateline.casefold() and (
                not countries or place.country in countries
            ):
                precision = max(2, geo_precision(place))
                return EventLocation(place.id, precision, f"{DATELINE_REASON} '{place.text}'")
    if owners:
        return EventLocation(owners[0].id, 3, f"{OWNER_REASON}: '{owners[0].text}'")
    return None


class EventLocationComponent(Component):
    """Set ``event.location`` for each event (left None, with no guess, when nothing fits).

    A material act (PLOVER quads 2 and 4) whose own words place it nowhere takes the place
    of the last material act placed by its text, up to four sentences before: "Guerrillas
    attacked a post in Segovia. Two policemen were killed." Statements, demands and threats
    happen where their speaker is, which the text seldom says.
    """

    name = "event_locations"
    reads = ("events", "places")
    writes = ("events.location",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        ontology = load_ontology(settings.ontology)
        self.material = frozenset(
            name for name, etype in ontology.types.items() if etype.quad in MATERIAL_QUADS
        )

    def __call__(self, doc: Doc) -> Doc:
        dateline = article_dateline(doc)
        places: list[Place] = doc._.places or []
        starts = [sent.start_char for sent in doc.sents]
        scene: tuple[Event, EventLocation] | None = None
        country = _only_country(places)
        breaks = load_cues().incident_breaks
        for event in doc._.events or []:
            if scene is not None and _opens_another_scene(doc, event, scene[0], breaks):
                scene = None  # "In a separate incident, police arrested five men."
            location = locate_event(doc, event, places, dateline)
            material = event.type in self.material
            if material and location is not None and not _is_fallback(location):
                scene = (event, location)
            elif (
                material
                and scene is not None
                and _sentences_apart(starts, scene[0], event) <= SCENE_SENTENCES
            ):
                # the killing is where the attack was, not at the dateline
                before, where = scene
                reason = f"place of the event '{before.trigger.text}' just before: {where.reason}"
                location = EventLocation(where.place, where.precision, reason)
            if location is None and country is not None:
                # a report all of whose places are in one country it names: there, at least
                location = EventLocation(
                    country.id, 3, f"the document's only country '{country.text}'"
                )
            event.location = location
        return doc


def _only_country(places: list[Place]) -> Place | None:
    """Return the mention of the one country all of a document's places are in, if the
    document names it and at least one other place (else None: no telling)."""
    countries = {p.country for p in places if p.lat is not None}
    if len(countries) != 1 or None in countries or len(places) < 2:
        return None
    return next((p for p in places if p.resolution == "country" and p.lat is not None), None)


#: PLOVER quads of material acts: cooperation (2) and conflict (4)
MATERIAL_QUADS = frozenset({2, 4})
#: reasons of locations that are guesses, not the text's own words about the event
_FALLBACK_REASONS = (DATELINE_REASON, OWNER_REASON)
#: how many sentences back an event with no place of its own takes the last placed event's
SCENE_SENTENCES = 4


def _opens_another_scene(doc: Doc, event: Event, before: Event, breaks: tuple[str, ...]) -> bool:
    """Return whether the event's sentence, a later one than the scene's, opens on another
    incident ("In a separate incident, ...", "Elsewhere, ...", ``incident_breaks``)."""
    if event.sentence.start <= before.sentence.start:
        return False
    opening = " ".join(doc.text[event.sentence.start : event.sentence.start + 40].lower().split())
    return any(opening.startswith(cue) for cue in breaks)


def _is_fallback(location: EventLocation) -> bool:
    return (location.reason or "").startswith(_FALLBACK_REASONS)


def _sentences_apart(starts: list[int], before: Event, event: Event) -> int:
    """Return how many sentence starts lie between two events' sentences (0: the same one)."""
    return bisect.bisect_right(starts, event.sentence.start) - bisect.bisect_right(
        starts, before.sentence.start
    )
