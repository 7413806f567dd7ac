"""Attribution and modality: our annotated set, and TimeBank's SLINKs and polarity.

* ``attribution`` (:class:`AttributionSet`): wirecoder's own synthetic set
  (``eval/data/attribution_set.jsonl``, guidelines in ``docs/attribution.md``). Status accuracy
  and macro-F1, attribution source P/R/F1 (a predicted source matches a gold source when their
  spans overlap, one-to-one), and, over matched sources, cue, kind and nesting accuracy.
  Reported for the whole set and for its ``dev`` and ``sealed`` parts.
* ``timebank-modality`` (:class:`TimeBankModality`): TempEval-3's TimeBank part only (AQUAINT
  polarity is unreliable). Every EVENT is a trigger; gold categories come from the SLINKs that
  subordinate it (EVIDENTIAL, NEG_EVIDENTIAL, MODAL, COUNTER_FACTIVE) and from MAKEINSTANCE
  ``polarity="NEG"``.

Both call :func:`~wirecoder.nlp.modality.analyse_trigger` on the token at the gold trigger
offsets, which isolates status and attribution from event detection.
"""

from __future__ import annotations

import json
import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ErrorCode, InputError
from ..nlp.modality import StatusDecision, analyse_trigger
from ..records import Article, DocumentRecord, EventStatus
from .base import Dataset, EvalResult
from .scoring import PRF, accuracy, macro_f1, match_one_to_one

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = [
    "AttributionItem",
    "AttributionSet",
    "GoldSource",
    "TimeBankEvent",
    "TimeBankModality",
    "gold_contradictions",
    "predicted_contradictions",
    "read_attribution_set",
    "read_timebank",
    "score_attribution",
    "score_contradictions",
    "score_timebank",
]

log = logging.getLogger(__name__)

DEFAULT_SET_PATH = Path(__file__).parent / "data" / "attribution_set.jsonl"


# --- our set ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldSource:
    text: str
    start: int
    end: int
    kind: str
    cue: str
    cue_start: int
    cue_end: int
    parent: int | None = None


@dataclass(frozen=True, slots=True)
class AttributionItem:
    id: str
    split: str
    text: str
    trigger_start: int
    trigger_end: int
    status: str
    sources: tuple[GoldSource, ...] = ()
    # the triggers (start, end) of the events of the same text that this one contradicts
    contradicts: tuple[tuple[int, int], ...] = ()
    published: date | None = None  # the text's publication date, where dates matter


def _item(data: dict[str, Any]) -> AttributionItem:
    sources = tuple(GoldSource(**s) for s in data.get("sources", []))
    trigger = data["trigger"]
    return AttributionItem(
        id=data["id"],
        split=data.get("split", "dev"),
        text=data["text"],
        trigger_start=trigger["start"],
        trigger_end=trigger["end"],
        status=EventStatus(data["status"]),
        sources=sources,
        contradicts=tuple((c["start"], c["end"]) for c in data.get("contradicts", [])),
        published=date.fromisoformat(data["published"]) if data.get("published") else None,
    )


def read_attribution_set(path: Path) -> list[AttributionItem]:
    """Return the items of an attribution set file (JSON Lines; a ``_comment`` header is skipped)."""
    if not path.is_file():
        raise InputError(ErrorCode.W601, path=str(path), detail="no such file")
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            if "_comment" not in data:
                items.append(_item(data))
    return items


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class _Tally:
    status_gold: list[str] = field(default_factory=list)
    status_pred: list[str] = field(default_factory=list)
    sources: PRF = field(default_factory=PRF)
    matched: int = 0
    cue_ok: int = 0
    kind_ok: int = 0
    parent_ok: int = 0

    def add(self, item: AttributionItem, decision: StatusDecision) -> None:
        self.status_gold.append(item.status)
        self.status_pred.append(str(decision.status))
        pred = decision.attributions
        pairs = match_one_to_one(
            item.sources, pred, lambda g, p: _overlap((g.start, g.end), (p.start, p.end))
        )
        self.sources += PRF(tp=len(pairs), predicted=len(pred), gold=len(item.sources))
        gold_to_pred = dict(pairs)
        for gi, pi in pairs:
            g, p = item.sources[gi], pred[pi]
            self.matched += 1
            self.cue_ok += _overlap((g.cue_start, g.cue_end), (p.cue_start, p.cue_end))
            self.kind_ok += g.kind == p.kind
            expected = None if g.parent is None else gold_to_pred.get(g.parent, -1)
            self.parent_ok += p.parent == expected

    def metrics(self, prefix: str) -> dict[str, float]:
        n = self.matched
        out = {
            f"{prefix}status_accuracy": accuracy(self.status_gold, self.status_pred),
            f"{prefix}status_macro_f1": macro_f1(self.status_gold, self.status_pred),
            **self.sources.metrics(f"{prefix}source"),
            f"{prefix}cue_accuracy": self.cue_ok / n if n else 0.0,
            f"{prefix}kind_accuracy": self.kind_ok / n if n else 0.0,
            f"{prefix}nesting_accuracy": self.parent_ok / n if n else 0.0,
        }
        return out


def score_attribution(
    items: Sequence[AttributionItem], decisions: Sequence[StatusDecision]
) -> dict[str, float]:
    """Return the metrics of ``decisions`` (one per item): overall, then ``dev.*`` and ``sealed.*``."""
    if len(items) != len(decisions):
        raise ValueError(f"{len(items)} items but {len(decisions)} decisions")
    tallies: dict[str, _Tally] = {"": _Tally()}
    for item, decision in zip(items, decisions, strict=True):
        tallies[""].add(item, decision)
        tallies.setdefault(f"{item.split}.", _Tally()).add(item, decision)
    metrics: dict[str, float] = {}
    for prefix, tally in sorted(tallies.items()):
        metrics.update(tally.metrics(prefix))
    return metrics


Link = frozenset[tuple[int, int]]


def gold_contradictions(items: Sequence[AttributionItem]) -> dict[str, set[Link]]:
    """Return each text's gold contradiction links: unordered pairs of trigger offsets."""
    links: dict[str, set[Link]] = {}
    for item in items:
        found = links.setdefault(item.text, set())
        for other in item.contradicts:
            found.add(frozenset({(item.trigger_start, item.trigger_end), other}))
    return links


def predicted_contradictions(record: DocumentRecord) -> set[Link]:
    """Return the contradiction links of a record's events, as pairs of trigger offsets."""
    spans = {e.id: (e.trigger.start, e.trigger.end) for e in record.events}
    return {
        frozenset({spans[e.id], spans[other]})
        for e in record.events
        for other in e.contradicts
        if other in spans and spans[other] != spans[e.id]
    }


def _same_link(gold: Link, predicted: Link) -> bool:
    """Return True if each trigger of ``gold`` overlaps a different trigger of ``predicted``."""
    g1, g2 = sorted(gold)
    p1, p2 = sorted(predicted)
    return (_overlap(g1, p1) and _overlap(g2, p2)) or (_overlap(g1, p2) and _overlap(g2, p1))


def score_contradictions(
    gold: dict[str, set[Link]], predicted: dict[str, set[Link]]
) -> dict[str, float]:
    """Return contradiction-link P/R/F1 over texts (a link matches one gold link, one-to-one)."""
    total = PRF()
    for text, gold_links in gold.items():
        ours = sorted(predicted.get(text, set()), key=sorted)
        golds = sorted(gold_links, key=sorted)
        pairs = match_one_to_one(golds, ours, _same_link)
        total += PRF(tp=len(pairs), predicted=len(ours), gold=len(golds))
    return total.metrics("contradiction")


def _parse_all(nlp: Language, texts: Iterable[str]) -> dict[str, Doc]:
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, nlp.pipe(unique, batch_size=64), strict=True))


def decide(doc: Doc, start: int, end: int) -> StatusDecision:
    """Return the decision for the trigger at [start, end) of ``doc`` (asserted if it has no token)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return StatusDecision(EventStatus.ASSERTED, [], ["trigger offsets match no token"])
    return analyse_trigger(span.root)


def _nlp(extractor: Extractor | None) -> Language:
    if extractor is not None:
        return extractor.pipeline.nlp
    from ..config import Settings
    from ..nlp.pipeline import load_model

    return load_model(Settings().model)


class AttributionSet(Dataset):
    name = "attribution"
    folder = "attribution"  # not in the benchmarks: the set ships with the package
    description = "wirecoder's synthetic attribution/modality set: status, sources, cues"

    def default_path(self) -> Path:
        return DEFAULT_SET_PATH

    def evaluate(
        self, extractor: Extractor | None, *, data: Path, limit: int | None = None
    ) -> EvalResult:
        started = time.perf_counter()
        path = data if data.is_file() else data / DEFAULT_SET_PATH.name
        items = read_attribution_set(path)[:limit]
        docs = _parse_all(_nlp(extractor), (i.text for i in items))
        decisions = [decide(docs[i.text], i.trigger_start, i.trigger_end) for i in items]
        metrics = score_attribution(items, decisions)
        gold_links = gold_contradictions(items)
        notes = [
            "synthetic set written for wirecoder (docs/attribution.md)",
            "status from analyse_trigger at the gold trigger; sources match by span overlap",
        ]
        if extractor is not None:  # links need the whole pipeline's events
            texts = list(gold_links)
            published = {i.text: i.published for i in items}
            records = extractor.extract_articles(
                Article(text=t, origin=f"attribution:{n}", language="en", published=published[t])
                for n, t in enumerate(texts)
            )
            ours = {t: predicted_contradictions(r) for t, r in zip(texts, records, strict=True)}
            metrics.update(score_contradictions(gold_links, ours))
            notes.append(
                "contradiction links: the whole pipeline on each text; a link of our events "
                "matches a gold link when both triggers overlap, one-to-one, over every text"
            )
        return EvalResult(
            dataset=self.name,
            metrics=metrics,
            counts={
                "items": len(items),
                "dev_items": sum(i.split == "dev" for i in items),
                "sealed_items": sum(i.split == "sealed" for i in items),
                "gold_sources": sum(len(i.sources) for i in items),
                "gold_contradictions": sum(len(v) for v in gold_links.values()),
            },
            notes=notes,
            seconds=time.perf_counter() - started,
        )


# --- TimeBank -----------------------------------------------------------------------------------

#: Our statuses that agree with each TimeBank category.
TIMEBANK_AGREEING: dict[str, frozenset[str]] = {
    "EVIDENTIAL": frozenset({"reported", "alleged", "claimed"}),
    "NEG_EVIDENTIAL": frozenset({"denied"}),
    "MODAL": frozenset({"hypothetical", "future", "threatened", "attempted"}),
    "COUNTER_FACTIVE": frozenset({"negated", "attempted"}),
    "NEG": frozenset({"negated", "denied"}),
}
_SLINK_TYPES = ("EVIDENTIAL", "NEG_EVIDENTIAL", "MODAL", "COUNTER_FACTIVE")


@dataclass(slots=True)
class TimeBankEvent:
    """One TimeBank EVENT: its offsets in the document text and its gold categories."""

    doc: str
    eid: str
    start: int
    end: int
    text: str
    categories: set[str] = field(default_factory=set)


def _text_with_events(text_el: ET.Element) -> tuple[str, list[tuple[str, int, int, str]]]:
    """Return the plain text of <TEXT> and (eid, start, end, text) of its EVENT tags."""
    parts: list[str] = [text_el.text or ""]
    events: list[tuple[str, int, int, str]] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            start = sum(len(p) for p in parts)
            parts.append(child.text or "")
            walk(child)
            if child.tag == "EVENT":
                inner = "".join(parts)[start:]
                events.append((child.get("eid", ""), start, start + len(inner), inner))
            parts.append(child.tail or "")

    walk(text_el)
    return "".join(parts), events


def read_timebank_file(path: Path) -> tuple[str, list[TimeBankEvent]]:
    """Return the text of one TimeML file and its events with their gold categories."""
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(ErrorCode.W601, path=str(path), detail="no <TEXT> element")
    text, raw = _text_with_events(text_el)
    events = {eid: TimeBankEvent(path.stem, eid, s, e, t) for eid, s, e, t in raw}
    instance_event: dict[str, str] = {}
    for mi in root.iter("MAKEINSTANCE"):
        eid, eiid = mi.get("eventID", ""), mi.get("eiid", "")
        instance_event[eiid] = eid
        if mi.get("polarity") == "NEG" and eid in events:
            events[eid].categories.add("NEG")
    for link in root.iter("SLINK"):
        rel = link.get("relType", "")
        eid = instance_event.get(link.get("subordinatedEventInstance", ""), "")
        if rel in _SLINK_TYPES and eid in events:
            events[eid].categories.add(rel)
    return text, list(events.values())


def read_timebank(folder: Path) -> list[tuple[str, list[TimeBankEvent]]]:
    """Return (text, events) of every TimeBank document under a tempeval3 folder."""
    candidates = [folder / "Training" / "TBAQ-cleaned" / "TimeBank", folder / "TimeBank", folder]
    tb = next((c for c in candidates if c.is_dir() and any(c.glob("*.tml"))), None)
    if tb is None:
        raise InputError(ErrorCode.W601, path=str(folder), detail="no TimeBank .tml files")
    return [read_timebank_file(p) for p in sorted(tb.glob("*.tml"))]


def score_timebank(events: Sequence[TimeBankEvent], statuses: Sequence[str]) -> dict[str, float]:
    """Return detection P/R/F1 per category, agreement per category and polarity accuracy."""
    metrics: dict[str, float] = {}
    for cat, agreeing in TIMEBANK_AGREEING.items():
        gold = [cat in e.categories for e in events]
        pred = [s in agreeing for s in statuses]
        tp = sum(g and p for g, p in zip(gold, pred, strict=True))
        prf = PRF(tp=tp, predicted=sum(pred), gold=sum(gold))
        name = cat.lower()
        metrics.update(prf.metrics(name))
        hits = [p for g, p in zip(gold, pred, strict=True) if g]
        metrics[f"{name}_agreement"] = sum(hits) / len(hits) if hits else 0.0
    polarity_gold = ["NEG" in e.categories for e in events]
    polarity_pred = [s in TIMEBANK_AGREEING["NEG"] for s in statuses]
    metrics["polarity_accuracy"] = accuracy(polarity_gold, polarity_pred)
    return metrics


class TimeBankModality(Dataset):
    name = "timebank-modality"
    folder = "tempeval3"
    description = (
        "TimeBank SLINKs (evidential, neg-evidential, modal, counter-factive) and polarity"
    )

    def evaluate(
        self, extractor: Extractor | None, *, data: Path, limit: int | None = None
    ) -> EvalResult:
        started = time.perf_counter()
        documents = read_timebank(data)[:limit]
        nlp = _nlp(extractor)
        events: list[TimeBankEvent] = []
        statuses: list[str] = []
        texts = [text for text, _ in documents]
        for doc, (_, doc_events) in zip(nlp.pipe(texts, batch_size=8), documents, strict=True):
            for ev in doc_events:
                events.append(ev)
                statuses.append(str(decide(doc, ev.start, ev.end).status))
        counts = {"documents": len(documents), "events": len(events)}
        for cat in TIMEBANK_AGREEING:
            counts[f"gold_{cat.lower()}"] = sum(cat in e.categories for e in events)
        return EvalResult(
            dataset=self.name,
            metrics=score_timebank(events, statuses),
            counts=counts,
            notes=[
                "TimeBank only (AQUAINT polarity is unreliable); every EVENT is a trigger",
                "agreeing statuses: "
                + "; ".join(f"{k} -> {'/'.join(sorted(v))}" for k, v in TIMEBANK_AGREEING.items()),
            ],
            seconds=time.perf_counter() - started,
        )
