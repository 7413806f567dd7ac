"""Events from the trigger lexicon and dependency patterns, on invented sentences."""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.ontology import load_ontology
from wirecoder.records import DocumentRecord, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def top(rec: DocumentRecord) -> Event:
    assert rec.events, f"no event in {rec.text!r}"
    return max(rec.events, key=lambda e: e.confidence)


def actor_name(rec: DocumentRecord, actor_id: str | None) -> str | None:
    return next((a.name for a in rec.actors if a.id == actor_id), None)


def test_exemplars_are_coded_with_their_type(extractor: Extractor) -> None:
    exemplars = load_ontology().exemplars
    records = [extractor.extract(ex.text) for ex in exemplars]
    # an exemplar the lexicon codes no event for is a miss (another coder may code it)
    hits = sum(
        bool(r.events) and top(r).type == ex.type for r, ex in zip(records, exemplars, strict=True)
    )
    assert hits / len(exemplars) >= 0.95


def test_passive_with_agent_and_counts(extractor: Extractor) -> None:
    rec = extractor.extract("At least 12 people were killed by Nigerian soldiers in Valde.")
    ev = top(rec)
    assert ev.type == "ASSAULT"
    assert ev.actor[0].text == "Nigerian soldiers" and ev.actor[0].actor is not None
    assert ev.recipient[0].text == "At least 12 people"
    assert ev.counts.killed == 12
    assert ev.codes.quad == 4 and ev.codes.cameo_root == "18"
    assert ev.trigger.text == "killed" and rec.text[ev.trigger.start : ev.trigger.end] == "killed"
    assert ev.id == "v1" and ev.status == "asserted"


@pytest.mark.parametrize(
    ("text", "type_", "trigger"),
    [
        (
            "Border guards of two states exchanged fire near Chaman on Monday.",
            "ASSAULT",
            "exchanged fire",
        ),
        (
            "Fighters of the Tarn Guard traded gunfire with police in Gao.",
            "ASSAULT",
            "traded gunfire",
        ),
        ("The Tarn Guard and the army exchanged prisoners in Gao.", "COOPERATE", "exchanged"),
    ],
)
def test_exchange_of_fire_is_an_assault(
    extractor: Extractor, text: str, type_: str, trigger: str
) -> None:
    ev = top(extractor.extract(text))
    assert (ev.type, ev.trigger.text) == (type_, trigger)


@pytest.mark.parametrize(
    ("text", "visit"),
    [
        ("The foreign minister of Varnia arrived in Bamako on Monday for talks.", True),
        ("The first aid convoys arrived in Darfur on Tuesday.", False),
        ("The attackers arrived in the village at about 10 a.m.", False),
    ],
)
def test_only_a_visitor_arriving_is_a_visit(extractor: Extractor, text: str, visit: bool) -> None:
    events = extractor.extract(text).events
    assert any((e.type, e.mode) == ("CONSULT", "visit") for e in events) == visit


@pytest.mark.parametrize(
    ("text", "withdrawal"),
    [
        ("The Tarn Guard pulled out of Kidal on Monday.", True),
        ("A farmer said he had helped pull the bodies of his neighbours out of the rubble.", False),
        ("Rescuers pulled three survivors from the wreckage in Gao.", False),
    ],
)
def test_pulling_out_bodies_is_no_withdrawal(
    extractor: Extractor, text: str, withdrawal: bool
) -> None:
    events = extractor.extract(text).events
    assert any((e.type, e.mode) == ("RETREAT", "withdraw") for e in events) == withdrawal


def test_particle_trigger_and_arrest_count(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Gunmen opened fire on a market in Kesh. Police arrested 40 protesters."
    )
    first, second = rec.events[0], rec.events[-1]
    assert (first.type, first.mode, first.trigger.text) == ("ASSAULT", "firearms", "opened fire")
    assert "a market" in [r.text for r in first.recipient]
    assert (second.type, second.mode) == ("COERCE", "arrest")
    assert second.counts.arrested == 40
    assert second.codes.acled_sub_event_type == "Arrests"


def test_reported_speech_codes_the_complement(extractor: Extractor) -> None:
    rec = extractor.extract("Officials said the Red Delta Front attacked a convoy near Marn.")
    ev = top(rec)
    assert ev.type == "ASSAULT"
    assert actor_name(rec, ev.actor[0].actor) == "Red Delta Front"
    assert all(e.trigger.text != "said" for e in rec.events)


def test_governing_verb_absorbs_complement(extractor: Extractor) -> None:
    rec = extractor.extract("The Red Delta Front threatened to attack government convoys.")
    assert [e.type for e in rec.events] == ["THREATEN"]
    assert rec.events[0].mode == "violence"
    assert rec.events[0].recipient[0].text == "government convoys"


def test_a_modal_perfect_is_a_guess_at_the_past_not_a_threat(extractor: Extractor) -> None:
    rec = extractor.extract("A boy may have been abducted by the raiders, the commissioner said.")
    assert [e.type for e in rec.events] == ["ASSAULT"]
    rec = extractor.extract("The raiders will abduct the boys if the ransom is not paid.")
    assert top(rec).type == "THREATEN"


def test_who_accuses_after_denying_is_the_speaker(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Omar Kadiri denied that the group had stopped aid for political reasons and accused "
        "the army of shelling the road."
    )
    accusation = next(e for e in rec.events if e.type == "ACCUSE")
    assert [a.text for a in accusation.actor] == ["Omar Kadiri"]


def test_a_word_of_an_untagged_name_is_no_trigger(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Open Hands Relief, a volunteer network that runs minibuses out of front-line areas, "
        "said its teams had evacuated 64 people on Thursday."
    )
    assert [e.trigger.text for e in rec.events] == ["evacuated"]


def test_calling_a_meeting_for_a_day_asks_nobody(extractor: Extractor) -> None:
    rec = extractor.extract("The governor has called a meeting of elders for next week.")
    assert all(e.type != "REQUEST" for e in rec.events)


def test_call_for_is_request_and_intent_is_agree(extractor: Extractor) -> None:
    rec = extractor.extract("The Lorian League called for the release of the detained journalists.")
    assert (top(rec).type, top(rec).mode) == ("REQUEST", "yield")
    rec = extractor.extract("Velmora will provide food aid to the flooded provinces.")
    assert top(rec).type == "AGREE"
    rec = extractor.extract("Velmora will not accept more refugees.")
    assert top(rec).type == "REJECT"


def test_take_to_the_streets_is_protest(extractor: Extractor) -> None:
    rec = extractor.extract("Thousands of students took to the streets of Kesh on Friday.")
    assert (top(rec).type, top(rec).mode) == ("PROTEST", "demo")


def test_meeting_with_recipient_and_coordinated_subjects(extractor: Extractor) -> None:
    rec = extractor.extract("Velmora and Tarsk met with the Lorian League in Kesh.")
    ev = top(rec)
    assert ev.type == "CONSULT"
    assert [a.text for a in ev.actor] == ["Velmora", "Tarsk"]
    assert ev.recipient[0].text == "the Lorian League"


def test_no_trigger_no_event(extractor: Extractor) -> None:
    rec = extractor.extract("The weather in Kesh was mild and the markets were busy.")
    assert rec.events == []


def test_confidence_and_reason(extractor: Extractor) -> None:
    rec = extractor.extract("Oskari troops withdrew from the valley.")
    ev = top(rec)
    assert ev.type == "RETREAT" and ev.mode == "withdraw"
    assert 0 < ev.confidence <= 1
    assert ev.reason and "triggers.jsonl" in ev.reason


def test_a_modal_attack_is_a_threat_but_an_announced_deployment_stays_mobilize(
    extractor: Extractor,
) -> None:
    # synthetic sentences; the Tana Ridge Front is invented
    rec = extractor.extract(
        "The defence ministry said two more battalions would be deployed to Macomia next week. "
        "The Tana Ridge Front will attack the convoy, one of its commanders said."
    )
    by_trigger = {e.trigger.text: e for e in rec.events}
    assert by_trigger["deployed"].type == "MOBILIZE"
    assert by_trigger["attack"].type == "THREATEN"


def test_violence_by_protesters_is_a_riot(extractor: Extractor) -> None:
    # synthetic sentences about invented events
    rec = extractor.extract("Rioters torched three buses in the old town on Friday.")
    assert (top(rec).type, top(rec).mode) == ("PROTEST", "vandalize")
    rec = extractor.extract("Demonstrators attacked a police station in the capital.")
    assert (top(rec).type, top(rec).mode) == ("PROTEST", "riot")
    rec = extractor.extract("Gunmen attacked a police station in the capital.")
    assert top(rec).type == "ASSAULT"


def test_blocking_the_internet_is_censorship(extractor: Extractor) -> None:
    rec = extractor.extract("The authorities blocked access to social media across the region.")
    assert (top(rec).type, top(rec).mode) == ("COERCE", "censor")
    rec = extractor.extract("Farmers blocked the main road into the city.")
    assert (top(rec).type, top(rec).mode) == ("PROTEST", "obstruct")


def test_workers_who_went_on_strike_are_its_actor(extractor: Extractor) -> None:
    # synthetic: "went" is also how a device "went off", whose subject is no actor
    rec = extractor.extract("Dock workers in Mombasa went on strike on Monday.")
    assert [a.text for a in top(rec).actor] == ["Dock workers"]
