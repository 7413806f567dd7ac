"""Render evaluation results: a terminal table (rich or plain), JSON, and ``docs/quality.md``."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import EvalResult, benchmarks_dir
from .registry import DATASETS
from .runner import is_failed, is_skipped

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "ReferenceFigure",
    "format_plain",
    "load_reference_figures",
    "print_table",
    "quality_markdown",
    "result_rows",
    "results_to_json",
    "write_quality_markdown",
]


#: how the docs name the default benchmarks folder
BENCHMARKS_AS_DOCUMENTED = "../shared/benchmarks"


@dataclass(frozen=True)
class ReferenceFigure:
    """A published figure of an anchor system, and which of our metrics it compares with."""

    system: str
    corpus: str
    dataset: str | None
    metric: str
    measure: str
    value: float
    source: str
    #: the corpus is wholly in the sealed part: absent from the development data
    sealed: bool = False


@functools.lru_cache(maxsize=1)
def load_reference_figures() -> tuple[ReferenceFigure, ...]:
    """Return the published reference figures (``eval/data/reference_figures.json``)."""
    text = resources.files(__package__).joinpath("data/reference_figures.json").read_text()
    return tuple(ReferenceFigure(**row) for row in json.loads(text)["figures"])


def _status(result: EvalResult) -> str:
    if is_skipped(result):
        return "skipped"
    if is_failed(result):
        return "failed"
    return "ok"


def _fmt(value: float) -> str:
    return f"{value:.1f}" if value > 1.0 else f"{value:.3f}"  # *_km values are not fractions


def result_rows(results: Sequence[EvalResult]) -> list[tuple[str, str, str]]:
    """Return (dataset, metric, value) rows; a skipped or failed dataset has one row saying so."""
    rows = []
    for result in results:
        if not result.metrics:
            rows.append((result.dataset, _status(result), result.notes[0] if result.notes else ""))
            continue
        rows.extend((result.dataset, name, _fmt(v)) for name, v in result.metrics.items())
    return rows


def format_plain(results: Sequence[EvalResult]) -> str:
    """Return the results as an aligned plain-text table."""
    rows = [("dataset", "metric", "value"), *result_rows(results)]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}" for r in rows]
    for result in results:
        if result.metrics:
            counts = ", ".join(f"{k}={v}" for k, v in result.counts.items())
            lines.append(f"# {result.dataset} ({result.seconds:.1f} s): {counts}")
    return "\n".join(lines)


def print_table(results: Sequence[EvalResult], *, console: Console | None = None) -> None:
    """Print the results as a rich table (one per dataset) with counts and notes."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for result in results:
        if not result.metrics:
            console.print(f"[bold]{result.dataset}[/bold] — {_status(result)}")
            for note in result.notes:
                console.print(f"  [dim]{note}[/dim]")
            continue
        table = Table(title=f"{result.dataset} — {_status(result)} ({result.seconds:.1f} s)")
        table.add_column("metric")
        table.add_column("value", justify="right")
        for name, value in result.metrics.items():
            table.add_row(name, _fmt(value))
        for name, count in result.counts.items():
            table.add_row(f"[dim]{name}[/dim]", f"[dim]{count}[/dim]")
        console.print(table)
        for note in result.notes:
            console.print(f"  [dim]{note}[/dim]")


def results_to_json(results: Sequence[EvalResult], *, indent: int | None = 2) -> str:
    """Return the results as a JSON list (one object per dataset, with its status)."""
    data: list[dict[str, Any]] = []
    for result in results:
        item = dataclasses.asdict(result)
        item["status"] = _status(result)
        data.append(item)
    return json.dumps(data, indent=indent, ensure_ascii=False)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def _subset(result: EvalResult) -> str:
    unit = next((u for u in ("documents", "records", "items") if u in result.counts), None)
    limit = next((n for n in result.notes if n.startswith("subset:")), None)
    text = f"{result.counts[unit]} {unit}" if unit else "?"
    return f"{text}, {limit.removeprefix('subset: ')}" if limit else f"{text} (all)"


def _reference_section(by_name: dict[str, EvalResult]) -> list[str]:
    lines = [
        "## Next to the published figures",
        "",
        "Reference figures are the anchor systems' published scores on the full public "
        "corpora; ours are on the development part (subset in the last column). "
        "Percentages.",
        "",
        "| corpus | measure | reference system | reference | wirecoder | our subset |",
        "|---|---|---|---:|---:|---|",
    ]
    for ref in load_reference_figures():
        result = by_name.get(ref.dataset or "")
        ours = result.metrics.get(ref.metric) if result else None
        subset = _subset(result) if result and result.metrics else "not measured"
        if ref.sealed and not (result and result.metrics):
            subset = "sealed (held-out only)"
        lines.append(
            f"| {ref.corpus} | {ref.measure} | {ref.system} | {_pct(ref.value)} "
            f"| {_pct(ours)} | {subset} |"
        )
    return lines


def _dataset_section(result: EvalResult) -> list[str]:
    title = DATASETS.get(result.dataset, result.dataset)
    lines = [f"### {result.dataset}", ""]
    if not result.metrics:
        # the benchmarks folder as the docs name it, so the file is the same on every machine
        notes = "; ".join(
            n.replace(str(benchmarks_dir()), BENCHMARKS_AS_DOCUMENTED) for n in result.notes
        )
        return [*lines, f"Not measured ({_status(result)}): {notes}", ""]
    lines += [f"Subset: {_subset(result)}; {result.seconds:.0f} s. Scorer: `{title}`.", ""]
    lines += ["| metric | value |", "|---|---:|"]
    lines += [f"| {name} | {_fmt(v)} |" for name, v in result.metrics.items()]
    lines += ["", "Counts: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()), ""]
    lines += [f"- {note}" for note in result.notes]
    return [*lines, ""]


def quality_markdown(results: Sequence[EvalResult], *, today: date | None = None) -> str:
    """Return the Markdown text of ``docs/quality.md`` for these results."""
    by_name = {r.dataset: r for r in results}
    pipeline = next(
        (
            n.removeprefix("pipeline: ")
            for r in results
            for n in r.notes
            if n.startswith("pipeline:")
        ),
        "?",
    )
    lines = [
        "# Quality",
        "",
        "Generated by `wirecoder eval --all` (do not edit by hand). Development-part scores "
        "against `../shared/benchmarks`; the conventions of each score are in "
        "[evaluation.md](evaluation.md).",
        "",
        f"Date: {(today or date.today()).isoformat()}. Pipeline: `{pipeline}`.",
        "",
        *_reference_section(by_name),
        "",
        "## All figures",
        "",
    ]
    for result in results:
        lines += _dataset_section(result)
    return "\n".join(lines).rstrip() + "\n"


def write_quality_markdown(
    results: Sequence[EvalResult], path: Path, *, today: date | None = None
) -> Path:
    """Write ``docs/quality.md`` (our figures next to the published ones); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(quality_markdown(results, today=today), encoding="utf-8")
    return path
