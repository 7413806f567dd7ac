"""WikiEvents (KAIROS): event triggers and arguments, mapped to PLOVER.

Reads ``dev.jsonl`` in its original form (``test.jsonl`` is sealed; skipped with a note).
Token offsets are turned into character offsets with the ``sentences`` token offsets: each
sentence is placed at its first token's offset, so the document text we code has exactly the
offsets of the data (gaps between sentences become a space, or newlines for wider gaps).
KAIROS types are mapped to PLOVER by ``data/wikievents_kairos_to_plover.json``; the scoring
conventions are in ``docs/evaluation.md``.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Article, DocumentRecord, Event
from .base import Dataset, EvalResult
from .scoring import PRF, head_word, match_one_to_one

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = [
    "GoldArgument",
    "GoldTrigger",
    "WikiDocument",
    "WikiEvents",
    "WikiScores",
    "document_text",
    "kairos_to_plover",
    "read_wikievents",
]

SEALED_FILES: tuple[str, ...] = ("test.jsonl",)


@functools.lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    """Return the KAIROS -> PLOVER map (``data/wikievents_kairos_to_plover.json``)."""
    path = resources.files(__package__).joinpath("data/wikievents_kairos_to_plover.json")
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _lookup(table: dict[str, Any], kairos: str) -> Any:
    parts = kairos.split(".")
    for n in (3, 2, 1):
        key = ".".join(parts[:n])
        if key in table:
            return table[key]
    return None


def kairos_to_plover(kairos: str) -> str | None:
    """Return the PLOVER type of a KAIROS type, "consequence" for deaths/injuries, or None."""
    if _lookup({c: True for c in mapping()["consequences"]}, kairos):
        return "consequence"
    found = _lookup(mapping()["types"], kairos)
    return str(found) if found else None


def slot_of_role(role: str) -> set[str]:
    """Return our argument slots (actor, recipient, location) that a KAIROS role maps to."""
    return {slot for slot, roles in mapping()["roles"].items() if role in roles}


@dataclass(frozen=True)
class GoldArgument:
    role: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class GoldTrigger:
    """A gold event mention: trigger span (characters), KAIROS type and its arguments."""

    kairos: str
    start: int
    end: int
    text: str
    arguments: tuple[GoldArgument, ...] = ()

    @property
    def plover(self) -> str | None:
        return kairos_to_plover(self.kairos)


@dataclass
class WikiDocument:
    doc_id: str
    text: str
    triggers: list[GoldTrigger] = field(default_factory=list)


def document_text(sentences: Sequence[Sequence[Any]]) -> str:
    """Return the text whose character offsets are the data's token offsets.

    Each sentence starts at its first token's offset; a one-character gap is a space, a
    wider one newlines (paragraph breaks in the source).
    """
    out = ""
    for tokens, sentence in sentences:
        start = int(tokens[0][1]) if tokens else len(out)
        gap = start - len(out)
        out += (" " if gap == 1 else "\n" * gap) + sentence
    return out


def _read_document(obj: dict[str, Any]) -> WikiDocument:
    text = document_text(obj["sentences"])
    offsets = [(int(t[1]), int(t[2])) for tokens, _ in obj["sentences"] for t in tokens]
    mentions = {m["id"]: m for m in obj["entity_mentions"]}

    def chars(start: int, end: int) -> tuple[int, int]:
        return offsets[start][0], offsets[end - 1][1]

    triggers = []
    for event in obj["event_mentions"]:
        args = []
        for arg in event["arguments"]:
            mention = mentions.get(arg["entity_id"])
            if mention is None:
                continue
            s, e = chars(mention["start"], mention["end"])
            args.append(GoldArgument(arg["role"], text[s:e], s, e))
        s, e = chars(event["trigger"]["start"], event["trigger"]["end"])
        triggers.append(GoldTrigger(event["event_type"], s, e, text[s:e], tuple(args)))
    return WikiDocument(doc_id=obj["doc_id"], text=text, triggers=triggers)


def read_wikievents(path: Path) -> list[WikiDocument]:
    """Return the documents of a WikiEvents JSON-lines file, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [_read_document(json.loads(line)) for line in handle if line.strip()]


# --- scoring ---------------------------------------------------------------------------------


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _our_arguments(event: Event, record: DocumentRecord) -> list[tuple[str, str]]:
    """Return (slot, text) of our event's arguments: actors, recipients and its place."""
    out = [("actor", a.text) for a in event.actor] + [
        ("recipient", a.text) for a in event.recipient
    ]
    if event.location is not None and event.location.place:
        place = next((p for p in record.places if p.id == event.location.place), None)
        if place is not None:
            out.append(("location", place.text))
    return out


@dataclass
class WikiScores:
    """Running counts of the WikiEvents measures."""

    trigger_id: PRF = field(default_factory=PRF)
    trigger_id_strict: PRF = field(default_factory=PRF)
    trigger_class: PRF = field(default_factory=PRF)
    argument_id: PRF = field(default_factory=PRF)
    argument_class: PRF = field(default_factory=PRF)
    consequences: PRF = field(default_factory=PRF)

    def add_document(
        self, doc: WikiDocument, events: Sequence[Event], record: DocumentRecord
    ) -> None:
        """Add one document: gold triggers of mapped types against our events."""
        scored = [t for t in doc.triggers if t.plover not in (None, "consequence")]
        ignored = [t for t in doc.triggers if t.plover is None or t.plover == "consequence"]
        ours = [
            e
            for e in events
            if any(_overlaps(e.trigger.start, e.trigger.end, t.start, t.end) for t in scored)
            or not any(_overlaps(e.trigger.start, e.trigger.end, t.start, t.end) for t in ignored)
        ]
        self._add_consequences(doc, events)

        def overlap(g: GoldTrigger, e: Event) -> bool:
            return _overlaps(g.start, g.end, e.trigger.start, e.trigger.end)

        pairs = match_one_to_one(scored, ours, overlap)
        self.trigger_id += PRF(tp=len(pairs), predicted=len(ours), gold=len(scored))
        strict = match_one_to_one(
            scored, ours, lambda g, e: (g.start, g.end) == (e.trigger.start, e.trigger.end)
        )
        self.trigger_id_strict += PRF(tp=len(strict), predicted=len(ours), gold=len(scored))
        typed = match_one_to_one(scored, ours, lambda g, e: overlap(g, e) and g.plover == e.type)
        self.trigger_class += PRF(tp=len(typed), predicted=len(ours), gold=len(scored))
        self._add_arguments(scored, ours, pairs, record)

    def _add_consequences(self, doc: WikiDocument, events: Sequence[Event]) -> None:
        gold = [t for t in doc.triggers if t.plover == "consequence"]
        found = sum(
            any(_overlaps(t.start, t.end, e.trigger.start, e.trigger.end) for e in events)
            for t in gold
        )
        self.consequences += PRF(tp=found, predicted=found, gold=len(gold))

    def _add_arguments(
        self,
        gold: Sequence[GoldTrigger],
        ours: Sequence[Event],
        pairs: Sequence[tuple[int, int]],
        record: DocumentRecord,
    ) -> None:
        n_gold = sum(len(t.arguments) for t in gold)
        n_ours = sum(len(_our_arguments(e, record)) for e in ours)
        tp_id = tp_class = 0
        for gi, oi in pairs:
            gold_args = list(gold[gi].arguments)
            our_args = _our_arguments(ours[oi], record)

            def same_head(g: GoldArgument, o: tuple[str, str]) -> bool:
                return bool(head_word(o[1])) and head_word(o[1]) == head_word(g.text)

            tp_id += len(match_one_to_one(gold_args, our_args, same_head))
            tp_class += len(
                match_one_to_one(
                    gold_args,
                    our_args,
                    lambda g, o: same_head(g, o) and o[0] in slot_of_role(g.role),
                )
            )
        self.argument_id += PRF(tp=tp_id, predicted=n_ours, gold=n_gold)
        self.argument_class += PRF(tp=tp_class, predicted=n_ours, gold=n_gold)

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        out.update(self.trigger_id.metrics("trigger_id"))
        out.update(self.trigger_id_strict.metrics("trigger_id_strict"))
        out.update(self.trigger_class.metrics("trigger_class"))
        out.update(self.argument_id.metrics("argument_id"))
        out.update(self.argument_class.metrics("argument_class"))
        out["consequence_trigger_recall"] = self.consequences.recall
        return out


class WikiEvents(Dataset):
    """WikiEvents dev: trigger and argument F1 after mapping KAIROS types to PLOVER."""

    name = "wikievents"
    folder = "wikievents"
    description = "WikiEvents (KAIROS): event triggers and arguments, mapped to PLOVER"

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        started = time.perf_counter()
        docs = read_wikievents(data / "dev.jsonl")[:limit]
        articles = [
            Article(text=d.text, origin=f"wikievents:{d.doc_id}", language="en") for d in docs
        ]
        scores = WikiScores()
        for doc, record in zip(docs, extractor.extract_articles(articles), strict=True):
            scores.add_document(doc, record.events, record)
        triggers = [t for d in docs for t in d.triggers]
        notes = [
            "KAIROS -> PLOVER map: eval/data/wikievents_kairos_to_plover.json; gold triggers "
            "of unmapped types, and our events overlapping them, are ignored",
            "Life.Die/Life.Injure have no PLOVER type: scored apart as "
            "consequence_trigger_recall (any of our triggers overlapping them)",
            "trigger match: character overlap, one-to-one (strict: same offsets)",
            "arguments: head-word match within matched trigger pairs; ours = actor, recipient "
            "and location place; classification also needs the role -> slot map",
        ]
        notes += [
            f"{f} is sealed (held out) and absent; skipped"
            for f in SEALED_FILES
            if not (data / f).exists()
        ]
        return EvalResult(
            dataset=self.name,
            metrics=scores.metrics(),
            counts={
                "documents": len(docs),
                "gold_triggers": len(triggers),
                "gold_triggers_scored": scores.trigger_id.gold,
                "gold_consequence_triggers": scores.consequences.gold,
                "gold_arguments_scored": scores.argument_id.gold,
                "our_events_scored": scores.trigger_id.predicted,
            },
            notes=notes,
            seconds=time.perf_counter() - started,
        )
