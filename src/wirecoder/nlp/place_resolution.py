"""Resolving toponyms: each name's gazetteer entry in the context of the document's others.

Resolution ranks each toponym's candidates (see :mod:`wirecoder.gazetteer.resolve`) first
alone, to learn the document's countries, admin1 areas and points; then in the context of the
previous round, leaving each mention's own vote out. Names the gazetteer lacks, and small
foreign namesakes in a document firmly about another country, are placed approximately at
their container or the document's focus, without a GeoNames id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from ..gazetteer import Candidate, Gazetteer
from ..gazetteer.geo_neighbours import neighbour_counts
from ..gazetteer.names import name_key
from ..gazetteer.outlets import names_outlet, outlet_name_parts
from ..gazetteer.resolve import DocumentContext, Hint, ScoredCandidate, rank_candidates

__all__ = ["APPROXIMATE", "Toponym", "outlet_toponyms", "resolve_toponyms"]

#: the start of the reason of a place put at its container or the document's focus.
APPROXIMATE = "not in the gazetteer; approximate"
#: rounds of resolution in the context of the previous round's choices.
CONTEXT_PASSES = 2
#: a document is firmly about a country with this many votes for it (places, demonyms, outlet)
FIRM_COUNTRY_VOTES = 3
#: an outlet's address names its home town when it names a town at least this large
OUTLET_TOWN_MIN = 50_000
#: source of the toponym an outlet's address names ("dallasnews.com"); never output
OUTLET_SOURCE = "outlet"
#: source of a bare "the capital", a capital inferred from the document's countries: it is
#: resolved in their context but casts no vote (``places._capital_phrases``)
BARE_CAPITAL_SOURCE = "capital-of (document)"
#: source of wire copy's "in this capital", the dateline's city, which already votes as such
DATELINE_CAPITAL_SOURCE = "capital-of (dateline)"
INFERRED_SOURCES = frozenset({BARE_CAPITAL_SOURCE, DATELINE_CAPITAL_SOURCE})
#: towns at least this large are not taken for namesakes of a missing village
FOREIGN_TOWN_MAX = 100_000
#: score lead over the best candidate in another country for a choice to vote for its country
DECISIVE_MARGIN = 2.0
#: admin1 votes of a state or province the text names, against 1 for each town in it
ADMIN1_NAMED_WEIGHT = 3
FIRM_CODES = frozenset({"PCLI", "PPLC", "ADM1", "CONT", "TERR"})


@dataclass(slots=True)
class Toponym:
    """A place name in the text, with its candidates and what its context says."""

    start: int
    end: int
    text: str
    source: str  # "ner:GPE", "gazetteer+context", ...
    candidates: list[Candidate] = field(default_factory=list)
    kind: str | None = None
    # index of the toponym that contains it: after a comma ("Tripoli, Lebanon"), a possessor
    # before it ("Syria's Idlib"), or after "in" for a name the gazetteer lacks
    container: int | None = None
    siblings: tuple[int, ...] = ()  # indices of the other items of its list ("A, B and C")


def _container_candidate(
    toponyms: list[Toponym], index: int | None, *, towns: bool = False
) -> Candidate | None:
    """Return the container's best area; with ``towns``, a town too ("London's Heathrow")."""
    if index is None:
        return None
    ranked = rank_candidates(
        [
            c
            for c in toponyms[index].candidates
            if c.feature_code in ("PCLI", "ADM1", "ADM2") or (towns and c.feature_class == "P")
        ],
        toponyms[index].text,
    )
    return ranked[0].candidate if ranked else None


def _kind(toponyms: list[Toponym], index: int) -> str | None:
    """Return what the text names the toponym as; a container ("Buffalo, New York") is a state.

    Only when the name before the comma can lie in that state or country: in "Louisville,
    Ky., New Haven" New Haven contains nothing.
    """
    own = toponyms[index].kind
    contained = [t for t in toponyms if t.container == index]
    if own is not None or not contained:
        return own
    area = _container_candidate(toponyms, index)
    if area is None or area.feature_code not in ("PCLI", "ADM1"):
        return own
    for t in contained:
        for c in t.candidates:
            inside = c.country == area.country and (
                area.feature_code == "PCLI" or (c.id != area.id and c.admin1 == area.name)
            )
            if inside:
                return area.resolution
    return own


#: the levels a list passes on to its items: "Armenia, Georgia and Azerbaijan" are countries,
#: "California or Washington" states
_LIST_LEVELS = {"PCLI": "country", "ADM1": "admin1"}


def _list_kinds(toponyms: list[Toponym], hints: list[Hint], first: _Round) -> list[Hint]:
    """Return ``hints`` with list items named as the level all their resolved siblings share.

    Only items the text does not already name, and only a level the item can have.
    """
    out = list(hints)
    for i, t in enumerate(toponyms):
        if not t.siblings or hints[i].kind is not None or hints[i].container is not None:
            continue
        codes = {
            chosen.candidate.feature_code
            for chosen in (first.chosen[j] for j in t.siblings)
            if chosen is not None
        }
        level = _LIST_LEVELS.get(codes.pop()) if len(codes) == 1 else None
        if level is not None and any(c.resolution == level for c in t.candidates):
            out[i] = replace(hints[i], kind=level)
    return out


def _vote(best: Candidate) -> tuple[Counter[str], Counter[str]]:
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    if best.country:
        countries[best.country] += 2 if best.feature_code.startswith("PCL") else 1
    area = best.name if best.feature_code == "ADM1" else best.admin1
    if area:
        admin1[area] += ADMIN1_NAMED_WEIGHT if best.feature_code == "ADM1" else 1
    return countries, admin1


def _decisive(ranked: list[ScoredCandidate]) -> bool:
    """Return whether the best candidate wins clearly over the best one in another country.

    Only clear choices vote for the document's countries: two small namesakes abroad
    ("Charleston" and "Hampton Park" both in Australia) must not lift each other over the towns
    at home. Admin1 votes stay with every choice: several ambiguous towns that agree on one
    state are the best evidence for it.
    """
    if not ranked:
        return False
    best = ranked[0]
    rival = next((r.score for r in ranked if r.candidate.country != best.candidate.country), None)
    return rival is None or best.score - rival >= DECISIVE_MARGIN


@dataclass(slots=True)
class _Round:
    """One round's choice per toponym, and whether it may vote for the document's countries."""

    chosen: list[ScoredCandidate | None] = field(default_factory=list)
    sure: list[bool] = field(default_factory=list)

    def name_keys(self) -> list[str | None]:
        """Return the name key of each choice (computed once per round, not per pair)."""
        return [name_key(c.candidate.name) if c is not None else None for c in self.chosen]


def _first_pass(toponyms: list[Toponym], hints: list[Hint]) -> _Round:
    out = _Round()
    for toponym, hint in zip(toponyms, hints, strict=True):
        ranked = rank_candidates(toponym.candidates, toponym.text, hint=hint)
        out.chosen.append(ranked[0] if ranked else None)
        out.sure.append(_decisive(ranked))
    return out


def _context_without(
    i: int,
    previous: _Round,
    base: DocumentContext,
    neighbours: list[dict[int, int]],
    keys: list[str | None],
    silent: list[bool],
) -> DocumentContext:
    """Return the document context from every toponym but the ``i``-th (and demonyms, dateline).

    ``silent`` toponyms (inferred capitals) take no part in it.
    """
    context = DocumentContext(Counter(base.countries), Counter(base.admin1), [], neighbours[i])
    own = keys[i]
    for j, (first, country_sure) in enumerate(zip(previous.chosen, previous.sure, strict=True)):
        if first is None or silent[j] or (own is not None and keys[j] == own):
            continue
        countries, admin1 = _vote(first.candidate)
        if country_sure:
            context.countries.update(countries)
        context.admin1.update(admin1)
        c = first.candidate
        if c.feature_code.startswith("PCL") and c.country:
            context.named_countries.add(c.country)
        if j != i and c.feature_class == "P" and c.lat is not None:
            context.points.append((c.lat, c.lon or 0.0))
    return context


def _pass(
    toponyms: list[Toponym],
    hints: list[Hint],
    previous: _Round,
    base: DocumentContext,
    neighbours: list[dict[int, int]],
    text_keys: list[str],
    silent: list[bool],
) -> _Round:
    """Return each toponym's best candidate in the context of the ``previous`` choices."""
    out = _Round()
    by_name: dict[str, tuple[ScoredCandidate, bool]] = {}
    keys = previous.name_keys()
    for i, (toponym, hint) in enumerate(zip(toponyms, hints, strict=True)):
        context = _context_without(i, previous, base, neighbours, keys, silent)
        ranked = rank_candidates(toponym.candidates, toponym.text, hint=hint, context=context)
        best, sure = (ranked[0] if ranked else None), _decisive(ranked)
        key = text_keys[i]
        if best is not None and hint.container is None and hint.kind is None and key in by_name:
            best, sure = by_name[key]  # one sense per discourse unless the text says otherwise
        elif best is not None:
            by_name.setdefault(key, (best, sure))
        out.chosen.append(best)
        out.sure.append(sure)
    return out


def _town_in_address(candidates: list[Candidate], part: str) -> bool:
    return any(
        c.match_kind == 0
        and name_key(c.name).replace(" ", "") == part
        and (
            (c.feature_class == "P" and c.population >= OUTLET_TOWN_MIN)
            or c.feature_code in ("ADM1", "ADM2")
        )
        for c in candidates
    )


def outlet_toponyms(gazetteer: Gazetteer, address: str | None) -> list[Toponym]:
    """Return the home town an outlet's address names ("dallasnews.com"), as a toponym.

    It is not in the text (no offsets, never output) but is resolved with the document's
    toponyms, so that it votes for its state and is a point near the document's towns: a
    local paper writes about the places around it.
    """
    for part in outlet_name_parts(address):
        candidates = gazetteer.candidates(part)
        if _town_in_address(candidates, part):
            main = [c for c in candidates if c.match_kind == 0]
            return [Toponym(-1, -1, main[0].name, OUTLET_SOURCE, main)]
    return []


def resolve_toponyms(
    toponyms: list[Toponym],
    *,
    base: DocumentContext | None = None,
    outlet: str | None = None,
    outlet_towns: list[Toponym] | None = None,
) -> list[ScoredCandidate | None]:
    """Return the chosen candidate of each toponym (None when the gazetteer has none).

    ``outlet`` is the article's web address or domain: a name it is made of is the outlet's
    home town ("parispi.net"), most likely in the document's own country. ``outlet_towns``
    (from :func:`outlet_toponyms`) take part in the context but get no choice back.
    """
    base = base or DocumentContext()
    extra = outlet_towns or []
    every = toponyms + extra
    hints = [
        Hint(
            _kind(every, i),
            _container_candidate(
                every, t.container, towns=t.container is not None and t.container < i
            ),
            names_outlet(t.text, outlet),
        )
        for i, t in enumerate(every)
    ]
    # name keys of the texts, computed once: every round and check compares them
    text_keys = [name_key(t.text) for t in every]
    # inferred capitals are resolved in the document's context but take no part in it
    silent = [t.source in INFERRED_SOURCES for t in every]
    neighbours = neighbour_counts(
        text_keys, [[] if quiet else t.candidates for t, quiet in zip(every, silent, strict=True)]
    )
    rounds = _first_pass(every, hints)
    listed = _list_kinds(every, hints, rounds)
    if listed != hints:  # a list named its items' level: choose again with it
        hints, rounds = listed, _first_pass(every, listed)
    for _ in range(CONTEXT_PASSES):
        rounds = _pass(every, hints, rounds, base, neighbours, text_keys, silent)
    hints = hints[: len(toponyms)]
    chosen = rounds.chosen[: len(toponyms)]
    foreign = _foreign_namesakes(hints, chosen, base, text_keys[: len(toponyms)])
    return _place_unknown(toponyms, hints, chosen, foreign, base)


def _document_focus(
    chosen: list[ScoredCandidate | None], base: DocumentContext | None = None
) -> Candidate | None:
    """Return the place the document is most about, in its most named country.

    Its most named town (ties: the larger), else its most named admin area. The country is the
    one the most different places are in (rivers and regions included; ties: the country the
    outlet, dateline and demonyms point to, then the most mentions, then the higher summed
    score): a name repeated ten times, such as a person's surname that matches a village
    abroad, does not outweigh places at home.
    """
    around = base.countries if base is not None else Counter()
    resolved = [b for b in chosen if b is not None]
    weight: Counter[str] = Counter()
    distinct: dict[str, set[int]] = defaultdict(set)
    support: dict[str, float] = defaultdict(float)
    for best in resolved:
        if best.candidate.country:
            weight[best.candidate.country] += 1
            distinct[best.candidate.country].add(best.candidate.id)
            support[best.candidate.country] += best.score
    if not weight:
        return None
    country = max(weight, key=lambda c: (len(distinct[c]), around[c], weight[c], support[c]))
    places = [b.candidate for b in resolved if b.candidate.geonameid is not None]
    for level in ("P", "A"):
        named = [c for c in places if c.country == country and c.feature_class == level]
        if named:
            counts = Counter(c.id for c in named)
            return max(named, key=lambda c: (counts[c.id], c.population, -c.id))
    return None


def _foreign_namesakes(
    hints: list[Hint],
    chosen: list[ScoredCandidate | None],
    base: DocumentContext,
    text_keys: list[str],
) -> set[int]:
    """Return the indexes of small towns chosen abroad in a document firmly about one country.

    "Kani township" in a report on Myanmar is a village the gazetteer lacks, not the Japanese
    town of that name: when every other place, demonym and the outlet point to one country
    and nothing to the town's, the town is a namesake.
    """
    out: set[int] = set()
    for i, best in enumerate(chosen):
        if best is None or hints[i].container is not None or hints[i].kind == "admin1":
            continue
        c = best.candidate
        if c.feature_class not in "PA" or c.feature_code in FIRM_CODES:
            continue
        if c.country is None or (c.population >= FOREIGN_TOWN_MAX and hints[i].kind is None):
            continue  # a large town, unless the text says "X township", "X district" ...
        votes = Counter(base.countries)
        for j, other in enumerate(chosen):
            if other is not None and text_keys[j] != text_keys[i] and other.candidate.country:
                votes[other.candidate.country] += 1
        if votes and votes[c.country] == 0 and max(votes.values()) >= FIRM_COUNTRY_VOTES:
            out.add(i)
    return out


def _place_unknown(
    toponyms: list[Toponym],
    hints: list[Hint],
    chosen: list[ScoredCandidate | None],
    foreign: set[int],
    base: DocumentContext,
) -> list[ScoredCandidate | None]:
    """Return ``chosen`` with names the gazetteer lacks placed at their container or the focus.

    A street, a neighbourhood or a village missing from the gazetteer is most likely in the
    place the text puts it in ("Torkula village, Benue") or the one the document is about; the
    place keeps no GeoNames id and its reason says the point is approximate.
    """
    focus = _document_focus(chosen, base)
    out = list(chosen)
    for i, (toponym, hint) in enumerate(zip(toponyms, hints, strict=True)):
        if i not in foreign and (out[i] is not None or toponym.candidates):
            continue
        container = chosen[toponym.container] if toponym.container is not None else None
        near: Candidate | None
        if container is not None:  # the container as resolved in context: "in Garden City"
            near, why = container.candidate, "its container"
        elif hint.container is not None:
            near, why = hint.container, "its container"
        else:
            near, why = focus, "the focus"
        if near is None:
            continue
        approx = replace(near, geonameid=None, name=toponym.text, resolution="sub-city")
        out[i] = ScoredCandidate(approx, 0.0, (f"{APPROXIMATE}: {why} {near.name}",))
    return out
