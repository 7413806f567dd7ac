"""Possible contradictions across stored reports: a denial in one, the act in another.

Every report here was written for these tests; the people and groups are invented.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirecoder.api import Extractor
from wirecoder.cli import main
from wirecoder.config import Settings
from wirecoder.contradictions import corpus_contradictions, store_contradictions
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

# a denial and the act it denies in one report: linked at extraction, listed as "document"
BOTH = (
    "BENI, DR Congo, 14 May 2025 (Synthetic Wire) -- Residents said soldiers burned twelve "
    "houses in the village of Mabalako on Sunday. An army spokesman, Captain Jules Baraka, "
    "denied that soldiers had burned any houses."
)


@pytest.fixture(scope="module")
def records() -> dict[str, DocumentRecord]:
    extractor = Extractor(Settings())
    texts = {"denial": DENIAL, "report": REPORT, "elsewhere": ELSEWHERE, "both": BOTH}
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


def test_the_whole_store_lists_each_pair_once_denial_first(
    store_path: Path, records: dict[str, DocumentRecord]
) -> None:
    with open_store(store_path) as store:
        pairs = list(store_contradictions(store))
        # searched from the report, the same pair comes back with the denial on its side
        from_report = list(store_contradictions(store, [records["report"].doc_id]))
    corpus = [p for p in pairs if p.scope == "corpus"]
    assert {(p.denial.doc_id, p.report.doc_id) for p in corpus} == {
        (records["denial"].doc_id, records["report"].doc_id)
    }
    assert len({(p.denial.event_id, p.report.event_id) for p in corpus}) == len(corpus)
    assert all(p.denial.status == "denied" and p.report.status != "denied" for p in pairs)
    assert all(p.distance_km is not None and p.distance_km <= 25 for p in corpus)
    assert [(p.denial.doc_id, p.report.doc_id) for p in from_report] == [
        (p.denial.doc_id, p.report.doc_id) for p in corpus
    ]
    inside = [p for p in pairs if p.scope == "document"]
    assert {(p.denial.doc_id, p.report.doc_id) for p in inside} == {
        (records["both"].doc_id, records["both"].doc_id)
    }
    assert [(p.denial.trigger, p.report.trigger) for p in inside] == [("burned", "burned")]
    assert records["elsewhere"].doc_id not in {p.report.doc_id for p in pairs}


def test_contradictions_command_formats(
    store_path: Path, records: dict[str, DocumentRecord]
) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["contradictions", "--db", str(store_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert {r["scope"] for r in rows} == {"document", "corpus"}
    goma = next(r for r in rows if r["scope"] == "corpus")
    assert goma["denial_doc_id"] == records["denial"].doc_id
    assert goma["report_doc_id"] == records["report"].doc_id
    assert goma["type"] == "ASSAULT" and goma["report_event"]["status"] != "denied"
    assert "Kivu Rights Network" in goma["report_sources"]

    out = runner.invoke(main, ["contradictions", "--db", str(store_path), "--format", "csv"])
    assert out.exit_code == 0, out.output
    table = list(csv.DictReader(io.StringIO(out.output)))
    assert [(r["scope"], r["denial_doc_id"]) for r in table] == [
        (r["scope"], r["denial_doc_id"]) for r in rows
    ]

    # Bukavu is about 100 km from Goma: listed only with a wider radius
    wide = ["contradictions", "--db", str(store_path), "--radius-km", "500", "--format", "json"]
    out = runner.invoke(main, wide)
    assert out.exit_code == 0, out.output
    reports = {json.loads(line)["report_doc_id"] for line in out.output.splitlines()}
    assert records["elsewhere"].doc_id in reports

    out = runner.invoke(main, ["contradictions", "--db", str(store_path)])
    assert out.exit_code == 0, out.output
    assert f"{len(rows)} pair(s)" in out.output and "document" in out.output


def test_contradictions_command_names_an_unknown_document(store_path: Path) -> None:
    out = CliRunner().invoke(main, ["contradictions", "nosuchdoc", "--db", str(store_path)])
    assert out.exit_code != 0
    assert "nosuchdoc" in out.output


def test_show_marks_a_denial_and_the_report_it_contradicts_in_one_document(
    store_path: Path, records: dict[str, DocumentRecord]
) -> None:
    both = records["both"]
    denial = next(e for e in both.events if e.status == "denied" and e.contradicts)
    result = CliRunner().invoke(
        main, ["show", both.doc_id, "--db", str(store_path)], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert f"denied (contradicts {denial.contradicts[0]})" in result.output
    assert f"(contradicts {denial.id})" in result.output


def test_a_two_sided_act_is_not_contradicted_by_one_sides_denial(tmp_path: Path) -> None:
    extractor = Extractor(Settings())
    texts = {
        "denial": (
            "CHAMAN, Pakistan, 14 May 2025 (Synthetic Wire) -- Officials of Valde denied on "
            "Wednesday that their troops had fired first at the Chaman crossing."
        ),
        "exchange": (
            "CHAMAN, Pakistan, 14 May 2025 (Synthetic Wire) -- Border forces of Valde and "
            "Kesh exchanged fire at the Chaman crossing on Tuesday, officials said."
        ),
    }
    articles = [
        Article(text=t, origin=f"{k}.txt", published=date(2025, 5, 14), language="en")
        for k, t in texts.items()
    ]
    recs = dict(zip(texts, extractor.extract_articles(articles), strict=True))
    path = tmp_path / "two.db"
    with open_store(path) as store:
        run = store.begin_run(command="ingest", pipeline="test")
        store.put_batch([(r.origin, r) for r in recs.values()], [], run_id=run)
        assert any(e.status == "denied" for e in recs["denial"].events)
        assert corpus_contradictions(store, recs["denial"]) == []
        assert corpus_contradictions(store, recs["exchange"]) == []
