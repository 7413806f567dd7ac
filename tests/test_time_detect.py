"""Detection and normalisation of temporal expressions (wirecoder.timex), without spaCy."""

from __future__ import annotations

from datetime import date

import pytest

from wirecoder.timex import detect, find_timexes

REF = date(2021, 3, 18)  # a Thursday


@pytest.mark.parametrize(
    ("text", "extent", "value", "type_"),
    [
        ("Talks began on 3 Jan 90 in the capital.", "3 Jan 90", "1990-01-03", "DATE"),
        ("Talks began on March 3rd, 2021 in the capital.", "March 3rd, 2021", "2021-03-03", "DATE"),
        ("Talks began on 2021-03-03 in the capital.", "2021-03-03", "2021-03-03", "DATE"),
        ("Rebels attacked the town last week.", "last week", "2021-W10", "DATE"),
        ("Prices rose in the past month.", "the past month", "P1M", "DURATION"),
        ("The convoy left two days ago.", "two days ago", "2021-03-16", "DATE"),
        ("The convoy left on Tuesday.", "Tuesday", "2021-03-16", "DATE"),
        ("Shelling resumed earlier this year.", "earlier this year", "2021", "DATE"),
        ("The army withdrew late last year.", "late last year", "2020", "DATE"),
        ("Gunfire was heard the previous night.", "the previous night", "2021-03-17TNI", "TIME"),
        ("The group has fought since 2014.", "2014", "2014", "DATE"),
        ("The siege lasted for three weeks.", "three weeks", "P3W", "DURATION"),
        ("Protesters gather every Friday.", "every Friday", "XXXX-WXX-5", "SET"),
        ("Troops arrived during last week.", "last week", "2021-W10", "DATE"),
        ("The ceasefire holds now.", "now", "PRESENT_REF", "DATE"),
        ("Elections are due in the 1990s.", "the 1990s", "199", "DATE"),
        ("Profit fell in the first quarter.", "the first quarter", "2021-Q1", "DATE"),
        # a quarter not yet begun, named early in the year: last year's (earnings reports)
        ("Profit fell in the fourth quarter.", "the fourth quarter", "2020-Q4", "DATE"),
        ("The five-year plan failed.", "five-year", "P5Y", "DURATION"),
        ("A blast at 9 a.m. Tuesday killed two.", "9 a.m. Tuesday", "2021-03-16T09:00", "TIME"),
        ("Fighting stopped nearly two weeks ago.", "nearly two weeks ago", "2021-W09", "DATE"),
        ("They met this summer.", "this summer", "2021-SU", "DATE"),
    ],
)
def test_extent_value_type(text: str, extent: str, value: str, type_: str) -> None:
    (timex,) = find_timexes(text, reference=REF)
    assert (timex.text, timex.value, timex.type) == (extent, value, type_)
    assert text[timex.start : timex.end] == extent


@pytest.mark.parametrize(
    "text",
    [
        "The 6-year-old boy was unhurt.",
        "They may march on the palace.",
        "The fall of the city shocked observers.",
        "He paid $1990 for the car.",
        "A second attempt failed.",
    ],
)
def test_no_false_alarm(text: str) -> None:
    assert detect(text) == []


def test_tense_decides_past_or_future() -> None:
    (past,) = find_timexes("in May", reference=date(2021, 3, 18), direction="past")
    (future,) = find_timexes("in May", reference=date(2021, 3, 18), direction="future")
    assert (past.value, future.value) == ("2020-05", "2021-05")
    (monday,) = find_timexes("on Monday", reference=REF, direction="future")
    assert monday.value == "2021-03-22"


def test_no_reference_leaves_relative_expressions_unresolved() -> None:
    absolute, relative = find_timexes("On 3 March 2021 and last week.", reference=None)
    assert absolute.value == "2021-03-03"
    assert relative.value is None and relative.start_date is None


def test_quarter_anaphora() -> None:
    text = "Third-quarter profit fell from a year earlier."
    quarter, year_back = find_timexes(text, reference=date(1999, 11, 2))
    assert (quarter.value, year_back.value) == ("1999-Q3", "1998-Q3")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a bare clock time is on the day last named, not on the publication day
        (
            "A strike killed 11 people on Sunday afternoon. A jet dropped two bombs after 3 p.m.",
            ["2024-03-03", "2024-03-03T15:00"],
        ),
        # after a night, an hour before six is the next morning
        (
            "Police arrested nine men in raids the previous night, starting at about 2 a.m.",
            ["2024-03-04TNI", "2024-03-05T02:00"],
        ),
        (
            "Shelling hit the town the previous night, shortly before midnight.",
            ["2024-03-04TNI", "2024-03-04T24:00"],
        ),
        # a clock time with its own day, or before any day, keeps its own
        (
            "On Sunday the talks failed; the deadline is 9 a.m. Tuesday.",
            ["2024-03-03", "2024-03-05T09:00"],
        ),
        (
            "The men walked in around 7:15 p.m. and left on Sunday.",
            ["2024-03-05T19:15", "2024-03-03"],
        ),
    ],
)
def test_bare_clock_time_takes_the_day_last_named(text: str, values: list[str]) -> None:
    found = find_timexes(text, reference=date(2024, 3, 5))  # a Tuesday
    assert [t.value for t in found] == values


def test_ids_follow_text_order() -> None:
    found = detect("Yesterday and today and tomorrow.")
    assert [c.text for c in found] == ["Yesterday", "today", "tomorrow"]
