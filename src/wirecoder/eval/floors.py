"""Quality floors: the lowest figure each dataset may give on its CI subset.

``floors.json`` (next to this module) maps dataset -> ``{"limit": N, "metrics": {name: floor}}``.
Raising a floor is a commit; lowering one needs a reason in the changelog.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import DataFileError, ErrorCode
from .base import EvalResult
from .runner import is_failed, is_skipped

__all__ = [
    "FLOORS_PATH",
    "Floors",
    "check_floors",
    "floors_from_results",
    "load_floors",
    "write_floors",
]

FLOORS_PATH = Path(__file__).with_name("floors.json")

#: dataset -> {"limit": int | None, "metrics": {metric: floor}}
Floors = dict[str, dict[str, Any]]


def load_floors(path: Path | None = None) -> Floors:
    """Return the floors in ``path`` (default: the committed ``floors.json``), validated."""
    path = path or FLOORS_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(ErrorCode.W501, path=path, detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise DataFileError(ErrorCode.W501, path=path, detail="expected an object")
    for name, entry in data.items():
        if name.startswith("_"):
            continue
        metrics = entry.get("metrics") if isinstance(entry, dict) else None
        if not isinstance(metrics, dict) or not all(
            isinstance(v, int | float) for v in metrics.values()
        ):
            raise DataFileError(ErrorCode.W501, path=path, detail=f"{name}: bad 'metrics'")
    return {k: v for k, v in data.items() if not k.startswith("_")}


def check_floors(
    results: Sequence[EvalResult], floors: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """Return one message per violation: a metric below its floor (W602) or not measured (W604).

    Only datasets named in ``floors`` are checked; a floored dataset that was skipped or whose
    scorer failed violates every one of its floors.
    """
    by_name = {r.dataset: r for r in results}
    messages: list[str] = []
    for dataset, entry in floors.items():
        result = by_name.get(dataset)
        for metric, floor in entry.get("metrics", {}).items():
            value = None if result is None else result.metrics.get(metric)
            if value is None or (result is not None and (is_skipped(result) or is_failed(result))):
                messages.append(
                    ErrorCode.W604.format(dataset=dataset, metric=metric, floor=float(floor))
                )
            elif value < float(floor):
                messages.append(
                    ErrorCode.W602.format(
                        metric=f"{dataset}:{metric}", value=value, floor=float(floor)
                    )
                )
    return messages


def floors_from_results(
    results: Sequence[EvalResult],
    *,
    limits: Mapping[str, int | None],
    margin: float = 0.02,
    metrics: Mapping[str, Sequence[str]] | None = None,
) -> Floors:
    """Return floors at today's figures minus ``margin`` (never below 0), rounded down.

    ``metrics`` picks the metrics to pin per dataset (default: every fraction above the
    margin, so that figures of 0 are not pinned; distances ``*_km`` are never pinned, as lower
    is better). Skipped and failed datasets are left out.
    """
    out: Floors = {}
    for result in results:
        if is_skipped(result) or is_failed(result) or not result.metrics:
            continue
        wanted = metrics.get(result.dataset) if metrics else None
        chosen = {
            name: max(0.0, int((value - margin) * 1000) / 1000)
            for name, value in result.metrics.items()
            if not name.endswith("_km")
            and ((wanted is None and value > margin) or (wanted is not None and name in wanted))
        }
        out[result.dataset] = {"limit": limits.get(result.dataset), "metrics": chosen}
    return out


def write_floors(floors: Floors, path: Path | None = None) -> Path:
    """Write ``floors`` as sorted, indented JSON; return the path."""
    path = path or FLOORS_PATH
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
