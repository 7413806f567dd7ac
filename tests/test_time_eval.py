"""The TempEval-3 scorer and TimeML reader on tiny hand-made cases with exact numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirecoder.eval.tempeval import GoldTimex, TimexScore, read_tml, score_timexes

G = GoldTimex


def test_perfect_match() -> None:
    gold = [G(0, 9, "2021-W10", "DATE")]
    m = score_timexes(list(gold), gold).metrics()
    assert m["extent_strict_f1"] == 1.0 and m["value_accuracy"] == 1.0 and m["value_f1"] == 1.0


def test_relaxed_partial_and_wrong_value() -> None:
    gold = [
        G(0, 9, "2021-W10", "DATE"),
        G(20, 27, "2021-03-16", "DATE"),
        G(40, 45, "P3W", "DURATION"),
    ]
    system = [
        G(0, 9, "2021-W10", "DATE"),  # strict match, right value
        G(17, 27, "2021-03-09", "DATE"),  # overlaps only: relaxed match, wrong value
        G(60, 64, "2021", "DATE"),  # spurious
    ]
    score = score_timexes(system, gold)
    assert (score.strict, score.relaxed, score.value_correct, score.type_correct) == (1, 2, 1, 2)
    m = score.metrics()
    assert m["extent_strict_precision"] == pytest.approx(1 / 3)
    assert m["extent_strict_recall"] == pytest.approx(1 / 3)
    assert m["extent_relaxed_precision"] == pytest.approx(2 / 3)
    assert m["extent_relaxed_recall"] == pytest.approx(2 / 3)
    assert m["extent_relaxed_f1"] == pytest.approx(2 / 3)
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value_f1"] == pytest.approx(1 / 3)
    assert m["type_accuracy"] == 1.0


def test_one_to_one_pairs() -> None:
    gold = [G(0, 10, "2021", "DATE")]
    system = [G(0, 4, "2021", "DATE"), G(5, 10, "2021", "DATE")]
    score = score_timexes(system, gold)
    assert (score.relaxed, score.system, score.gold) == (1, 2, 1)


def test_empty_is_zero_not_error() -> None:
    m = TimexScore().metrics()
    assert m["extent_relaxed_f1"] == 0.0 and m["value_accuracy"] == 0.0


def test_read_tml_offsets(tmp_path: Path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-18" '
        'functionInDocument="CREATION_TIME">20210318</TIMEX3></DCT><TEXT>Troops '
        '<EVENT eid="e1">left</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-W10">last '
        "week</TIMEX3>.</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = read_tml(tml)
    assert doc.text == "Troops left last week."
    assert doc.dct == date(2021, 3, 18)
    (gold,) = doc.timexes
    assert doc.text[gold.start : gold.end] == "last week" and gold.value == "2021-W10"
