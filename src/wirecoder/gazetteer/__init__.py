"""The offline gazetteer: an SQLite index of GeoNames places built from installed packages."""

from __future__ import annotations

from .build import GAZETTEER_VERSION, build_gazetteer
from .lookup import (
    Candidate,
    Gazetteer,
    SqliteGazetteer,
    default_gazetteer_path,
    open_gazetteer,
    stale_gazetteers,
)
from .supplement import load_supplement

__all__ = [
    "GAZETTEER_VERSION",
    "Candidate",
    "Gazetteer",
    "SqliteGazetteer",
    "build_gazetteer",
    "default_gazetteer_path",
    "load_supplement",
    "open_gazetteer",
    "stale_gazetteers",
]
