"""Which events a denial contradicts, through the whole pipeline, and how the links are scored.

Every sentence was written for these tests; the people and groups are invented.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.eval.attribution import (
    AttributionItem,
    gold_contradictions,
    predicted_contradictions,
    score_contradictions,
)
from wirecoder.records import DocumentRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events", "attribution")))


def _links(record: DocumentRecord) -> set[tuple[str, str]]:
    """Return the contradiction links of a record as (denied trigger, other trigger) texts."""
    events = {e.id: e for e in record.events}
    return {
        (e.trigger.text, events[other].trigger.text)
        for e in record.events
        if str(e.status) == "denied"
        for other in e.contradicts
    }


def test_a_blanket_denial_contradicts_any_act_of_its_kind(extractor: Extractor) -> None:
    record = extractor.extract(
        "Shells struck a school in Marib on Monday, residents said. "
        "The army denied carrying out any attacks in the district."
    )
    assert {other for _, other in _links(record)} == {"struck"}


def test_a_shared_participant_ties_a_denial_to_the_report(extractor: Extractor) -> None:
    record = extractor.extract(
        "Mortar shells hit the fish market in Sirte, witnesses said. "
        "The Coastal Shield militia denied firing the shells."
    )
    assert _links(record) == {("firing", "hit")}


def test_officers_and_police_of_one_country_are_one_force(extractor: Extractor) -> None:
    record = extractor.extract(
        "A police spokesman in Nakuru said officers did not use live rounds. "
        "Witnesses said police fired into the crowd."
    )
    assert _links(record) == {("use live rounds", "fired")}


def test_one_force_counts_only_in_the_same_role(extractor: Extractor) -> None:
    # the soldiers killed are not the troops said to have fired
    record = extractor.extract(
        "Gunmen killed two Kenyan soldiers near Mandera on Monday, officials said. "
        "The Kenyan army denied that its troops had fired on civilians in the town."
    )
    assert ("fired", "killed") not in _links(record)


def test_one_side_denying_its_own_act_does_not_deny_an_exchange(extractor: Extractor) -> None:
    record = extractor.extract(
        "Kenyan and Ugandan border guards exchanged fire near Busia on Monday night. "
        "A Ugandan spokesman said Kenyan guards had started the shooting. "
        "Kenyan officials denied that their guards had fired first."
    )
    links = _links(record)
    assert ("fired", "exchanged fire") not in links
    assert ("fired", "shooting") in links  # the report of who started it is still denied


def test_a_speaker_does_not_contradict_itself(extractor: Extractor) -> None:
    record = extractor.extract(
        "The junta said soldiers fired warning shots in Sagaing and denied that anyone was killed."
    )
    assert _links(record) == set()


def test_a_denial_about_another_place_is_no_contradiction(extractor: Extractor) -> None:
    record = extractor.extract(
        "Gunmen from the Ash Valley Brigade killed three soldiers at a checkpoint near Tal Afar, "
        "officials said. A spokesman for the Ash Valley Brigade said the group had not planned "
        "any attack in Erbil."
    )
    assert _links(record) == set()


def test_a_denial_of_another_doer_is_no_contradiction(extractor: Extractor) -> None:
    record = extractor.extract(
        "Soldiers shot dead a trader at the market in Bunia, relatives said. The provincial "
        "police denied that any shots had been fired by its officers."
    )
    assert _links(record) == set()


def test_unidentified_gunmen_may_be_the_deniers_own(extractor: Extractor) -> None:
    record = extractor.extract(
        "Gunmen killed six villagers near Bandiagara, local officials said. The Falaise Guard, "
        "a local militia, denied that its members had killed anyone."
    )
    assert _links(record) == {("killed", "killed")}


def test_a_denial_of_the_killings_answers_the_shootings_reported_before(
    extractor: Extractor,
) -> None:
    record = extractor.extract(
        "Three bus drivers were shot dead in Acapulco on Monday, police said. The Red Delta "
        "Front denied carrying out the killings."
    )
    assert _links(record) == {("killings", "shot")}


@pytest.fixture(scope="module")
def dated() -> Extractor:
    """The default pipeline: the events' dates come before the links."""
    return Extractor()


def test_acts_of_dates_apart_are_two_happenings(dated: Extractor) -> None:
    record = dated.extract(
        "Witnesses said fighters of the Kivu Patriotic Union burned a health centre in Masisi "
        "in March 2021. A spokesman for the union denied that its fighters had burned any "
        "buildings in Masisi on Saturday.",
        published="2024-06-10",
    )
    assert _links(record) == set()


def test_an_undated_denial_is_of_the_last_few_days_not_of_the_background(
    dated: Extractor,
) -> None:
    background = (
        "Police dispersed a sit-in outside the governor's office in Kassala and no one was "
        "injured, a police spokesman said. Similar protests in the city in 2022 left eleven "
        "people injured."
    )
    assert _links(dated.extract(background, published="2024-02-01")) == set()
    recent = (
        "Gunmen killed six villagers near Bandiagara on Tuesday, local officials said. The "
        "Falaise Guard, a local militia, denied that its members had killed anyone."
    )
    assert _links(dated.extract(recent, published="2024-09-06")) == {("killed", "killed")}


def _item(
    text: str, trigger: tuple[int, int], contradicts: tuple[tuple[int, int], ...]
) -> AttributionItem:
    return AttributionItem("i", "dev", text, trigger[0], trigger[1], "asserted", (), contradicts)


def test_score_contradictions_exact_numbers() -> None:
    items = [
        _item("t1", (0, 5), ((10, 15),)),
        _item("t1", (10, 15), ((0, 5),)),  # the same link, from the other side
        _item("t2", (0, 5), ((20, 25),)),
        _item("t3", (0, 5), ()),  # no link: a link predicted here is a false one
    ]
    gold = gold_contradictions(items)
    assert sum(len(v) for v in gold.values()) == 2
    ours = {
        "t1": {frozenset({(1, 4), (11, 14)})},  # overlaps both triggers: right
        "t2": {frozenset({(0, 5), (30, 35)})},  # one trigger wrong
        "t3": {frozenset({(0, 5), (10, 15)})},  # no gold link
    }
    metrics = score_contradictions(gold, ours)
    assert metrics["contradiction_p"] == pytest.approx(1 / 3)
    assert metrics["contradiction_r"] == pytest.approx(1 / 2)


def test_predicted_contradictions_reads_the_events(extractor: Extractor) -> None:
    record = extractor.extract(
        "Residents said soldiers burned dozens of homes in Kumba. "
        "The army denied that troops had burned any houses."
    )
    first = record.text.index("burned")
    second = record.text.index("burned", first + 1)
    assert predicted_contradictions(record) == {
        frozenset({(first, first + 6), (second, second + 6)})
    }


def test_a_doer_named_by_a_later_report_carries_that_report(dated: Extractor) -> None:
    record = dated.extract(
        "Four bus drivers were shot dead in Chilpancingo. Drivers' representatives said the "
        "killings were carried out by Los Tejones del Sur, a criminal gang."
    )
    (shooting,) = (e for e in record.events if e.type == "ASSAULT")
    # the outlet states the shooting; the representatives name the doer
    assert [a.text for a in shooting.actor] == ["Los Tejones del Sur"]
    assert str(shooting.status) == "reported"
    assert [s.text for s in shooting.attribution] == ["Drivers' representatives"]


def test_a_denial_of_one_kind_of_act_leaves_other_kinds(extractor: Extractor) -> None:
    text = (
        "The Korso Front said it was holding the engineers and demanded that the army "
        "withdraw from three districts. The company said that no {}demand had been made."
    )
    assert _links(extractor.extract(text.format("ransom "))) == set()
    # the same denial without the qualifying noun answers the demand
    assert _links(extractor.extract(text.format(""))) == {("demand", "demanded")}
