"""The SQL store: SQLite by default, PostgreSQL by URL, one code path (SQLAlchemy Core)."""

from __future__ import annotations

import json
import logging
import math
import os
import socket
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine

from .. import __version__, dedup
from ..errors import ErrorCode, WirecoderError
from ..records import DocError, DocumentRecord, Event, from_dict, to_dict
from . import schema as t
from .base import EventQuery, PutResult, Stats, Store, StoredEvent
from .migrations import migrate

__all__ = ["SQLStore", "open_store"]

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _normalise_url(url_or_path: str | Path) -> str:
    text = str(url_or_path)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def open_store(url_or_path: str | Path) -> SQLStore:
    """Return a store for a SQLite file path or a database URL (``postgresql+psycopg://...``)."""
    return SQLStore(_normalise_url(url_or_path))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL keeps readers working during ingest, and a killed writer never corrupts the file.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SQLStore(Store):
    """A :class:`Store` over any SQLAlchemy database with the schema in ``schema.py``."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            with self.engine.begin() as conn:
                migrate(conn, url=url)
                self._mark_interrupted_runs(conn)
        except WirecoderError:
            raise
        except Exception as exc:
            raise WirecoderError(ErrorCode.W301, url=url, detail=exc) from exc

    # --- runs ---------------------------------------------------------------------------------

    def _mark_interrupted_runs(self, conn: Connection) -> None:
        host = socket.gethostname()
        rows = conn.execute(
            select(t.runs.c.id, t.runs.c.pid).where(
                t.runs.c.status == "running", t.runs.c.host == host
            )
        ).all()
        for run_id, pid in rows:
            if pid is not None and not _pid_alive(pid):
                conn.execute(
                    update(t.runs).where(t.runs.c.id == run_id).values(status="interrupted")
                )

    def begin_run(self, *, command: str, pipeline: str | None, arguments: str = "") -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(t.runs).values(
                    command=command,
                    pipeline=pipeline,
                    wirecoder_version=__version__,
                    started_at=_now(),
                    status="running",
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    documents_added=0,
                    documents_replaced=0,
                    documents_unchanged=0,
                    failures=0,
                    arguments=arguments,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, *, status: str = "finished") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(status=status, finished_at=_now())
            )

    # --- writing ------------------------------------------------------------------------------

    def known(self, source_keys: Iterable[tuple[str, str]]) -> set[str]:
        pairs = list(source_keys)
        if not pairs:
            return set()
        wanted = dict(pairs)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(list(wanted), 500):
                rows = conn.execute(
                    select(t.sources.c.source_key, t.sources.c.doc_id).where(
                        t.sources.c.source_key.in_(chunk)
                    )
                )
                found.update(key for key, doc_id in rows if wanted[key] == doc_id)
        return found

    def put_batch(
        self,
        records: Iterable[tuple[str, DocumentRecord]],
        failures: Iterable[DocError],
        *,
        run_id: int,
    ) -> list[PutResult]:
        results: list[PutResult] = []
        failure_list = list(failures)
        with self.engine.begin() as conn:
            for source_key, record in records:
                results.append(self._put_one(conn, source_key, record, run_id=run_id))
            for failure in failure_list:
                self._put_failure(conn, failure, run_id=run_id, doc_id=None)
            counts = {a: sum(r.action == a for r in results) for a in ("added", "replaced")}
            conn.execute(
                update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(
                    documents_added=t.runs.c.documents_added + counts["added"],
                    documents_replaced=t.runs.c.documents_replaced + counts["replaced"],
                    documents_unchanged=t.runs.c.documents_unchanged
                    + (len(results) - counts["added"] - counts["replaced"]),
                    failures=t.runs.c.failures + len(failure_list),
                )
            )
        return results

    def _put_one(
        self, conn: Connection, source_key: str, record: DocumentRecord, *, run_id: int
    ) -> PutResult:
        previous = conn.execute(
            select(t.sources.c.doc_id).where(t.sources.c.source_key == source_key)
        ).scalar()
        if previous == record.doc_id:
            return PutResult(doc_id=record.doc_id, action="unchanged")
        stored = conn.execute(
            select(t.documents.c.doc_id).where(t.documents.c.doc_id == record.doc_id)
        ).scalar()
        if stored is None:
            self._insert_document(conn, record, run_id=run_id)
        row = {"doc_id": record.doc_id, "origin": record.origin, "run_id": run_id}
        if previous is None:
            conn.execute(insert(t.sources).values(source_key=source_key, **row))
        else:
            conn.execute(
                update(t.sources).where(t.sources.c.source_key == source_key).values(**row)
            )
            self._delete_if_orphan(conn, previous)
        if record.origin:  # earlier failures of this origin are now moot
            conn.execute(
                delete(t.failures).where(
                    t.failures.c.origin == record.origin, t.failures.c.doc_id.is_(None)
                )
            )
        if stored is not None:
            action = "duplicate"
        else:
            action = "added" if previous is None else "replaced"
        return PutResult(doc_id=record.doc_id, action=action)

    def _insert_document(self, conn: Connection, record: DocumentRecord, *, run_id: int) -> None:
        data = to_dict(record)
        conn.execute(
            insert(t.documents).values(
                doc_id=record.doc_id,
                origin=record.origin,
                title=record.title,
                published=data["published"],
                published_reason=record.published_reason,
                source=record.source,
                url=record.url,
                language=record.language,
                text=record.text,
                n_words=len(record.text.split()),
                n_events=len(record.events),
                pipeline=record.pipeline,
                run_id=run_id,
                ingested_at=_now(),
                record=json.dumps(data, ensure_ascii=False),
            )
        )
        for table, rows in _derived_rows(record, data).items():
            if rows:
                conn.execute(insert(table), rows)
        self._link_near_duplicate(conn, record.doc_id, dedup.signature(record.text))
        for error in record.errors:
            self._put_failure(conn, error, run_id=run_id, doc_id=record.doc_id)

    def _link_near_duplicate(self, conn: Connection, doc_id: str, sig: dedup.Signature) -> None:
        """Link the document to the most similar stored one, if that is a near-copy."""
        keys = dedup.band_keys(sig)
        candidates = conn.execute(
            select(t.signatures.c.doc_id, t.signatures.c.minhash).where(
                t.signatures.c.doc_id.in_(
                    select(t.doc_bands.c.doc_id).where(t.doc_bands.c.band_key.in_(keys))
                ),
                t.signatures.c.doc_id != doc_id,
            )
        ).all()
        scored = [
            (dedup.similarity(sig, dedup.Signature.from_bytes(blob)), other)
            for other, blob in candidates
        ]
        best = max(scored, default=None)
        if best and best[0] >= dedup.NEAR_DUPLICATE_THRESHOLD:
            conn.execute(
                insert(t.near_duplicates).values(
                    doc_id=doc_id, duplicate_of=best[1], similarity=round(best[0], 4)
                )
            )
        conn.execute(insert(t.signatures).values(doc_id=doc_id, minhash=sig.to_bytes()))
        conn.execute(insert(t.doc_bands), [{"band_key": k, "doc_id": doc_id} for k in keys])

    def _delete_if_orphan(self, conn: Connection, doc_id: str) -> None:
        referenced = conn.execute(
            select(func.count()).select_from(t.sources).where(t.sources.c.doc_id == doc_id)
        ).scalar()
        if referenced:
            return
        nd = t.near_duplicates
        conn.execute(delete(nd).where(or_(nd.c.doc_id == doc_id, nd.c.duplicate_of == doc_id)))
        for table in t.DOCUMENT_TABLES:
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        conn.execute(delete(t.failures).where(t.failures.c.doc_id == doc_id))
        conn.execute(delete(t.documents).where(t.documents.c.doc_id == doc_id))

    def _put_failure(
        self, conn: Connection, failure: DocError, *, run_id: int, doc_id: str | None
    ) -> None:
        origin = failure.origin or "<unknown>"
        duplicate = conn.execute(
            select(t.failures.c.id).where(
                t.failures.c.origin == origin,
                t.failures.c.code == failure.code,
                t.failures.c.message == failure.message,
            )
        ).first()
        if duplicate is None:
            conn.execute(
                insert(t.failures).values(
                    run_id=run_id,
                    origin=origin,
                    doc_id=doc_id,
                    code=failure.code,
                    stage=failure.stage,
                    message=failure.message,
                    created_at=_now(),
                )
            )

    # --- reading ------------------------------------------------------------------------------

    def get_record(self, doc_id: str) -> DocumentRecord:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.documents.c.record).where(t.documents.c.doc_id == doc_id)
            ).scalar()
            if row is None:  # allow unambiguous prefixes, as git does
                matches = conn.execute(
                    select(t.documents.c.record)
                    .where(t.documents.c.doc_id.like(f"{doc_id}%"))
                    .limit(2)
                ).all()
                if len(matches) == 1:
                    row = matches[0][0]
        if row is None:
            raise WirecoderError(ErrorCode.W303, doc_id=doc_id, url=self.url)
        return from_dict(DocumentRecord, json.loads(row))

    def events(self, query: EventQuery) -> Iterator[StoredEvent]:
        e, d = t.events, t.documents
        nd = t.near_duplicates
        stmt = (
            select(e, d.c.title, d.c.published, nd.c.duplicate_of)
            .join(d, d.c.doc_id == e.c.doc_id)
            .outerjoin(nd, nd.c.doc_id == e.c.doc_id)
            .where(*_event_conditions(query))
            .order_by(
                e.c.date_start.desc().nulls_last(),
                d.c.published.desc().nulls_last(),
                e.c.doc_id,
                e.c.id,
            )
        )
        if query.limit and query.near is None:
            stmt = stmt.limit(query.limit)
        with self.engine.connect() as conn:
            rows: Iterator[StoredEvent] = (
                _stored_event(row) for row in conn.execute(stmt).mappings()
            )
            if query.near is not None:
                rows = _within(rows, *query.near)
            yield from islice(rows, query.limit or None)

    def stats(self, *, top: int = 10) -> Stats:
        e, ea = t.events, t.event_actors
        with self.engine.connect() as conn:

            def count(table: Any, *where: Any) -> int:
                return int(
                    conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
                    or 0
                )

            def grouped(
                column: Any, *where: Any, limit: int | None = None
            ) -> list[tuple[str, int]]:
                n = func.count().label("n")
                stmt = select(column, n).where(column.is_not(None), *where).group_by(column)
                stmt = stmt.order_by(n.desc(), column)
                if limit:
                    stmt = stmt.limit(limit)
                return [(str(k), int(v)) for k, v in conn.execute(stmt)]

            runs = [
                dict(r)
                for r in conn.execute(
                    select(t.runs).order_by(t.runs.c.id.desc()).limit(5)
                ).mappings()
            ]
            return Stats(
                documents=count(t.documents),
                events=count(e),
                failures=count(t.failures, t.failures.c.doc_id.is_(None)),
                near_duplicates=count(t.near_duplicates),
                events_by_type=grouped(e.c.type),
                events_by_status=grouped(e.c.status),
                top_actors=grouped(ea.c.name, ea.c.actor_id.is_not(None), limit=top),
                top_places=grouped(e.c.place_name, limit=top),
                failures_by_code=grouped(t.failures.c.code),
                runs=runs,
            )

    def failures(self, *, limit: int | None = None) -> list[DocError]:
        stmt = select(t.failures).order_by(t.failures.c.id)
        if limit:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [
                DocError(code=r.code, message=r.message, origin=r.origin, stage=r.stage)
                for r in conn.execute(stmt)
            ]

    def close(self) -> None:
        self.engine.dispose()


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _event_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    e, ea = t.events, t.event_actors
    conds: list[ColumnElement[bool]] = []
    same_event = and_(ea.c.doc_id == e.c.doc_id, ea.c.event_id == e.c.id)
    if query.types:
        conds.append(e.c.type.in_([x.upper() for x in query.types]))
    if query.statuses:
        conds.append(e.c.status.in_([x.lower() for x in query.statuses]))
    if query.actor:
        pattern = f"%{query.actor.lower()}%"
        conds.append(
            or_(
                func.lower(e.c.actor_names).like(pattern),
                func.lower(e.c.recipient_names).like(pattern),
            )
        )
    if query.country:
        code = query.country.upper()
        conds.append(or_(e.c.country == code, exists().where(same_event, ea.c.country == code)))
    if query.sector:
        conds.append(exists().where(same_event, ea.c.sectors.like(f"%{query.sector.upper()}%")))
    if query.since:
        conds.append(e.c.date_end >= query.since.isoformat())
    if query.until:
        conds.append(e.c.date_start <= query.until.isoformat())
    if query.doc_id:
        conds.append(e.c.doc_id.like(f"{query.doc_id}%"))
    if query.bbox:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        conds.append(e.c.lon.between(min_lon, max_lon))
        conds.append(e.c.lat.between(min_lat, max_lat))
    if query.near:  # the circle's box here; the distance itself in _within
        lat, lon, km = query.near
        dlat = km / _KM_PER_DEGREE
        dlon = km / (_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 1e-6))
        conds.append(e.c.lat.between(lat - dlat, lat + dlat))
        if dlon < 180:
            west, east = lon - dlon, lon + dlon
            if west < -180 or east > 180:  # across the antimeridian: two ranges
                west, east = (west + 540) % 360 - 180, (east + 540) % 360 - 180
                conds.append(or_(e.c.lon >= west, e.c.lon <= east))
            else:
                conds.append(e.c.lon.between(west, east))
    if query.located is not None:
        conds.append(e.c.lat.is_not(None) if query.located else e.c.lat.is_(None))
    if query.min_confidence:
        conds.append(e.c.confidence >= query.min_confidence)
    if query.skip_near_duplicates:
        copies = t.near_duplicates.alias("copies")  # the main query joins near_duplicates too
        conds.append(~exists().where(copies.c.doc_id == e.c.doc_id))
    return conds


#: kilometres per degree of latitude (and of longitude at the equator)
_KM_PER_DEGREE = 111.195


def _within(
    events: Iterable[StoredEvent], lat: float, lon: float, km: float
) -> Iterator[StoredEvent]:
    """Yield the located events at most ``km`` from (lat, lon), great-circle distance."""
    from ..gazetteer.resolve import haversine_km

    for ev in events:
        if (
            ev.lat is not None
            and ev.lon is not None
            and haversine_km(lat, lon, ev.lat, ev.lon) <= km
        ):
            yield ev


def _stored_event(row: Any) -> StoredEvent:
    return StoredEvent(
        doc_id=row["doc_id"],
        event_id=row["id"],
        type=row["type"],
        mode=row["mode"],
        status=row["status"],
        trigger=row["trigger"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        date_precision=row["date_precision"],
        place=row["place_name"],
        country=row["country"],
        lat=row["lat"],
        lon=row["lon"],
        actors=row["actor_names"],
        recipients=row["recipient_names"],
        sources=row["source_text"],
        killed=row["killed"],
        injured=row["injured"],
        arrested=row["arrested"],
        confidence=row["confidence"],
        title=row["title"],
        published=row["published"],
        near_duplicate_of=row["duplicate_of"],
        event=json.loads(row["event"]),
    )


def _derived_rows(record: DocumentRecord, data: dict[str, Any]) -> dict[Any, list[dict[str, Any]]]:
    """Return the index rows of a record, by table."""
    doc_id = record.doc_id
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    rows: dict[Any, list[dict[str, Any]]] = {
        t.entities: [{"doc_id": doc_id, **ent} for ent in data["entities"]],
        t.actors: [
            {
                "doc_id": doc_id,
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "sectors": " ".join(a.sectors),
                "n_mentions": len(a.mentions),
            }
            for a in record.actors
        ],
        t.places: [
            {k: v for k, v in place.items() if k != "reason"} | {"doc_id": doc_id}
            for place in data["places"]
        ],
        t.times: [{"doc_id": doc_id, **tm} for tm in data["times"]],
        t.events: [],
        t.event_actors: [],
    }
    for ev, ev_data in zip(record.events, data["events"], strict=True):
        rows[t.events].append(_event_row(doc_id, ev, ev_data, actors, places))
        for role, args in (("actor", ev.actor), ("recipient", ev.recipient)):
            for pos, arg in enumerate(args):
                actor = actors.get(arg.actor) if arg.actor else None
                rows[t.event_actors].append(
                    {
                        "doc_id": doc_id,
                        "event_id": ev.id,
                        "role": role,
                        "position": pos,
                        "actor_id": arg.actor,
                        "text": arg.text,
                        "name": actor.name if actor else arg.text,
                        "kind": actor.kind if actor else None,
                        "country": actor.country if actor else None,
                        "sectors": " ".join(actor.sectors) if actor else None,
                    }
                )
    return rows


def _event_row(
    doc_id: str, ev: Event, ev_data: dict[str, Any], actors: dict[str, Any], places: dict[str, Any]
) -> dict[str, Any]:
    place = places.get(ev.location.place) if ev.location and ev.location.place else None

    def names(args: list[Any]) -> str | None:
        out = [actors[a.actor].name if a.actor in actors else a.text for a in args]
        return "; ".join(out) or None

    date = ev.date
    return {
        "doc_id": doc_id,
        "id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "status": str(ev.status),
        "trigger": ev.trigger.text,
        "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "date_start": date.start_date.isoformat() if date and date.start_date else None,
        "date_end": date.end_date.isoformat() if date and date.end_date else None,
        "date_precision": date.precision if date else None,
        "place_id": place.id if place else None,
        "place_name": (place.name or place.text) if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": ev.location.precision if ev.location else None,
        "killed": ev.counts.killed,
        "injured": ev.counts.injured,
        "arrested": ev.counts.arrested,
        "cameo_root": ev.codes.cameo_root,
        "quad": ev.codes.quad,
        "acled_event_type": ev.codes.acled_event_type,
        "acled_sub_event_type": ev.codes.acled_sub_event_type,
        "confidence": ev.confidence,
        "actor_names": names(ev.actor),
        "recipient_names": names(ev.recipient),
        "source_text": "; ".join(a.text for a in ev.attribution) or None,
        "event": json.dumps(ev_data, ensure_ascii=False),
    }
