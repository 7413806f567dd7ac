"""The Store interface: where document records go and how events come back out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import DocError, DocumentRecord

__all__ = ["EventQuery", "PutResult", "Stats", "Store", "StoredEvent"]


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """Filters for events; every given filter must hold (AND)."""

    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    actor: str | None = None  # case-insensitive substring of an actor or recipient name
    country: str | None = None  # ISO alpha-3: the event's place or one of its actors
    sector: str | None = None  # PLOVER sector of an actor or recipient
    since: date | None = None  # interval-aware: events whose date interval overlaps
    until: date | None = None
    doc_id: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    near: tuple[float, float, float] | None = None  # lat, lon, km: located within km of it
    located: bool | None = None  # True: only events with a point; False: only without
    min_confidence: float = 0.0
    skip_near_duplicates: bool = False  # leave out events of documents that copy another
    limit: int | None = None


@dataclass(kw_only=True)
class StoredEvent:
    """One event as the store returns it, flattened for tables and exports."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    status: str
    trigger: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    actors: str | None
    recipients: str | None
    sources: str | None
    killed: int | None
    injured: int | None
    arrested: int | None
    confidence: float
    title: str | None
    published: str | None
    near_duplicate_of: str | None = None  # the document this event's document copies
    event: dict[str, Any] = field(default_factory=dict)  # the event's public JSON


@dataclass(kw_only=True)
class PutResult:
    """What storing one record did: added, replaced (changed text) or unchanged."""

    doc_id: str
    action: str  # added | replaced | unchanged


@dataclass(kw_only=True)
class Stats:
    documents: int
    events: int
    failures: int
    near_duplicates: int
    events_by_type: list[tuple[str, int]]
    events_by_status: list[tuple[str, int]]
    top_actors: list[tuple[str, int]]
    top_places: list[tuple[str, int]]
    failures_by_code: list[tuple[str, int]]
    runs: list[dict[str, Any]]


class Store(ABC):
    """A place to keep document records: SQLite by default, PostgreSQL by URL."""

    url: str

    @abstractmethod
    def begin_run(self, *, command: str, pipeline: str | None, arguments: str = "") -> int:
        """Record the start of a run and return its id."""

    @abstractmethod
    def finish_run(self, run_id: int, *, status: str = "finished") -> None:
        """Record the end of a run."""

    @abstractmethod
    def known(self, source_keys: Iterable[tuple[str, str]]) -> set[str]:
        """Return the source keys (of (source_key, doc_id) pairs) already stored with that doc_id."""

    @abstractmethod
    def put_batch(
        self,
        records: Iterable[tuple[str, DocumentRecord]],
        failures: Iterable[DocError],
        *,
        run_id: int,
    ) -> list[PutResult]:
        """Store (source_key, record) pairs and failures in one transaction (all or nothing)."""

    @abstractmethod
    def get_record(self, doc_id: str) -> DocumentRecord:
        """Return the stored record of a document (W303 if absent)."""

    @abstractmethod
    def events(self, query: EventQuery) -> Iterator[StoredEvent]:
        """Return events matching ``query``, newest first."""

    @abstractmethod
    def stats(self, *, top: int = 10) -> Stats:
        """Return counts for the summary."""

    @abstractmethod
    def failures(self, *, limit: int | None = None) -> list[DocError]:
        """Return recorded per-document failures and warnings."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
