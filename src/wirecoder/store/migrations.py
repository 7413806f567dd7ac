"""Schema migrations of the store: an ordered list of steps keyed by version."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, select

from ..errors import ErrorCode, WirecoderError
from .schema import STORE_SCHEMA_VERSION, meta, metadata

__all__ = ["current_version", "migrate"]

log = logging.getLogger(__name__)


def _create_v1(conn: Connection) -> None:
    metadata.create_all(conn)


#: version -> step that brings a store from version-1 to version. Add new steps at the end;
#: never edit a released step.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _create_v1}


def current_version(conn: Connection) -> int:
    """Return the store's schema version (0 for an empty database)."""
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection, *, url: str) -> int:
    """Bring the store up to this wirecoder's schema version; return the version."""
    found = current_version(conn)
    if found > STORE_SCHEMA_VERSION:
        raise WirecoderError(ErrorCode.W302, url=url, found=found, expected=STORE_SCHEMA_VERSION)
    for version in range(found + 1, STORE_SCHEMA_VERSION + 1):
        log.info("migrating store %s to schema version %d", url, version)
        MIGRATIONS[version](conn)
        conn.execute(meta.delete().where(meta.c.key == "schema_version"))
        conn.execute(meta.insert().values(key="schema_version", value=str(version)))
    return STORE_SCHEMA_VERSION
