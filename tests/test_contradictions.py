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
