"""Score the PLOVER development records with and without the event_typer component.

Prints, for each pipeline, type accuracy, macro-F1 and the calibration of the confidence of
the event that decides each record (the highest-confidence one): expected calibration error
(10 equal-width bins) and a reliability table. Needs the ``embeddings`` extra.

    .venv/bin/python scripts/event_typer_report.py [--data ../shared/benchmarks/plover_gsr] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path

from wirecoder.api import Extractor
from wirecoder.config import DEFAULT_COMPONENTS, Settings
from wirecoder.eval.plover import FILE_NAME, predict, read_records, score
from wirecoder.nlp.type_classifier import expected_calibration_error

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "plover_gsr"


def reliability(confidences: list[float], correct: list[bool], bins: int = 5) -> list[str]:
    """Return one line per confidence bin: range, records, mean confidence, accuracy."""
    lines = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [
            i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == 1.0)
        ]
        if members:
            conf = sum(confidences[i] for i in members) / len(members)
            acc = sum(correct[i] for i in members) / len(members)
            lines.append(f"{lo:.1f}-{hi:.1f}  n={len(members):3d}  conf={conf:.3f}  acc={acc:.3f}")
    return lines


def evaluate(components: tuple[str, ...], data: Path) -> dict[str, object]:
    """Return metrics and calibration of one pipeline on the PLOVER records."""
    gold = read_records(data / FILE_NAME if data.is_dir() else data)
    extractor = Extractor(dataclasses.replace(Settings(), components=components))
    records = [extractor.extract(g.text, origin=f"plover:{g.id}") for g in gold]
    predictions = [predict(r) for r in records]
    metrics, _ = score(gold, predictions)
    confidences, correct = [], []
    for g, r, p in zip(gold, records, predictions, strict=True):
        if p is not None:
            confidences.append(max(e.confidence for e in r.events))
            correct.append(p.type == g.type)
    return {
        "components": ",".join(components),
        "type_accuracy": round(metrics["type_accuracy"], 4),
        "type_macro_f1": round(metrics["type_macro_f1"], 4),
        "mode_accuracy": round(metrics["mode_accuracy"], 4),
        "ece": round(expected_calibration_error(confidences, correct), 4),
        "mean_confidence": round(sum(confidences) / max(len(confidences), 1), 4),
        "reliability": reliability(confidences, correct),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    results = [
        evaluate(DEFAULT_COMPONENTS, args.data),
        evaluate((*DEFAULT_COMPONENTS, "event_typer"), args.data),
    ]
    if args.json:
        sys.stdout.write(json.dumps(results, indent=2) + "\n")
        return 0
    for res in results:
        sys.stdout.write(f"{res['components']}\n")
        for key, value in res.items():
            if key not in ("components", "reliability"):
                sys.stdout.write(f"  {key:16s} {value}\n")
        for line in res["reliability"]:  # type: ignore[attr-defined]
            sys.stdout.write(f"  {line}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
