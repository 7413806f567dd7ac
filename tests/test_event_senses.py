"""Word senses of event triggers: "strike", "swear", the phrase "in protest", commitments.

All sentences are synthetic, written for these tests (invented people and groups; the towns
of Valde, Kesh and Korso are invented too).
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.records import DocumentRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def types(rec: DocumentRecord) -> list[str]:
    return [e.type for e in rec.events]


MILITARY = ("ASSAULT", "PROTEST")
LABOUR = ("PROTEST", "ASSAULT")


@pytest.mark.parametrize(
    ("text", "sense"),
    [
        ("Two rockets failed to strike their targets near Korso.", MILITARY),
        ("A shell struck the fuel convoy outside Valde on Friday.", MILITARY),
        ("Missile strikes on the depot at Kesh were reported overnight.", MILITARY),
        ("The Brel Front said an artillery strike had hit its camp.", MILITARY),
        ("Government jets carried out strikes on Kesh overnight.", MILITARY),
        ("Dock workers in Valde went on strike over unpaid wages.", LABOUR),
        ("The Korso teachers' union called a general strike.", LABOUR),
        ("Bus drivers struck for a third day in Kesh.", LABOUR),
        ("Inmates at the Valde prison began a hunger strike.", LABOUR),
    ],
)
def test_strike_is_an_assault_or_a_labour_protest(
    extractor: Extractor, text: str, sense: tuple[str, str]
) -> None:
    expected, other = sense
    rec = extractor.extract(text)
    assert expected in types(rec)
    assert other not in types(rec)


def test_striking_a_deal_is_an_agreement(extractor: Extractor) -> None:
    rec = extractor.extract("The Brel Front and the Kesh council struck a deal on Sunday.")
    assert types(rec) == ["AGREE"]


def test_in_protest_phrase_is_no_event_of_its_own(extractor: Extractor) -> None:
    rec = extractor.extract("Students in Valde staged a sit-in in protest against the fee rise.")
    assert types(rec) == ["PROTEST"]
    event = rec.events[0]
    assert [a.text for a in event.actor] == ["Students"]
    assert "the fee rise" in [r.text for r in event.recipient]


def test_in_protest_phrase_alone_takes_the_clause_arguments(extractor: Extractor) -> None:
    # the main verb is no trigger: the phrase is the event, done by the clause's subject
    rec = extractor.extract("Residents of Kesh held a vigil in protest at the shelling.")
    assert types(rec) == ["PROTEST"]  # what was protested is referred to, not reported
    event = rec.events[0]
    assert [a.text for a in event.actor] == ["Residents"]
    assert [r.text for r in event.recipient] == ["the shelling"]


@pytest.mark.parametrize(
    "text",
    [
        "The new mayor of Korso was sworn in on Tuesday.",
        "Three witnesses gave sworn statements to the Valde court.",
    ],
)
def test_swear_without_a_complement_is_no_threat(extractor: Extractor, text: str) -> None:
    assert "THREATEN" not in types(extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Brel Front swore to retake Korso before the rains.",
        "The clan elders have sworn to fight until the herds are returned.",
        "The family of the slain trader swore revenge.",
    ],
)
def test_swear_to_act_is_a_threat(extractor: Extractor, text: str) -> None:
    assert "THREATEN" in types(extractor.extract(text))


def test_trigger_span_leaves_out_the_infinitive_marker(extractor: Extractor) -> None:
    rec = extractor.extract("The clan elders have sworn to fight until the herds are returned.")
    assert rec.events[0].trigger.text == "sworn"


def test_vow_of_harm_is_a_threat_and_vow_of_help_an_agreement(extractor: Extractor) -> None:
    rec = extractor.extract("The Kesh militia vowed to retaliate against the Brel Front.")
    assert types(rec)[0] == "THREATEN"
    rec = extractor.extract("The governor of Valde vowed to rebuild the bridge.")
    assert types(rec) == ["AGREE"]
    # "agree" is a mutual commitment, never re-read as a threat
    rec = extractor.extract("Both councils agreed to impose sanctions on the smugglers.")
    assert types(rec)[0] == "AGREE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kesh council voiced support for the Valde peace plan.", "SUPPORT"),
        ("Fighters of the Brel Front handed in their rifles at Korso.", "RETREAT"),
        ("The two armies held joint exercises near Valde.", "COOPERATE"),
        ("Farmers in Kesh armed themselves after the raids.", "MOBILIZE"),
        ("Envoys from the Korso League shuttled between the two camps.", "CONSULT"),
    ],
)
def test_lexicon_phrases(extractor: Extractor, text: str, expected: str) -> None:
    rec = extractor.extract(text)
    assert max(rec.events, key=lambda e: e.confidence).type == expected


def test_handing_in_needs_a_weapon(extractor: Extractor) -> None:
    rec = extractor.extract("Aid workers handed out food parcels to families in Kesh.")
    assert "RETREAT" not in types(rec)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a bus near Korso, officials said in a report released on Monday.",
        "The Brel Front released a statement on Monday.",
        "Police announced the release of a report on the Korso roadblocks.",
        "The Kesh Relief group released figures showing a rise in displacement.",
    ],
)
def test_a_report_or_figures_released_are_published_not_freed(
    extractor: Extractor, text: str
) -> None:
    assert "RETREAT" not in types(extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Brel Front released twelve hostages on Monday.",
        "Police announced the release of eight detained students.",
    ],
)
def test_people_released_are_freed(extractor: Extractor, text: str) -> None:
    assert "RETREAT" in types(extractor.extract(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The army said air support had been called in from Kesh.", {"CONSULT", "REQUEST"}),
        ("Residents said about 300 people were sheltering in a forest near Korso.", {"AID"}),
        ("The Korso police did not respond to a request for comment on the report.", {"REQUEST"}),
    ],
)
def test_phrasal_intransitive_and_boilerplate_senses_are_no_events(
    extractor: Extractor, text: str, absent: set[str]
) -> None:
    assert not absent & set(types(extractor.extract(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monks sheltered 300 displaced families in the Korso monastery.", "AID"),
        ("The Kesh council made a request for food aid.", "REQUEST"),
        ("The Kesh council called on the army to leave.", "REQUEST"),
    ],
)
def test_the_senses_beside_them_stay_events(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in types(extractor.extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Two children had died of malnutrition at a clinic in Tawila, an official said.",
        "Two prisoners died from cholera in the Korso jail.",
    ],
)
def test_death_from_hunger_or_disease_is_no_attack(extractor: Extractor, text: str) -> None:
    assert "ASSAULT" not in types(extractor.extract(text))


def test_death_in_an_ambush_stays_an_attack(extractor: Extractor) -> None:
    assert "ASSAULT" in types(extractor.extract("Three soldiers died in the ambush near Gao."))


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a call is a conversation when the text says how ("a phone call")
        ("The Kesh governor held a phone call with the Korso mayor.", "CONSULT", "COERCE"),
        # what was called is no one called on
        ("The strike was called on Monday by the Kesh Drivers' Union.", "PROTEST", "REQUEST"),
        # who the group says it is: no event
        (
            "The Brel Front, a militia that says it defends local herders, attacked a "
            "police post in Korso.",
            "ASSAULT",
            "SUPPORT",
        ),
        (
            "The Brel Front, an armed group opposed to the Kesh council, attacked a police "
            "post in Korso.",
            "ASSAULT",
            "REJECT",
        ),
        # what arrives is the aid, no visitor
        (
            "A convoy of nine trucks carrying food reached Korso on Wednesday, the first aid to "
            "arrive in the town in six weeks, the Kesh Relief Fund said.",
            "AID",
            "CONSULT",
        ),
    ],
)
def test_calls_arrivals_and_self_descriptions(
    extractor: Extractor, text: str, expected: str, absent: str
) -> None:
    found = types(extractor.extract(text))
    assert expected in found and absent not in found, found


def test_a_call_to_do_something_asks_it(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The Kesh council rejected a government call on Monday to hand over its weapons."
    )
    reject = next(e for e in rec.events if e.type == "REJECT")
    assert reject.mode != "meet" and "(REQUEST)" in reject.reason, reject


def test_allowing_needs_someone_or_something_let_through(extractor: Extractor) -> None:
    found = types(
        extractor.extract(
            "The Kesh education office said classes would resume if the situation allowed."
        )
    )
    assert "RETREAT" not in found, found
    found = types(extractor.extract("The army allowed aid trucks to enter Korso on Monday."))
    assert "RETREAT" in found, found


def test_a_gerund_ruled_out_is_refused() -> None:
    from wirecoder.api import Extractor

    rec = Extractor().extract(
        "The Kora state government has ruled out paying ransoms since late last year. "
        "Police in Kora ruled out an attack."
    )
    paying = next(e for e in rec.events if e.trigger.text == "paying")
    assert paying.type == "REJECT", paying
    assert [a.text for a in paying.actor] == ["The Kora state government"]
    # an act noun ruled out is judged not to have happened: the police did not attack
    attack = next(e for e in rec.events if e.trigger.text == "attack")
    assert all("Police" not in a.text for a in attack.actor), attack.actor
