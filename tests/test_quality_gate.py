"""The quality gate: every floored dataset, on its CI subset, scores at or above its floor.

Runs the real pipeline over ``../shared/benchmarks`` (a few minutes on 2 cores); skipped when
the benchmark data is absent. Floors live in ``src/wirecoder/eval/floors.json``.
"""

from __future__ import annotations

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.floors import load_floors
from wirecoder.eval.gate import run_gate
from wirecoder.eval.report import format_plain

pytestmark = [pytest.mark.benchmarks, pytest.mark.slow]


def test_scores_stay_above_their_floors() -> None:
    folder = benchmarks_dir()
    if not folder.is_dir():
        pytest.skip(f"benchmark data absent: {folder} (set WIRECODER_BENCHMARKS to run the gate)")
    floors = load_floors()
    if not floors:
        pytest.skip("no floors committed yet")
    results, violations = run_gate(floors)
    assert not violations, "\n".join([*violations, "", format_plain(results)])
