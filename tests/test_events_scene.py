"""PLOVER conventions for empty slots: the scene's state as target, unknown perpetrators."""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.records import Actor, DocumentRecord, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def top(rec: DocumentRecord) -> Event:
    assert rec.events, f"no event in {rec.text!r}"
    return max(rec.events, key=lambda e: e.confidence)


def actor(rec: DocumentRecord, actor_id: str | None) -> Actor:
    found = next((a for a in rec.actors if a.id == actor_id), None)
    assert found is not None, f"no actor {actor_id} in {rec.actors}"
    return found


def test_the_state_of_the_scene_is_the_target_of_a_riot(extractor: Extractor) -> None:
    rec = extractor.extract("Hundreds of angry farmers rioted in Tal Afar on Tuesday.")
    ev = top(rec)
    assert ev.type == "PROTEST"
    target = ev.recipient[0]
    assert target.text == "Tal Afar" and rec.text[target.start : target.end] == "Tal Afar"
    state = actor(rec, target.actor)
    assert (state.kind, state.country) == ("state", "IRQ")


def test_the_scene_is_found_through_of_phrases(extractor: Extractor) -> None:
    rec = extractor.extract("Dozens of students marched in the northern city of Kirkuk.")
    ev = top(rec)
    assert ev.type == "PROTEST"
    assert actor(rec, ev.recipient[0].actor).country == "IRQ"


def test_a_named_target_is_kept_before_the_scene(extractor: Extractor) -> None:
    rec = extractor.extract("Veltan Front fighters attacked a police post in Mosul.")
    ev = top(rec)
    assert ev.type == "ASSAULT"
    assert any(r.text.endswith("police post") for r in ev.recipient)


def test_a_state_made_for_a_scene_says_why(extractor: Extractor) -> None:
    rec = extractor.extract("Angry farmers rioted at the old grain market in Tal Afar.")
    ev = top(rec)
    state = actor(rec, ev.recipient[0].actor)
    assert state.country == "IRQ"
    assert state.source and ("PLOVER convention" in state.source or "dictionary" in state.source)


def test_an_existing_state_actor_is_reused_for_the_scene(extractor: Extractor) -> None:
    rec = extractor.extract("Iraq said that hundreds of farmers rioted in Kirkuk on Tuesday.")
    states = [a for a in rec.actors if a.kind == "state" and a.country == "IRQ"]
    assert len(states) == 1


def test_an_attack_with_no_named_perpetrator_gets_unknown_attackers(
    extractor: Extractor,
) -> None:
    rec = extractor.extract("A roadside bomb exploded near Mosul and killed two soldiers.")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    doer = actor(rec, ev.actor[0].actor)
    assert doer.sectors == ["UAF"] and doer.country == "IRQ" and doer.kind == "unknown"
    assert doer.source and "UAF" in doer.source


def test_a_named_perpetrator_is_not_replaced(extractor: Extractor) -> None:
    rec = extractor.extract("The Veltan Front killed two soldiers near Mosul.")
    ev = top(rec)
    assert actor(rec, ev.actor[0].actor).name == "Veltan Front"
    assert not any("UAF" in a.sectors for a in rec.actors)


def test_a_reduced_relative_clause_ranks_below_the_main_act(extractor: Extractor) -> None:
    rec = extractor.extract(
        "In a letter handed over to the United Nations, the Veltan Front agreed to free "
        "the hostages."
    )
    assert top(rec).trigger.text != "handed over"


def test_people_stopped_at_a_roadblock_are_no_sanction(extractor: Extractor) -> None:
    rec = extractor.extract("The two surveyors were stopped at a roadblock and driven away.")
    assert all(e.type != "SANCTION" for e in rec.events)


def test_a_later_passive_names_the_doer_of_an_earlier_attack(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Three bus drivers were shot dead in Acapulco on Monday. Union leaders said the "
        "killings were carried out by the Red Delta Front."
    )
    assaults = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert actor(rec, assaults[0].actor[0].actor).name == "Red Delta Front"
    assert not any("UAF" in a.sectors for a in rec.actors)


@pytest.mark.parametrize(
    "later",
    [
        "The Red Delta Front denied carrying out the killings.",
        "Relatives accused the Red Delta Front of carrying out the killings.",
    ],
)
def test_who_denies_or_is_accused_of_the_killings_is_no_doer_of_the_report(
    extractor: Extractor, later: str
) -> None:
    rec = extractor.extract(f"Three bus drivers were shot dead in Acapulco on Monday. {later}")
    shooting, killings = (e for e in rec.events if e.type == "ASSAULT")
    # the report names no doer; the denial or the accusation is an event of its own
    assert all(actor(rec, a.actor).name != "Red Delta Front" for a in shooting.actor)
    assert killings.trigger.text == "killings"
    assert actor(rec, killings.actor[0].actor).name == "Red Delta Front"


def test_a_relative_clause_presenting_a_source_is_no_event(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The truce will hold, said Omar Kadiri, a district official who attended the meeting."
    )
    assert all(e.trigger.text != "meeting" for e in rec.events)


def test_people_labelled_by_a_past_charge_are_no_new_accusation(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Veltan Front agreed to hand over the men accused of a killing at a well."
    )
    assert [e.type for e in rec.events] == ["AGREE"]


def test_a_relative_clause_dated_years_back_is_history(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Soldiers arrested twelve fighters who rejected a peace deal in 2019, police said."
    )
    assert [e.type for e in rec.events] == ["COERCE"]


def test_a_place_in_the_attribution_is_no_target(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The army detained dozens of students, a spokeswoman for the embassy in Paris said."
    )
    ev = top(rec)
    assert ev.type == "COERCE"
    assert all(r.text != "Paris" for r in ev.recipient)
