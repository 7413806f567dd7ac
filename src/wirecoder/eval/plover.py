"""PLOVER gold-standard records: event type, mode, actor and recipient countries, sectors.

Data: ``plover_gsr/PLOVER_GSR_CAMEO.txt`` (one JSON array; the first element is the DOCUMENT
header and is skipped; two records share an id, so records are keyed by position).
Conventions (also listed in the result's notes):

* old PLOVER 0.5b1 labels are mapped to the 16 current types: DEMAND -> REQUEST,
  DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT, except FIGHT records whose
  event text is a blockade, border closure, occupation or seizure (CAMEO 191/192) -> COERCE;
* the predicted type of a record is the type of the highest-confidence event in its sentence;
  a record with no event counts as wrong everywhere;
* actor (recipient) country: the code of the first gold source (target) actor against the
  country of the predicted event's first actor (recipient); an actor without a country is
  scored by its international code (IGO, NGO) when it has one. CAMEO-style gold codes with an
  ISO equivalent (JAP, ITL, VTN) are read as that ISO code;
* sector: the first three letters of the first gold source sector (CIV read as CVL; ``***``
  skipped) must be among the predicted first actor's sectors;
* mode: only records with a non-empty gold mode; old mode names are mapped (see MODE_ALIASES);
* macro-F1 averages per-type F1 over the types that occur in the gold labels or predictions;
* ``type_confidence_ece``: expected calibration error of the deciding event's confidence
  against its type being right (10 equal-width bins, records with an event; lower is better,
  not floored).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataFileError, ErrorCode
from ..records import Actor, DocumentRecord, Event
from .base import Dataset, EvalResult

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = ["GoldRecord", "PloverGSR", "Prediction", "predict", "read_records", "score"]

log = logging.getLogger(__name__)

FILE_NAME = "PLOVER_GSR_CAMEO.txt"
OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
COERCIVE_FIGHT_WORDS = (
    "blockad",
    "closed border",
    "close border",
    "occup",
    "seiz",
    "retak",
    "recaptur",
)
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
MODE_ALIASES = {
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "host": "visit",
    "detain": "arrest",
    "confiscate": "seize",
    "assassinate": "targeted",
}
SECTOR_ALIASES = {"CIV": "CVL"}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str  # mapped to the current 16 types
    original_type: str
    mode: str | None
    source_code: str | None
    source_sector: str | None
    target_code: str | None


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str
    mode: str | None = None
    actor_code: str | None = None
    actor_sectors: tuple[str, ...] = ()
    recipient_code: str | None = None
    confidence: float | None = None


def _first(actors: Any) -> dict[str, Any] | None:
    return (
        actors[0] if isinstance(actors, list) and actors and isinstance(actors[0], dict) else None
    )


def _code(actor: dict[str, Any] | None) -> str | None:
    if not actor or not actor.get("code"):
        return None
    code = str(actor["code"]).strip().upper()
    return CODE_ALIASES.get(code, code)


def _sector(actor: dict[str, Any] | None) -> str | None:
    raw = str((actor or {}).get("sector") or "")[:3].upper()
    if not raw or raw == "***":
        return None
    return SECTOR_ALIASES.get(raw, raw)


def map_type(label: str, event_text: str) -> str:
    """Return the current PLOVER type of an old (0.5b1) label."""
    if label == "FIGHT" and any(w in event_text.lower() for w in COERCIVE_FIGHT_WORDS):
        return "COERCE"
    return OLD_LABELS.get(label, label)


def read_records(path: Path) -> list[GoldRecord]:
    """Return the gold records of the file (header skipped, order kept)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(ErrorCode.W501, path=path, detail=str(exc)) from exc
    records = []
    for item in raw:
        if not isinstance(item, dict) or item.get("event") in (None, "DOCUMENT"):
            continue
        mode = str(item.get("mode") or "").strip() or None
        records.append(
            GoldRecord(
                id=str(item.get("id")),
                text=str(item["text"]),
                type=map_type(str(item["event"]), str(item.get("eventText", ""))),
                original_type=str(item["event"]),
                mode=MODE_ALIASES.get(mode, mode) if mode else None,
                source_code=_code(_first(item.get("source"))),
                source_sector=_sector(_first(item.get("source"))),
                target_code=_code(_first(item.get("target"))),
            )
        )
    return records


def _actor_code(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return next((s for s in actor.sectors if s in ("IGO", "NGO")), None)


def predict(record: DocumentRecord) -> Prediction | None:
    """Return the prediction for one sentence: its highest-confidence event, if any."""
    if not record.events:
        return None
    best: Event = max(record.events, key=lambda e: e.confidence)  # first one wins ties
    actors = {a.id: a for a in record.actors}
    first_actor = actors.get(best.actor[0].actor or "") if best.actor else None
    first_recipient = actors.get(best.recipient[0].actor or "") if best.recipient else None
    return Prediction(
        type=best.type,
        mode=best.mode,
        actor_code=_actor_code(first_actor),
        actor_sectors=tuple(first_actor.sectors) if first_actor else (),
        recipient_code=_actor_code(first_recipient),
        confidence=best.confidence,
    )


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _macro_f1(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    labels = sorted(set(gold) | {p for p in pred if p})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def expected_calibration_error(
    confidences: Sequence[float], correct: Sequence[bool], *, bins: int = 10
) -> float:
    """Return the ECE: the gap between confidence and accuracy, averaged over equal-width bins."""
    if not confidences:
        return 0.0
    total = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (c, ok)
            for c, ok in zip(confidences, correct, strict=True)
            if low <= c < high or (b == bins - 1 and c == 1.0)
        ]
        if members:
            mean_conf = sum(c for c, _ in members) / len(members)
            accuracy = sum(1 for _, ok in members if ok) / len(members)
            total += len(members) * abs(mean_conf - accuracy)
    return total / len(confidences)


def score(
    gold: Sequence[GoldRecord], predictions: Sequence[Prediction | None]
) -> tuple[dict[str, float], dict[str, int]]:
    """Return (metrics, counts) of predictions against gold records, position by position."""
    pairs = list(zip(gold, predictions, strict=True))
    types = [p.type if p else None for _, p in pairs]
    with_actor = [(g, p) for g, p in pairs if g.source_code]
    with_target = [(g, p) for g, p in pairs if g.target_code]
    with_sector = [(g, p) for g, p in pairs if g.source_sector]
    with_mode = [(g, p) for g, p in pairs if g.mode]
    metrics = {
        "type_accuracy": _ratio(
            sum(1 for g, t in zip(gold, types, strict=True) if g.type == t), len(pairs)
        ),
        "type_macro_f1": _macro_f1([g.type for g in gold], types),
        "actor_country_accuracy": _ratio(
            sum(1 for g, p in with_actor if p and p.actor_code == g.source_code), len(with_actor)
        ),
        "recipient_country_accuracy": _ratio(
            sum(1 for g, p in with_target if p and p.recipient_code == g.target_code),
            len(with_target),
        ),
        "sector_accuracy": _ratio(
            sum(1 for g, p in with_sector if p and g.source_sector in p.actor_sectors),
            len(with_sector),
        ),
        "mode_accuracy": _ratio(
            sum(1 for g, p in with_mode if p and p.mode == g.mode), len(with_mode)
        ),
        "event_found_rate": _ratio(sum(1 for p in predictions if p), len(pairs)),
        # how far the deciding event's confidence is from how often its type is right
        "type_confidence_ece": expected_calibration_error(
            [p.confidence for _, p in pairs if p and p.confidence is not None],
            [g.type == p.type for g, p in pairs if p and p.confidence is not None],
        ),
    }
    counts = {
        "records": len(pairs),
        "with_source_code": len(with_actor),
        "with_target_code": len(with_target),
        "with_source_sector": len(with_sector),
        "with_mode": len(with_mode),
    }
    return metrics, counts


class PloverGSR(Dataset):
    """PLOVER gold-standard records (OEDA, CC BY-SA 4.0): one sentence per record."""

    name = "plover"
    folder = "plover_gsr"
    description = "PLOVER GSR sentences: event type, mode, actor/recipient country, sector"

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        path = data / FILE_NAME if data.is_dir() else data
        if not path.exists():
            raise DataFileError(ErrorCode.W501, path=path, detail="PLOVER GSR file not found")
        gold = read_records(path)[:limit] if limit else read_records(path)
        started = time.perf_counter()
        predictions = [predict(extractor.extract(r.text, origin=f"plover:{r.id}")) for r in gold]
        metrics, counts = score(gold, predictions)
        return EvalResult(
            dataset=self.name,
            metrics=metrics,
            counts=counts,
            notes=[
                "labels: DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT "
                "(FIGHT blockade/closure/occupation/seizure -> COERCE)",
                "type per record = highest-confidence event of the sentence; no event = wrong",
                "type_confidence_ece: expected calibration error of the deciding event's "
                "confidence against its type being right (10 equal-width bins; lower is better)",
                "old modes mapped: " + ", ".join(f"{k}->{v}" for k, v in MODE_ALIASES.items()),
            ],
            seconds=time.perf_counter() - started,
        )
