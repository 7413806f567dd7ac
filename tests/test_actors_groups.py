"""Actors: nationality and ethnic groups, members of international bodies, former office holders.

All people and groups are invented; countries and organisations are real names used as
the actor dictionary knows them.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.records import Actor, DocumentRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def by_text(rec: DocumentRecord, text: str) -> Actor:
    for actor in rec.actors:
        if any(rec.text[m.start : m.end].endswith(text) for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor for {text!r} in {[a.name for a in rec.actors]}")


def test_plural_nationality_is_a_civilian_group(extractor: Extractor) -> None:
    rec = extractor.extract("Thousands of Nigerians demonstrated in Lagos on Sunday.")
    people = by_text(rec, "Nigerians")
    assert people.country == "NGA" and people.sectors == ["CVL"] and people.kind == "civilian"
    event = rec.events[0]
    assert event.actor[0].actor == people.id  # "thousands of X": X is the actor


def test_two_word_nationality_group_mislabelled_as_person(extractor: Extractor) -> None:
    rec = extractor.extract("Thousands of Bosnian Serbs marched through the town of Pale.")
    group = by_text(rec, "Bosnian Serbs")
    assert group.kind == "civilian" and group.country == "BIH" and "CVL" in group.sectors


def test_ethnic_group_belongs_where_it_lives(extractor: Extractor) -> None:
    rec = extractor.extract("Ethnic Albanians in south Serbia demanded a referendum.")
    group = by_text(rec, "Albanians")
    assert group.country == "SRB" and group.sectors == ["CVL"]


def test_member_of_international_body_has_its_code_not_a_country(extractor: Extractor) -> None:
    rec = extractor.extract("European Union foreign ministers agreed to send aid to Moldova.")
    ministers = by_text(rec, "foreign ministers")
    assert ministers.country is None and "IGO" in ministers.sectors
    assert "LAB" not in ministers.sectors  # "Union" is part of a name, not a trade union


def test_former_office_holder_is_elite(extractor: Extractor) -> None:
    rec = extractor.extract("Former prime minister Aren Dalby demanded new elections.")
    assert by_text(rec, "Aren Dalby").sectors[0] == "ELI"


def test_equipment_takes_the_role_of_its_modifier(extractor: Extractor) -> None:
    rec = extractor.extract("Velmoran army bulldozers demolished twelve houses in Korso.")
    assert "MIL" in by_text(rec, "bulldozers").sectors


def test_people_split_into_demonym_and_group(extractor: Extractor) -> None:
    rec = extractor.extract("Some 5,000 Syrian Kurds crossed into Turkey last week.")
    kurds = by_text(rec, "Kurds")
    assert kurds.country == "SYR" and kurds.sectors == ["CVL"]
    assert not any(a.kind == "state" and a.country == "SYR" for a in rec.actors)


def test_opposition_party_is_opposition(extractor: Extractor) -> None:
    rec = extractor.extract("Three opposition parties in Velmora called a general strike.")
    assert "OPP" in by_text(rec, "opposition parties").sectors


def test_country_name_as_untagged_compound(extractor: Extractor) -> None:
    rec = extractor.extract("Ivory Coast rebels rejected the plan.")
    assert by_text(rec, "rebels").country == "CIV"


def test_counted_groups_are_not_merged(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Nine people were killed in Kesh on Monday. Police said five people had been arrested."
    )
    assert by_text(rec, "Nine people").id != by_text(rec, "five people").id


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # nothing tagged the name
        (
            "The Irregulars of Tembo set fire to a bus near Goma on Monday.",
            "Irregulars",
            "organisation",
        ),
        # tagged as a work of art
        (
            "The Night Shepherds burned a truck near Goma on Monday.",
            "Night Shepherds",
            "organisation",
        ),
        # the tagger took "Mavuno" for a town: the group is no state
        (
            "Police said the Mavuno Sentinels attacked a checkpoint near Beni on Sunday.",
            "Mavuno Sentinels",
            "organisation",
        ),
        # a group word as the last word gives the kind
        (
            "The Silent Brigades ambushed a convoy near Gao on Tuesday.",
            "Silent Brigades",
            "armed_group",
        ),
    ],
)
def test_a_doer_named_by_the_and_capitals_is_a_group(
    extractor: Extractor, text: str, name: str, kind: str
) -> None:
    rec = extractor.extract(text)
    doers = {a.actor for e in rec.events for a in e.actor}
    group = next(a for a in rec.actors if a.name == name)
    assert group.id in doers and group.kind == kind and group.country is None


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked the Grand Sahel Hotel in Gao on Friday.",  # a target: maybe a building
        "Kitenge said soldiers burned the village near Beni.",  # no article: maybe a person
    ],
)
def test_no_group_without_a_doer_named_by_the_and_capitals(extractor: Extractor, text: str) -> None:
    rec = extractor.extract(text)
    assert not any(a.source.startswith("event argument") for a in rec.actors)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # a public body is named by "Ministry", "Department", "Directorate" ...; an
        # intelligence agency is one; a news agency is the press
        ("Revenue Department", "government"),
        ("Anti-Narcotics Directorate", "government"),
        ("National Intelligence Agency", "spy"),
        ("Xinhua News Agency", "media"),
    ],
)
def test_a_public_body_by_its_last_words(extractor: Extractor, name: str, kind: str) -> None:
    # synthetic
    rec = extractor.extract(f"The {name} said on Monday that four men were detained in Juba.")
    assert by_text(rec, name).kind == kind


def test_the_group_is_no_public_body(extractor: Extractor) -> None:
    # synthetic: "the group" is the men arrested, not the department that speaks of them
    rec = extractor.extract(
        "Police in Kano arrested four men on Monday. The Counter-Terrorism Department said "
        "the group had planned to attack a rally in the city."
    )
    attack = next(e for e in rec.events if e.trigger.text == "attack")
    department = by_text(rec, "Counter-Terrorism Department")
    assert department.kind == "government"
    assert all(a.actor != department.id for a in attack.actor), attack.actor
