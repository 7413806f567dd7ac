"""How a MUC-4 text presents a perpetrator organisation's responsibility (slot 11)."""

from __future__ import annotations

import pytest

from wirecoder.eval.muc4_confidence import (
    is_attempt,
    load_confidence_cues,
    organisation_sentences,
    sentence_confidence,
    text_confidence,
)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        (
            "The Red Dawn Front has claimed responsibility for the kidnapping.",
            "CLAIMED OR ADMITTED",
        ),
        ("No group has claimed responsibility for the attack.", None),
        (
            "President Alvaro Quintel holds the Qasr Brigade responsible for the assassination.",
            "SUSPECTED OR ACCUSED BY AUTHORITIES",
        ),
        (
            "The students accused the army of the murder.",
            "SUSPECTED OR ACCUSED",
        ),
        (
            "Police sources said the attacks could have been carried out by the Lorian League.",
            "POSSIBLE",
        ),
        ("He was charged with smuggling cocaine.", None),  # no incident: not about it
        ("The Qasr Brigade attacked the barracks.", None),
        ("The Qasr Brigade bombing claimed the lives of six guards.", None),  # not a claim
        # the authority before "responsible for" is the accused, not the accuser
        (
            "The Lorian League says the government and the army are responsible for the massacre.",
            "SUSPECTED OR ACCUSED",
        ),
        (
            "Police said the Lorian League is responsible for the massacre.",
            "SUSPECTED OR ACCUSED BY AUTHORITIES",
        ),
        (
            "According to police, the bombing was presumably the work of the Lorian League.",
            "SUSPECTED OR ACCUSED BY AUTHORITIES",
        ),
        # qualifying words (TASKDOC slot 11): the reader's doubt about who did it
        (
            "The men who kidnapped the mayor are said to be members of the Lorian League.",
            "SUSPECTED OR ACCUSED",
        ),
        (
            "The attack was reportedly carried out by the Lorian League.",
            "SUSPECTED OR ACCUSED",
        ),
        # the organisation is in the context of the incident, nobody accuses it
        (
            "The priests were murdered by men wearing Lorian League uniforms.",
            "POSSIBLE",
        ),
        (
            "There was no confirmation that the Lorian League carried out the attack.",
            "POSSIBLE",
        ),
    ],
)
def test_sentence_confidence(sentence: str, label: str | None) -> None:
    flat = " ".join(sentence.lower().split())
    assert sentence_confidence(flat, load_confidence_cues()) == label


def test_only_sentences_naming_an_organisation_count() -> None:
    text = (
        "Guerrillas attacked the town. The army accused the QLF of the attack.\n\n"
        "Someone may have helped the attackers."
    )
    sentences = organisation_sentences(text, ["QLF"])
    assert sentences == ["the army accused the qlf of the attack."]
    assert text_confidence(sentences) == "SUSPECTED OR ACCUSED BY AUTHORITIES"
    assert text_confidence([]) is None


def test_a_claim_outranks_an_accusation() -> None:
    sentences = [
        "the police blamed the rdf for the attack.",
        "the rdf claimed responsibility for the attack.",
    ]
    assert text_confidence(sentences) == "CLAIMED OR ADMITTED"


def test_attempt_cues() -> None:
    assert is_attempt("The bomb FAILED TO EXPLODE because its fuse broke.")
    assert not is_attempt("The bomb exploded at the bank.")
