"""TempEval-3 (TimeBank + AQUAINT, TimeML): time expression extents, values and types.

Conventions (see docs/times.md): the text of ``<TEXT>`` with the tags removed is what the
extractor reads; gold offsets count its characters. The reference date is the date part of the
DCT (``functionInDocument="CREATION_TIME"``). System and gold expressions are paired one to one:
a strict pair has the same offsets, a relaxed pair overlaps by at least one character (pairs
are made greedily, largest overlap first). Value and type accuracy are over relaxed pairs;
value F1 and type F1 are relaxed extent F1 times the accuracy, as TempEval-3 defines attribute F1.
"""

from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..errors import ErrorCode, WirecoderError
from .base import Dataset, EvalResult

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = ["GoldTimex", "TempEval3", "TimexScore", "TmlDocument", "read_tml", "score_timexes"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A time expression with offsets, TIMEX3 value and type (gold or system)."""

    start: int
    end: int
    value: str | None
    type: str


@dataclass(slots=True)
class TmlDocument:
    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex]


def _walk(element: ET.Element, parts: list[str], found: list[GoldTimex], offset: int) -> int:
    """Append the element's text to ``parts`` and its TIMEX3 children to ``found``; return offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, parts, found, offset)
        if child.tag == "TIMEX3":
            found.append(GoldTimex(start, offset, child.get("value"), child.get("type", "DATE")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def _dct(root: ET.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                return date.fromisoformat((timex.get("value") or "")[:10])
            except ValueError:
                return None
    return None


def read_tml(path: Path) -> TmlDocument:
    """Return the plain text, the DCT and the gold time expressions of one TimeML file."""
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    if body is None:
        raise WirecoderError(ErrorCode.W601, path=path, detail="no <TEXT> element")
    parts: list[str] = []
    found: list[GoldTimex] = []
    _walk(body, parts, found, 0)
    return TmlDocument(path.stem, "".join(parts), _dct(root), found)


@dataclass(slots=True)
class TimexScore:
    """Counts from which the TempEval-3 timex measures are computed."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    type_correct: int = 0
    errors: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def add(self, other: TimexScore) -> None:
        self.system += other.system
        self.gold += other.gold
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value_correct += other.value_correct
        self.type_correct += other.type_correct

    def metrics(self) -> dict[str, float]:
        """Return precision, recall, F1 for strict and relaxed extents and the attribute scores."""
        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            out[f"extent_{name}_precision"] = p
            out[f"extent_{name}_recall"] = r
            out[f"extent_{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        value_acc = self.value_correct / self.relaxed if self.relaxed else 0.0
        type_acc = self.type_correct / self.relaxed if self.relaxed else 0.0
        out["value_accuracy"] = value_acc
        out["value_f1"] = out["extent_relaxed_f1"] * value_acc
        out["type_accuracy"] = type_acc
        out["type_f1"] = out["extent_relaxed_f1"] * type_acc
        return out


def _overlap(a: GoldTimex, b: GoldTimex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _pairs(system: list[GoldTimex], gold: list[GoldTimex]) -> Iterator[tuple[GoldTimex, GoldTimex]]:
    """Yield one-to-one overlapping (system, gold) pairs, largest overlap first."""
    options = sorted(
        (
            (_overlap(s, g), i, j)
            for i, s in enumerate(system)
            for j, g in enumerate(gold)
            if _overlap(s, g) > 0
        ),
        reverse=True,
    )
    used_s: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in options:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            yield system[i], gold[j]


def score_timexes(system: list[GoldTimex], gold: list[GoldTimex], *, text: str = "") -> TimexScore:
    """Return the TempEval-3 counts of one document's system expressions against its gold ones."""
    score = TimexScore(system=len(system), gold=len(gold))
    for sys_t, gold_t in _pairs(system, gold):
        score.relaxed += 1
        score.strict += (sys_t.start, sys_t.end) == (gold_t.start, gold_t.end)
        score.type_correct += sys_t.type == gold_t.type
        if sys_t.value == gold_t.value:
            score.value_correct += 1
        else:
            score.errors.append((text[gold_t.start : gold_t.end], gold_t.value, sys_t.value))
    return score


def tml_files(data: Path) -> list[Path]:
    """Return the .tml files under ``data`` in a stable order."""
    return sorted(data.rglob("*.tml"))


class TempEval3(Dataset):
    """TempEval-3 TBAQ-cleaned: time expression extents and normalised values."""

    name: ClassVar[str] = "tempeval3"
    folder: ClassVar[str] = "tempeval3"
    description: ClassVar[str] = "TempEval-3 (TimeBank + AQUAINT): TIMEX3 extents, values, types"

    def documents(self, data: Path, *, limit: int | None = None) -> list[TmlDocument]:
        """Return the parsed documents under ``data`` (the first ``limit``)."""
        files = tml_files(data)
        if not files:
            raise WirecoderError(ErrorCode.W601, path=data, detail="no .tml files")
        return [read_tml(path) for path in files[:limit]]

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        """Return the TempEval-3 timex scores of ``extractor`` on the .tml files under ``data``."""
        started = time.perf_counter()
        total = TimexScore()
        docs = self.documents(data, limit=limit)
        for doc in docs:
            record = extractor.extract(doc.text, published=doc.dct, origin=doc.name)
            system = [GoldTimex(t.start, t.end, t.value, t.type) for t in record.times]
            doc_score = score_timexes(system, doc.timexes, text=doc.text)
            total.add(doc_score)
            for error in doc_score.errors:
                log.debug("%s: %r gold %s system %s", doc.name, *error)
        return EvalResult(
            dataset=self.name,
            metrics=total.metrics(),
            counts={
                "documents": len(docs),
                "gold_timexes": total.gold,
                "system_timexes": total.system,
            },
            notes=[
                "relaxed extent = any character overlap, pairs one to one",
                "value/type accuracy over relaxed pairs; value_f1 = extent_relaxed_f1 * value_accuracy",
                "reference date = date part of the DCT",
            ],
            seconds=time.perf_counter() - started,
        )
