"""Typed records of the data flow: an Article goes in, a DocumentRecord comes out.

These dataclasses are the data model. Their JSON form (``to_dict``/``from_dict`` below) is the
public document record described by ``schema/document_record.schema.json``; serialisation
lives here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

__all__ = [
    "HAPPENED_STATUSES",
    "SCHEMA_VERSION",
    "Actor",
    "Argument",
    "Article",
    "Attribution",
    "Codes",
    "Counts",
    "DocError",
    "DocumentRecord",
    "Entity",
    "Event",
    "EventDate",
    "EventLocation",
    "EventStatus",
    "Mention",
    "Place",
    "Precision",
    "TextSpan",
    "TimeSpan",
    "content_hash",
    "from_dict",
    "to_dict",
]

#: Version of the public JSON record. Bump the minor part for additive changes, the major part
#: for anything that can break a reader, and say so in CHANGELOG.md.
SCHEMA_VERSION = "1.0"


class EventStatus(StrEnum):
    """How sure the report is that the event happened (epistemic status / realis)."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    CLAIMED = "claimed"
    DENIED = "denied"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    ATTEMPTED = "attempted"
    THREATENED = "threatened"


#: Statuses that say an event happened (a threat: that it was made), against which a denial
#: is a contradiction.
HAPPENED_STATUSES = frozenset(
    {
        EventStatus.ASSERTED,
        EventStatus.REPORTED,
        EventStatus.CLAIMED,
        EventStatus.ALLEGED,
        EventStatus.THREATENED,
    }
)


class Precision(StrEnum):
    """How precise a time interval is."""

    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    UNKNOWN = "unknown"


def content_hash(text: str) -> str:
    """Return the document id for a text: a hash of its NFC-normalised, whitespace-collapsed form."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return "d" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class Article:
    """One article as read from a source, before any NLP."""

    text: str
    origin: str  # where it came from: a path, "path#item", a URL or "<stdin>"
    title: str | None = None
    published: date | None = None
    published_reason: str | None = None  # "metadata", "dateline", "cli" ... or None if unknown
    source: str | None = None  # outlet
    url: str | None = None
    author: str | None = None
    language: str | None = None
    external_id: str | None = None
    dateline_place: str | None = None

    @property
    def doc_id(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class TextSpan:
    """A piece of evidence in the record's text: character offsets, end exclusive."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    id: str
    text: str
    label: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str  # state, government, military, police, armed_group, party, person, organisation, igo, civilian, unknown ...
    country: str | None = None  # ISO 3166-1 alpha-3
    sectors: list[str] = field(default_factory=list)  # PLOVER sector codes
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None  # id of the actor this one belongs to
    source: str | None = None  # "dictionary", "ner", "role-noun", ... why it is what it is


@dataclass(slots=True)
class Place:
    id: str
    text: str
    start: int
    end: int
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    feature_code: str | None = None
    resolution: str | None = None  # country | admin1 | district | city | sub-city
    reason: str | None = None  # why this candidate was chosen


@dataclass(slots=True)
class TimeSpan:
    id: str
    text: str
    start: int
    end: int
    value: str | None = None  # TIMEX3-style value: 2021-03-08, 2021-W10, 2021-03, PXD ...
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    start_date: date | None = None
    end_date: date | None = None
    precision: str = Precision.UNKNOWN


@dataclass(slots=True)
class Argument:
    """An actor filling a slot of an event, with the text that expresses it."""

    actor: str | None
    text: str
    start: int
    end: int


@dataclass(slots=True)
class EventLocation:
    place: str | None  # a place id
    precision: int | None = (
        None  # ACLED geo precision: 1 town, 2 near town / part of region, 3 region
    )
    reason: str | None = None


@dataclass(slots=True)
class EventDate:
    start_date: date | None
    end_date: date | None
    precision: str = Precision.UNKNOWN
    time: str | None = None  # a time id, when one governs the event
    reason: str = "unknown"


@dataclass(slots=True)
class Attribution:
    text: str
    start: int
    end: int
    actor: str | None = None
    kind: str = "unknown"  # named_person, official, unnamed, media, organisation, perpetrator, ...
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    parent: int | None = None  # index of the outer attribution in a nested chain


@dataclass(slots=True)
class Counts:
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None


@dataclass(slots=True)
class Codes:
    cameo_root: str | None = None
    quad: int | None = None
    plover_score: float | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str  # PLOVER event type
    trigger: TextSpan
    sentence: Mention
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actor: list[Argument] = field(default_factory=list)
    recipient: list[Argument] = field(default_factory=list)
    location: EventLocation | None = None
    date: EventDate | None = None
    status: str = EventStatus.ASSERTED
    attribution: list[Attribution] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    codes: Codes = field(default_factory=Codes)
    confidence: float = 0.0
    reason: str | None = None  # how the event was found (pattern, lexicon entry, classifier)
    contradicts: list[str] = field(default_factory=list)  # ids of events this one contradicts


@dataclass(slots=True)
class DocError:
    """A problem with one document, recorded instead of stopping the batch."""

    code: str  # e.g. "W101"; see wirecoder.errors
    message: str
    origin: str | None = None
    stage: str | None = None  # "ingest", a component name, "store"


@dataclass(slots=True)
class DocumentRecord:
    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    published_reason: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = None
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeSpan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[DocError] = field(default_factory=list)
    pipeline: str | None = None  # pipeline version that produced it
    schema_version: str = SCHEMA_VERSION


# --- serialisation: the one place where records become JSON and back -------------------------

T = TypeVar("T")


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """Return the JSON-able dict of a record (dates as ISO strings)."""
    out = _dump(record)
    assert isinstance(out, dict)
    return out


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(args[0], value) if len(args) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_load(inner, v) for v in value]
    if tp is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)  # type: ignore[arg-type]
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a record of type ``cls`` from its JSON dict; unknown keys are ignored."""
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: _load(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)
