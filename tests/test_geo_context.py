"""Document context for resolution: the outlet's home town, named states, old town names."""

from __future__ import annotations

import dataclasses

import pytest

from wirecoder.gazetteer import Candidate, SqliteGazetteer, open_gazetteer
from wirecoder.gazetteer.outlets import outlet_name_parts
from wirecoder.gazetteer.resolve import Hint, rank_candidates
from wirecoder.nlp.places import Toponym, outlet_toponyms, resolve_toponyms


def _town(cid: int, name: str, admin1: str, lat: float, lon: float, **extra: object) -> Candidate:
    fields: dict[str, object] = {
        "id": cid,
        "geonameid": cid,
        "name": name,
        "lat": lat,
        "lon": lon,
        "country": "USA",
        "admin1": admin1,
        "feature_class": "P",
        "feature_code": "PPL",
        "population": 20_000,
        "resolution": "city",
        "matched": name,
    }
    fields.update(extra)
    return Candidate(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def gazetteer() -> SqliteGazetteer:
    return open_gazetteer()


def test_outlet_name_parts_are_label_beginnings_and_ends() -> None:
    parts = outlet_name_parts("https://www.dallasnews.com/news/2020/x")
    assert "dallas" in parts and "news" not in parts  # under five letters
    assert parts.index("dallasnews") < parts.index("dallas")  # longest first
    assert outlet_name_parts(None) == []


def test_outlet_address_names_its_home_town(gazetteer: SqliteGazetteer) -> None:
    found = outlet_toponyms(gazetteer, "https://www.dallasnews.com/news/2020/x")
    assert [t.text for t in found] == ["Dallas"]
    assert found[0].start == -1 and found[0].source == "outlet"
    assert outlet_toponyms(gazetteer, "https://example.com/news") == []


def test_outlet_home_town_is_context_but_no_output() -> None:
    home = [
        _town(1, "Dallas", "Texas", 32.78, -96.80, population=1_300_000),
        _town(2, "Dallas", "Georgia", 33.92, -84.84, population=13_000),
    ]
    arlington = [
        _town(3, "Arlington", "Virginia", 38.88, -77.10, population=230_000),
        _town(4, "Arlington", "Texas", 32.74, -97.11, population=390_000),
    ]
    # a town whose state the text never names: the outlet's home town tells
    spot = [_town(5, "Grove", "Virginia", 37.0, -78.0), _town(6, "Grove", "Texas", 32.9, -97.0)]
    toponyms = [Toponym(0, 5, "Grove", "test", spot)]
    alone = resolve_toponyms(toponyms)
    assert alone[0] is not None and alone[0].candidate.admin1 == "Virginia"
    outlet = [Toponym(-1, -1, "Dallas", "outlet", home)]
    chosen = resolve_toponyms(toponyms, outlet_towns=outlet)
    assert len(chosen) == 1
    assert chosen[0] is not None and chosen[0].candidate.admin1 == "Texas"
    both = resolve_toponyms([Toponym(0, 9, "Arlington", "test", arlington)], outlet_towns=outlet)
    assert both[0] is not None and both[0].candidate.id == 4


def test_named_state_outweighs_a_town_in_another_state() -> None:
    state = dataclasses.replace(
        _town(10, "Ohio", "Ohio", 40.3, -82.8), feature_class="A", feature_code="ADM1"
    )
    other = _town(11, "Elm", "Indiana", 39.8, -86.1)
    ours = [_town(12, "Oak", "Ohio", 41.0, -81.0), _town(13, "Oak", "Indiana", 41.0, -85.0)]
    toponyms = [
        Toponym(0, 4, "Ohio", "test", [state]),
        Toponym(10, 13, "Elm", "test", [other]),
        Toponym(20, 23, "Oak", "test", ours),
    ]
    chosen = resolve_toponyms(toponyms)
    assert chosen[2] is not None and chosen[2].candidate.admin1 == "Ohio"


def test_old_name_of_a_small_town_loses_to_the_namesakes() -> None:
    namesake = _town(20, "Maple", "Iowa", 41.0, -93.0, population=8_000)
    renamed = _town(21, "Birch", "Iowa", 42.0, -92.0, population=15_000, match_kind=1)
    renamed = dataclasses.replace(renamed, matched="Maple")
    ranked = rank_candidates([renamed, namesake], "Maple")
    assert ranked[0].candidate is namesake
    assert "alternate name of a small town" in ranked[1].reasons


def test_namesakes_near_another_name_support_each_other() -> None:
    from wirecoder.gazetteer.geo_neighbours import neighbour_counts

    town_ga = _town(30, "Columbus", "Georgia", 32.46, -84.99)
    town_oh = _town(31, "Columbus", "Ohio", 39.96, -83.00, population=40_000)
    county_ga = dataclasses.replace(
        _town(32, "Harris County", "Georgia", 32.73, -84.90), feature_class="A", feature_code="ADM2"
    )
    county_tx = dataclasses.replace(
        _town(33, "Harris County", "Texas", 29.86, -95.39, population=30_000),
        feature_class="A",
        feature_code="ADM2",
    )
    counts = neighbour_counts(
        ["columbus", "harris county", "columbus"],
        [[town_oh, town_ga], [county_tx, county_ga], [town_oh, town_ga]],
    )
    assert counts[0] == {30: 1} and counts[1] == {32: 1}  # a repeated name is no support
    toponyms = [
        Toponym(0, 8, "Columbus", "test", [town_oh, town_ga]),
        Toponym(20, 33, "Harris County", "test", [county_tx, county_ga]),
    ]
    # alone, each name takes its larger namesake; together, the two in Georgia
    assert [rank_candidates(t.candidates, t.text)[0].candidate.id for t in toponyms] == [31, 33]
    chosen = resolve_toponyms(toponyms)
    assert [c.candidate.id for c in chosen if c is not None] == [30, 32]


def test_gold_demonym_stands_for_its_country(gazetteer: SqliteGazetteer) -> None:
    from wirecoder.gazetteer.demonyms import demonym_candidates, load_demonyms

    found = demonym_candidates("Russian", load_demonyms(), gazetteer)
    assert [c.country for c in found] == ["RUS"]
    assert demonym_candidates("Zorblaxian", load_demonyms(), gazetteer) == []


def test_town_ranks_over_a_smaller_namesake_province_abroad() -> None:
    town = dataclasses.replace(
        _town(40, "Quill", "", 31.5, 34.5, population=400_000), country="PSE"
    )
    province = dataclasses.replace(
        _town(41, "Quill", "Quill", -24.8, 33.4, population=380_000),
        country="MOZ",
        feature_class="A",
        feature_code="ADM1",
        resolution="admin1",
    )
    assert rank_candidates([province, town], "Quill")[0].candidate is town
    named = rank_candidates([province, town], "Quill", hint=Hint(kind="admin1"))
    assert named[0].candidate is province


def _area(cid: int, name: str, population: int, **extra: object) -> Candidate:
    area = _town(cid, name, name, 35.5, -97.2, population=population)
    return dataclasses.replace(
        area, feature_class="A", feature_code="ADM1", resolution="admin1", **extra
    )


def test_state_named_exactly_beats_a_city_that_only_shares_its_alias() -> None:
    # synthetic: a state and its largest city, which bears the state's name only as an alias
    state = _area(30, "Kiowa", 3_000_000)
    city = _town(31, "Kiowa City", "Kiowa", 35.5, -97.5, population=700_000, match_kind=1)
    city = dataclasses.replace(city, matched="Kiowa")
    assert rank_candidates([city, state], "Kiowa")[0].candidate is state
    # a metropolis keeps the name ("New York"), as does a city named exactly ("Aleppo")
    metropolis = dataclasses.replace(city, population=1_500_000)
    assert rank_candidates([metropolis, state], "Kiowa")[0].candidate is metropolis
    exact = dataclasses.replace(city, name="Kiowa", match_kind=0)
    assert rank_candidates([exact, state], "Kiowa")[0].candidate is exact


def test_container_after_a_comma_is_the_state() -> None:
    # synthetic: "Elmwood, Kiowa" puts Elmwood in the state of Kiowa, not in Kiowa City
    state = _area(40, "Kiowa", 3_000_000)
    city = _town(41, "Kiowa City", "Kiowa", 35.5, -97.5, population=1_500_000, match_kind=1)
    town = _town(42, "Elmwood", "Kiowa", 35.9, -96.0)
    toponyms = [
        Toponym(0, 7, "Elmwood", "test", [town]),
        Toponym(9, 14, "Kiowa", "test", [dataclasses.replace(city, matched="Kiowa"), state]),
    ]
    toponyms[0].container = 1
    chosen = resolve_toponyms(toponyms)
    assert chosen[1] is not None and chosen[1].candidate is state
    # without the comma the metropolis keeps its name
    toponyms[0].container = None
    chosen = resolve_toponyms(toponyms)
    assert chosen[1] is not None and chosen[1].candidate.feature_class == "P"


def test_focus_country_counts_places_not_mentions() -> None:
    from wirecoder.gazetteer.resolve import ScoredCandidate
    from wirecoder.nlp.place_resolution import _document_focus

    # synthetic: a first name matching a small neighbourhood abroad, repeated five times,
    # against three different places in the country the report is about
    abroad = _town(50, "Lindi", "Ohio", 40.0, -83.0, population=900)
    home = [
        _town(51, "Port Amel", "Cape", -33.9, 18.4, country="ZAF", population=400_000),
        _town(52, "Sidwell", "Cape", -33.8, 18.6, country="ZAF"),
        _town(53, "Kwamela", "Cape", -34.0, 18.7, country="ZAF"),
    ]
    chosen = [ScoredCandidate(abroad, 5.0, ())] * 5
    chosen += [ScoredCandidate(c, 5.0, ()) for c in [*home, home[0]]]
    focus = _document_focus(list(chosen))
    assert focus is not None and focus.id == 51


def test_focus_ties_go_to_the_country_the_outlet_and_demonyms_name() -> None:
    from wirecoder.gazetteer.resolve import DocumentContext, ScoredCandidate
    from wirecoder.nlp.place_resolution import _document_focus

    # synthetic: a player's surname matching a village abroad, repeated, against one town at
    # home in a report from a ".ca" outlet
    abroad = _town(60, "Vilano", "Ilocos", 17.0, 120.5, country="PHL", population=3_000)
    home = _town(61, "Port Amel", "Ontario", 43.7, -79.4, country="CAN", population=400_000)
    chosen = [ScoredCandidate(abroad, 5.0, ())] * 6 + [ScoredCandidate(home, 5.0, ())]
    assert _document_focus(list(chosen)).id == 60  # type: ignore[union-attr]
    base = DocumentContext()
    base.countries["CAN"] = 2
    focus = _document_focus(list(chosen), base)
    assert focus is not None and focus.id == 61


def test_an_inferred_capital_casts_no_vote() -> None:
    from wirecoder.nlp.place_resolution import BARE_CAPITAL_SOURCE

    capital = _town(40, "Indianapolis", "Indiana", 39.77, -86.16, feature_code="PPLC")
    oaks = [
        _town(41, "Oak", "Ohio", 41.0, -81.0, population=25_000),
        _town(42, "Oak", "Indiana", 41.0, -85.0),
    ]

    def oak_with_capital(source: str) -> str | None:
        toponyms = [
            Toponym(0, 7, "capital", source, [capital]),
            Toponym(20, 23, "Oak", "test", oaks),
        ]
        chosen = resolve_toponyms(toponyms)
        assert chosen[0] is not None and chosen[0].candidate is capital
        return chosen[1].candidate.admin1 if chosen[1] is not None else None

    # a capital the text names would pull the town to its state; one inferred from the
    # document's countries ("in the capital") is resolved, but moves nothing else
    assert oak_with_capital("capital-of Indianan") == "Indiana"
    assert oak_with_capital(BARE_CAPITAL_SOURCE) == "Ohio"
