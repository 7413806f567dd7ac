"""Possible contradictions across stored reports: a denial in one, the act in another.

Every report here was written for these tests; the people and groups are invented.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirecoder.api import Extractor
from wirecoder.cli import main
from wirecoder.config import Settings
from wirecoder.contradictions import corpus_contradictions
from wirecoder.records import Article, DocumentRecord
from wirecoder.store import open_store

DENIAL = (
    "GOMA, DR Congo, 14 May 2025 (Synthetic Wire) -- The provincial police commander, "
    "General Amani Kitoko, denied on Wednesday that officers had fired on marchers in Goma."
)
REPORT = (
    "GOMA, DR Congo, 14 May 2025 (Synthetic Wire) -- Police fired live rounds at marchers in "
    "Goma on Tuesday, wounding four people, the Kivu Rights Network said."
)
ELSEWHERE = (
    "BUKAVU, DR Congo, 14 May 2025 (Synthetic Wire) -- Police fired live rounds at marchers in "
    "Bukavu on Tuesday, wounding two people, witnesses said."
)


@pytest.fixture(scope="module")
def records() -> dict[str, DocumentRecord]:
    extractor = Extractor(Settings())
    texts = {"denial": DENIAL, "report": REPORT, "elsewhere": ELSEWHERE}
    articles = [
        Article(text=t, origin=f"{k}.txt", published=date(2025, 5, 14), language="en")
        for k, t in texts.items()
    ]
    return dict(zip(texts, extractor.extract_articles(articles), strict=True))


@pytest.fixture()
def store_path(tmp_path: Path, records: dict[str, DocumentRecord]) -> Path:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        run = store.begin_run(command="ingest", pipeline="test")
        store.put_batch([(r.origin, r) for r in records.values()], [], run_id=run)
    return path


def test_a_denial_and_the_act_reported_elsewhere_are_listed(
    store_path: Path, records: dict[str, DocumentRecord]
) -> None:
    with open_store(store_path) as store:
        found = corpus_contradictions(store, records["denial"])
        back = corpus_contradictions(store, records["report"])
    assert {c.other.doc_id for c in found} == {records["report"].doc_id}
    assert all(c.status == "denied" and c.other.status != "denied" for c in found)
    assert {c.other.doc_id for c in back} == {records["denial"].doc_id}
    assert all("same type ASSAULT" in c.reason for c in found + back)


def test_a_report_from_another_town_is_not_listed(
    store_path: Path, records: dict[str, DocumentRecord]
) -> None:
    # the same act, the same day, but Bukavu is about 100 km from Goma
    assert [str(e.status) for e in records["elsewhere"].events if e.type == "ASSAULT"]
    with open_store(store_path) as store:
        assert corpus_contradictions(store, records["elsewhere"]) == []
        assert corpus_contradictions(store, records["elsewhere"], radius_km=500.0)


def test_show_prints_the_other_report(store_path: Path, records: dict[str, DocumentRecord]) -> None:
    result = CliRunner().invoke(main, ["show", records["denial"].doc_id, "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Possibly contradicted by other reports" in result.output
    assert records["report"].doc_id[:12] in result.output
