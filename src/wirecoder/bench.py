"""Throughput benchmark: the whole pipeline against a bare spaCy ``nlp.pipe``, same process."""

from __future__ import annotations

import dataclasses
import resource
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .records import Article, to_dict

__all__ = ["BenchResult", "load_corpus", "run_benchmark"]


@dataclass
class BenchResult:
    articles: int
    words: int
    distinct_texts: int
    components: list[str]
    baseline_seconds: float  # bare nlp.pipe over the same texts
    pipeline_seconds: float  # nlp.pipe + every component
    component_seconds: dict[str, float]
    peak_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.pipeline_seconds

    @property
    def words_per_second(self) -> float:
        return self.words / self.pipeline_seconds

    @property
    def ratio(self) -> float:
        return self.pipeline_seconds / self.baseline_seconds

    def to_dict(self) -> dict[str, object]:
        """Return the measurements and the derived rates, for --json."""
        return dataclasses.asdict(self) | {
            "articles_per_second": round(self.articles_per_second, 2),
            "words_per_second": round(self.words_per_second, 1),
            "ratio": round(self.ratio, 3),
        }

    def lines(self) -> list[str]:
        """Return the human-readable report."""
        out = [
            f"articles            {self.articles} ({self.distinct_texts} distinct texts, {self.words} words)",
            f"pipeline            {','.join(self.components)}",
            f"whole pipeline      {self.pipeline_seconds:.1f} s: {self.articles_per_second:.1f} articles/s, "
            f"{self.words_per_second:.0f} words/s",
            f"bare nlp.pipe       {self.baseline_seconds:.1f} s: {self.articles / self.baseline_seconds:.1f} articles/s",
            f"ratio pipeline/bare {self.ratio:.2f}",
            f"peak RSS            {self.peak_rss_mb:.0f} MB",
            "time per component (s): "
            + ", ".join(f"{k} {v:.2f}" for k, v in self.component_seconds.items()),
        ]
        return out


def load_corpus(folder: Path, *, settings: Settings) -> list[Article]:
    """Return the codeable articles of a folder (failures are left out)."""
    from .ingest import iter_sources

    return [x for x in iter_sources([folder], settings=settings) if isinstance(x, Article)]


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_benchmark(
    corpus: Path, *, n_articles: int = 2000, settings: Settings | None = None
) -> BenchResult:
    """Return throughput figures for ``n_articles`` taken round-robin from ``corpus``."""
    from .nlp.pipeline import Pipeline

    settings = settings or Settings()
    base = load_corpus(corpus, settings=settings)
    if not base:
        raise ValueError(f"no codeable articles in {corpus}")
    articles = [dataclasses.replace(base[i % len(base)]) for i in range(n_articles)]
    pipeline = Pipeline(settings)
    warm = articles[: min(8, len(articles))]
    list(pipeline.process(warm))  # load lazily built resources (gazetteer, lexicons) first

    texts = [a.text for a in articles]
    baseline = _timed(lambda: _consume(pipeline.parse(texts)))
    per_component = {c.name: 0.0 for c in pipeline.components}

    def run_all() -> None:
        for record in pipeline.process(articles, timings=per_component):
            to_dict(record)  # as extract and ingest do

    whole = _timed(run_all)
    return BenchResult(
        articles=len(articles),
        words=sum(len(t.split()) for t in texts),
        distinct_texts=len(base),
        components=list(settings.components),
        baseline_seconds=baseline,
        pipeline_seconds=whole,
        component_seconds=per_component,
        peak_rss_mb=_peak_rss_mb(),
    )


def _consume(items: Iterable[object]) -> None:
    for _ in items:
        pass
