"""An act whose sentence names no place happened where the act just before it did.

Synthetic sentences: invented incidents and groups, real places.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.records import DocumentRecord, Event, Place


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


def event(rec: DocumentRecord, trigger: str) -> Event:
    found = next((e for e in rec.events if e.trigger.text == trigger), None)
    assert found is not None, [e.trigger.text for e in rec.events]
    return found


def place(rec: DocumentRecord, ev: Event) -> Place | None:
    if ev.location is None:
        return None
    return next(p for p in rec.places if p.id == ev.location.place)


def test_the_killing_is_where_the_attack_was(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Gunmen of the invented Tana Front attacked a police post in Garissa on Monday. "
        "Two policemen were killed and three were wounded, the county commissioner said."
    )
    killed = event(rec, "killed")
    where = place(rec, killed)
    assert where is not None and where.name == "Garissa", killed.location
    assert killed.location is not None
    assert (killed.location.reason or "").startswith("place of the event 'attacked' just before")


def test_a_statement_takes_no_scene_and_a_distant_act_none(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Gunmen of the invented Tana Front attacked a police post in Garissa on Monday. "
        "The interior minister condemned the attack. Schools reopened across the country. "
        "Markets stayed open. Talks were held. Police later arrested four men."
    )
    assert place(rec, event(rec, "condemned")) is None  # a statement: where the minister was
    assert place(rec, event(rec, "arrested")) is None  # four sentences later: no telling


def test_a_country_that_qualifies_a_noun_is_whose_not_where(extractor: Extractor) -> None:
    rec = extractor.extract("Gunmen killed two U.S. citizens on Sunday, police said.")
    assert event(rec, "killed").location is None  # whose citizens, not where they died
    rec = extractor.extract("Gunmen killed two aid workers in the United States on Sunday.")
    where = place(rec, event(rec, "killed"))
    assert where is not None and where.country == "USA"


def test_police_is_no_town(extractor: Extractor) -> None:
    # "Police" is a town in Poland; capitalised in a report it is the police
    rec = extractor.extract("The two men were handed over to Police in the morning.")
    assert [p.text for p in rec.places] == []


@pytest.mark.parametrize(
    ("elsewhere", "expected"),
    [("San Miguel and Usulutan", "El Salvador"), ("Honduras", None)],
)
def test_a_report_about_one_country_places_the_rest_there(
    extractor: Extractor, elsewhere: str, expected: str | None
) -> None:
    rec = extractor.extract(
        "Rebels of the invented Frente Lenca burned three buses on Monday, the army said. "
        "Human rights groups in El Salvador condemned the violence and said that "
        f"{elsewhere} had seen similar attacks."
    )
    burned = event(rec, "burned")
    where = place(rec, burned)
    if expected is None:  # a second country: no telling which
        assert where is None, burned.location
        return
    assert where is not None and where.name == expected, burned.location
    assert burned.location is not None and burned.location.precision == 3
    assert burned.location.reason == "the document's only country 'El Salvador'"


@pytest.mark.parametrize("opening", ["In a separate incident, police", "Elsewhere, police"])
def test_another_incident_cuts_the_scene(extractor: Extractor, opening: str) -> None:
    rec = extractor.extract(
        "Gunmen of the invented Tana Front attacked a police post in Garissa on Monday. "
        f"{opening} arrested five men on Tuesday."
    )
    assert event(rec, "arrested").location is None  # not at the attack's post
