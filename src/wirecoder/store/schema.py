"""Tables of the event store (SQLAlchemy Core, dialect-neutral: SQLite and PostgreSQL).

The full public JSON record of each document is kept in ``documents.record``; the other tables
are indexes derived from it for querying. Nothing is lost if they are rebuilt.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["STORE_SCHEMA_VERSION", "metadata"]

#: Version of the table layout; see ``migrations.py``.
STORE_SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(32), nullable=False),
    Column("pipeline", Text),
    Column("wirecoder_version", String(32), nullable=False),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("status", String(16), nullable=False),  # running | finished | interrupted | failed
    Column("host", String(255)),
    Column("pid", Integer),
    Column("documents_added", Integer, nullable=False, default=0),
    Column("documents_replaced", Integer, nullable=False, default=0),
    Column("documents_unchanged", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("arguments", Text),
)

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("origin", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_reason", String(32)),
    Column("source", Text),
    Column("url", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("n_words", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("pipeline", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", String(32), nullable=False),
    Column("record", Text, nullable=False),  # the public JSON record
)

# Which article (a source identity: URL, record id or file origin) currently has which text.
# Several sources may share one document (exact syndicated copies); a source whose text changed
# points to the new document and the old one is removed when nothing else refers to it.
sources = Table(
    "sources",
    metadata,
    Column("source_key", Text, primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), nullable=False),
    Column("origin", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Index("ix_sources_doc", "doc_id"),
)

# Near-duplicate detection (wirecoder.dedup): a MinHash signature per document, its LSH band
# keys for candidate lookup, and the link from a later near-copy to the document it copies.
signatures = Table(
    "signatures",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

doc_bands = Table(
    "doc_bands",
    metadata,
    Column("band_key", String(24), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("duplicate_of", String(32), ForeignKey("documents.doc_id"), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_near_duplicates_of", "duplicate_of"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("origin", Text, nullable=False),
    Column("doc_id", String(32)),  # set for warnings about a stored document
    Column("code", String(8), nullable=False),
    Column("stage", String(32)),
    Column("message", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("origin", "code", "message", name="uq_failure"),
)

entities = Table(
    "entities",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("label", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32)),
    Column("country", String(3)),
    Column("sectors", Text),  # space-separated PLOVER codes
    Column("n_mentions", Integer, nullable=False),
    Index("ix_actors_name", "name"),
)

places = Table(
    "places",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("geonameid", Integer),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("feature_code", String(16)),
    Column("resolution", String(16)),
)

times = Table(
    "times",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(64)),
    Column("type", String(16)),
    Column("start_date", String(10)),
    Column("end_date", String(10)),
    Column("precision", String(16)),
)

events = Table(
    "events",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(16)),
    Column("place_id", String(16)),
    Column("place_name", Text),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("arrested", Integer),
    Column("cameo_root", String(4)),
    Column("quad", Integer),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("confidence", Float, nullable=False),
    Column("actor_names", Text),  # "; "-joined, for display and substring search
    Column("recipient_names", Text),
    Column("source_text", Text),  # attribution sources, "; "-joined
    Column("event", Text, nullable=False),  # the event's public JSON
    Index("ix_events_type", "type"),
    Index("ix_events_status", "status"),
    Index("ix_events_dates", "date_start", "date_end"),
    Index("ix_events_country", "country"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.doc_id"), primary_key=True),
    Column("event_id", String(16), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor | recipient
    Column("position", Integer, primary_key=True),
    Column("actor_id", String(16)),
    Column("text", Text, nullable=False),
    Column("name", Text),
    Column("kind", String(32)),
    Column("country", String(3)),
    Column("sectors", Text),
    Index("ix_event_actors_country", "country"),
)

#: Tables that hold one document's derived rows, deleted together with it.
DOCUMENT_TABLES = (event_actors, events, times, places, actors, entities, signatures, doc_bands)
