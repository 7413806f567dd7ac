"""The shared scorers, on tiny hand-made cases with exact expected numbers."""

from __future__ import annotations

import math

import pytest

from wirecoder.eval.scoring import (
    PRF,
    accuracy,
    haversine_km,
    head_word,
    macro_f1,
    match_one_to_one,
    normalise_phrase,
    safe_div,
    span_prf,
    span_prf_by_label,
)


def test_prf_values_and_zero_cases() -> None:
    prf = PRF(tp=2, predicted=4, gold=5)
    assert prf.precision == 0.5
    assert prf.recall == 0.4
    assert prf.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    empty = PRF()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert safe_div(1, 0) == 0.0


def test_prf_addition_and_metrics() -> None:
    total = PRF(tp=1, predicted=2, gold=2) + PRF(tp=1, predicted=2, gold=3)
    assert total == PRF(tp=2, predicted=4, gold=5)
    assert total.metrics("x") == {"x_p": 0.5, "x_r": 0.4, "x_f1": pytest.approx(4 / 9)}


def test_prf_separate_gold_credit() -> None:
    prf = PRF(tp=3, predicted=3, gold=4, tp_gold=2)
    assert prf.precision == 1.0
    assert prf.recall == 0.5
    assert (prf + PRF(tp=1, predicted=1, gold=1)).recall == 0.6


def test_span_prf_strict() -> None:
    gold = [(0, 5, "PER"), (10, 15, "ORG"), (20, 25, "LOC")]
    pred = [(0, 5, "PER"), (10, 15, "LOC"), (30, 35, "LOC")]
    prf = span_prf(gold, pred, mode="strict")
    assert (prf.tp, prf.predicted, prf.gold) == (1, 3, 3)


def test_span_prf_partial_is_one_to_one() -> None:
    gold = [(0, 10, "ORG")]
    pred = [(0, 4, "ORG"), (5, 10, "ORG")]  # two predictions overlap one gold span
    prf = span_prf(gold, pred, mode="partial")
    assert (prf.tp, prf.predicted, prf.gold) == (1, 2, 1)
    assert prf.precision == 0.5 and prf.recall == 1.0


def test_span_prf_partial_needs_same_label_and_overlap() -> None:
    gold = [(0, 10, "ORG"), (20, 30, "PER")]
    pred = [(9, 12, "ORG"), (10, 20, "PER")]  # touching (10 vs 20) is no overlap
    prf = span_prf(gold, pred, mode="partial")
    assert prf.tp == 1


def test_span_prf_duplicates_count_once() -> None:
    prf = span_prf([(0, 1, "A")], [(0, 1, "A"), (0, 1, "A")])
    assert (prf.tp, prf.predicted, prf.gold) == (1, 1, 1)


def test_span_prf_by_label() -> None:
    gold = [(0, 5, "PER"), (10, 15, "ORG")]
    pred = [(0, 5, "PER"), (10, 15, "PER")]
    by_label = span_prf_by_label(gold, pred)
    assert by_label["PER"] == PRF(tp=1, predicted=2, gold=1)
    assert by_label["ORG"] == PRF(tp=0, predicted=0, gold=1)


def test_match_one_to_one_is_greedy_in_gold_order() -> None:
    pairs = match_one_to_one([1, 2], [2, 1, 1], lambda g, p: g == p)
    assert pairs == [(0, 1), (1, 0)]


def test_accuracy_and_length_check() -> None:
    assert accuracy(["a", "b", "c", "d"], ["a", "b", "x", "x"]) == 0.5
    assert accuracy([], []) == 0.0
    with pytest.raises(ValueError):
        accuracy(["a"], [])


def test_macro_f1() -> None:
    gold = ["A", "A", "B", "B"]
    pred = ["A", "B", "B", "B"]
    # A: P 1/1, R 1/2 -> F1 2/3; B: P 2/3, R 2/2 -> F1 0.8
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 0.8) / 2)


def test_macro_f1_with_explicit_labels() -> None:
    # C never occurs and is never predicted: F1 0 pulls the mean down
    assert macro_f1(["A"], ["A"], labels=["A", "C"]) == 0.5
    assert macro_f1([], []) == 0.0


def test_haversine_km() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
    one_degree = 2 * math.pi * 6371.0088 / 360
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(one_degree)
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(one_degree)
    assert haversine_km(90.0, 0.0, -90.0, 0.0) == pytest.approx(math.pi * 6371.0088)


def test_normalise_phrase() -> None:
    assert normalise_phrase("The  Army, of X!") == "army of x"
    assert normalise_phrase("  ") == ""


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("the commander of the brigade", "commander"),
        ("three Russian soldiers", "soldiers"),
        ("ELN [army of national liberation] guerrillas", "guerrillas"),
        ("peasants who lived there", "peasants"),
        ("of", "of"),
        ("", ""),
    ],
)
def test_head_word(text: str, head: str) -> None:
    assert head_word(text) == head
