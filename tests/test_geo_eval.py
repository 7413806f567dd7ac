"""Geoparsing evaluation: offset repair, corpus readers and geocoding metrics."""

from __future__ import annotations

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.geoparsing import (
    GWN_TOPONYM_TYPES,
    LGL,
    MAX_ERROR_KM,
    GeoVirus,
    GeoWebNews,
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
    assert (GeoWebNews.name, LGL.name, GeoVirus.name) == ("gwn", "lgl", "geovirus")
    assert {GeoWebNews.folder, LGL.folder, GeoVirus.folder} == {"geoparsing"}
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
