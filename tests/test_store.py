"""The SQL store: idempotent, re-codes changed articles, keeps failures, filters events."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

import pg
from factories import TEXT, make_record
from wirecoder.errors import WirecoderError
from wirecoder.records import DocError, to_dict
from wirecoder.store import EventQuery, open_store


@pytest.fixture(scope="session")
def pg_server():
    reason = pg.available()
    if reason:
        pytest.skip(reason)
    with pg.server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The same tests run on both backends: one code path (SQLAlchemy Core)."""
    if request.param == "sqlite":
        target = str(tmp_path / "s.db")
    else:
        target = pg.new_database(request.getfixturevalue("pg_server"))
    with open_store(target) as s:
        yield s


def test_put_is_idempotent_and_round_trips(store):
    record = make_record()
    run = store.begin_run(command="ingest", pipeline="test")
    assert [r.action for r in store.put_batch([("k1", record)], [], run_id=run)] == ["added"]
    assert [r.action for r in store.put_batch([("k1", record)], [], run_id=run)] == ["unchanged"]
    assert store.known([("k1", record.doc_id), ("k2", record.doc_id)]) == {"k1"}
    assert to_dict(store.get_record(record.doc_id)) == to_dict(record)
    assert store.stats().documents == 1 and store.stats().events == 1


def test_changed_article_replaces_old_version(store):
    run = store.begin_run(command="ingest", pipeline="test")
    old = make_record()
    new = make_record(TEXT + " Two suspects were later released.")
    store.put_batch([("k1", old)], [], run_id=run)
    assert [r.action for r in store.put_batch([("k1", new)], [], run_id=run)] == ["replaced"]
    assert store.stats().documents == 1
    with pytest.raises(WirecoderError, match="W303"):
        store.get_record(old.doc_id)


def test_exact_copy_from_another_source_is_linked_not_stored_twice(store):
    run = store.begin_run(command="ingest", pipeline="test")
    record = make_record()
    store.put_batch([("wire", record)], [], run_id=run)
    assert [r.action for r in store.put_batch([("reprint", record)], [], run_id=run)] == [
        "duplicate"
    ]
    assert store.stats().documents == 1 and store.stats().events == 1


def test_failures_recorded_once_and_cleared_when_fixed(store):
    run = store.begin_run(command="ingest", pipeline="test")
    bad = DocError(
        code="W101", message="[W101] empty input: demo/a.txt holds no text", origin="demo/a.txt"
    )
    store.put_batch([], [bad], run_id=run)
    store.put_batch([], [bad], run_id=run)
    assert [f.code for f in store.failures()] == ["W101"]
    assert store.stats().failures == 1
    store.put_batch([("demo/a.txt", make_record(origin="demo/a.txt"))], [], run_id=run)
    assert store.failures() == []


def test_runs_are_recorded_with_counts(store):
    run = store.begin_run(command="ingest", pipeline="wirecoder-test")
    store.put_batch([("k1", make_record())], [], run_id=run)
    store.finish_run(run)
    (row,) = store.stats().runs
    assert row["status"] == "finished" and row["documents_added"] == 1
    assert row["pipeline"] == "wirecoder-test"


@pytest.fixture
def filled(store):
    run = store.begin_run(command="ingest", pipeline="test")
    records = [
        make_record(origin="a", month=3),
        make_record(
            TEXT + " Schools in the area were closed.",
            origin="b",
            event_type="PROTEST",
            status="denied",
            month=5,
        ),
    ]
    store.put_batch([(r.origin, r) for r in records], [], run_id=run)
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(), 2),
        (EventQuery(types=("assault",)), 1),
        (EventQuery(statuses=("denied",)), 1),
        (EventQuery(actor="lions"), 2),
        (EventQuery(actor="nobody"), 0),
        (EventQuery(country="NGA"), 2),
        (EventQuery(country="IRQ"), 0),
        (EventQuery(sector="COP"), 2),
        (EventQuery(sector="MIL"), 0),
        # interval-aware: the week 4-10 March contains 7 March
        (EventQuery(since=date(2024, 3, 7), until=date(2024, 3, 7)), 1),
        (EventQuery(since=date(2024, 3, 11), until=date(2024, 4, 30)), 0),
        (EventQuery(since=date(2024, 5, 1)), 1),
        (EventQuery(bbox=(8.0, 11.5, 9.0, 12.5)), 2),
        (EventQuery(bbox=(30.0, 11.5, 31.0, 12.5)), 0),
        # within a radius of a point (Kano is at 12.0, 8.52)
        (EventQuery(near=(12.0, 8.52, 1.0)), 2),
        # 22 km north and 22 km east: inside the circle's box, 31 km away
        (EventQuery(near=(12.2, 8.72, 25.0)), 0),
        (EventQuery(near=(12.2, 8.72, 35.0)), 2),
        (EventQuery(near=(12.0, 8.52, 10.0), limit=1), 1),
        (EventQuery(near=(12.0, 179.9, 500.0)), 0),  # a box across the antimeridian
        (EventQuery(located=True), 2),
        (EventQuery(located=False), 0),
        (EventQuery(limit=1), 1),
    ],
)
def test_event_filters(filled, query, expected):
    assert len(list(filled.events(query))) == expected


def test_store_is_a_valid_sqlite_file(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as s:
        run = s.begin_run(command="ingest", pipeline="t")
        s.put_batch([("k", make_record())], [], run_id=run)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)


def test_newer_store_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.commit()
    with pytest.raises(WirecoderError, match="W302"):
        open_store(path)
