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
import logging
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..gazetteer.names import name_key
from ..ingest.dateline import NON_PLACES
from ..records import Article, DocumentRecord, Event, Place
from .base import Dataset, EvalResult
from .muc4_corpus import (
    ROLES,
    GoldEntity,
    GoldTemplate,
    MucText,
    parse_date_filler,
    parse_keys,
    parse_location_filler,
    parse_muc_dateline,
    parse_string_fillers,
    read_texts,
    template_entities,
    truecase,
)
from .muc4_templates import (
    CONFIDENCE_LABELS,
    STAGE_LABELS,
    PredictedTemplate,
    predicted_templates,
    template_confidence,
    template_stage,
)
from .scoring import PRF, accuracy, head_word, macro_f1, match_one_to_one, normalise_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
    "template_confidence",
    "template_stage",
    "truecase",
]

log = logging.getLogger(__name__)

SPLITS: tuple[str, ...] = ("tst1", "tst2", "dev")  # scoring order: the two test sets first
SEALED: tuple[str, ...] = ("tst3", "tst4")


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
    # confidence pairs where our template names no perpetrator organisation (see the docs)
    confidence_without_our_org: int = 0
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
        main = ours.dated
        types = _type_set(gold)
        if types:
            self.types.append((_effective(types, ours.incident_type), ours.incident_type))
        if gold.lines(2):
            self.dates.append(date_matches(gold.lines(2)[0], main, reference=published))
        if gold.lines(3):
            for level, hit in location_levels(gold.lines(3)[0], ours.place).items():
                self.locations[level].append(hit)
        for slot, predicted, store in (
            (11, template_confidence(ours), self.confidence),
            (5, template_stage(ours), self.stage),
        ):
            labels = set().union(*gold.labels(slot)) if gold.labels(slot) else set()
            if labels:
                store.append((_effective(labels, predicted), predicted))
        if gold.labels(11) and not ours.fillers.get("perp_organization"):
            self.confidence_without_our_org += 1

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
            "confidence_pairs_without_our_perp_org": self.confidence_without_our_org,
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
    if data.name in SPLITS and data.is_dir():
        return data.parent
    for candidate in (data / "muc34" / "TASK" / "CORPORA", data / "TASK" / "CORPORA", data):
        if (candidate / "dev").is_dir() or (candidate / "tst1").is_dir():
            return candidate
    raise FileNotFoundError(f"no MUC-4 CORPORA folder under {data}")


class Muc4(Dataset):
    """MUC-4 templates: relevance, incident type, role fillers, date, place, confidence, stage."""

    name = "muc4"
    folder = "muc4"
    description = "MUC-3/4 terrorism templates (TST1, TST2, then DEV): incidents end to end"

    def __init__(self, *, splits: Sequence[str] = SPLITS, skip: int = 0) -> None:
        # a slice for cross-checks: Muc4(splits=("dev",), skip=300) with limit 300 is DEV 301-600
        self.splits = tuple(splits)
        self.skip = skip

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        started = time.perf_counter()
        corpora = _corpora(data)
        notes = []
        texts: list[MucText] = []
        keys: dict[str, list[GoldTemplate]] = {}
        # a split folder given as the data ("--data .../CORPORA/dev") scores that split alone
        splits = (data.name,) if data.name in SPLITS else self.splits
        for split in splits:
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
        if self.skip:
            notes.append(f"the first {self.skip} texts skipped")
        stop = None if limit is None else self.skip + limit
        texts = texts[self.skip : stop]
        scores = MucScores()
        for text, (record, doc) in zip(texts, _coded(extractor, _articles(texts)), strict=True):
            gold = [t for t in keys.get(text.doc_id, []) if t.relevant]
            scores.add_text(gold, predicted_templates(record, doc=doc), text.published)
        scored = sorted({t.split for t in texts})
        counts = {"documents": len(texts), **scores.counts()}
        notes += [
            "texts scored: " + ", ".join(f"{s} {sum(t.split == s for t in texts)}" for s in scored),
            "text true-cased before the pipeline; comparisons case-insensitive",
            "each text keeps its dateline's place as a first line ('San Salvador --'), as "
            "wire copy reaches `wirecoder extract`; the date part is left out",
            "templates: our incident events (PLOVER -> MUC map in eval/data/muc4_incident_types.json) "
            "grouped by (incident type, resolved place, threat or not); aligned to key templates greedily by matched "
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


def _coded(
    extractor: Extractor, articles: Iterable[Article]
) -> Iterator[tuple[DocumentRecord, Doc | None]]:
    """Return each article's record with its parse, when the extractor has a pipeline to give it."""
    pipeline = getattr(extractor, "pipeline", None)
    if pipeline is not None:
        yield from pipeline.process_with_docs(articles)
    else:  # an extractor that gives records only
        for record in extractor.extract_articles(articles):
            yield record, None


def _with_dateline(text: MucText) -> str:
    """Return the body after its dateline's place line ("SAN SALVADOR --"), as wire copy
    reaches ``wirecoder extract``: the dateline stays in the text, so an event with no place
    of its own can take the dateline's, as it does in production."""
    place = text.dateline_place
    if not place or place.upper() in NON_PLACES:  # "CLANDESTINE, NO DATE --"
        return text.body
    return f"{place} --\n\n{text.body}"


def _articles(texts: Sequence[MucText]) -> Iterator[Article]:
    for text in texts:
        yield Article(
            text=truecase(_with_dateline(text)),
            origin=f"muc4:{text.doc_id}",
            published=text.published,
            published_reason="dateline" if text.published else None,
            language="en",
            external_id=text.doc_id,
            dateline_place=truecase(text.dateline_place) if text.dateline_place else None,
        )
