"""Event typing by sentence embeddings, combined with the dependency-pattern coder.

``event_typer`` is an optional component that runs after ``events``. It embeds the sentence of
each event with all-MiniLM-L6-v2 (:mod:`wirecoder.nlp.embeddings`), scores it with a softmax
classifier trained on ``ontology/data/exemplars.jsonl`` when the component loads and calibrated
by cross-validated temperature scaling (:mod:`wirecoder.nlp.type_classifier`), and combines
that with the rule coder's type (:func:`combine`):

* the two are independent experts: the rule coder puts its confidence ``c`` on its type and
  ``1 - c`` evenly on the others; the classifier's calibrated probabilities are raised to the
  power ``Settings.event_typer_weight`` (0 = ignore the classifier); the normalised product
  is the combined belief;
* the event's confidence becomes the combined belief in its type, so agreement raises it and
  disagreement lowers it;
* the event is re-typed only when the combined belief in another type reaches ``RETYPE_MIN``
  *and* the classifier alone gives it ``RETYPE_CLASSIFIER_MIN``; its mode is dropped unless it
  is a mode of the new type and its codes are recomputed;
* a modal, negated or complement frame ("will visit", "refused to attend", "threatened to
  strike") is coded from the parse: the embedding reads the inner act, so the classifier is
  not used and the confidence is left alone;
* when no exemplar is near the sentence (cosine below ``MIN_SIMILARITY``) no type is
  plausible to the classifier: the event keeps its type and its confidence is halved.

Every decision is appended to ``event.reason`` (``event_typer: ...``); no type is ever chosen
by default. Without the ``embeddings`` extra, building the component raises W406.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc

from ..config import Settings
from ..errors import ErrorCode, UsageError
from ..ontology.loader import Ontology, load_ontology
from ..records import Event
from .component import Component
from .embeddings import SentenceEncoder
from .type_classifier import TypeClassifier, fit_type_classifier

__all__ = ["EventTyperComponent", "Judgement", "combine"]

log = logging.getLogger(__name__)

RETYPE_MIN = 0.6  # combined belief in another type needed to re-type an event
RETYPE_CLASSIFIER_MIN = 0.5  # and the classifier's own probability of that type
MIN_SIMILARITY = 0.25  # below this cosine to every exemplar, the classifier abstains
OUT_OF_DOMAIN_FACTOR = 0.5
CONFIDENCE_FLOOR = 0.01  # the rule coder's confidence is clipped to [floor, 1 - floor]
FRAME_DEPS = frozenset({"xcomp", "ccomp", "neg"})
FRAME_AUX = frozenset({"will", "would", "shall", "'ll", "must", "could", "may", "might"})


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the typer decided for one event: the type, its confidence and why."""

    type: str
    confidence: float
    reason: str


def combine(
    rule_type: str,
    rule_confidence: float,
    probabilities: dict[str, float],
    similarity: float,
    *,
    weight: float = 0.5,
    frame: bool = False,
) -> Judgement:
    """Return the type, confidence and reason from the rule coder's and the classifier's view."""
    abstention = _abstention(rule_type, rule_confidence, probabilities, similarity, frame=frame)
    if abstention is not None:
        return abstention
    belief = _belief(rule_type, rule_confidence, probabilities, weight=weight)
    best = max(belief, key=lambda t: belief[t])
    top = max(probabilities, key=lambda t: probabilities[t])
    p_rule = probabilities[rule_type]
    if (
        best != rule_type
        and belief[best] >= RETYPE_MIN
        and probabilities[best] >= RETYPE_CLASSIFIER_MIN
    ):
        return Judgement(
            best,
            belief[best],
            f"event_typer: re-typed {rule_type} -> {best} "
            f"(classifier {probabilities[best]:.2f} vs {p_rule:.2f})",
        )
    verdict = "agrees" if top == rule_type else f"prefers {top} ({probabilities[top]:.2f})"
    return Judgement(
        rule_type, belief[rule_type], f"event_typer: classifier {verdict}, {rule_type} {p_rule:.2f}"
    )


def _abstention(
    rule_type: str,
    rule_confidence: float,
    probabilities: dict[str, float],
    similarity: float,
    *,
    frame: bool,
) -> Judgement | None:
    """Return the judgement when the classifier has no say, else None."""
    top = max(probabilities, key=lambda t: probabilities[t])
    if frame:
        return Judgement(
            rule_type,
            rule_confidence,
            "event_typer: modal, negated or complement frame, coded from the parse "
            f"(classifier not used; it reads the inner act as {top} {probabilities[top]:.2f})",
        )
    if rule_type not in probabilities:
        return Judgement(
            rule_type, rule_confidence, f"event_typer: no exemplar of {rule_type}; not re-scored"
        )
    if similarity < MIN_SIMILARITY:
        return Judgement(
            rule_type,
            rule_confidence * OUT_OF_DOMAIN_FACTOR,
            f"event_typer: no plausible type, no exemplar near this sentence "
            f"(cosine {similarity:.2f}); confidence x{OUT_OF_DOMAIN_FACTOR}",
        )
    return None


def _belief(
    rule_type: str, rule_confidence: float, probabilities: dict[str, float], *, weight: float
) -> dict[str, float]:
    """Return the normalised product of the rule coder's and the classifier's distributions."""
    c = min(max(rule_confidence, CONFIDENCE_FLOOR), 1 - CONFIDENCE_FLOOR)
    others = (1 - c) / max(len(probabilities) - 1, 1)
    belief = {t: p**weight * (c if t == rule_type else others) for t, p in probabilities.items()}
    total = sum(belief.values()) or 1.0
    return {t: b / total for t, b in belief.items()}


def in_frame(doc: Doc, event: Event) -> bool:
    """Return whether the trigger heads a modal, negated or complement frame.

    "will visit", "did not attack", "threatened to strike": the parse codes those; the
    embedding of the sentence only sees the inner act.
    """
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None:
        return False
    root = trigger.root
    return any(
        child.dep_ in FRAME_DEPS or (child.dep_ in ("aux", "auxpass") and child.lower_ in FRAME_AUX)
        for child in root.children
    ) or (root.dep_ == "xcomp" and root.head.pos_ in ("VERB", "ADJ"))


class EventTyperComponent(Component):
    """Re-score events with a sentence-embedding classifier (optional: the embeddings extra)."""

    name = "event_typer"
    reads = ("spacy", "events")
    writes = ("events.type", "events.mode", "events.codes", "events.confidence", "events.reason")

    def __init__(self, settings: Settings, *, encoder: SentenceEncoder | None = None) -> None:
        super().__init__(settings)
        if not 0.0 <= settings.event_typer_weight <= 1.0:
            raise UsageError(
                ErrorCode.W407,
                name="event_typer_weight",
                value=settings.event_typer_weight,
                detail="must be between 0 and 1",
            )
        self.ontology: Ontology = load_ontology(settings.ontology)
        self.encoder = encoder or SentenceEncoder(component=self.name)
        texts = [e.text for e in self.ontology.exemplars]
        self.exemplar_vectors = self.encoder.encode(texts)
        self.classifier: TypeClassifier = fit_type_classifier(
            self.exemplar_vectors, [e.type for e in self.ontology.exemplars]
        )

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = doc._.events or []
        if not events:
            return doc
        texts = [doc.text[e.sentence.start : e.sentence.end] for e in events]
        unique = list(dict.fromkeys(texts))
        vectors = self.encoder.encode(unique)
        probs = self.classifier.probabilities(vectors)
        similarity = (vectors @ self.exemplar_vectors.T).max(axis=1)
        row = {text: i for i, text in enumerate(unique)}
        for event, text in zip(events, texts, strict=True):
            i = row[text]
            judgement = combine(
                event.type,
                event.confidence,
                self._probabilities(probs[i]),
                float(similarity[i]),
                weight=self.settings.event_typer_weight,
                frame=in_frame(doc, event),
            )
            self._apply(event, judgement)
        return doc

    def _probabilities(self, row: NDArray[np.float64]) -> dict[str, float]:
        return {t: float(p) for t, p in zip(self.classifier.labels, row, strict=True)}

    def _apply(self, event: Event, judgement: Judgement) -> None:
        if judgement.type != event.type:
            modes = self.ontology.types[judgement.type].modes
            event.type = judgement.type
            event.mode = event.mode if event.mode in modes else None
            event.codes = self.ontology.codes(event.type, event.mode)
        event.confidence = round(judgement.confidence, 4)
        event.reason = f"{event.reason}; {judgement.reason}" if event.reason else judgement.reason
