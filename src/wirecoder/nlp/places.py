"""Places: toponyms found in the text and resolved to gazetteer (GeoNames) entries.

Recognition takes spaCy's GPE/LOC/FAC entities and adds names the small model misses or
mislabels (a town tagged as a person) when the gazetteer knows them and the context says
"in X", "near X" or "X province". Demonyms ("Nigerian soldiers") are not places; they only
add country context. Metonymic uses ("Moscow said") stay place mentions, resolved to the city:
the event-location step, not this one, decides that a speaking capital is not where
something happened.

Resolution ranks each toponym's candidates (see :mod:`wirecoder.gazetteer.resolve`) first
alone, to learn the document's countries, admin1 areas and points; then in the context of the
previous round, leaving each mention's own vote out. Names the gazetteer lacks, and small
foreign namesakes in a document firmly about another country, are placed approximately at
their container or the document's focus, without a GeoNames id.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from ..config import Settings
from ..gazetteer import Candidate, Gazetteer, open_gazetteer
from ..gazetteer.demonyms import demonym_country, load_demonyms
from ..gazetteer.names import name_key
from ..gazetteer.outlets import names_outlet, outlet_country
from ..gazetteer.resolve import DocumentContext, Hint, ScoredCandidate, rank_candidates
from ..records import Place
from .component import Component

__all__ = [
    "PlaceComponent",
    "Toponym",
    "find_toponyms",
    "gold_toponyms",
    "is_approximate",
    "outlet_address",
    "place_record",
    "resolve_toponyms",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entity labels the small model gives to some towns; taken only with a place preposition.
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "from",
        "into",
        "across",
        "around",
        "toward",
        "towards",
        "through",
        "throughout",
        "within",
        "to",
        "between",
        "inside",
        "north",
        "south",
        "east",
        "west",
    }
)
KIND_WORDS = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "county": "district",
    "parish": "district",
    "district": "district",
    "township": "district",
    "city": "city",
    "town": "city",
    "village": "city",
}
_ARTICLE_PREFIXES = ("the ", "The ")
#: source suffix of the parts after the first of an entity split at commas.
AFTER_COMMA = ":after-comma"
#: the start of the reason of a place put at its container or the document's focus.
APPROXIMATE = "not in the gazetteer; approximate"
#: rounds of resolution in the context of the previous round's choices.
CONTEXT_PASSES = 2
#: country votes for the outlet's own country (a ".co.uk" paper): as many as a dateline's.
OUTLET_WEIGHT = 2
#: a document is firmly about a country with this many votes for it (places, demonyms, outlet)
FIRM_COUNTRY_VOTES = 3
#: towns at least this large are not taken for namesakes of a missing village
FOREIGN_TOWN_MAX = 100_000
#: score lead over the best candidate in another country for a choice to vote for its country
DECISIVE_MARGIN = 2.0
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
    container: int | None = None  # index of the toponym after a comma ("Tripoli, Lebanon")


def _trim(span: Span) -> tuple[int, int, str]:
    text, start = span.text, span.start_char
    for prefix in _ARTICLE_PREFIXES:
        if text.startswith(prefix):
            text, start = text[len(prefix) :], start + len(prefix)
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return start, start + len(text), text


def _kind_of(doc: Doc, span: Span) -> str | None:
    """Return the kind that a head word says: "Idlib province", "Harris County", "city of X"."""
    last = span[-1].lower_
    if len(span) > 1 and last in KIND_WORDS:
        return KIND_WORDS[last]
    if span.end < len(doc) and doc[span.end].lower_ in KIND_WORDS:
        return KIND_WORDS[doc[span.end].lower_]
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in KIND_WORDS
    ):
        return KIND_WORDS[doc[span.start - 2].lower_]
    return None


def _lookup(gazetteer: Gazetteer, text: str) -> list[Candidate]:
    found = gazetteer.candidates(text)
    if found:
        return found
    words = text.split()
    if len(words) > 1 and words[-1].lower() in KIND_WORDS:
        return gazetteer.candidates(" ".join(words[:-1]))
    return []


#: words before a place name that narrow it without naming another place: "Northeast Georgia".
QUALIFIERS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upstate",
        "downtown",
        "metro",
        "greater",
        "rural",
    }
)


def _landmark(c: Candidate) -> bool:
    """Return True for a place that names the things in it: a country, province or large town."""
    if c.match_kind != 0:
        return False
    return c.feature_code in ("PCLI", "ADM1") or (
        c.feature_class == "P" and c.population >= 100_000
    )


def _known_part(gazetteer: Gazetteer, span: Span) -> tuple[Span, list[Candidate]]:
    """Return the leading place name of an unknown name, with its candidates.

    "Henderson County Jail", "Honolulu Star-Advertiser": a county, or a large town, province or
    country, followed by what is in it. Without such a part, the span comes back with none.
    """
    first = span.start + 1 if span[0].lower_ == "the" else span.start
    for end in range(span.end - 1, first, -1):
        head = span.doc[first:end]
        found = _lookup(gazetteer, head.text)
        if head[-1].lower_ in QUALIFIERS:
            continue  # "Eastern Ghouta", "South Ingleside Avenue"
        if found and (head[-1].lower_ in KIND_WORDS or any(map(_landmark, found))):
            return head, found
    return span, []


def _qualified_candidates(gazetteer: Gazetteer, span: Span) -> list[Candidate]:
    """Return the candidates of a qualified name without its qualifier: "Northeast Georgia"."""
    if len(span) > 1 and span[0].lower_ in QUALIFIERS:
        return _lookup(gazetteer, span[1:].text)
    return []


def _after_preposition(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS


def _plausible(candidates: list[Candidate]) -> bool:
    """Return True when a name outside NER is a known settlement or area worth taking."""
    return any(
        c.match_kind == 0 and (c.feature_class in "ALTH" or c.population >= 1000)
        for c in candidates
    )


def _split_at_commas(span: Span) -> list[Span]:
    """Return "Atlanta, Georgia" as two spans (one entity to the small model)."""
    parts, start = [], span.start
    for token in span:
        if token.text == ",":
            if token.i > start:
                parts.append(span.doc[start : token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    return parts


def _repeats(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """Return other occurrences of names already found as places ("Alexandria" tagged PERSON)."""
    taken = [(t.start, t.end) for t in toponyms]
    known = {t.text: t for t in toponyms if t.candidates and t.text[:1].isupper()}
    out = []
    full_text = doc.text  # computed on each access
    for token in doc:
        for text, first in known.items():
            end = token.idx + len(text)
            if not full_text.startswith(text, token.idx) or any(
                a < end and token.idx < b for a, b in taken
            ):
                continue
            span = doc.char_span(token.idx, end)
            ent_ok = span is not None and all(
                t.ent_iob_ == "O" or (t.ent_iob_ == "B" and t.i == span.start) or t.i > span.start
                for t in span
            )
            after = doc[span.end] if span is not None and span.end < len(doc) else None
            if ent_ok and span is not None and (after is None or after.ent_iob_ != "I"):
                out.append(Toponym(token.idx, end, text, "repeat", first.candidates, first.kind))
                taken.append((token.idx, end))
    return out


def _spans(doc: Doc, demonyms: dict[str, str]) -> list[tuple[Span, str]]:
    """Return candidate toponym spans: place entities, and mislabelled or missed names."""
    out: list[tuple[Span, str]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        if demonym_country(ent.text, demonyms):
            continue
        if ent.label_ in PLACE_LABELS:
            for k, part in enumerate(_split_at_commas(ent)):
                out.append((part, f"ner:{ent.label_}" + (AFTER_COMMA if k else "")))
        elif ent.label_ in MISLABELS and _after_preposition(doc, ent):
            out.append((ent, f"gazetteer+context:{ent.label_}"))
    for token in doc:
        if token.i in covered or token.pos_ != "PROPN" or not token.is_title:
            continue
        end = token.i + 1
        while (
            end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and doc[end].is_title
        ):
            end += 1
        span = doc[token.i : end]
        covered.update(range(token.i, end))
        if _after_preposition(doc, span):
            out.append((span, "gazetteer+context"))
    return sorted(out, key=lambda item: item[0].start_char)


def find_toponyms(doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str]) -> list[Toponym]:
    """Return the toponyms of ``doc`` in text order, with their gazetteer candidates."""
    toponyms: list[Toponym] = []
    for span, source in _spans(doc, demonyms):
        start, end, text = _trim(span)
        if not text:
            continue
        candidates = _lookup(gazetteer, text)
        if not candidates and source.startswith("ner"):
            candidates = _qualified_candidates(gazetteer, span)  # the span stays whole
            source += ":qualified" if candidates else ""
        if not candidates and source.startswith("ner"):
            span, candidates = _known_part(gazetteer, span)
            source += ":part" if candidates else ""
            start, end, text = _trim(span)
        if source.startswith("gazetteer") and not _plausible(candidates):
            continue
        if not candidates and (span.label_ == "FAC" or source.endswith(AFTER_COMMA)):
            continue  # unknown buildings and roads; "in Kaya, Aminata Zongo" is no container
        toponyms.append(Toponym(start, end, text, source, candidates, _kind_of(doc, span)))
    toponyms = sorted(toponyms + _repeats(doc, toponyms), key=lambda t: t.start)
    _link_containers(doc, toponyms)
    return toponyms


def gold_toponyms(doc: Doc, gazetteer: Gazetteer, spans: list[tuple[int, int]]) -> list[Toponym]:
    """Return toponyms for given character spans (evaluation with gold recognition)."""
    toponyms = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        text = doc.text[start:end]
        kind = _kind_of(doc, span) if span is not None and len(span) else None
        toponyms.append(Toponym(start, end, text, "gold", _lookup(gazetteer, text), kind))
    _link_containers(doc, toponyms)
    return toponyms


def _link_containers(doc: Doc, toponyms: list[Toponym]) -> None:
    full_text = doc.text
    for i, (first, second) in enumerate(itertools.pairwise(toponyms)):
        between = full_text[first.end : second.start]
        if between.strip() == "," and any(
            c.feature_code in ("PCLI", "ADM1", "ADM2") for c in second.candidates
        ):
            first.container = i + 1


# --- resolution ---------------------------------------------------------------------------


def _container_candidate(toponyms: list[Toponym], index: int | None) -> Candidate | None:
    if index is None:
        return None
    ranked = rank_candidates(
        [c for c in toponyms[index].candidates if c.feature_code in ("PCLI", "ADM1", "ADM2")],
        toponyms[index].text,
    )
    return ranked[0].candidate if ranked else None


def _vote(best: Candidate) -> tuple[Counter[str], Counter[str]]:
    countries: Counter[str] = Counter()
    admin1: Counter[str] = Counter()
    if best.country:
        countries[best.country] += 2 if best.feature_code.startswith("PCL") else 1
    area = best.name if best.feature_code == "ADM1" else best.admin1
    if area:
        admin1[area] += 1
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


def _first_pass(toponyms: list[Toponym], hints: list[Hint]) -> _Round:
    out = _Round()
    for toponym, hint in zip(toponyms, hints, strict=True):
        ranked = rank_candidates(toponym.candidates, toponym.text, hint=hint)
        out.chosen.append(ranked[0] if ranked else None)
        out.sure.append(_decisive(ranked))
    return out


def _context_without(i: int, previous: _Round, base: DocumentContext) -> DocumentContext:
    """Return the document context from every toponym but the ``i``-th (and demonyms, dateline)."""
    context = DocumentContext(Counter(base.countries), Counter(base.admin1), [])
    own_first = previous.chosen[i]
    own = own_first.candidate if own_first is not None else None
    for j, (first, country_sure) in enumerate(zip(previous.chosen, previous.sure, strict=True)):
        if first is None or (
            own is not None and name_key(first.candidate.name) == name_key(own.name)
        ):
            continue
        countries, admin1 = _vote(first.candidate)
        if country_sure:
            context.countries.update(countries)
        context.admin1.update(admin1)
        c = first.candidate
        if j != i and c.feature_class == "P" and c.lat is not None:
            context.points.append((c.lat, c.lon or 0.0))
    return context


def _pass(
    toponyms: list[Toponym], hints: list[Hint], previous: _Round, base: DocumentContext
) -> _Round:
    """Return each toponym's best candidate in the context of the ``previous`` choices."""
    out = _Round()
    by_name: dict[str, tuple[ScoredCandidate, bool]] = {}
    for i, (toponym, hint) in enumerate(zip(toponyms, hints, strict=True)):
        context = _context_without(i, previous, base)
        ranked = rank_candidates(toponym.candidates, toponym.text, hint=hint, context=context)
        best, sure = (ranked[0] if ranked else None), _decisive(ranked)
        key = name_key(toponym.text)
        if best is not None and hint.container is None and hint.kind is None and key in by_name:
            best, sure = by_name[key]  # one sense per discourse unless the text says otherwise
        elif best is not None:
            by_name.setdefault(key, (best, sure))
        out.chosen.append(best)
        out.sure.append(sure)
    return out


def resolve_toponyms(
    toponyms: list[Toponym], *, base: DocumentContext | None = None, outlet: str | None = None
) -> list[ScoredCandidate | None]:
    """Return the chosen candidate of each toponym (None when the gazetteer has none).

    ``outlet`` is the article's web address or domain: a name it is made of is the outlet's
    home town ("parispi.net"), most likely in the document's own country.
    """
    base = base or DocumentContext()
    hints = [
        Hint(t.kind, _container_candidate(toponyms, t.container), names_outlet(t.text, outlet))
        for t in toponyms
    ]
    rounds = _first_pass(toponyms, hints)
    for _ in range(CONTEXT_PASSES):
        rounds = _pass(toponyms, hints, rounds, base)
    chosen = rounds.chosen
    foreign = _foreign_namesakes(toponyms, hints, chosen, base)
    return _place_unknown(toponyms, hints, chosen, foreign)


def _document_focus(chosen: list[ScoredCandidate | None]) -> Candidate | None:
    """Return the place the document is most about, in its most named country.

    Its most named town (ties: the larger), else its most named admin area. The country is the
    one most places are in (rivers and regions included; ties: the higher summed score).
    """
    resolved = [b for b in chosen if b is not None]
    weight: Counter[str] = Counter()
    support: dict[str, float] = defaultdict(float)
    for best in resolved:
        if best.candidate.country:
            weight[best.candidate.country] += 1
            support[best.candidate.country] += best.score
    if not weight:
        return None
    country = max(weight, key=lambda c: (weight[c], support[c]))
    places = [b.candidate for b in resolved if b.candidate.geonameid is not None]
    for level in ("P", "A"):
        named = [c for c in places if c.country == country and c.feature_class == level]
        if named:
            counts = Counter(c.id for c in named)
            return max(named, key=lambda c: (counts[c.id], c.population, -c.id))
    return None


def _foreign_namesakes(
    toponyms: list[Toponym],
    hints: list[Hint],
    chosen: list[ScoredCandidate | None],
    base: DocumentContext,
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
        key = name_key(toponyms[i].text)
        votes = Counter(base.countries)
        for j, other in enumerate(chosen):
            if other is not None and name_key(toponyms[j].text) != key and other.candidate.country:
                votes[other.candidate.country] += 1
        if votes and votes[c.country] == 0 and max(votes.values()) >= FIRM_COUNTRY_VOTES:
            out.add(i)
    return out


def _place_unknown(
    toponyms: list[Toponym],
    hints: list[Hint],
    chosen: list[ScoredCandidate | None],
    foreign: set[int],
) -> list[ScoredCandidate | None]:
    """Return ``chosen`` with names the gazetteer lacks placed at their container or the focus.

    A street, a neighbourhood or a village missing from the gazetteer is most likely in the
    place the text puts it in ("Torkula village, Benue") or the one the document is about; the
    place keeps no GeoNames id and its reason says the point is approximate.
    """
    focus = _document_focus(chosen)
    out = list(chosen)
    for i, (toponym, hint) in enumerate(zip(toponyms, hints, strict=True)):
        if i not in foreign and (out[i] is not None or toponym.candidates):
            continue
        near, why = (hint.container, "its container") if hint.container else (focus, "the focus")
        if near is None:
            continue
        approx = replace(near, geonameid=None, name=toponym.text, resolution="sub-city")
        out[i] = ScoredCandidate(approx, 0.0, (f"{APPROXIMATE}: {why} {near.name}",))
    return out


# --- the component ------------------------------------------------------------------------


def is_approximate(place: Place) -> bool:
    """Return True for a place the gazetteer lacks, put at its container or the document focus."""
    return place.geonameid is None and APPROXIMATE in (place.reason or "")


def place_record(pid: str, toponym: Toponym, best: ScoredCandidate | None) -> Place:
    place = Place(id=pid, text=toponym.text, start=toponym.start, end=toponym.end)
    if best is None:
        place.reason = f"{toponym.source}; no gazetteer entry"
        return place
    c = best.candidate
    place.geonameid, place.name, place.lat, place.lon = c.geonameid, c.name, c.lat, c.lon
    place.country, place.feature_code, place.resolution = c.country, c.feature_code, c.resolution
    place.admin1 = c.name if c.feature_code == "ADM1" else c.admin1
    place.reason = f"{toponym.source}; score {best.score}: " + ", ".join(best.reasons)
    return place


def outlet_address(doc: Doc) -> str | None:
    """Return the article's web address, else its source (the outlet's domain)."""
    article = doc._.article
    if article is None:
        return None
    return getattr(article, "url", None) or getattr(article, "source", None)


def _base_context(doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str]) -> DocumentContext:
    """Return context from demonyms ("Nigerian soldiers"), the dateline place and the outlet."""
    context = DocumentContext()
    for ent in doc.ents:
        country = demonym_country(ent.text, demonyms) if ent.label_ == "NORP" else None
        if country:
            context.countries[country] += 1
    article = doc._.article
    dateline = getattr(article, "dateline_place", None) if article is not None else None
    if article is not None:
        home = outlet_country(article.url) or outlet_country(article.source)
        if home:
            context.countries[home] += OUTLET_WEIGHT
    if dateline:
        ranked = rank_candidates(gazetteer.candidates(dateline), dateline)
        if ranked and ranked[0].candidate.country:
            context.countries[ranked[0].candidate.country] += 2
    return context


class PlaceComponent(Component):
    """Find toponyms and resolve them to gazetteer entries (``doc._.places``, ids p1, p2 ...)."""

    name = "places"
    reads = ("spacy", "entities", "article")
    writes = ("places",)

    def __init__(self, settings: Settings, *, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(settings)
        self._gazetteer = gazetteer
        self.demonyms = load_demonyms()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:  # opened (and built, the first time) on first use
            self._gazetteer = open_gazetteer(self.settings.gazetteer)
        return self._gazetteer

    def base_context(self, doc: Doc) -> DocumentContext:
        """Return what the document says about its countries besides its toponyms."""
        return _base_context(doc, self.gazetteer, self.demonyms)

    def __call__(self, doc: Doc) -> Doc:
        toponyms = find_toponyms(doc, self.gazetteer, self.demonyms)
        chosen = resolve_toponyms(toponyms, base=self.base_context(doc), outlet=outlet_address(doc))
        doc._.places = [
            place_record(f"p{i}", toponym, best)
            for i, (toponym, best) in enumerate(zip(toponyms, chosen, strict=True), start=1)
        ]
        return doc
