"""The MUC-4 maps of statuses: per event and per template (all of its events, the document's claims)."""

from __future__ import annotations

import pytest

from wirecoder.nlp.modality import (
    STATUS_TO_MUC_STAGE,
    muc_confidence,
    muc_template_confidence,
)
from wirecoder.records import Argument, Attribution, Event, EventStatus, Mention, TextSpan


def event(
    status: str,
    *,
    kinds: tuple[str, ...] = (),
    cue: str = "said",
    type_: str = "ASSAULT",
    confidence: float = 0.5,
) -> Event:
    return Event(
        id="v1",
        type=type_,
        trigger=TextSpan("attack", 0, 6),
        sentence=Mention(0, 10),
        status=status,
        attribution=[Attribution(text="x", start=0, end=1, kind=k, cue=cue) for k in kinds],
        confidence=confidence,
    )


def test_stage_of_acts_that_have_not_happened() -> None:
    assert STATUS_TO_MUC_STAGE["attempted"] == "ATTEMPTED"
    assert STATUS_TO_MUC_STAGE["future"] == "THREATENED"
    assert STATUS_TO_MUC_STAGE["hypothetical"] == "THREATENED"
    assert STATUS_TO_MUC_STAGE["reported"] == "ACCOMPLISHED"


def test_who_plans_or_threatens_is_not_in_question() -> None:
    assert muc_confidence("future") == "REPORTED AS FACT"
    assert muc_confidence("threatened") == "REPORTED AS FACT"
    assert muc_confidence("alleged", source_kinds=["unnamed_official"]) == (
        "SUSPECTED OR ACCUSED BY AUTHORITIES"
    )


def test_a_claim_elsewhere_in_the_document_makes_the_template_claimed() -> None:
    template = [event(EventStatus.ASSERTED, confidence=0.8)]
    claim = event(EventStatus.CLAIMED, kinds=("perpetrator",), cue="claimed responsibility")
    assert muc_template_confidence(template) == "REPORTED AS FACT"
    assert muc_template_confidence(template, document_events=[claim]) == "CLAIMED OR ADMITTED"


def test_a_self_report_of_another_kind_of_event_is_no_claim() -> None:
    template = [event(EventStatus.ASSERTED)]
    said = event(EventStatus.CLAIMED, kinds=("perpetrator",), cue="said")
    other = event(EventStatus.CLAIMED, kinds=("perpetrator",), cue="claimed", type_="REJECT")
    assert muc_template_confidence(template, document_events=[said, other]) == "REPORTED AS FACT"


@pytest.mark.parametrize(
    ("kinds", "label"),
    [
        (("unnamed_official",), "SUSPECTED OR ACCUSED BY AUTHORITIES"),
        (("witness",), "SUSPECTED OR ACCUSED"),
    ],
)
def test_an_accusation_on_any_event_of_the_template(kinds: tuple[str, ...], label: str) -> None:
    template = [
        event(EventStatus.ASSERTED, confidence=0.9),
        event(EventStatus.ALLEGED, kinds=kinds),
    ]
    assert muc_template_confidence(template) == label


def test_a_template_has_events() -> None:
    with pytest.raises(ValueError):
        muc_template_confidence([])


def test_a_hedged_perpetrator_is_suspected() -> None:
    hedged = event(EventStatus.ASSERTED)
    hedged.actor = [Argument(actor=None, text="suspected rebels", start=0, end=16)]
    assert muc_template_confidence([hedged]) == "SUSPECTED OR ACCUSED"
