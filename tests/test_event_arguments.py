"""Actor and recipient arguments through purposes, protests, complements and reduced clauses.

Invented people and groups; real places.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.records import Actor, Argument, DocumentRecord, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def event_of(rec: DocumentRecord, type_: str) -> Event:
    found = [e for e in rec.events if e.type == type_]
    assert found, f"no {type_} event in {rec.text!r}: {rec.events}"
    return max(found, key=lambda e: e.confidence)


def actor_of(rec: DocumentRecord, arg: Argument) -> Actor:
    found = next((a for a in rec.actors if a.id == arg.actor), None)
    assert found is not None, f"{arg.text!r} is linked to no actor"
    return found


@pytest.mark.parametrize(
    ("text", "type_", "recipient"),
    [
        (
            "Kenyan police used tear gas on Friday to disperse striking nurses in Nakuru.",
            "ASSAULT",
            "striking nurses",
        ),
        (
            "Guards at the Kisumu depot opened fire on Saturday to disperse angry traders.",
            "ASSAULT",
            "angry traders",
        ),
    ],
)
def test_the_object_of_a_purpose_clause_is_the_recipient(
    extractor: Extractor, text: str, type_: str, recipient: str
) -> None:
    ev = event_of(extractor.extract(text), type_)
    assert ev.recipient and ev.recipient[0].text == recipient


def test_a_protest_against_a_decision_targets_its_author(extractor: Extractor) -> None:
    rec = extractor.extract(
        "About 300 dock workers in Mombasa began a hunger strike to protest against Uganda's "
        "decision to cancel the rail contract."
    )
    ev = event_of(rec, "PROTEST")
    assert actor_of(rec, ev.recipient[0]).country == "UGA"


def test_in_protest_against_gives_the_target(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Kenyan teachers went on strike on Monday in protest against the Ugandan government."
    )
    ev = event_of(rec, "PROTEST")
    assert actor_of(rec, ev.recipient[0]).country == "UGA"


def test_the_passive_subject_of_a_demand_is_its_recipient(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Opposition lawmakers in Nairobi demanded that the Kenyan Interior Ministry be "
        "stripped of its police powers."
    )
    ev = event_of(rec, "REQUEST")
    assert actor_of(rec, ev.recipient[0]).country == "KEN"


def test_the_one_allowed_is_the_recipient_of_a_refusal(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The rebel wing has refused to allow United Nations convoys to cross the river."
    )
    ev = event_of(rec, "REJECT")
    assert actor_of(rec, ev.actor[0]).kind == "armed_group"
    assert "IGO" in actor_of(rec, ev.recipient[0]).sectors


def test_must_under_a_noun_of_speech_is_a_request_by_the_speaker(extractor: Extractor) -> None:
    rec = extractor.extract(
        "German Chancellor Karl Brenner issued a stern reminder to Iraq that it must cooperate "
        "fully with UN inspectors."
    )
    ev = event_of(rec, "REQUEST")
    assert actor_of(rec, ev.actor[0]).country == "DEU"
    assert actor_of(rec, ev.recipient[0]).country == "IRQ"


def test_must_be_ready_is_a_request_to_the_subject(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Kenyan President Joseph Kamau said on Monday that Uganda must be ready to negotiate "
        "with the rebels."
    )
    ev = max(rec.events, key=lambda e: e.confidence)
    assert ev.type == "REQUEST"
    assert actor_of(rec, ev.actor[0]).country == "KEN"
    assert actor_of(rec, ev.recipient[0]).country == "UGA"


def test_a_name_on_the_modifier_of_an_event_noun_is_the_doer(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Recent US drone attacks have killed at least eight militant leaders since July."
    )
    ev = event_of(rec, "ASSAULT")
    assert actor_of(rec, ev.actor[0]).country == "USA"


def test_the_agent_of_a_reduced_clause_on_the_object_is_the_recipient(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "Turkish police broke up a demonstration staged by students at Ankara University."
    )
    ev = event_of(rec, "COERCE")
    assert ev.recipient[0].text == "students"
    assert actor_of(rec, ev.recipient[0]).country == "TUR"


def test_the_agent_of_a_reduced_clause_links_an_unlinked_recipient(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Croatian military police have launched an investigation into alleged crimes committed "
        "by Serb forces against civilians."
    )
    ev = event_of(rec, "ACCUSE")
    assert actor_of(rec, ev.recipient[0]).country == "SRB"


def test_a_promised_withdrawal_concerns_the_place_left(extractor: Extractor) -> None:
    rec = extractor.extract("Chad said on Monday that it would withdraw its troops from Mali.")
    ev = event_of(rec, "AGREE")
    assert actor_of(rec, ev.recipient[0]).country == "MLI"


def test_an_object_shifted_after_as_is_the_recipient(extractor: Extractor) -> None:
    rec = extractor.extract("Ghana condemned as a grave violation Togo's closure of the border.")
    ev = event_of(rec, "ACCUSE")
    assert actor_of(rec, ev.recipient[0]).country == "TGO"


def test_the_noun_of_a_relative_clause_without_object_is_what_it_acts_on(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "The army released 150 people it had detained on suspicion of belonging to the "
        "invented Ruwan Gari Brotherhood."
    )
    detained = next(e for e in rec.events if e.trigger.text == "detained")
    # the people, not the grounds ("on suspicion of")
    assert [r.text for r in detained.recipient] == ["150 people"]
    rec = extractor.extract("Police arrested two traders on charges of arson in Kano.")
    assert [r.text for r in event_of(rec, "COERCE").recipient] == ["two traders"]


def test_a_relative_pronoun_through_a_reporting_clause_is_its_noun(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Drivers blamed the Tejones, a local gang that they said had demanded weekly payments."
    )
    demanded = next(e for e in rec.events if e.trigger.text == "demanded")
    assert [a.text for a in demanded.actor] == ["a local gang"]


def test_an_inserted_according_to_is_not_part_of_the_phrase(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Police fired tear gas and, according to witnesses, live rounds to disperse hundreds "
        "of people in Goma."
    )
    texts = {a.text for e in rec.events for a in (*e.actor, *e.recipient)}
    assert not any(t.startswith("according to") for t in texts)


@pytest.mark.parametrize(
    ("text", "trigger", "doer"),
    [
        ("Police accused two men of attacking the convoy near Korso.", "attacking", "two men"),
        ("The army blamed the Valde Front for shelling the market.", "shelling", "the Valde Front"),
        (
            "Relatives accused the Kesh Youth, an armed group, of carrying out the killing.",
            "killing",
            "the Kesh Youth",
        ),
    ],
)
def test_the_accused_not_the_accuser_does_the_act(
    extractor: Extractor, text: str, trigger: str, doer: str
) -> None:
    rec = extractor.extract(text)
    event = next(e for e in rec.events if e.trigger.text == trigger)
    assert [a.text for a in event.actor] == [doer]


def test_pieces_of_one_name_are_one_doer(extractor: Extractor) -> None:
    # the parser makes "al", "-" and "Zoubi" three subjects
    rec = extractor.extract(
        "Relatives said the gunmen killed him because al-Zoubi had mediated between the "
        "group and security forces."
    )
    event = next(e for e in rec.events if e.trigger.text == "mediated")
    assert [a.text for a in event.actor] == ["al-Zoubi"]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Tarn forces fired artillery and mortars at the town of Korso.", "the town"),
        ("A jet dropped two bombs on the village of Korso.", "the village"),
    ],
)
def test_what_is_fired_is_no_recipient(extractor: Extractor, text: str, recipient: str) -> None:
    rec = extractor.extract(text)
    event = event_of(rec, "ASSAULT")
    assert recipient in [r.text for r in event.recipient]
    assert not {"artillery", "mortars", "two bombs"} & {r.text for r in event.recipient}


def test_shots_fired_by_police_are_no_recipient(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The commander denied that any shots had been fired by police in Korso."
    )
    event = event_of(rec, "ASSAULT")
    assert [a.text for a in event.actor] == ["police"]
    assert "any shots" not in [r.text for r in event.recipient]


def test_the_one_asked_in_a_demand_nouns_clause(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Tarn Liberation Front insisted on its demands that the Valde government release "
        "all prisoners."
    )
    event = event_of(rec, "REQUEST")
    assert "the Valde government" in [r.text for r in event.recipient]


def test_who_is_to_act_in_a_threat_is_not_its_target(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Brel Front warned that its fighters would attack any convoy on the road."
    )
    threat = event_of(rec, "THREATEN")
    assert [a.text for a in threat.actor] == ["The Brel Front"]
    assert "its fighters" not in [r.text for r in threat.recipient]
    assert "any convoy" in [r.text for r in threat.recipient]


def test_the_passive_subject_of_a_threat_is_its_target(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Kesh interior ministry warned that any group breaking the truce would be dealt "
        "with firmly."
    )
    assert "any group" in [r.text for r in event_of(rec, "THREATEN").recipient]


@pytest.mark.parametrize(
    ("text", "undergoer"),
    [
        ("He said the Chaman crossing could reopen as early as Friday.", "the Chaman crossing"),
        ("The schools in Korso reopened on Monday, the council said.", "The schools"),
    ],
)
def test_what_reopens_with_no_object_undergoes_it(
    extractor: Extractor, text: str, undergoer: str
) -> None:
    event = max(extractor.extract(text).events, key=lambda e: e.confidence)
    assert event.actor == []
    assert undergoer in [r.text for r in event.recipient]


def test_who_reopens_something_is_the_actor(extractor: Extractor) -> None:
    event = event_of(
        extractor.extract("The army reopened the coastal highway on Tuesday."), "RETREAT"
    )
    assert [a.text for a in event.actor] == ["The army"]


def test_a_common_noun_on_a_noun_trigger_is_the_kind_of_act_not_its_doer(
    extractor: Extractor,
) -> None:
    rec = extractor.extract("Armed youths staged a cattle raid near Bor in Jonglei.")
    assert [a.text for a in event_of(rec, "COERCE").actor] == ["Armed youths"]
    rec = extractor.extract("The company said that no ransom demand had been made.")
    assert event_of(rec, "REQUEST").actor == []
    # an actor noun there is the doer
    rec = extractor.extract("A police raid on the Korso market left two people dead.")
    assert [a.text for a in event_of(rec, "COERCE").actor] == ["police"]


@pytest.mark.parametrize(
    "text",
    [
        "The two candidates received death threats last week.",
        "Two candidates cancelled meetings after receiving threatening telephone calls.",
    ],
)
def test_who_receives_threats_is_threatened(extractor: Extractor, text: str) -> None:
    threat = event_of(extractor.extract(text), "THREATEN")
    assert threat.actor == []
    assert next(r.text for r in threat.recipient).endswith("candidates")


def test_reports_received_from_someone_are_no_aid(extractor: Extractor) -> None:
    rec = extractor.extract("The priest said he had received reports from his followers.")
    assert "AID" not in [e.type for e in rec.events]


def test_threats_received_from_a_group_are_its_threats_not_aid(extractor: Extractor) -> None:
    rec = extractor.extract("Journalists in Goma have received threats from the Brel Front.")
    assert "AID" not in [e.type for e in rec.events]
    threat = event_of(rec, "THREATEN")
    assert [a.text for a in threat.actor] == ["the Brel Front"]
    assert [r.text for r in threat.recipient] == ["Journalists"]


def test_aid_received_from_a_giver_names_the_giver(extractor: Extractor) -> None:
    aid = event_of(extractor.extract("The clinic received aid from the Red Lantern Trust."), "AID")
    assert [a.text for a in aid.actor] == ["the Red Lantern Trust"]
    assert [r.text for r in aid.recipient] == ["The clinic"]


def test_function_words_and_marks_are_no_participants(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Amadou Kesh, who heads the mediation committee, told the Korso Courier that both "
        "sides had agreed to hold talks next month."
    )
    agree = event_of(rec, "AGREE")
    assert all(r.text != "that" for r in agree.recipient), agree.recipient


def test_what_a_meeting_is_for_is_not_whom_it_is_aimed_at(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Kesh and Korso defence ministers will meet in March to approve the budget of "
        "the joint command."
    )
    meet = next(e for e in rec.events if e.trigger.text == "meet")
    assert not any("budget" in r.text or "command" in r.text for r in meet.recipient)


def test_who_called_a_strike_is_its_doer(extractor: Extractor) -> None:
    rec = extractor.extract("The strike was called by the Kesh Drivers' Union.")
    strike = event_of(rec, "PROTEST")
    assert [actor_of(rec, a).name for a in strike.actor] == ["Kesh Drivers' Union"]


QUOTED_REQUEST = (
    'Police detained three staff of a health charity in Herat. "They have done nothing '
    "wrong, and we ask the authorities to release them without delay,\" the charity's "
    "director, Amadou Kesh Noori, said in a statement."
)


def test_the_speaker_after_a_quotation_is_no_object_of_it(extractor: Extractor) -> None:
    rec = extractor.extract(QUOTED_REQUEST)
    ask = event_of(rec, "REQUEST")
    assert not any("director" in r.text for r in ask.recipient), ask.recipient


def test_one_actor_is_one_participant_of_an_event(extractor: Extractor) -> None:
    rec = extractor.extract(QUOTED_REQUEST)
    for event in rec.events:
        for role in (event.actor, event.recipient):
            linked = [a.actor for a in role if a.actor]
            assert len(linked) == len(set(linked)), (event.trigger.text, role)


def test_the_object_of_prompt_or_force_does_what_follows(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Two people were killed in Kesh on Tuesday when rival groups clashed, prompting the "
        "authorities to impose an overnight curfew."
    )
    curfew = event_of(rec, "COERCE")
    assert [a.text for a in curfew.actor] == ["the authorities"], curfew.actor


@pytest.mark.parametrize(
    ("text", "type_", "place", "target"),
    [
        ("Her son was arrested at a market in 2019.", "COERCE", "a market", False),
        ("The Brel Front killed two guards at the Korso bank.", "ASSAULT", "the Korso bank", False),
        # what is set off is no object: the place it went off at is the target
        ("Militants detonated a bomb at the Korso church.", "ASSAULT", "the Korso church", True),
    ],
)
def test_where_an_act_on_someone_happened_is_not_its_target(
    extractor: Extractor, text: str, type_: str, place: str, target: bool
) -> None:
    event = event_of(extractor.extract(text), type_)
    assert (place in [r.text for r in event.recipient]) is target, event.recipient


@pytest.mark.parametrize(
    ("text", "type_", "recipient"),
    [
        # a passive conjunct's patient is the subject it shares
        (
            "The Brel Freedom Corps split from a larger movement in 2021 and has been blamed for "
            "attacks on army outposts.",
            "ACCUSE",
            "The Brel Freedom Corps",
        ),
        # "blamed X on Y": Y is blamed
        (
            "The Kesh governor blamed the deaths on the Korso Youth Front.",
            "ACCUSE",
            "the Korso Youth Front",
        ),
    ],
)
def test_who_is_blamed(extractor: Extractor, text: str, type_: str, recipient: str) -> None:
    event = event_of(extractor.extract(text), type_)
    assert event.recipient and event.recipient[0].text == recipient, event.recipient


@pytest.mark.parametrize("said", ["", ", local officials and residents said"])
def test_a_participle_with_an_object_on_a_root_noun_is_the_verb(
    extractor: Extractor, said: str
) -> None:
    rec = extractor.extract(
        "Gunmen on motorcycles killed at least nine people and wounded 14 when they attacked "
        f"a weekly cattle market north of Téra in Niger's Tillabéri region on Sunday{said}."
    )
    killed = next(e for e in rec.events if e.trigger.text == "killed")
    assert [a.text for a in killed.actor] == ["Gunmen"], killed.actor


def test_members_of_a_group_are_the_group(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Members of the Frente Sierra Libre, an armed group that operates in the mountains, "
        "abducted two engineers near Suarez."
    )
    abducted = next(e for e in rec.events if e.trigger.text == "abducted")
    names = {a.id: a.name for a in rec.actors}
    assert [names[a.actor] for a in abducted.actor if a.actor] == ["Frente Sierra Libre"]


def test_the_sides_between_whom_something_happens_are_a_dyad(extractor: Extractor) -> None:
    rec = extractor.extract("Peace talks between the government and the Brel Front collapsed.")
    talks = event_of(rec, "CONSULT")
    assert [a.text for a in talks.actor] == ["the government"], talks.actor
    assert [r.text for r in talks.recipient] == ["the Brel Front"], talks.recipient


def test_a_building_name_that_signs_is_a_group(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Banners signed by La Hermandad del Valle and hung from bridges on Tuesday morning "
        "warned residents to stay indoors after dark."
    )
    warned = event_of(rec, "THREATEN")
    assert [actor_of(rec, a).name for a in warned.actor] == ["La Hermandad del Valle"]


def test_a_relative_named_by_whose_he_is_is_someone_else(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Tareq Kesh, 52, was shot several times as he left a mosque. His nephew, who was "
        "walking with him, was wounded, the network said."
    )
    wounded = next(e for e in rec.events if e.trigger.text == "wounded")
    assert [actor_of(rec, r).name for r in wounded.recipient] == ["His nephew"]


def test_what_stays_in_a_participles_state_did_not_do_it(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Mobile internet remained cut in Bahir Dar on Tuesday for a second week, residents said."
    )
    cut = next(e for e in rec.events if e.trigger.text == "cut")
    assert cut.actor == [], cut.actor


def test_a_group_named_with_a_militia_in_apposition_is_that_militia(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "The Tana Defence Council, a militia formed in 2021 that says it defends local "
        "communities, rejected a government call on Monday to hand over its weapons and "
        "demanded the withdrawal of federal forces from the city."
    )
    council = next(a for a in rec.actors if a.name == "Tana Defence Council")
    assert council.kind == "armed_group", council
    assert not any(a.name == "a militia" for a in rec.actors), rec.actors
    rejected = event_of(rec, "REJECT")
    # "its weapons" are the council's own, not the government's who called for them
    assert [r.text for r in rejected.recipient] == ["a government call"], rejected.recipient
    demanded = event_of(rec, "REQUEST")
    # the act asked for is no participant beside those it concerns
    assert [r.text for r in demanded.recipient] == ["federal forces"], demanded.recipient


def test_a_name_after_a_role_and_a_comma_is_that_person(extractor: Extractor) -> None:
    rec = extractor.extract(
        "A commander of the group, Dessalegn Workneh Abate, said by telephone that its "
        "fighters would not disarm."
    )
    commander = next(a for a in rec.actors if a.name == "Dessalegn Workneh Abate")
    assert commander.kind == "person", commander


def test_one_member_of_a_body_is_a_person_of_it(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Unidentified gunmen shot dead a member of the local council of Tafas on Tuesday. "
        "Members of the Frente Sierra Libre abducted two engineers near Suarez."
    )
    shot = next(e for e in rec.events if e.trigger.text == "shot")
    assert [r.text for r in shot.recipient] == ["a member"], shot.recipient
    assert all(actor_of(rec, r).name != "the local council" for r in shot.recipient if r.actor)
    abducted = next(e for e in rec.events if e.trigger.text == "abducted")
    assert [actor_of(rec, a).name for a in abducted.actor] == ["Frente Sierra Libre"]


def test_a_subject_the_parser_hangs_on_the_auxiliary_still_acts(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Kadaga Vanguard claimed responsibility for the attack in a message on Monday "
        "evening, saying it had targeted members of a pro-government militia who it said were "
        "among the traders."
    )
    targeted = next(e for e in rec.events if e.trigger.text == "targeted")
    assert [actor_of(rec, a).name for a in targeted.actor] == ["Kadaga Vanguard"], rec.actors


def test_nobody_is_no_actor(extractor: Extractor) -> None:
    rec = extractor.extract(
        "“There were no fighters there,” a resident said. The army said the air force had "
        "attacked a camp of “terrorist” fighters outside the village and that no civilians "
        "had been hurt."
    )
    names = {a.name for a in rec.actors}
    assert "“terrorist” fighters" in names, names
    assert not any(n.startswith("no ") for n in names), names


def test_a_group_of_people_is_those_people(extractor: Extractor) -> None:
    rec = extractor.extract(
        "A group of residents also protested outside the offices of the power company in Tripoli."
    )
    protest = event_of(rec, "PROTEST")
    assert [actor_of(rec, a).name for a in protest.actor] == ["residents"], protest.actor


def test_those_a_clash_left_injured_did_not_injure(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Clashes between protesters and soldiers in Tripoli left more than a dozen people injured."
    )
    injured = next(e for e in rec.events if e.trigger.text == "injured")
    assert injured.actor == [], injured.actor
    assert [r.text for r in injured.recipient] == ["more than a dozen people"]


def test_sides_of_fighting_that_broke_out_between_them_are_a_dyad(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "Fighting broke out on Tuesday between the Tajoura Lions Brigade and the Janzour "
        "Coastal Company after a commander was detained at a checkpoint."
    )
    fighting = next(e for e in rec.events if e.trigger.text == "Fighting")
    assert [a.text for a in fighting.actor] == ["the Tajoura Lions Brigade"], fighting.actor
    assert [r.text for r in fighting.recipient] == ["the Janzour Coastal Company"]


def test_a_persons_name_the_parser_hangs_on_a_groups_is_the_person(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "A commander of the Hawban Front, Abu Ammar al-Sharabi, accused government forces of "
        "still holding at least 40 of the group's members in secret prisons."
    )
    commander = next(a for a in rec.actors if a.name == "Abu Ammar al-Sharabi")
    front = next(a for a in rec.actors if a.name == "Hawban Front")
    assert (commander.kind, commander.affiliation) == ("person", front.id), commander
    holding = next(e for e in rec.events if e.trigger.text == "holding")
    assert [actor_of(rec, r).name for r in holding.recipient] == ["Hawban Front"]


def test_what_is_only_an_actors_own_is_no_second_participant(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The governor called on residents not to take the law into their own hands. "
        "Soldiers attacked the rebels and their camp near Bunia."
    )
    called = next(e for e in rec.events if e.trigger.text == "called on")
    assert [r.text for r in called.recipient] == ["residents"], called.recipient
    attacked = next(e for e in rec.events if e.trigger.text == "attacked")
    assert [r.text for r in attacked.recipient] == ["the rebels", "their camp"]


def test_an_appeal_conjoined_to_what_a_speaker_reports_is_the_speakers(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "The military governor of Ituri said the army would launch an operation against the "
        "militia in the coming days and called on residents not to take the law into their "
        "own hands."
    )
    called = next(e for e in rec.events if e.trigger.text == "called on")
    assert [a.text for a in called.actor] == ["The military governor"], called.actor
