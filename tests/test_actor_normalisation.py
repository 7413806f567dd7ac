"""Actor normalisation: demonyms on modifiers, ethnic groups, international titles, places.

Invented people and groups; real places.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.nlp.actor_dictionary import load_actor_dictionary
from wirecoder.records import Actor, DocumentRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors")))


def named(rec: DocumentRecord, word: str) -> Actor:
    found = [a for a in rec.actors if word in a.name]
    assert found, f"no actor with {word!r} in {[a.name for a in rec.actors]}"
    return found[0]


def test_a_demonym_on_a_compound_modifier_gives_the_country(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Aid workers said 4,000 Turkish Kurd refugees sheltering near Erbil hoped to go home."
    )
    assert named(rec, "refugees").country == "TUR"


def test_an_ethnic_role_group_belongs_where_it_lives(extractor: Extractor) -> None:
    rec = extractor.extract("Ethnic Serb militiamen operating in Croatia attacked a village.")
    militia = named(rec, "militiamen")
    assert (militia.country, militia.sectors) == ("HRV", ["REB"])


def test_a_town_tagged_as_a_person_is_no_person_actor(extractor: Extractor) -> None:
    rec = extractor.extract("Soldiers fired on protesters in Gao on Monday.")
    assert not [a for a in rec.actors if a.kind == "person"]


@pytest.mark.parametrize(
    "text",
    [
        "The US rejected calls by Kwame Asante, the UN secretary-general, to adopt reforms.",
        "Arab League Secretary General Omar Haddad undertook a mediation mission between "
        "Syria and Jordan.",
    ],
)
def test_a_title_in_an_international_body_gives_its_code_and_no_country(
    extractor: Extractor, text: str
) -> None:
    rec = extractor.extract(text)
    person = next(a for a in rec.actors if a.kind == "person")
    assert person.country is None
    assert "IGO" in person.sectors and "MIL" not in person.sectors


def test_a_city_first_in_an_organisation_name_gives_its_country(extractor: Extractor) -> None:
    rec = extractor.extract("Visiting doctors donated medicine to Kabul University.")
    assert named(rec, "Kabul University").country == "AFG"


def test_a_country_the_tagger_missed_is_still_a_state(extractor: Extractor) -> None:
    rec = extractor.extract("Uzbekistan finally opened the bridge after four years.")
    state = named(rec, "Uzbekistan")
    assert (state.kind, state.country) == ("state", "UZB")


def test_a_generic_head_with_a_role_modifier_is_an_actor(extractor: Extractor) -> None:
    rec = extractor.extract("The rebel wing refused to talk to the mediators.")
    assert named(rec, "rebel wing").kind == "armed_group"


def test_well_known_armed_groups_have_a_country() -> None:
    # a dictionary lookup, so that no invented event is told about a real group
    entry = load_actor_dictionary().lookup_name("UNITA")
    assert entry is not None and entry.country == "AGO"
