"""Geoparsing evaluation: offset repair, corpus readers and geocoding metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.geoparsing import (
    GWN_TOPONYM_TYPES,
    LGL,
    MAX_ERROR_KM,
    GeoVirus,
    GeoWebNews,
    TRNews,
    geocoding_metrics,
    read_geovirus,
    read_gwn,
    read_lgl,
    repair_span,
)

DATA = benchmarks_dir() / "geoparsing"
needs_data = pytest.mark.skipif(not (DATA / "GWN.xml").exists(), reason="benchmarks not present")


def test_repair_span_moves_to_nearest_exact_occurrence() -> None:
    text = "xx Basra and Basra again"
    assert repair_span(text, 3, 8, "Basra") == (3, 8)
    assert repair_span(text, 5, 10, "Basra") == (3, 8)
    assert repair_span(text, 12, 17, "Basra") == (13, 18)
    assert repair_span(text, 0, 5, "Kirkuk") is None


def test_geocoding_metrics() -> None:
    metrics = geocoding_metrics([0.0, 100.0, 200.0, MAX_ERROR_KM])
    assert metrics["acc161"] == 0.5
    assert metrics["median_km"] == 150.0
    assert 0.0 < metrics["auc"] < 1.0
    assert geocoding_metrics([0.0, 0.0])["auc"] == 0.0
    assert geocoding_metrics([]) == {}


def test_dataset_names() -> None:
    assert (GeoWebNews.name, LGL.name, GeoVirus.name, TRNews.name) == (
        "gwn",
        "lgl",
        "geovirus",
        "trnews",
    )
    assert {GeoWebNews.folder, LGL.folder, GeoVirus.folder, TRNews.folder} == {"geoparsing"}
    assert "Demonym" not in GWN_TOPONYM_TYPES and "Literal" in GWN_TOPONYM_TYPES


@pytest.mark.benchmarks
@needs_data
def test_readers_give_exact_spans() -> None:
    for reader, name in (
        (read_gwn, "GWN.xml"),
        (read_lgl, "lgl.xml"),
        (read_geovirus, "GeoVirus.xml"),
    ):
        docs = reader(DATA / name)
        assert docs
        for doc in docs:
            for t in doc.toponyms:
                assert doc.text[t.start : t.end] == t.text
    geovirus = read_geovirus(DATA / "GeoVirus.xml")
    assert (
        sum(len(d.toponyms) for d in geovirus) >= 2167
    )  # README: all 2,167 match after the -1 shift


# A synthetic article in TR-News' (LGL's) format: invented incident, real places; the second
# span's offsets drift by 2, as in some TR-News articles, and "Kenyan" is tagged as Kenya.
_TRNEWS = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="900001">
    <title>Synthetic test article</title>
    <url>http://example.co.ke/news/1</url>
    <domain>example.co.ke</domain>
    <dltime>2026-11-27</dltime>
    <text><![CDATA[Kenyan police said a fictional group attacked a depot in Mombasa on Monday.]]></text>
    <toponyms>
      <toponym><phrase>Kenyan</phrase><start>0</start><end>6</end>
        <gaztag geonameid="192950"><name>Kenya</name><lat>1</lat><lon>38</lon></gaztag>
      </toponym>
      <toponym><phrase>Mombasa</phrase><start>63</start><end>70</end>
        <gaztag geonameid="186301"><name>Mombasa</name><lat>-4.05466</lat><lon>39.66359</lon></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def test_trnews_reader_repairs_drifting_offsets(tmp_path: Path) -> None:
    path = tmp_path / "TR-News.xml"
    path.write_text(_TRNEWS, encoding="utf-8")
    [doc] = TRNews().read(path)
    assert doc.doc_id == "trnews:900001" and doc.url == "example.co.ke"
    assert [(t.text, doc.text[t.start : t.end], t.geonameid) for t in doc.toponyms] == [
        ("Kenyan", "Kenyan", 192950),
        ("Mombasa", "Mombasa", 186301),
    ]


def test_trnews_is_skipped_without_its_sealed_file(tmp_path: Path) -> None:
    from wirecoder.eval.runner import is_skipped, run_evaluation

    (tmp_path / "geoparsing").mkdir()
    [result] = run_evaluation(["trnews"], data=tmp_path)
    assert is_skipped(result) and "TR-News.xml (file missing)" in result.notes[0]


def test_conventions_keep_asterisks_inside_a_bullet() -> None:
    from wirecoder.eval import geoparsing

    notes = geoparsing._conventions(geoparsing.__doc__ or "")
    assert len(notes) == 6
    assert any("the *_Expression types (common nouns) are not." in note for note in notes)
    assert any("(``toponym_*``)" in note and "(``toponym_*_overlap``)" in note for note in notes)
    assert all("\n" not in note for note in notes)
