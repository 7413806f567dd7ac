"""The CI quality gate: score each floored dataset on its subset and compare with its floor.

Run as ``python -m wirecoder.eval.gate``; exit status 0 when every figure is at or above its
floor, 1 when one is below (or not measured), 2 when the floors file is unusable.
``--update`` rewrites the floors at today's figures minus ``--margin`` (a commit to review),
for the metrics already pinned (every fraction above the margin for a dataset with none).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from ..config import Settings
from ..errors import WirecoderError
from .base import EvalResult
from .floors import (
    FLOORS_PATH,
    Floors,
    check_floors,
    floors_from_results,
    load_floors,
    write_floors,
)
from .report import format_plain
from .runner import run_evaluation

__all__ = ["main", "run_gate"]

log = logging.getLogger(__name__)


def run_gate(
    floors: Floors, *, settings: Settings | None = None, data: Path | None = None
) -> tuple[list[EvalResult], list[str]]:
    """Return the results of every floored dataset on its limit, and the floor violations."""
    limits = {name: entry.get("limit") for name, entry in floors.items()}
    results = run_evaluation(list(floors), settings=settings, data=data, limits=limits)
    return results, check_floors(results, floors)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m wirecoder.eval.gate", description=__doc__)
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH, help="floors JSON file")
    parser.add_argument("--data", type=Path, default=None, help="benchmarks folder")
    parser.add_argument(
        "--update", action="store_true", help="rewrite the floors from today's figures"
    )
    parser.add_argument("--margin", type=float, default=0.02, help="noise margin for --update")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate; return the process exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        floors = load_floors(args.floors)
    except WirecoderError as exc:
        log.error("%s", exc)
        return 2
    results, violations = run_gate(floors, data=args.data)
    sys.stdout.write(format_plain(results) + "\n")
    if args.update:
        limits = {name: entry.get("limit") for name, entry in floors.items()}
        pinned = {
            name: list(entry["metrics"]) for name, entry in floors.items() if entry["metrics"]
        }
        updated = floors_from_results(results, limits=limits, margin=args.margin, metrics=pinned)
        write_floors(updated, args.floors)
        log.warning("floors rewritten in %s: review the diff before committing", args.floors)
        return 0
    for message in violations:
        log.error("%s", message)
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
