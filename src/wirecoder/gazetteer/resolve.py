"""Choosing the gazetteer entry a toponym refers to: a small hand-weighted score.

Each candidate is scored by its importance (population, feature class), how exactly the name
matches, the document's country and admin1 context (other places, demonyms, dateline), an
explicit container ("Tripoli, Lebanon") and proximity to the document's other places.
The weights were set by looking at phenomena in the development corpora, not at documents.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .lookup import Candidate

__all__ = ["DocumentContext", "Hint", "ScoredCandidate", "haversine_km", "rank_candidates"]

# feature code -> prior bonus: countries and capitals are what news names most often
_FEATURE_BONUS = {"PCLI": 6.0, "CONT": 5.0, "PPLC": 2.5, "ADM1": 2.0, "TERR": 3.0, "ADM2": 0.5}
_CLASS_BONUS = {"P": 1.0, "A": 0.5, "L": 1.0, "T": 0.5, "H": 0.5, "S": 0.0, "V": 0.0}
_MATCH_BONUS = (2.0, 0.5, 0.0)  # primary name, alternate name, variant without "Al-"
#: towns under this size matched only by an alternate name lose to the namesakes' main names
ALIAS_TOWN_MAX = 100_000
ALIAS_PENALTY = 3.0
#: bonus per other name (two at most) with a candidate near this one
NEIGHBOUR_BONUS = 1.0
#: bonus of a national capital when the document names its country: "In Washington, ..." in a
#: report that names the United States is the capital, not a town in England
NAMED_CAPITAL_BONUS = 3.0
#: admin1 votes at which an area's context bonus is whole; fewer votes give a part of it
ADMIN1_FULL_VOTES = 3


@dataclass(frozen=True, slots=True)
class Hint:
    """What the text around a toponym says about its kind or container."""

    kind: str | None = (
        None  # "admin1", "district", "city" from "X province", "X County", "city of X"
    )
    container: Candidate | None = None  # the place named after a comma: "Tripoli, Lebanon"
    home: bool = False  # the outlet is named after a town of this name: "parispi.net"


@dataclass(slots=True)
class DocumentContext:
    """Countries, admin1 areas and points the document is about, with weights."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    #: candidate id -> how many other names in the document have a candidate near it
    neighbours: dict[int, int] = field(default_factory=dict)
    #: countries the document names as countries ("the United States", "Britain")
    named_countries: set[str] = field(default_factory=set)

    def country_share(self, country: str | None) -> float:
        if not country or not self.countries:
            return 0.0
        return self.countries[country] / max(self.countries.values())

    def admin1_share(self, admin1: str | None) -> float:
        """Return the area's votes over the most voted area's, or over ADMIN1_FULL_VOTES.

        One mention of New York City is weak evidence that "Boston" is the village in New
        York state rather than the Massachusetts city; three mentions of the state's places
        are a local paper's.
        """
        if not admin1 or not self.admin1:
            return 0.0
        return self.admin1[admin1] / max(max(self.admin1.values()), ADMIN1_FULL_VOTES)


@dataclass(frozen=True, slots=True)
class ScoredCandidate:
    candidate: Candidate
    score: float
    reasons: tuple[str, ...]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _prior(c: Candidate, text: str) -> tuple[float, list[str]]:
    score = math.log10(c.population + 10) + _FEATURE_BONUS.get(c.feature_code, 0.0)
    score += _CLASS_BONUS.get(c.feature_class, 0.0) + _MATCH_BONUS[min(c.match_kind, 2)]
    reasons = [f"population {c.population}", c.feature_code]
    if c.name.casefold() == text.casefold():
        score += 1.0
        reasons.append("exact name")
    elif c.matched == text and not text[-1:].isalpha():
        score += 1.5  # spelled as in the text, abbreviation point included: "Kan.", "D.C."
        reasons.append("exact abbreviation")
    return score, reasons


#: how far from a containing town ("London's Heathrow") a place may lie
TOWN_CONTAINER_KM = 60.0


def _within(a: Candidate, b: Candidate, km: float) -> bool:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km  # type: ignore[arg-type]


def _hint_score(c: Candidate, hint: Hint) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if hint.kind and c.resolution == hint.kind:
        score += 5.0
        reasons.append(f"named as {hint.kind}")
    container = hint.container
    if container is not None and container.id != c.id:
        inside = (
            (container.feature_code.startswith("PCL") and c.country == container.country)
            or (
                container.feature_code in ("ADM1", "ADM2")
                and c.admin1 == (container.admin1 or container.name)
            )
            or (container.feature_class == "P" and _within(c, container, TOWN_CONTAINER_KM))
        )
        if inside:
            score += 10.0
            reasons.append(f"inside {container.name}")
    return score, reasons


def _context_score(
    c: Candidate, context: DocumentContext, *, home: bool = False
) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    share = context.country_share(c.country)
    if c.country is None and c.feature_class in "LHT" and context.countries:
        share = 0.5  # seas and regions across borders: neither for nor against any country
    if share:
        # the outlet's home town is in the country the document is about, not a capital abroad
        score += (10.0 if home and c.feature_class == "P" else 5.0) * share
        reasons.append(f"country context {c.country} {share:.2f}" + (" (outlet)" if home else ""))
    share = context.admin1_share(c.admin1)
    if share:
        score += 3.0 * share
        reasons.append(f"admin1 context {c.admin1}")
    if c.lat is not None and c.lon is not None and context.points:
        nearest = min(haversine_km(c.lat, c.lon, lat, lon) for lat, lon in context.points)
        if nearest < 150:
            score += 3.0 if nearest < 50 else 1.5
            reasons.append(f"{nearest:.0f} km from another place")
    if c.feature_code == "PPLC" and c.country in context.named_countries:
        score += NAMED_CAPITAL_BONUS
        reasons.append(f"capital of {c.country}, named in the text")
    near = context.neighbours.get(c.id, 0)
    if near:
        score += NEIGHBOUR_BONUS * min(near, 2)
        reasons.append(f"near a namesake of {near} other name(s)")
    return score, reasons


#: share of its province's people a namesake city needs to be what the name means
NAMESAKE_CITY_SHARE = 0.2
#: when the text is the province's own name and only an alternate name of the city, the city
#: must be most of the province or a metropolis: "Oklahoma" is the state, not Oklahoma City,
#: while "New York" stays the city
NAMESAKE_ALIAS_CITY_SHARE = 0.5
NAMESAKE_ALIAS_METROPOLIS = 1_000_000


def _namesake_areas(candidates: list[Candidate], text: str) -> dict[int, int]:
    """Return province or district ids mapped to the namesake city that is most of them."""
    key = text.casefold()
    out: dict[int, int] = {}
    for area in candidates:
        if area.feature_code not in ("ADM1", "ADM2"):
            continue
        area_named = area.match_kind == 0 and area.name.casefold() == key
        for c in candidates:
            same = c.country == area.country and (
                area.feature_code == "ADM1" or c.admin1 == area.admin1
            )
            share = NAMESAKE_CITY_SHARE
            if area_named and c.match_kind and c.population < NAMESAKE_ALIAS_METROPOLIS:
                share = NAMESAKE_ALIAS_CITY_SHARE
            # the city is what the province (or district) is known for: "Aleppo", "New York"
            if c.feature_class == "P" and same and c.population >= share * area.population:
                out[area.id] = c.id
                break
    return out


def _cities_over_namesake_areas(
    scored: list[ScoredCandidate], text: str, hint: Hint
) -> list[ScoredCandidate]:
    """Return ``scored`` with each area ranked under the namesake city that is most of it.

    News means "Aleppo" or "New York" the city more than the province, even when the city's
    name only matches an alternate name ("New York City"); the area wins only when the text
    names its kind ("Aleppo province").
    """
    areas = _namesake_areas([s.candidate for s in scored], text)
    score_of = {s.candidate.id: s.score for s in scored}
    out = []
    for s in scored:
        city = areas.get(s.candidate.id)
        if city is not None and hint.kind != s.candidate.resolution and s.score >= score_of[city]:
            why = (*s.reasons, "under its namesake city")
            s = ScoredCandidate(s.candidate, round(score_of[city] - 0.1, 3), why)
        out.append(s)
    return out


@dataclass(frozen=True, slots=True)
class _Rivals:
    """What a name's candidates say about each other: a main-name match, the largest town."""

    key: str
    main_exact: bool
    largest_town: int

    @classmethod
    def of(cls, candidates: list[Candidate], text: str) -> _Rivals:
        key = text.casefold()
        return cls(
            key,
            any(c.match_kind == 0 and c.name.casefold() == key for c in candidates),
            max((c.population for c in candidates if c.feature_class == "P"), default=0),
        )

    def adjust(self, c: Candidate, hint: Hint) -> tuple[float, list[str]]:
        """Return the score change of ``c`` given its namesakes, with reasons."""
        if c.feature_code == "ADM1" and c.population <= self.largest_town and hint.kind is None:
            # a province smaller than a namesake town is less known than the town ("Gaza")
            return -_FEATURE_BONUS["ADM1"], ["smaller than a namesake town"]
        alias_only = c.match_kind and self.key not in c.name.casefold()
        small_town = c.feature_class == "P" and c.population < ALIAS_TOWN_MAX
        if self.main_exact and alias_only and small_town:
            # "Washington" is one of the Washingtons, not a town that had the name once
            return -ALIAS_PENALTY, ["alternate name of a small town"]
        return 0.0, []


def rank_candidates(
    candidates: list[Candidate],
    text: str,
    *,
    hint: Hint | None = None,
    context: DocumentContext | None = None,
) -> list[ScoredCandidate]:
    """Return the candidates scored and sorted, best first (ties: larger population, lower id)."""
    out = []
    hint, context = hint or Hint(), context or DocumentContext()
    cities = set(_namesake_areas(candidates, text).values())
    rivals = _Rivals.of(candidates, text)
    for c in candidates:
        score, reasons = _prior(c, text)
        if c.id in cities:
            score += 2.5  # "Aleppo", "Tripoli": news means the city more than its province
            reasons.append("city over its namesake province")
        for extra, why in (
            rivals.adjust(c, hint),
            _hint_score(c, hint),
            _context_score(c, context, home=hint.home),
        ):
            score += extra
            reasons.extend(why)
        out.append(ScoredCandidate(c, round(score, 3), tuple(reasons)))
    out = _cities_over_namesake_areas(out, text, hint)
    out.sort(key=lambda s: (-s.score, -s.candidate.population, s.candidate.id))
    return out
