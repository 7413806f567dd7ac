"""Scorers shared by the evaluation datasets: span P/R/F1, accuracy, macro-F1, distances.

Conventions used everywhere in ``wirecoder.eval``:

* Spans are ``(start, end, label)`` with character offsets, end exclusive.
* **Strict** span match: same start, same end, same label.
  **Partial** span match: the spans overlap by at least one character and have the same label.
  Matching is one-to-one (a gold span is credited once), so precision and recall never
  exceed 1 even when several predictions overlap one gold span.
* Precision with no predictions is 0, recall with no gold items is 0, and F1 is 0 when
  precision + recall is 0 (no division-by-zero surprises, no NaN in reports).
* Macro-F1 is the unweighted mean of per-label F1 over the labels that occur in the gold data
  (or the labels passed in explicitly).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

__all__ = [
    "PRF",
    "Span",
    "SpanMode",
    "accuracy",
    "haversine_km",
    "head_word",
    "macro_f1",
    "match_one_to_one",
    "normalise_phrase",
    "safe_div",
    "span_prf",
    "span_prf_by_label",
]

#: A labelled character span: (start, end, label), end exclusive.
Span = tuple[int, int, str]

SpanMode = Literal["strict", "partial"]
G = TypeVar("G")
P = TypeVar("P")


def safe_div(numerator: float, denominator: float) -> float:
    """Return numerator / denominator, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class PRF:
    """Counts of a precision/recall evaluation: true positives, predictions, gold items.

    ``tp_gold`` may differ from ``tp`` when a scorer credits gold and predicted items
    separately (e.g. several predicted strings matching one gold entity); by default both
    are the same number.
    """

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    tp_gold: int | None = None

    @property
    def precision(self) -> float:
        return safe_div(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return safe_div(self.tp if self.tp_gold is None else self.tp_gold, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return safe_div(2 * p * r, p + r)

    def __add__(self, other: PRF) -> PRF:
        mine = self.tp if self.tp_gold is None else self.tp_gold
        theirs = other.tp if other.tp_gold is None else other.tp_gold
        both_plain = self.tp_gold is None and other.tp_gold is None
        return PRF(
            tp=self.tp + other.tp,
            predicted=self.predicted + other.predicted,
            gold=self.gold + other.gold,
            tp_gold=None if both_plain else mine + theirs,
        )

    def metrics(self, prefix: str) -> dict[str, float]:
        """Return ``{prefix_p, prefix_r, prefix_f1}``."""
        return {f"{prefix}_p": self.precision, f"{prefix}_r": self.recall, f"{prefix}_f1": self.f1}


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_one_to_one(
    gold: Sequence[G], predicted: Sequence[P], matches: Callable[[G, P], bool]
) -> list[tuple[int, int]]:
    """Return (gold index, predicted index) pairs of a greedy one-to-one matching.

    Gold items are taken in order; each takes the first unused prediction that ``matches`` it.
    Greedy matching is exact for strict spans and a close, deterministic approximation of the
    maximum matching for overlap-based criteria.
    """
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in used and matches(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def span_prf(gold: Iterable[Span], predicted: Iterable[Span], *, mode: SpanMode = "strict") -> PRF:
    """Return the P/R/F1 counts of predicted labelled spans against gold spans.

    Duplicate spans (same start, end, label) count once on each side.
    """
    gold_set = sorted(set(gold))
    pred_set = sorted(set(predicted))
    if mode == "strict":
        tp = len(set(gold_set) & set(pred_set))
    else:
        tp = len(
            match_one_to_one(gold_set, pred_set, lambda g, p: g[2] == p[2] and _overlaps(g, p))
        )
    return PRF(tp=tp, predicted=len(pred_set), gold=len(gold_set))


def span_prf_by_label(
    gold: Iterable[Span], predicted: Iterable[Span], *, mode: SpanMode = "strict"
) -> dict[str, PRF]:
    """Return span P/R/F1 counts per label (every label seen in gold or predictions)."""
    gold_list, pred_list = list(gold), list(predicted)
    labels = sorted({s[2] for s in gold_list} | {s[2] for s in pred_list})
    return {
        label: span_prf(
            [s for s in gold_list if s[2] == label],
            [s for s in pred_list if s[2] == label],
            mode=mode,
        )
        for label in labels
    }


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Return the fraction of positions where the prediction equals the gold label."""
    if len(gold) != len(predicted):
        raise ValueError(f"accuracy: {len(gold)} gold labels but {len(predicted)} predictions")
    return safe_div(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


def macro_f1(
    gold: Sequence[Hashable],
    predicted: Sequence[Hashable],
    *,
    labels: Iterable[Hashable] | None = None,
) -> float:
    """Return the mean per-label F1 of a single-label classification.

    ``labels`` defaults to the labels that occur in ``gold``; a predicted label outside them
    still costs the gold label's recall but adds no class of its own.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"macro_f1: {len(gold)} gold labels but {len(predicted)} predictions")
    classes = list(dict.fromkeys(labels if labels is not None else gold))
    if not classes:
        return 0.0
    tp: Counter[Hashable] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            tp[g] += 1
    gold_n, pred_n = Counter(gold), Counter(predicted)
    scores = [PRF(tp=tp[c], predicted=pred_n[c], gold=gold_n[c]).f1 for c in classes]
    return sum(scores) / len(scores)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two points given in degrees."""
    radius = 6371.0088  # mean Earth radius (IUGG)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(a)))


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_ARTICLES = frozenset({"a", "an", "the"})
#: Words after which a noun phrase's head has already been seen ("commander OF the brigade").
_POST_HEAD = frozenset(
    {"of", "in", "at", "from", "for", "with", "on", "near", "who", "which", "that", "whose"}
)


def normalise_phrase(text: str) -> str:
    """Return ``text`` lower-cased, with words only, leading articles dropped, spaces collapsed."""
    words = [w.lower() for w in _WORD.findall(text)]
    while words and words[0] in _ARTICLES:
        words.pop(0)
    return " ".join(words)


def head_word(text: str) -> str:
    """Return the (lower-cased) head word of a noun phrase, by a simple English heuristic.

    The head is the last word before the first post-modifier (a preposition or relative
    pronoun such as "of", "in", "who"), or the last word if there is none:
    "the commander of the brigade" -> "commander"; "three Russian soldiers" -> "soldiers".
    Bracketed material is ignored ("ELN [army of national liberation] guerrillas" ->
    "guerrillas"). Returns "" when the text has no word.
    """
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    words = [w.lower() for w in _WORD.findall(text)]
    head = ""
    for word in words:
        if word in _POST_HEAD and head:
            break
        head = word
    return head
