"""The contract of an evaluation dataset and of its result.

Each dataset module in this package defines one ``Dataset`` subclass that reads the data in its
original format and scores an :class:`~wirecoder.api.Extractor` on it.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = ["Dataset", "EvalResult", "benchmarks_dir"]


def benchmarks_dir() -> Path:
    """Return the benchmark folder: $WIRECODER_BENCHMARKS, else ../shared/benchmarks."""
    env = os.environ.get("WIRECODER_BENCHMARKS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *here.parents]:
        candidate = parent.parent / "shared" / "benchmarks"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "benchmarks"


@dataclass
class EvalResult:
    """Scores of one dataset: metric name -> value (fractions in 0..1 unless named *_km)."""

    dataset: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # documents, gold items, ...
    notes: list[str] = field(default_factory=list)  # conventions, mappings used
    seconds: float = 0.0


class Dataset(ABC):
    """One benchmark dataset: where it lives and how to score the pipeline on it."""

    name: ClassVar[str]
    folder: ClassVar[str]  # under the benchmarks folder
    description: ClassVar[str]

    def default_path(self) -> Path:
        return benchmarks_dir() / self.folder

    @abstractmethod
    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        """Return the scores of ``extractor`` on the data under ``data`` (first ``limit`` docs)."""
