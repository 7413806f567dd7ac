"""Candidates of different names that lie near each other: mutual support for local readings.

A local report names places close together ("Columbus" and "Harris County" in Georgia);
of all their namesakes, the ones near a namesake of another name in the document are the
likely readings. The search buckets candidates by one-degree cells, so a document costs
about one look at each candidate's neighbouring cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .lookup import Candidate
from .resolve import haversine_km

__all__ = ["NEIGHBOUR_KM", "neighbour_counts"]

#: candidates of two names this close support each other
NEIGHBOUR_KM = 60.0
#: feature codes of places too large for nearness to say anything (countries: any "PCL*")
_WIDE_CODES = frozenset({"CONT", "ADM1", "TERR", "RGN"})


def _point(c: Candidate) -> tuple[float, float] | None:
    """Return the point of a town, district or feature small enough for nearness to mean much."""
    wide = c.feature_code in _WIDE_CODES or c.feature_code.startswith("PCL")
    if wide or c.lat is None or c.lon is None:
        return None
    return c.lat, c.lon


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // 1), int(lon // 1)


_Cells = dict[tuple[int, int], list[tuple[str, float, float]]]


def _names_near(name: str, lat: float, lon: float, cells: _Cells) -> set[str]:
    """Return the other names with a candidate within ``NEIGHBOUR_KM`` of the point."""
    row, col = _cell(lat, lon)
    near: set[str] = set()
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for other, olat, olon in cells.get((row + dlat, col + dlon), ()):
                new = other != name and other not in near
                if new and haversine_km(lat, lon, olat, olon) <= NEIGHBOUR_KM:
                    near.add(other)
    return near


def neighbour_counts(
    names: Sequence[str], candidates: Sequence[list[Candidate]]
) -> list[dict[int, int]]:
    """Return, per name, each candidate's count of other names with a candidate nearby.

    ``names`` are the toponyms' name keys (repeats of a name do not support each other) and
    ``candidates`` their candidate lists, in the same order.
    """
    cells: _Cells = defaultdict(list)
    for name, found in zip(names, candidates, strict=True):
        for c in found:
            if (where := _point(c)) is not None:
                cells[_cell(*where)].append((name, *where))
    out: list[dict[int, int]] = []
    for name, found in zip(names, candidates, strict=True):
        counts: dict[int, int] = {}
        for c in found:
            point = _point(c)
            near = _names_near(name, *point, cells) if point is not None else set()
            if near:
                counts[c.id] = len(near)
        out.append(counts)
    return out
