"""Calendar arithmetic: TIMEX3 values <-> inclusive date intervals, shifts that respect month ends.

Everything here is pure and total on valid input; the interval of a value is always non-empty
and ordered (``start <= end``).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from ..records import Precision

__all__ = [
    "SEASONS",
    "Interval",
    "add_months",
    "add_years",
    "interval_of_value",
    "last_completed_quarter",
    "narrow",
    "nearest_weekday",
    "quarter_of",
    "week_value",
]

Interval = tuple[date, date]

#: TIMEX3 season codes -> (first month, last month); winter runs into the next year.
SEASONS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def add_months(day: date, months: int) -> date:
    """Return ``day`` shifted by ``months``, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """Return ``day`` shifted by ``years`` (29 February becomes 28 February in common years)."""
    return add_months(day, 12 * years)


def quarter_of(day: date) -> int:
    """Return the quarter (1..4) that ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def last_completed_quarter(day: date) -> tuple[int, int]:
    """Return (year, quarter) of the last quarter that ended before ``day``."""
    year, quarter = day.year, quarter_of(day) - 1
    return (year - 1, 4) if quarter == 0 else (year, quarter)


def week_value(day: date) -> str:
    """Return the ISO week value of ``day``, e.g. ``2021-W09``."""
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def nearest_weekday(reference: date, weekday: int, *, direction: str | None) -> date:
    """Return the ``weekday`` (0 = Monday) nearest ``reference`` in ``direction``.

    ``direction`` is "past" (the last such day before the reference), "future" (the next one
    after it) or None (the last one before it: news reports mostly look back). The reference
    itself is returned when it is that weekday ("said Friday" in Friday's paper), except for
    "strict-past" ("last Friday").
    """
    back = (reference.weekday() - weekday) % 7
    if back == 0 and direction != "strict-past":
        return reference
    if direction == "future":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if direction in {"past", "strict-past"}:
        return reference - timedelta(days=back or 7)
    return reference - timedelta(days=back)


def _month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _season_interval(year: int, code: str) -> Interval:
    first, last = SEASONS[code]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), date(end_year, last, monthrange(end_year, last)[1])


def _week_interval(year: int, week: int, weekend: bool) -> Interval | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if weekend:
        return monday + timedelta(days=5), monday + timedelta(days=6)
    return monday, monday + timedelta(days=6)


def _parse_interval(value: str) -> tuple[Interval, Precision] | None:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return (day, day), Precision.TIME if m[4] else Precision.DAY
    if m := _WEEK.match(value):
        span = _week_interval(int(m[1]), int(m[2]), bool(m[3]))
        return (span, Precision.WEEK) if span else None
    if m := _MONTH.match(value):
        return _month_interval(int(m[1]), int(m[2])), Precision.MONTH
    if m := _QUARTER.match(value):
        year, q = int(m[1]), int(m[2])
        return (
            _month_interval(year, 3 * q - 2)[0],
            _month_interval(year, 3 * q)[1],
        ), Precision.QUARTER
    if m := _HALF.match(value):
        year, h = int(m[1]), int(m[2])
        return (
            _month_interval(year, 6 * h - 5)[0],
            _month_interval(year, 6 * h)[1],
        ), Precision.QUARTER
    if m := _SEASON.match(value):
        return _season_interval(int(m[1]), m[2]), Precision.SEASON
    if m := _YEAR.match(value):
        year = int(m[1])
        return (date(year, 1, 1), date(year, 12, 31)), Precision.YEAR
    if m := _DECADE.match(value):
        first = int(m[1]) * 10
        return (date(max(first, 1), 1, 1), date(first + 9, 12, 31)), Precision.DECADE
    if m := _CENTURY.match(value):
        first = int(m[1]) * 100
        return (date(max(first, 1), 1, 1), date(first + 99, 12, 31)), Precision.CENTURY
    return None


def interval_of_value(value: str) -> tuple[Interval, Precision] | None:
    """Return the inclusive interval and precision that a calendar TIMEX3 value names.

    Values that name no fixed interval (durations, sets, ``PAST_REF``, values with X) give None.
    """
    try:
        return _parse_interval(value)
    except ValueError:  # a day that does not exist, such as 2021-02-30
        return None


def narrow(span: Interval, mod: str | None) -> Interval:
    """Return the part of ``span`` that a START/MID/END modifier ("early", "mid", "late") names.

    The interval is cut in thirds; an interval shorter than three days is returned as it is.
    """
    start, end = span
    length = (end - start).days + 1
    if mod not in {"START", "MID", "END"} or length < 3:
        return span
    third = length // 3
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "END":
        return end - timedelta(days=third - 1), end
    return start + timedelta(days=third), end - timedelta(days=third)
