"""re3d (Dstl): entity recognition scored as span P/R/F1, strict and partial, per type.

Reads the original release: one folder per source with mongoexport files (one JSON object per
line) ``documents.json`` and ``entities.json``. Gold entities are the rows with confidence
>= 0.5. Our spaCy labels are mapped to re3d types (``LABEL_MAP``); the main figures are on
Person, Organisation, Location and Nationality, the other re3d types are reported apart
(as gold counts: we have no label that maps to them).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Article
from .base import Dataset, EvalResult
from .scoring import PRF, Span, SpanMode, span_prf_by_label

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = ["LABEL_MAP", "MAIN_TYPES", "Re3d", "Re3dDocument", "read_re3d", "score_re3d"]

log = logging.getLogger(__name__)

#: Our entity labels (spaCy's) -> re3d entity types.
LABEL_MAP: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Nationality",
}

#: The re3d types that the headline figures are computed on.
MAIN_TYPES: tuple[str, ...] = ("Person", "Organisation", "Location", "Nationality")

GOLD_CONFIDENCE = 0.5


@dataclass
class Re3dDocument:
    """One re3d document with its gold entity spans."""

    doc_id: str
    source: str  # the source folder, e.g. "CENTCOM"
    title: str | None
    text: str
    gold: list[Span] = field(default_factory=list)  # all types, confidence >= 0.5


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a mongoexport file (one JSON object per line; CRLF is fine)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_re3d(folder: Path) -> list[Re3dDocument]:
    """Return the documents of every source folder under ``folder``, sorted by source and id.

    Empty source folders (the Australian one in the development part) contribute nothing.
    """
    docs: dict[str, Re3dDocument] = {}
    for source_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        for obj in _json_lines(source_dir / "documents.json"):
            docs[obj["_id"]] = Re3dDocument(
                doc_id=obj["_id"], source=source_dir.name, title=obj.get("title"), text=obj["text"]
            )
        for obj in _json_lines(source_dir / "entities.json"):
            doc = docs.get(obj["documentId"])
            if doc is None or float(obj.get("confidence", 0)) < GOLD_CONFIDENCE:
                continue
            doc.gold.append((int(obj["begin"]), int(obj["end"]), str(obj["type"])))
    return sorted(docs.values(), key=lambda d: (d.source, d.doc_id))


def predicted_spans(entities: list[tuple[int, int, str]]) -> list[Span]:
    """Return our entity spans relabelled with re3d types (unmapped labels dropped)."""
    return [(s, e, LABEL_MAP[label]) for s, e, label in entities if label in LABEL_MAP]


def score_re3d(gold: list[Span], predicted: list[Span]) -> dict[str, float]:
    """Return strict and partial micro P/R/F1 over ``MAIN_TYPES`` plus per-type F1."""
    metrics: dict[str, float] = {}
    modes: tuple[SpanMode, ...] = ("strict", "partial")
    for mode in modes:
        by_label = span_prf_by_label(
            [s for s in gold if s[2] in MAIN_TYPES],
            [s for s in predicted if s[2] in MAIN_TYPES],
            mode=mode,
        )
        total = sum(by_label.values(), PRF())
        metrics.update(total.metrics(mode))
        for label in MAIN_TYPES:
            metrics[f"{mode}_f1_{label.lower()}"] = by_label.get(label, PRF()).f1
    return metrics


class Re3d(Dataset):
    """re3d entities (confidence >= 0.5): strict and partial span F1 per type."""

    name = "re3d"
    folder = "re3d"
    description = "Dstl re3d: entity spans (Person, Organisation, Location, Nationality)"

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        started = time.perf_counter()
        docs = read_re3d(data)[:limit]
        articles = [
            Article(text=d.text, origin=f"re3d:{d.doc_id}", title=d.title, language="en")
            for d in docs
        ]
        gold: list[Span] = []
        predicted: list[Span] = []
        offset = 0  # spans of all documents in one list, kept apart by a running offset
        for doc, record in zip(docs, extractor.extract_articles(articles), strict=True):
            gold.extend((s + offset, e + offset, t) for s, e, t in doc.gold)
            ours = [(ent.start, ent.end, ent.label) for ent in record.entities]
            predicted.extend((s + offset, e + offset, t) for s, e, t in predicted_spans(ours))
            offset += len(doc.text) + 1
        other_types = sorted({t for _, _, t in gold if t not in MAIN_TYPES})
        counts = {"documents": len(docs), "gold_entities": len(gold)}
        counts.update({f"gold_{t.lower()}": sum(s[2] == t for s in gold) for t in MAIN_TYPES})
        counts["gold_other_types"] = sum(s[2] not in MAIN_TYPES for s in gold)
        return EvalResult(
            dataset=self.name,
            metrics=score_re3d(gold, predicted),
            counts=counts,
            notes=[
                "gold: entity rows with confidence >= 0.5",
                "labels: PERSON->Person, ORG->Organisation, GPE/LOC/FAC->Location, "
                "NORP->Nationality; other labels are not scored",
                "micro P/R/F1 over Person, Organisation, Location, Nationality; "
                "strict = same offsets and type, partial = overlap and same type (one-to-one)",
                "not scored (no label of ours maps to them): " + ", ".join(other_types),
            ],
            seconds=time.perf_counter() - started,
        )
