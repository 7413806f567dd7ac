"""re3d reader and scorer on a tiny hand-made folder; the real data only if present."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.re3d import Re3d, predicted_spans, read_re3d, score_re3d
from wirecoder.records import Article, DocumentRecord, Entity

TEXT = "Karim Haddad met the Kurdish leaders in Mosul."
#       0123456789012345678901234567890123456789012345


def _write_lines(path: Path, rows: list[dict[str, object]], *, crlf: bool = False) -> None:
    end = "\r\n" if crlf else "\n"
    path.write_bytes("".join(json.dumps(r) + end for r in rows).encode("utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "Some Source"
    src.mkdir()
    _write_lines(src / "documents.json", [{"_id": "D1", "title": "t", "text": TEXT}], crlf=True)
    entities = [
        {"documentId": "D1", "begin": 0, "end": 12, "type": "Person", "confidence": 1},
        {"documentId": "D1", "begin": 21, "end": 28, "type": "Nationality", "confidence": 0.6},
        {"documentId": "D1", "begin": 40, "end": 45, "type": "Location", "confidence": 1},
        {"documentId": "D1", "begin": 29, "end": 36, "type": "Person", "confidence": 0},  # rejected
        {"documentId": "D1", "begin": 13, "end": 16, "type": "Weapon", "confidence": 1},
    ]
    _write_lines(src / "entities.json", entities, crlf=True)
    empty = tmp_path / "Empty Source"
    empty.mkdir()
    for name in ("documents.json", "entities.json"):
        (empty / name).write_text("")
    return tmp_path


class FakeExtractor:
    """Returns fixed entities for every article (no NLP)."""

    version = "fake"

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
        for article in articles:
            yield DocumentRecord(doc_id=article.doc_id, text=article.text, entities=self.entities)


def test_read_re3d_keeps_gold_rows_only(folder: Path) -> None:
    docs = read_re3d(folder)
    assert [d.doc_id for d in docs] == ["D1"]
    assert sorted(docs[0].gold) == [
        (0, 12, "Person"),
        (13, 16, "Weapon"),
        (21, 28, "Nationality"),
        (40, 45, "Location"),
    ]


def test_predicted_spans_maps_labels() -> None:
    ours = [(0, 5, "PERSON"), (6, 9, "GPE"), (10, 12, "FAC"), (13, 15, "NORP"), (16, 18, "DATE")]
    assert predicted_spans(ours) == [
        (0, 5, "Person"),
        (6, 9, "Location"),
        (10, 12, "Location"),
        (13, 15, "Nationality"),
    ]


def test_score_re3d_exact_numbers() -> None:
    gold = [(0, 12, "Person"), (21, 28, "Nationality"), (40, 45, "Location"), (13, 16, "Weapon")]
    pred = [(0, 5, "Person"), (21, 28, "Nationality"), (30, 35, "Organisation")]
    metrics = score_re3d(gold, pred)
    # strict: 1 of 3 predictions, 1 of 3 main-type gold spans (Weapon is not scored)
    assert metrics["strict_p"] == pytest.approx(1 / 3)
    assert metrics["strict_r"] == pytest.approx(1 / 3)
    # partial: "Karim" overlaps "Karim Haddad"
    assert metrics["partial_p"] == pytest.approx(2 / 3)
    assert metrics["partial_r"] == pytest.approx(2 / 3)
    assert metrics["strict_f1_nationality"] == 1.0
    assert metrics["strict_f1_person"] == 0.0
    assert metrics["partial_f1_person"] == 1.0
    assert metrics["strict_f1_location"] == 0.0


def test_evaluate_with_fake_extractor(folder: Path) -> None:
    ours = [
        Entity("e1", "Karim Haddad", "PERSON", 0, 12),
        Entity("e2", "Mosul", "GPE", 40, 45),
        Entity("e3", "Kurdish", "NORP", 21, 28),
        Entity("e4", "leaders", "ORG", 29, 36),
    ]
    result = Re3d().evaluate(FakeExtractor(ours), data=folder)
    assert result.dataset == "re3d"
    assert result.counts["documents"] == 1
    assert result.counts["gold_entities"] == 4
    assert result.metrics["strict_p"] == 0.75
    assert result.metrics["strict_r"] == 1.0
    assert any("Weapon" in note for note in result.notes)


def test_limit_caps_documents(folder: Path) -> None:
    result = Re3d().evaluate(FakeExtractor([]), data=folder, limit=0)
    assert result.counts["documents"] == 0


@pytest.mark.benchmarks
def test_real_development_part_reads() -> None:
    folder = benchmarks_dir() / "re3d"
    if not folder.is_dir():
        pytest.skip(f"benchmark data absent: {folder}")
    docs = read_re3d(folder)
    assert len(docs) == 46
    assert sum(len(d.gold) for d in docs) == 1783
    for doc in docs:
        for start, end, _ in doc.gold:
            assert 0 <= start < end <= len(doc.text)
