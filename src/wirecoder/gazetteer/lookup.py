"""Looking places up: a small ``Gazetteer`` interface and its SQLite implementation."""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from .build import GAZETTEER_VERSION, build_gazetteer, sources_fingerprint
from .names import name_keys

__all__ = [
    "Candidate",
    "Gazetteer",
    "SqliteGazetteer",
    "default_gazetteer_path",
    "open_gazetteer",
    "stale_gazetteers",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to, with how the name matched it."""

    id: int  # the index's id: the GeoNames id, or negative for entries without one
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int
    resolution: str
    matched: str = ""  # the name (primary or alternate) that matched
    match_kind: int = 0  # 0 primary name, 1 alternate name, 2 variant without "Al-"/"El-"


class Gazetteer(ABC):
    """What the places component needs from a gazetteer; tests can swap in a small one."""

    @abstractmethod
    def candidates(self, name: str) -> list[Candidate]:
        """Return the entries ``name`` may refer to (case/diacritic/hyphen-insensitive)."""

    @abstractmethod
    def get(self, geonameid: int) -> Candidate | None:
        """Return the entry with this GeoNames id, or None."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""


_COLUMNS = (
    "p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature_class, "
    "p.feature_code, p.population, p.resolution"
)


class SqliteGazetteer(Gazetteer):
    """The gazetteer index built by :func:`~wirecoder.gazetteer.build.build_gazetteer`."""

    def __init__(self, path: Path, *, cache_size: int = 50_000) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._cached = functools.lru_cache(maxsize=cache_size)(self._lookup)

    @property
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def candidates(self, name: str) -> list[Candidate]:
        return list(self._cached(name))

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        keys = name_keys(name)
        if not keys:
            return ()
        marks = ",".join("?" * len(keys))
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, n.name, n.kind FROM names n JOIN places p ON p.id = n.place "
            f"WHERE n.key IN ({marks}) ORDER BY n.kind, p.population DESC, p.id",
            keys,
        ).fetchall()
        best: dict[int, Candidate] = {}
        for row in rows:
            if row[0] not in best:
                best[row[0]] = Candidate(*row)
        return tuple(best.values())

    def get(self, geonameid: int) -> Candidate | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS}, p.name, 0 FROM places p WHERE p.geonameid = ?", (geonameid,)
        ).fetchone()
        return Candidate(*row) if row else None

    def meta(self) -> dict[str, str]:
        """Return the build metadata (package versions, counts)."""
        return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def default_gazetteer_path() -> Path:
    """Return the cached gazetteer's path: $WIRECODER_CACHE, $XDG_CACHE_HOME/wirecoder or ~/.cache.

    The name carries the build version and a fingerprint of its inputs (package versions, the
    supplement), so installing or upgrading a source package builds a fresh file.
    """
    base = os.environ.get("WIRECODER_CACHE")
    if base:
        folder = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        folder = (Path(xdg) if xdg else Path.home() / ".cache") / "wirecoder"
    return folder / f"gazetteer-{GAZETTEER_VERSION}-{sources_fingerprint()}.sqlite"


def stale_gazetteers() -> list[Path]:
    """Return the cached gazetteer builds other than the current one, oldest first.

    Each new gazetteer version or source package version builds a new file (about 50 MB) in
    the cache folder; the older ones are never read again by this installation, though another
    installation sharing the folder may still use its own.
    """
    current = default_gazetteer_path()
    if not current.parent.is_dir():
        return []
    found = [
        p
        for p in current.parent.glob("gazetteer-*.sqlite")
        if p.name != current.name and p.is_file()
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def open_gazetteer(path: Path | None = None) -> SqliteGazetteer:
    """Return the gazetteer at ``path`` (default: the cached one, built on first use)."""
    target = Path(path) if path is not None else default_gazetteer_path()
    if not target.exists():
        log.info("building the gazetteer at %s (first use; about half a minute)", target)
        build_gazetteer(target)
    return SqliteGazetteer(target)
