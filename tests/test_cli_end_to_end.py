"""End to end through the CLI, as a user runs it: demo corpus in, events out."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files

import jsonschema
import pytest
from click.testing import CliRunner

from wirecoder.cli import main

pytestmark = pytest.mark.slow

SCHEMA = json.loads(files("wirecoder").joinpath("schema/document_record.schema.json").read_text())

SYNTHETIC = (
    "GAO, Mali, March 14 (Synthetic Wire) - Gunmen from the invented Red Dune Column attacked "
    "a bus near Gao on Tuesday, killing four passengers, local officials said. The group denied "
    "that its fighters had taken part. (Synthetic article written for wirecoder tests.)"
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, root):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["ingest", str(root / "demo" / "corpus"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_demo_ingest_summary(demo_db):
    _, output = demo_db
    for heading in ("Events by type", "Top actors", "Top places", "documents", "Next, try"):
        assert heading in output


def test_demo_is_idempotent(demo_db, root):
    db, _ = demo_db
    before = json.loads(CliRunner().invoke(main, ["stats", "--db", str(db), "--json"]).output)
    result = CliRunner().invoke(main, ["ingest", str(root / "demo" / "corpus"), "--db", str(db)])
    assert result.exit_code == 0
    assert " 0 added" in result.output
    after = json.loads(CliRunner().invoke(main, ["stats", "--db", str(db), "--json"]).output)
    assert (after["documents"], after["events"]) == (before["documents"], before["events"])
    assert after["documents"] >= 30 and after["events"] > 0
    assert after["near_duplicates"] == 3  # the syndicated pair and triple of demo/README.md


def test_demo_failures_are_recorded(demo_db):
    db, _ = demo_db
    output = CliRunner().invoke(main, ["failures", "--db", str(db)]).output
    assert "W101" in output  # demo/corpus/bad/empty.txt
    assert "W107" in output  # demo/corpus/bad/nouvelles.txt (French)


def test_strict_makes_failures_change_the_exit_code(demo_db, root):
    db, _ = demo_db
    result = CliRunner().invoke(
        main, ["ingest", str(root / "demo" / "corpus" / "bad"), "--db", str(db), "--strict", "-q"]
    )
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_events_formats(demo_db, fmt):
    db, _ = demo_db
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert rows and all("event" in r and "status" in r for r in rows)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows and {"type", "status", "actors", "place"} <= set(rows[0])


def test_events_near_a_place_or_a_point(demo_db):
    db, _ = demo_db
    runner = CliRunner()
    args = ["events", "--db", str(db), "--format", "json", "--radius-km", "30"]
    by_name = runner.invoke(main, [*args, "--near", "Goma"])
    assert by_name.exit_code == 0, by_name.output
    rows = [json.loads(line) for line in by_name.stdout.splitlines()]
    assert rows and {r["country"] for r in rows} == {"COD"}
    assert "near Goma" in by_name.stderr  # the place chosen for the name is said
    by_point = runner.invoke(main, [*args, "--near", "-1.674,29.228"])
    assert [json.loads(line) for line in by_point.stdout.splitlines()] == rows
    unknown = runner.invoke(main, [*args, "--near", "Qqqzzville"])
    assert unknown.exit_code == 2 and "Qqqzzville" in unknown.output


def test_show_a_document(demo_db):
    db, _ = demo_db
    rows = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json", "--limit", "1"])
    doc_id = json.loads(rows.output.splitlines()[0])["doc_id"]
    result = CliRunner().invoke(main, ["show", doc_id[:8], "--db", str(db)])
    assert result.exit_code == 0 and "legend" in result.output
    record = json.loads(
        CliRunner().invoke(main, ["show", doc_id, "--db", str(db), "--json"]).output
    )
    jsonschema.validate(record, SCHEMA)


def test_show_lists_another_report_that_contradicts_a_denial(demo_db):
    # demo/README.md: the Goma police denial and the monitors' report of the next day
    db, _ = demo_db
    rows = CliRunner().invoke(main, ["events", "--db", str(db), "--format", "json"]).output
    docs = {
        row["title"]: row["doc_id"] for row in map(json.loads, rows.splitlines()) if row["title"]
    }
    denial = next(d for t, d in docs.items() if t.startswith("Two killed as police break up Goma"))
    report = next(d for t, d in docs.items() if t.startswith("Rights monitors say Goma police"))
    result = CliRunner().invoke(main, ["show", denial, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Possibly contradicted by other reports" in result.output
    assert report[:12] in result.output

    # the whole store's pairs: this one is the only pair across reports in the demo corpus
    result = CliRunner().invoke(main, ["contradictions", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in result.output.splitlines()]
    across = {(p["denial_doc_id"], p["report_doc_id"]) for p in pairs if p["scope"] == "corpus"}
    assert across == {(denial, report)}
    assert any(p["scope"] == "document" for p in pairs)


def test_show_unknown_document_is_a_clear_error(demo_db):
    db, _ = demo_db
    result = CliRunner().invoke(main, ["show", "nope", "--db", str(db)])
    assert result.exit_code == 2 and "W303" in result.output


def test_extract_from_stdin_is_valid_json_lines():
    result = CliRunner().invoke(
        main, ["extract", "-", "--published", "2024-03-14"], input=SYNTHETIC
    )
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    record = json.loads(line)
    jsonschema.validate(record, SCHEMA)
    assert record["published"] == "2024-03-14"
    for item in record["entities"] + record["places"] + record["times"]:
        assert record["text"][item["start"] : item["end"]] == item["text"]
    for event in record["events"]:
        trig = event["trigger"]
        assert record["text"][trig["start"] : trig["end"]] == trig["text"]


def test_bad_date_option_is_a_clear_error():
    result = CliRunner().invoke(main, ["extract", "-", "--published", "14/03/2024"], input="x")
    assert result.exit_code == 2 and "W404" in result.output


def test_bench_runs_and_reports_its_figures(root):
    result = CliRunner().invoke(
        main, ["bench", "--corpus", str(root / "demo" / "corpus"), "--articles", "12", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 12 and figures["distinct_texts"] >= 30
    assert figures["pipeline_seconds"] > 0 and figures["baseline_seconds"] > 0
    assert set(figures["component_seconds"]) == set(figures["components"])
    assert figures["articles_per_second"] > 0 and figures["ratio"] > 0
