"""Possible contradictions across the store: a denial in one report, the act in another.

Within a document the attribution component links a denial to the report it contradicts
(``Event.contradicts``). Across documents the store is searched when a document is shown:
an event of this document that is denied (or reported as happening) and an event of another
document, not a copy of it, of the same type, reported as happening (or denied), whose
dates overlap (give or take ``SLACK_DAYS``) and whose places lie within ``RADIUS_KM``.

A denial seldom names a place ("the army denied that troops fired on anyone"), so an event
without a place of its own stands at its document's focus: the place most of the document's
located events share. These are candidates for a reader to weigh, listed with the reason;
nothing is stored.

:func:`store_contradictions` lists both kinds for a reader or another tool, one row per pair,
a denial and the report it contradicts: the links the attribution component made inside a
document (``scope`` "document") and the candidates found across documents (``scope``
"corpus").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import chain

from .gazetteer.resolve import haversine_km
from .nlp.cues import load_cues
from .records import HAPPENED_STATUSES, DocumentRecord, Event, EventStatus
from .store.base import EventQuery, Store, StoredEvent

__all__ = [
    "RADIUS_KM",
    "SLACK_DAYS",
    "ContradictionPair",
    "CorpusContradiction",
    "corpus_contradictions",
    "store_contradictions",
]

#: Farthest two events' places may lie apart and still be the same happening.
RADIUS_KM = 25.0
#: Days the date intervals may miss each other by (a report dated the next morning).
SLACK_DAYS = 1

#: statuses that say an act happened; a threat (which says only that it was made) is left
#: out across reports
_HAPPENED = tuple(s for s in HAPPENED_STATUSES if s is not EventStatus.THREATENED)


@dataclass(frozen=True, slots=True)
class CorpusContradiction:
    """An event of this document and one of another document that may contradict it."""

    event_id: str
    status: str
    other: StoredEvent
    distance_km: float
    reason: str


Point = tuple[float, float]


def _points(record: DocumentRecord) -> dict[str, Point]:
    """Return the point of each of the record's events that has a located place."""
    places = {p.id: p for p in record.places}
    out = {}
    for event in record.events:
        place = (
            places.get(event.location.place) if event.location and event.location.place else None
        )
        if place is not None and place.lat is not None and place.lon is not None:
            out[event.id] = (place.lat, place.lon)
    return out


def _focus(points: dict[str, Point]) -> Point | None:
    """Return the point most of a record's located events share, or None."""
    counts = Counter(points.values())
    return counts.most_common(1)[0][0] if counts else None


def _dates(event: Event) -> tuple[date, date] | None:
    if event.date is None or event.date.start_date is None:
        return None
    return event.date.start_date, event.date.end_date or event.date.start_date


def corpus_contradictions(
    store: Store,
    record: DocumentRecord,
    *,
    radius_km: float = RADIUS_KM,
    only: Collection[str] | None = None,
) -> list[CorpusContradiction]:
    """Return the events of other stored documents that may contradict ``record``'s events.

    ``only`` limits the search to these event ids of the record.
    """
    points = _points(record)
    focus = _focus(points)
    focus_of: dict[str, Point | None] = {record.doc_id: focus}
    # a copy of this report (or the report this one copies) repeats it: no second voice
    mine = next(iter(store.events(EventQuery(doc_id=record.doc_id, limit=1))), None)
    copies = {record.doc_id} | (
        {mine.near_duplicate_of} if mine and mine.near_duplicate_of else set()
    )
    found: list[CorpusContradiction] = []
    reciprocal = {_stem(w) for w in load_cues().reciprocal_lemmas}
    for event in record.events:
        if only is not None and event.id not in only:
            continue
        if event.status == EventStatus.DENIED:
            wanted = tuple(str(s) for s in _HAPPENED)
        elif event.status in _HAPPENED:
            wanted = (str(EventStatus.DENIED),)
        else:
            continue
        dates = _dates(event)
        here = points.get(event.id) or focus
        if dates is None or here is None:
            continue  # no date or no place to anchor it: nothing to compare
        query = EventQuery(
            types=(event.type,),
            statuses=wanted,
            since=dates[0] - timedelta(days=SLACK_DAYS),
            until=dates[1] + timedelta(days=SLACK_DAYS),
        )
        # located events within the radius (the store measures), and unlocated ones, which
        # stand at their report's focus
        nearby = replace(query, near=(here[0], here[1], radius_km))
        unlocated = replace(query, located=False)
        for other in chain(store.events(nearby), store.events(unlocated)):
            if other.doc_id in copies or other.near_duplicate_of in copies:
                continue
            if _one_side_of_two_sided(event, other, reciprocal):
                continue
            there = _other_point(store, other, focus_of)
            if there is None:
                continue
            km = haversine_km(here[0], here[1], there[0], there[1])
            if km <= radius_km:
                own = "its place" if other.lat is not None else "its report's focus"
                found.append(
                    CorpusContradiction(
                        event_id=event.id,
                        status=str(event.status),
                        other=other,
                        distance_km=km,
                        reason=f"same type {event.type}, dates overlap, {own} {km:.0f} km away",
                    )
                )
    return found


def _stem(word: str) -> str:
    """Return a crude stem of a trigger's first word ("exchanged" and "exchange": "exchang")."""
    word = word.lower().split()[0] if word.strip() else ""
    for suffix in ("ing", "ed", "es", "e", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def _one_side_of_two_sided(event: Event, other: StoredEvent, reciprocal: set[str]) -> bool:
    """Return whether a denial of one act meets a report of a two-sided act of another word.

    "the two forces exchanged fire" is not contradicted by "denied that its troops had fired
    first" (``contradiction.reciprocal_lemmas`` in the cue lexicon), in one report as across
    reports. The store keeps trigger words, not lemmas: words are compared by a crude stem.
    """
    denied, happened = (
        (event.trigger.text, other.trigger)
        if event.status == EventStatus.DENIED
        else (other.trigger, event.trigger.text)
    )
    stem = _stem(happened)
    return stem in reciprocal and _stem(denied) != stem


def _other_point(
    store: Store, other: StoredEvent, focus_of: dict[str, Point | None]
) -> Point | None:
    if other.lat is not None and other.lon is not None:
        return other.lat, other.lon
    if other.doc_id not in focus_of:
        focus_of[other.doc_id] = _focus(_points(store.get_record(other.doc_id)))
    return focus_of[other.doc_id]


@dataclass(frozen=True, slots=True)
class ContradictionPair:
    """A denial and a report of the same act as happening, in one document or in two."""

    scope: str  # "document": linked by the attribution component; "corpus": found in the store
    denial: StoredEvent
    report: StoredEvent
    distance_km: float | None  # between the two events' points (corpus pairs only)
    reason: str


def store_contradictions(
    store: Store, doc_ids: Sequence[str] = (), *, radius_km: float = RADIUS_KM
) -> Iterator[ContradictionPair]:
    """Yield each denial in the store (or in ``doc_ids``) with the reports it contradicts.

    Every pair has one denied event, so the whole store is searched from its denials; a
    document given by id is searched from all its events (its reports may be denied
    elsewhere). Each pair is yielded once, in-document links first for each document.
    """
    seen: set[tuple[str, str, str, str]] = set()
    # records are read one at a time: a large store is never held in memory
    anchors: Iterator[tuple[DocumentRecord, set[str] | None]]
    if doc_ids:
        anchors = ((store.get_record(d), None) for d in doc_ids)
    else:
        denied: dict[str, set[str]] = {}
        for ev in store.events(EventQuery(statuses=(str(EventStatus.DENIED),))):
            denied.setdefault(ev.doc_id, set()).add(ev.event_id)
        anchors = ((store.get_record(d), ids) for d, ids in denied.items())
    for record, only in anchors:
        stored = {e.event_id: e for e in store.events(EventQuery(doc_id=record.doc_id))}
        found: list[ContradictionPair] = []
        for event in record.events:
            if only is not None and event.id not in only:
                continue
            for other_id in event.contradicts:
                if other_id not in stored or event.id not in stored:
                    continue
                here, there = stored[event.id], stored[other_id]
                denial, report = (here, there) if here.status == "denied" else (there, here)
                found.append(ContradictionPair("document", denial, report, None, "same report"))
        for c in corpus_contradictions(store, record, radius_km=radius_km, only=only):
            here = stored[c.event_id]
            denial, report = (here, c.other) if c.status == "denied" else (c.other, here)
            found.append(ContradictionPair("corpus", denial, report, c.distance_km, c.reason))
        for pair in found:
            key = (
                pair.denial.doc_id,
                pair.denial.event_id,
                pair.report.doc_id,
                pair.report.event_id,
            )
            if key not in seen:
                seen.add(key)
                yield pair
