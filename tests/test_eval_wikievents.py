"""WikiEvents reader (token -> character offsets), type map and scores on a hand-made document."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wirecoder.eval.base import benchmarks_dir
from wirecoder.eval.wikievents import (
    WikiEvents,
    WikiScores,
    document_text,
    kairos_to_plover,
    read_wikievents,
    slot_of_role,
)
from wirecoder.records import Argument, Article, DocumentRecord, Event, Mention, TextSpan


def _sentence(words: list[str], start: int) -> list[Any]:
    tokens, pos = [], start
    for w in words:
        tokens.append([w, pos, pos + len(w)])
        pos += len(w) + 1
    return [tokens, " ".join(words)]


# "Rebels attacked the base ." at 0; "Two soldiers died ." after a paragraph gap (offset 28)
SENTENCES = [
    _sentence(["Rebels", "attacked", "the", "base", "."], 0),
    _sentence(["Two", "soldiers", "died", "."], 28),
]
DOC: dict[str, Any] = {
    "doc_id": "doc1",
    "tokens": ["Rebels", "attacked", "the", "base", ".", "Two", "soldiers", "died", "."],
    "text": "Rebels attacked the base.Two soldiers died.",
    "sentences": SENTENCES,
    "entity_mentions": [
        {
            "id": "doc1-T1",
            "sent_idx": 0,
            "start": 0,
            "end": 1,
            "entity_type": "PER",
            "text": "Rebels",
        },
        {
            "id": "doc1-T2",
            "sent_idx": 0,
            "start": 2,
            "end": 4,
            "entity_type": "FAC",
            "text": "the base",
        },
        {
            "id": "doc1-T3",
            "sent_idx": 1,
            "start": 6,
            "end": 7,
            "entity_type": "PER",
            "text": "soldiers",
        },
    ],
    "relation_mentions": [],
    "event_mentions": [
        {
            "id": "doc1-E1",
            "event_type": "Conflict.Attack.Unspecified",
            "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
            "arguments": [
                {"entity_id": "doc1-T1", "role": "Attacker", "text": "Rebels"},
                {"entity_id": "doc1-T2", "role": "Target", "text": "the base"},
            ],
        },
        {
            "id": "doc1-E2",
            "event_type": "Life.Die.Unspecified",
            "trigger": {"start": 7, "end": 8, "text": "died", "sent_idx": 1},
            "arguments": [{"entity_id": "doc1-T3", "role": "Victim", "text": "soldiers"}],
        },
        {
            "id": "doc1-E3",
            "event_type": "Movement.Transportation.Unspecified",
            "trigger": {"start": 3, "end": 4, "text": "base", "sent_idx": 0},
            "arguments": [],
        },
    ],
}


def _event(kind: str, start: int, end: int, *, actor: str = "", recipient: str = "") -> Event:
    return Event(
        id="v",
        type=kind,
        trigger=TextSpan("t", start, end),
        sentence=Mention(0, 1),
        actor=[Argument(None, actor, 0, len(actor))] if actor else [],
        recipient=[Argument(None, recipient, 0, len(recipient))] if recipient else [],
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "dev.jsonl").write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    return tmp_path


def test_document_text_places_sentences_at_their_offsets() -> None:
    text = document_text(SENTENCES)
    assert text == "Rebels attacked the base .\n\nTwo soldiers died ."
    assert text[28:31] == "Two"


def test_read_converts_token_offsets_to_characters(data: Path) -> None:
    (doc,) = read_wikievents(data / "dev.jsonl")
    attack = doc.triggers[0]
    assert (attack.start, attack.end, attack.text) == (7, 15, "attacked")
    assert [a.text for a in attack.arguments] == ["Rebels", "the base"]
    assert doc.text[doc.triggers[1].start : doc.triggers[1].end] == "died"


def test_type_map() -> None:
    assert kairos_to_plover("Conflict.Attack.DetonateExplode") == "ASSAULT"
    assert kairos_to_plover("Justice.ArrestJailDetain.Unspecified") == "COERCE"
    assert kairos_to_plover("Contact.Contact.Meet") == "CONSULT"
    assert kairos_to_plover("Conflict.Demonstrate.DemonstrateWithViolence") == "PROTEST"
    assert kairos_to_plover("Life.Die.Unspecified") == "consequence"
    assert kairos_to_plover("Contact.Contact.Broadcast") is None
    assert slot_of_role("Attacker") == {"actor"}
    assert slot_of_role("Place") == {"location"}


def test_scores_exact_numbers(data: Path) -> None:
    (doc,) = read_wikievents(data / "dev.jsonl")
    record = DocumentRecord(doc_id="d", text=doc.text)
    ours = [
        _event("ASSAULT", 7, 15, actor="the rebels", recipient="a military base"),  # matches E1
        _event("PROTEST", 0, 6),  # no gold trigger: a false positive
        _event("ASSAULT", 18, 24),  # overlaps only the unmapped E3 ("base"): ignored
        _event("ASSAULT", 41, 45),  # on the Life.Die trigger: ignored, counts as a consequence hit
    ]
    scores = WikiScores()
    scores.add_document(doc, ours, record)
    m = scores.metrics()
    assert (scores.trigger_id.tp, scores.trigger_id.predicted, scores.trigger_id.gold) == (1, 2, 1)
    assert m["trigger_id_p"] == 0.5 and m["trigger_id_r"] == 1.0
    assert m["trigger_class_f1"] == pytest.approx(2 / 3)
    assert m["consequence_trigger_recall"] == 1.0
    # arguments: 2 ours of the matched event + 0 of the false positive; both heads match
    assert (scores.argument_id.tp, scores.argument_id.predicted, scores.argument_id.gold) == (
        2,
        2,
        2,
    )
    assert m["argument_class_f1"] == 1.0


class FakeExtractor:
    version = "fake"

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
        for article in articles:
            yield DocumentRecord(
                doc_id=article.doc_id, text=article.text, events=[_event("ASSAULT", 7, 15)]
            )


def test_evaluate_with_fake_extractor(data: Path) -> None:
    result = WikiEvents().evaluate(FakeExtractor(), data=data)
    assert result.counts["gold_triggers"] == 3
    assert result.counts["gold_triggers_scored"] == 1
    assert result.metrics["trigger_class_f1"] == 1.0
    assert any("test.jsonl" in note for note in result.notes)


@pytest.mark.benchmarks
def test_real_offsets_line_up() -> None:
    path = benchmarks_dir() / "wikievents" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"benchmark data absent: {path}")
    docs = read_wikievents(path)
    assert len(docs) == 20
    assert sum(len(d.triggers) for d in docs) == 345
    for doc in docs:
        for trigger in doc.triggers:
            assert doc.text[trigger.start : trigger.end].replace(" ", "") == trigger.text.replace(
                " ", ""
            )
