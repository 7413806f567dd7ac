"""Store stage: document records in, events out (SQLite by default, PostgreSQL by URL)."""

from .base import EventQuery, PutResult, Stats, Store, StoredEvent
from .sql import SQLStore, open_store

__all__ = ["EventQuery", "PutResult", "SQLStore", "Stats", "Store", "StoredEvent", "open_store"]
