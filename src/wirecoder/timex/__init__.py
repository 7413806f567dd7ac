"""Temporal expressions: detection in plain text and normalisation against a reference date.

Pure calendar logic, no spaCy::

    >>> from datetime import date
    >>> [t.value for t in find_timexes("He left last week.", reference=date(2021, 3, 15))]
    ['2021-W10']

:func:`find_timexes` is detection (:mod:`.grammar`) followed by :func:`normalise` (the handlers
of :mod:`.resolve` and the intervals of :mod:`.calendar`). The pipeline component
``wirecoder.nlp.times`` calls the two steps itself so that it can give each expression the
tense of its verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..records import Precision
from . import calendar as cal
from .grammar import MONTH, WEEKDAY, Candidate, detect
from .resolve import Context, Reading, read, shift

__all__ = [
    "Candidate",
    "Context",
    "Timex",
    "anchor_clock_times",
    "detect",
    "find_timexes",
    "interval_of",
    "normalise",
    "quarter_anaphora",
]

_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?)(WE|DE|CE|[SMHDWQY])$")
_DURATION_UNITS = {"D": "day", "W": "week", "WE": "week", "M": "month", "Q": "quarter",
                   "Y": "year", "DE": "decade", "CE": "century", "H": "hour", "S": "second"}  # fmt: skip
_PRECISION = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH,
              "quarter": Precision.QUARTER, "year": Precision.YEAR, "decade": Precision.DECADE,
              "century": Precision.CENTURY, "hour": Precision.TIME, "minute": Precision.TIME,
              "second": Precision.TIME}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised temporal expression: extent, TIMEX3 value and type, interval, precision."""

    start: int
    end: int
    text: str
    value: str | None
    type: str
    mod: str | None
    start_date: date | None
    end_date: date | None
    precision: str
    rule: str


def _duration_interval(value: str, anchor: str, reference: date) -> tuple[cal.Interval, str] | None:
    m = _DURATION.match(value)
    if not m:
        return None
    unit = "minute" if m[1] and m[3] == "M" else _DURATION_UNITS[m[3]]
    amount = float(m[2])
    if anchor == "past":
        span = (shift(reference, unit, -amount) + timedelta(days=1), reference)
    else:
        span = (reference, shift(reference, unit, amount) - timedelta(days=1))
    span = (min(span), max(span))
    return span, _PRECISION.get(unit, Precision.UNKNOWN)


def _clip(span: cal.Interval, clip: str | None, reference: date | None) -> cal.Interval:
    if reference is None or clip is None or not span[0] <= reference <= span[1]:
        return span
    return (span[0], reference) if clip == "before" else (reference, span[1])


def interval_of(reading: Reading, reference: date | None) -> tuple[cal.Interval | None, str]:
    """Return the inclusive interval and precision of a reading (None when it names none)."""
    if reading.value == "PRESENT_REF" and reference:
        return (reference, reference), Precision.DAY
    if reading.anchor and reference and reading.type == "DURATION":
        found = _duration_interval(reading.value, reading.anchor, reference)
        return found if found else (None, Precision.UNKNOWN)
    if reading.type not in {"DATE", "TIME"}:
        return None, Precision.UNKNOWN
    parsed = cal.interval_of_value(reading.value)
    if parsed is None:
        return None, Precision.UNKNOWN
    span, precision = parsed
    return _clip(cal.narrow(span, reading.mod), reading.clip, reference), precision


def normalise(
    candidate: Candidate, *, reference: date | None, direction: str | None = None
) -> Timex:
    """Return the normalised form of a detected expression (value None if it stays unresolved)."""
    reading = read(candidate, Context(reference, direction))
    if reading is None:
        return Timex(candidate.start, candidate.end, candidate.text, None, "DATE", None, None,
                     None, Precision.UNKNOWN, candidate.rule)  # fmt: skip
    span, precision = interval_of(reading, reference)
    return Timex(
        start=candidate.start,
        end=candidate.end,
        text=candidate.text,
        value=reading.value,
        type=reading.type,
        mod=reading.mod,
        start_date=span[0] if span else None,
        end_date=span[1] if span else None,
        precision=precision,
        rule=candidate.rule,
    )


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_BACK = re.compile(
    r"^(?:a|one)\s+year\s+(?:ago|earlier)$|^year-(?:earlier|ago)$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?]\s")


def quarter_anaphora(timexes: list[Timex], text: str) -> list[Timex]:
    """Return ``timexes`` where "a year ago/earlier" after a quarter in the same sentence names
    that quarter a year before, as in earnings reports ("third-quarter profit rose from a year
    earlier")."""
    out: list[Timex] = []
    for timex in timexes:
        quarter = next((t for t in reversed(out) if _QUARTER_VALUE.match(t.value or "")), None)
        if (
            quarter
            and _YEAR_BACK.match(timex.text)
            and not _SENTENCE_END.search(text[quarter.end : timex.start])
        ):
            m = _QUARTER_VALUE.match(quarter.value or "")
            assert m is not None
            value = f"{int(m[1]) - 1:04d}-Q{m[2]}"
            span, precision = interval_of(Reading(value), None)
            timex = replace(timex, value=value, start_date=span[0] if span else None,
                            end_date=span[1] if span else None, precision=precision)  # fmt: skip
        out.append(timex)
    return out


#: a clock time that names its own day: "9 a.m. Tuesday", "noon yesterday", "5 p.m. Nov. 9"
#: (the clock rule's own day parts, so that its text has a day exactly when the rule read one)
_OWN_DAY = re.compile(
    rf"\b{WEEKDAY}\b|\b(?:today|yesterday|tomorrow)\b|{MONTH}\s+\d", re.IGNORECASE
)
_CLOCK_VALUE = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)$")
_DAY_VALUE = re.compile(r"^(\d{4}-\d\d-\d\d)(?:T(NI|EV|AF|MO|\d\d:\d\d))?$")


def anchor_clock_times(timexes: list[Timex]) -> list[Timex]:
    """Return ``timexes`` where a bare clock time takes the day last named before it.

    "An air strike killed 11 people on Sunday afternoon. Residents said a jet dropped two bombs
    shortly after 3 p.m." is 3 p.m. on Sunday, not on the publication day. After a night
    ("overnight", "the previous night") an hour before six is the next morning. A clock time
    with a day of its own ("9 a.m. Tuesday") and one before any named day keep theirs.
    """
    out: list[Timex] = []
    day: tuple[date, str | None] | None = None
    for timex in timexes:
        clock = _CLOCK_VALUE.match(timex.value or "")
        if timex.rule == "clock" and clock and day is not None and not _OWN_DAY.search(timex.text):
            anchor = day[0]
            if day[1] == "NI" and int(clock[2]) < 6:
                anchor += timedelta(days=1)
            if anchor.isoformat() != clock[1]:
                timex = replace(timex, value=f"{anchor.isoformat()}T{clock[2]}:{clock[3]}",
                                start_date=anchor, end_date=anchor)  # fmt: skip
        named = _DAY_VALUE.match(timex.value or "")
        if named and (timex.rule != "clock" or _OWN_DAY.search(timex.text)):
            day = (date.fromisoformat(named[1]), named[2])
        out.append(timex)
    return out


def find_timexes(text: str, *, reference: date | None, direction: str | None = None) -> list[Timex]:
    """Return the temporal expressions of ``text``, normalised against ``reference``."""
    found = [normalise(c, reference=reference, direction=direction) for c in detect(text)]
    return anchor_clock_times(quarter_anaphora(found, text))
