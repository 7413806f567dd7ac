"""Calendar logic of wirecoder.timex: a table of boundary cases and property tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.timex import find_timexes
from wirecoder.timex.calendar import (
    add_months,
    interval_of_value,
    narrow,
    nearest_weekday,
    week_value,
)

D = date


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2021-03-03", D(2021, 3, 3), D(2021, 3, 3), "day"),
        ("2021-W10", D(2021, 3, 8), D(2021, 3, 14), "week"),
        ("2020-W53", D(2020, 12, 28), D(2021, 1, 3), "week"),  # ISO week across the new year
        ("2021-W01", D(2021, 1, 4), D(2021, 1, 10), "week"),
        ("2021-W10-WE", D(2021, 3, 13), D(2021, 3, 14), "week"),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29), "month"),  # leap year
        ("2021-02", D(2021, 2, 1), D(2021, 2, 28), "month"),
        ("2021-Q1", D(2021, 1, 1), D(2021, 3, 31), "quarter"),
        ("2021-Q4", D(2021, 10, 1), D(2021, 12, 31), "quarter"),
        ("2021-H2", D(2021, 7, 1), D(2021, 12, 31), "quarter"),
        ("2021-SU", D(2021, 6, 1), D(2021, 8, 31), "season"),
        ("2023-WI", D(2023, 12, 1), D(2024, 2, 29), "season"),  # winter runs into a leap February
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("198", D(1980, 1, 1), D(1989, 12, 31), "decade"),
        ("19", D(1900, 1, 1), D(1999, 12, 31), "century"),
        ("2021-03-03T09:00", D(2021, 3, 3), D(2021, 3, 3), "time"),
    ],
)
def test_interval_of_value(value: str, start: date, end: date, precision: str) -> None:
    assert interval_of_value(value) == ((start, end), precision)


@pytest.mark.parametrize("value", ["P3W", "PAST_REF", "XXXX-WXX-5", "2021-02-30", "2021-W54"])
def test_values_without_interval(value: str) -> None:
    assert interval_of_value(value) is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2021, 1, 31), 1, D(2021, 2, 28)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2021, 12, 15), 1, D(2022, 1, 15)),
        (D(2021, 1, 15), -1, D(2020, 12, 15)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("reference", "weekday", "direction", "expected"),
    [
        (
            D(2021, 3, 18),
            1,
            None,
            D(2021, 3, 16),
        ),  # Thursday paper, "on Tuesday": the Tuesday before
        (D(2021, 3, 18), 3, None, D(2021, 3, 18)),  # the same weekday: the publication day
        (D(2021, 3, 18), 3, "strict-past", D(2021, 3, 11)),  # "last Thursday"
        (D(2021, 3, 18), 0, "future", D(2021, 3, 22)),
        (D(2021, 1, 1), 3, None, D(2020, 12, 31)),  # across the new year
        (D(2020, 3, 1), 5, None, D(2020, 2, 29)),  # across a leap day
    ],
)
def test_nearest_weekday(
    reference: date, weekday: int, direction: str | None, expected: date
) -> None:
    assert nearest_weekday(reference, weekday, direction=direction) == expected


@pytest.mark.parametrize(
    ("text", "reference", "value", "start", "end"),
    [
        ("last week", D(2021, 3, 15), "2021-W10", D(2021, 3, 8), D(2021, 3, 14)),
        ("last week", D(2021, 1, 5), "2020-W53", D(2020, 12, 28), D(2021, 1, 3)),
        ("last month", D(2021, 1, 10), "2020-12", D(2020, 12, 1), D(2020, 12, 31)),
        ("last month", D(2020, 3, 31), "2020-02", D(2020, 2, 1), D(2020, 2, 29)),
        ("yesterday", D(2021, 3, 1), "2021-02-28", D(2021, 2, 28), D(2021, 2, 28)),
        ("yesterday", D(2020, 3, 1), "2020-02-29", D(2020, 2, 29), D(2020, 2, 29)),
        ("tomorrow", D(2021, 12, 31), "2022-01-01", D(2022, 1, 1), D(2022, 1, 1)),
        ("two days ago", D(2021, 1, 1), "2020-12-30", D(2020, 12, 30), D(2020, 12, 30)),
        ("a year ago", D(2020, 2, 29), "2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("last year", D(2021, 1, 1), "2020", D(2020, 1, 1), D(2020, 12, 31)),
        ("next year", D(2021, 12, 31), "2022", D(2022, 1, 1), D(2022, 12, 31)),
        ("this week", D(2021, 1, 3), "2020-W53", D(2020, 12, 28), D(2021, 1, 3)),
        ("last winter", D(2021, 4, 10), "2020-WI", D(2020, 12, 1), D(2021, 2, 28)),
        ("Dec. 30", D(2021, 1, 4), "2020-12-30", D(2020, 12, 30), D(2020, 12, 30)),
        ("Jan. 3", D(2020, 12, 28), "2021-01-03", D(2021, 1, 3), D(2021, 1, 3)),
        ("Feb. 29", D(2020, 3, 2), "2020-02-29", D(2020, 2, 29), D(2020, 2, 29)),
        ("the past week", D(2021, 3, 15), "P1W", D(2021, 3, 9), D(2021, 3, 15)),
    ],
)
def test_relative_values(text: str, reference: date, value: str, start: date, end: date) -> None:
    (timex,) = find_timexes(text, reference=reference)
    assert (timex.value, timex.start_date, timex.end_date) == (value, start, end)


_DATES = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))
_PHRASES = st.sampled_from(
    ["last week", "this week", "next week", "last month", "this month", "last year", "yesterday",
     "today", "tomorrow", "on Tuesday", "on Sunday", "two days ago", "three weeks ago",
     "six months ago", "earlier this year", "late last year", "early this month", "last summer",
     "this winter", "the past two weeks", "the next three months", "last Friday", "in March",
     "on March 3", "the third quarter", "the weekend", "Christmas", "Thanksgiving", "the 1990s"]
)  # fmt: skip


@given(reference=_DATES, phrase=_PHRASES)
def test_intervals_are_ordered_and_non_empty(reference: date, phrase: str) -> None:
    for timex in find_timexes(f"It happened {phrase}.", reference=reference):
        assert timex.start_date is not None and timex.end_date is not None
        assert timex.start_date <= timex.end_date


@given(day=st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_day_value_interval_contains_the_day(day: date) -> None:
    span, precision = interval_of_value(day.isoformat()) or ((None, None), None)
    assert precision == "day" and span == (day, day)
    week = interval_of_value(week_value(day))
    assert week is not None and week[0][0] <= day <= week[0][1]


@given(day=_DATES, mod=st.sampled_from(["START", "MID", "END", None]))
def test_narrowed_interval_stays_inside(day: date, mod: str | None) -> None:
    span = (day, day + timedelta(days=400))
    start, end = narrow(span, mod)
    assert span[0] <= start <= end <= span[1]
