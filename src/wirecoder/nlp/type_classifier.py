"""A calibrated PLOVER type classifier over sentence embeddings, trained on the exemplars.

The classifier is multinomial logistic regression (softmax) with an L2 penalty, fitted by
full-batch gradient descent from zeros, so the same exemplars always give the same weights.
It is small (16 x 385 numbers) and is trained when the component loads (well under a second
once the exemplars are embedded), so no weights file is shipped.

Calibration is temperature scaling: the exemplars are split into ``folds`` folds (by position,
every type spread over the folds), a model is fitted on the other folds, and the temperature
that minimises the negative log-likelihood of the out-of-fold logits is kept.
:func:`expected_calibration_error` gives the ECE used to report calibration.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["TypeClassifier", "expected_calibration_error", "fit_type_classifier"]

log = logging.getLogger(__name__)

FloatArray = NDArray[np.float64]
TEMPERATURES = np.exp(np.linspace(np.log(0.05), np.log(5.0), 200))


@dataclass(frozen=True)
class TypeClassifier:
    """Softmax weights over the types, and the temperature that calibrates them."""

    labels: tuple[str, ...]
    weights: FloatArray  # (dimension, len(labels))
    bias: FloatArray  # (len(labels),)
    temperature: float
    cv_accuracy: float  # out-of-fold accuracy on the exemplars
    cv_ece: float  # out-of-fold ECE after temperature scaling

    def probabilities(self, vectors: NDArray[np.floating]) -> FloatArray:
        """Return calibrated type probabilities, one row per vector, columns as ``labels``."""
        return _softmax(self.logits(vectors) / self.temperature)

    def logits(self, vectors: NDArray[np.floating]) -> FloatArray:
        """Return the uncalibrated scores, one row per vector."""
        return np.asarray(vectors, dtype=np.float64) @ self.weights + self.bias


def _softmax(logits: FloatArray) -> FloatArray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def _fit_softmax(
    x: FloatArray, y: NDArray[np.int_], n_labels: int, *, l2: float, steps: int, rate: float
) -> tuple[FloatArray, FloatArray]:
    """Return (weights, bias) of L2-penalised softmax regression, by gradient descent."""
    weights = np.zeros((x.shape[1], n_labels))
    bias = np.zeros(n_labels)
    onehot = np.eye(n_labels)[y]
    for _ in range(steps):
        grad = (_softmax(x @ weights + bias) - onehot) / len(x)
        weights -= rate * (x.T @ grad + l2 * weights)
        bias -= rate * grad.sum(axis=0)
    return weights, bias


def _nll(logits: FloatArray, y: NDArray[np.int_], temperature: float) -> float:
    probs = _softmax(logits / temperature)
    return float(-np.log(probs[np.arange(len(y)), y] + 1e-12).mean())


def _out_of_fold_logits(
    x: FloatArray,
    y: NDArray[np.int_],
    n_labels: int,
    *,
    folds: int,
    l2: float,
    steps: int,
    rate: float,
) -> FloatArray:
    # stratified by position: the i-th exemplar of each type goes to fold i mod folds
    rank = np.zeros(len(y), dtype=int)
    seen: dict[int, int] = {}
    for i, label in enumerate(y):
        rank[i] = seen.get(int(label), 0)
        seen[int(label)] = rank[i] + 1
    fold_of = rank % folds
    logits = np.zeros((len(y), n_labels))
    for fold in range(folds):
        test = fold_of == fold
        weights, bias = _fit_softmax(x[~test], y[~test], n_labels, l2=l2, steps=steps, rate=rate)
        logits[test] = x[test] @ weights + bias
    return logits


def fit_type_classifier(
    vectors: NDArray[np.floating],
    types: Sequence[str],
    *,
    folds: int = 5,
    l2: float = 1e-3,
    steps: int = 300,
    rate: float = 2.0,
) -> TypeClassifier:
    """Return a classifier fitted on all exemplars, calibrated by cross-validation."""
    labels = tuple(sorted(set(types)))
    x = np.asarray(vectors, dtype=np.float64)
    y = np.array([labels.index(t) for t in types])
    oof = _out_of_fold_logits(x, y, len(labels), folds=folds, l2=l2, steps=steps, rate=rate)
    temperature = float(min(TEMPERATURES, key=lambda t: _nll(oof, y, float(t))))
    probs = _softmax(oof / temperature)
    cv_accuracy = float((probs.argmax(axis=1) == y).mean())
    cv_ece = expected_calibration_error(probs.max(axis=1), probs.argmax(axis=1) == y)
    weights, bias = _fit_softmax(x, y, len(labels), l2=l2, steps=steps, rate=rate)
    log.info(
        "type classifier: %d exemplars, %d types, T=%.3f, CV accuracy %.3f, CV ECE %.3f",
        len(y),
        len(labels),
        temperature,
        cv_accuracy,
        cv_ece,
    )
    return TypeClassifier(labels, weights, bias, temperature, cv_accuracy, cv_ece)


def expected_calibration_error(
    confidences: Sequence[float] | NDArray[np.floating],
    correct: Sequence[bool] | NDArray[np.bool_],
    *,
    bins: int = 10,
) -> float:
    """Return the ECE: the mean |accuracy - confidence| over equal-width bins, by bin size."""
    conf = np.asarray(confidences, dtype=np.float64)
    hits = np.asarray(correct, dtype=np.float64)
    if conf.size == 0:
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            total += members.sum() * abs(hits[members].mean() - conf[members].mean())
    return float(total / conf.size)
