"""Precision of the event coder: what must *not* become an event or an argument.

All sentences are invented (people, groups and the towns of Valde, Kesh and Korso).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.errors import DataFileError
from wirecoder.nlp.credits import load_credit_lines
from wirecoder.records import DocumentRecord, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def types(rec: DocumentRecord) -> list[str]:
    return [e.type for e in rec.events]


def argument_texts(event: Event) -> list[str]:
    return [a.text for a in (*event.actor, *event.recipient)]


def country_of(rec: DocumentRecord, actor_id: str | None) -> str | None:
    return next((a.country for a in rec.actors if a.id == actor_id), None)


def test_plain_reporting_verb_is_not_a_request(extractor: Extractor) -> None:
    rec = extractor.extract(
        "A police spokesman, Tomas Ekvall, told reporters on Wednesday that he had no details."
    )
    assert "REQUEST" not in types(rec)
    # "told X to do Y" still is one
    rec = extractor.extract("The commander told the villagers to leave Korso.")
    assert "REQUEST" in types(rec)


def test_dates_times_and_numbers_are_never_arguments(extractor: Extractor) -> None:
    rec = extractor.extract(
        "At least 9 people were killed and 31 injured when a device went off in Valde on Tuesday."
    )
    assert types(rec) == ["ASSAULT"]  # "killed and injured" is one act
    event = rec.events[0]
    assert "31" not in argument_texts(event) and "Tuesday" not in argument_texts(event)
    assert (event.counts.killed, event.counts.injured) == (9, 31)


def test_place_after_in_and_in_connection_with_are_not_recipients(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Four men were arrested in the Korso district overnight in connection with the attack."
    )
    (event,) = [e for e in rec.events if e.type == "COERCE"]
    assert argument_texts(event) == ["Four men"]


@pytest.mark.parametrize(
    "text",
    [
        "He did not give their names.",  # light verb, not refused aid
        "Valde has rarely seen bombings in recent years.",  # habitual background
        "The governor will visit the wounded at the city hospital.",  # people, not an attack
        "Police in Kesh said 3 March would be a holiday.",  # a month, not a march
        "Soldiers recovered six rifles and a grenade launcher.",  # a weapon, not an attack
    ],
)
def test_no_invented_conflict_event(extractor: Extractor, text: str) -> None:
    rec = extractor.extract(text)
    assert not {"ASSAULT", "REJECT", "PROTEST"} & set(types(rec)), rec.events


def test_failed_attempt_is_not_a_refusal(extractor: Extractor) -> None:
    rec = extractor.extract("A second device failed to detonate because of a faulty timer.")
    assert "REJECT" not in types(rec)
    assert types(rec) == ["ASSAULT"]


def test_noun_repeating_a_coded_event_is_dropped(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Nine people were killed at the Valde bus station, in the deadliest attack on the town "
        "in years. A bomb exploded at a market in Kesh. Police said the blast was the worst "
        "in the city. No group has claimed responsibility for the blast."
    )
    triggers = [e.trigger.text for e in rec.events]
    assert "attack" not in triggers  # repeats "killed" in the same sentence
    assert triggers.count("blast") == 1  # kept only as the object of a claim


def test_instrument_is_not_an_actor(extractor: Extractor) -> None:
    rec = extractor.extract("A roadside bomb killed three soldiers near Kesh on Monday.")
    event = rec.events[0]
    assert event.type == "ASSAULT" and event.actor == []
    assert event.recipient[0].text == "three soldiers"
    rec = extractor.extract("The device exploded before the market opened.")
    assert all(not e.actor for e in rec.events)


def test_adjective_frame_takes_the_subject_of_be(extractor: Extractor) -> None:
    rec = extractor.extract("Syria says it is willing to withdraw its troops from Lebanon.")
    event = max(rec.events, key=lambda e: e.confidence)
    assert event.type == "AGREE"
    assert country_of(rec, event.actor[0].actor) == "SYR"
    assert country_of(rec, event.recipient[0].actor) == "LBN"  # withdrawn from


def test_recipient_given_to_comes_before_the_thing_given(extractor: Extractor) -> None:
    rec = extractor.extract("Velmora offered its troops to the government of Lebanon.")
    event = rec.events[0]
    assert country_of(rec, event.recipient[0].actor) == "LBN"


def test_accused_before_addressee(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Kenya complained to the United Nations over Ugandan air raids on its border villages."
    )
    event = next(e for e in rec.events if e.type == "ACCUSE")
    assert country_of(rec, event.recipient[0].actor) == "UGA"


def test_country_of_the_scene_is_the_target_when_none_is_named(extractor: Extractor) -> None:
    rec = extractor.extract("Thousands of students demonstrated in Nepal on Sunday.")
    event = rec.events[0]
    assert event.type == "PROTEST"
    assert country_of(rec, event.recipient[0].actor) == "NPL"
    # but a town is only where it happened
    rec = extractor.extract("Police arrested twelve men in Korso.")
    assert [r.text for r in rec.events[0].recipient] == ["twelve men"]


def test_purpose_and_condition(extractor: Extractor) -> None:
    rec = extractor.extract("The army sent two battalions to Kesh to prevent further raids.")
    assert "COERCE" not in types(rec)  # a goal, not an act
    rec = extractor.extract("If more attacks follow, the army will send troops to Kesh.")
    best = max(rec.events, key=lambda e: e.confidence)
    assert best.trigger.text != "attacks"


def test_on_behalf_of_names_the_actor(extractor: Extractor) -> None:
    rec = extractor.extract("The envoy signed the agreement on behalf of Kenya.")
    event = rec.events[0]
    assert country_of(rec, event.actor[0].actor) == "KEN"


def test_cameo_root_follows_the_mode(extractor: Extractor) -> None:
    rec = extractor.extract("Gunmen of the Vantor Brigades opened fire on a bus near Kesh.")
    event = rec.events[0]
    assert (event.type, event.mode, event.codes.cameo_root) == ("ASSAULT", "firearms", "19")


def test_dateline_place_is_not_an_actor(extractor: Extractor) -> None:
    rec = extractor.extract(
        "KESH, Velmora, May 3 (Example Wire) - Velmoran soldiers attacked a camp near Korso."
    )
    event = next(e for e in rec.events if e.type == "ASSAULT")
    assert [a.text for a in event.actor] == ["Velmoran soldiers"]


def test_adverbial_clause_is_not_a_complement(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Drivers began a strike called after four drivers were shot dead in Kesh."
    )
    assert "ASSAULT" in types(rec)  # not swallowed by "called"
    assert "REQUEST" not in types(rec)


def test_routine_verbs_without_their_object_are_no_events(extractor: Extractor) -> None:
    rec = extractor.extract("Most traders returned to work and the market opened at noon.")
    assert types(rec) == []


def test_light_verb_subject_is_actor_of_noun_event(extractor: Extractor) -> None:
    rec = extractor.extract("Aren Dalby staged a 24-hour hunger strike in prison on Sunday.")
    event = rec.events[0]
    assert event.type == "PROTEST" and [a.text for a in event.actor] == ["Aren Dalby"]


def test_a_headline_repeated_by_the_lead_is_one_event(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Bomb blast at Dorvan market kills nine\n\n"
        "DORVAN, 3 May 2024 (Example Wire) -- Police said the market was busy. At least nine "
        "people were killed on Tuesday when a bomb went off in the Dorvan market."
    )
    assaults = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].trigger.start > rec.text.index("\n")
    assert assaults[0].mode == "explosives"


def test_police_breaking_up_a_protest_is_coercion(extractor: Extractor) -> None:
    rec = extractor.extract("Police broke up a protest by market traders in Dorvan.")
    assert [e.type for e in rec.events][:1] == ["COERCE"]


def test_credit_lines_yield_no_events(extractor: Extractor) -> None:
    news = (
        "KORSO, Valde, May 2 - Gunmen attacked a police post in Korso on Tuesday, killing two"
        " officers, the regional governor said.\n"
    )
    for credit in (
        "The Valde Courier carries Korso Wire stories under a content-sharing agreement.",
        "(Distributed by the Example Newswire syndication service.)",
        "(Reporting by Anja Roslev; Editing by Piet Marrow)",
        "This article was first published by the Kesh Daily Monitor and is republished with"
        " permission.",
    ):
        rec = extractor.extract(news + "\n" + credit + "\n")
        spans = [(e.trigger.start, e.trigger.end) for e in rec.events]
        assert spans, credit
        assert all(end <= len(news) for _, end in spans), (credit, types(rec))
    # a paragraph of news that mentions a distribution is not a credit line
    rec = extractor.extract(
        news + "\nFood aid distributed by the agency was looted by gunmen in Kesh on Monday.\n"
    )
    assert any(e.trigger.start > len(news) for e in rec.events), types(rec)


def test_credit_line_patterns_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "credits.json"
    bad.write_text('{"max_chars": 400, "patterns": ["(unclosed"]}', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"credits\.json"):
        load_credit_lines(bad)


def test_an_act_said_of_anyone_who_would_do_it_is_no_event(extractor: Extractor) -> None:
    for sentence in (
        "“We will not negotiate with anyone who kidnaps workers,” the governor of Kesh said.",
        "Any group that attacks civilians in Korso will face sanctions, the council said.",
        "“Those who finance the Valde Front are as bad as its fighters,” a minister said.",
    ):
        rec = extractor.extract(sentence)
        assert not {"ASSAULT", "AID"} & set(types(rec)), (sentence, types(rec))
    rec = extractor.extract(
        "The Valde Front has threatened to attack fishing boats that cooperate with the navy."
    )
    assert "COOPERATE" not in types(rec), types(rec)
    # the past names the people who did it
    rec = extractor.extract("Those who attacked the convoy near Korso were arrested on Monday.")
    assert "ASSAULT" in types(rec)


def test_broke_out_and_broke_into_are_no_sanction(extractor: Extractor) -> None:
    for sentence in (
        "Fighting broke out near the Korso camp on Monday.",
        "Thieves broke into the Valde council offices overnight.",
    ):
        assert "SANCTION" not in types(extractor.extract(sentence)), sentence
    assert "SANCTION" in types(extractor.extract("The Kesh council broke off talks with Valde."))


def test_a_refusal_is_reported_not_denied() -> None:
    extractor = Extractor(
        Settings(components=("entities", "places", "actors", "events", "attribution"))
    )
    rec = extractor.extract(
        "The Kesh council will not negotiate with the Valde Front, a minister said."
    )
    (event,) = [e for e in rec.events if e.trigger.text == "negotiate"]
    # coded REJECT from the negated, modal "negotiate": the refusal itself is reported
    assert (event.type, event.status) == ("REJECT", "reported")
    rec = extractor.extract("Relatives said they had not been permitted to see the men.")
    (event,) = [e for e in rec.events if e.trigger.text == "permitted"]
    assert (event.type, event.status) == ("REJECT", "reported")
    # a past act without a modal is denied, not refused
    rec = extractor.extract("His brother said he had never supported the Valde Front.")
    (event,) = [e for e in rec.events if e.trigger.text == "supported"]
    assert event.status == "denied"
    rec = extractor.extract("The Kesh council did not reject the offer.")
    (event,) = [e for e in rec.events if e.trigger.text == "reject"]
    assert (event.type, event.status) == ("REJECT", "negated")


def test_looting_is_a_riot_only_when_a_crowd_loots(extractor: Extractor) -> None:
    rec = extractor.extract("A truck of the Kesh Relief group was looted by armed men near Korso.")
    assert "ASSAULT" in types(rec) and "PROTEST" not in types(rec)
    rec = extractor.extract("A mob looted shops in the centre of Korso on Monday.")
    assert "PROTEST" in types(rec)


def test_a_duration_or_an_idiom_of_take_is_no_seizure(extractor: Extractor) -> None:
    for sentence in (
        "A journey that now takes six hours would take twenty minutes, the mayor of Korso said.",
        "Families took refuge in a school in Valde.",
        "Three wounded men were taken to hospital in Korso.",
        "Volunteers said their teams had taken out 64 people from Korso on Thursday.",
    ):
        assert "COERCE" not in types(extractor.extract(sentence)), sentence
    assert "COERCE" in types(extractor.extract("Gunmen took three trucks near Valde."))


def test_sharing_is_cooperation_only_of_something_of_use(extractor: Extractor) -> None:
    rec = extractor.extract("In an audio message shared on social media, a commander spoke.")
    assert "COOPERATE" not in types(rec)
    rec = extractor.extract("Valde and Kesh agreed to share intelligence on the Tarn Guard.")
    assert "COOPERATE" in types(rec) or "AGREE" in types(rec)


def test_they_will_pay_is_no_payment(extractor: Extractor) -> None:
    rec = extractor.extract("“They will pay for every child,” a spokesman of the Tarn Front said.")
    assert not {"AID", "AGREE"} & set(types(rec)), types(rec)
    rec = extractor.extract("The Kesh council paid compensation to the families of the victims.")
    assert "AID" in types(rec)


@pytest.mark.parametrize(
    "text",
    [
        "Elders in Kesh warned that fighting could resume before the rainy season.",
        "Security officials said the Korso Brigades had lost most of their funding, but "
        "warned that the group could try to regroup in the hills.",
        "Valde Relief said a second convoy would leave Kesh this month, but warned that it "
        "would not be able to go ahead if the checkpoints stayed shut.",
    ],
)
def test_a_warning_of_what_others_may_do_is_no_threat(extractor: Extractor, text: str) -> None:
    assert "THREATEN" not in types(extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Korso Front warned that any school that opened would be burned.",
        "The Korso Front warned that its fighters would attack any convoy on the road.",
        "The Korso Front warned that it would strike every vehicle on the road.",
        "The governor of Kesh warned that security forces would act against anyone "
        "carrying weapons.",
        "The Korso Front warned residents of Kesh to stay indoors.",
        "The statement warned that the hostages' safety could not be guaranteed.",
    ],
)
def test_a_warning_of_what_the_warner_will_do_is_a_threat(extractor: Extractor, text: str) -> None:
    assert "THREATEN" in types(extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Korso liqueur plant has received threats in the past and security is tight.",
        "The Brel Front has attacked convoys on the Kesh road in the past.",
    ],
)
def test_what_happened_in_the_past_is_background(extractor: Extractor, text: str) -> None:
    assert types(extractor.extract(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Brel Front attacked a convoy on the Kesh road on Monday.",
        "In the past, the Brel Front attacked the town of Korso and killed its mayor.",
    ],
)
def test_one_act_told_as_such_stays(extractor: Extractor, text: str) -> None:
    assert "ASSAULT" in types(extractor.extract(text))
