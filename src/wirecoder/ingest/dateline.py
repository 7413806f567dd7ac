"""Datelines: the "PLACE, DATE (OUTLET) --" that opens wire copy.

Handled shapes (place in capitals unless an outlet in brackets follows it)::

    MOSUL, Iraq, March 15 (Reuters) -        BAGHDAD, March 3, 2021 (AP) —
    SAN SALVADOR, 3 JAN 90 --                KANO, Nigeria, 3 JAN 2024 --
    ROME (ITALY), 11 JAN 90 (ANSA) --        LONDON (Reuters) -
    BOGOTA, 18 APRIL 89 (AFP) --             PERTH (AUSTRALIA), JUNE 11 89 (AFP) --
    CLANDESTINE, NO DATE (RADIO X) --        NO CITY (EL SALVADOR), 5 FEB 89 --
    WASHINGTON — (place only, capitals, at the very start)

Only the first paragraph, at most the first 300 characters, is searched, from the start of a
line (so an id line such as "DEV-MUC3-0001 (NOSC)" before the dateline does no harm).

Years: a two-digit year ``yy`` is 2000+yy when yy < 50, else 1900+yy ("3 JAN 90" is 1990).
A date without a year takes its year from ``reference`` (usually the publication date): the
latest date with that month and day that is no later than ``reference`` plus two days (the
grace covers time zones and datelines written the day before publication). Without a
reference the date stays None. An impossible date (31 FEB) gives date None, place kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["NON_PLACES", "Dateline", "parse_dateline", "two_digit_year"]

#: Dateline "places" that name no place.
NON_PLACES = frozenset({"CLANDESTINE", "NO CITY", "NO PLACE", "UNDATED"})

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WORD = r"[^\W\d_][\w.'’&-]*"
_NAME = rf"{_WORD}(?:[ ]{_WORD}){{0,4}}"
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_DATE = rf"""
    (?P<date>
        (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?
      | (?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>{_YEAR}))?
      | NO[ ]DATE
    )"""
_DATELINE = re.compile(
    rf"""
    ^[ \t]*
    (?P<place>{_NAME})
    (?:[ \t]*\((?P<country>[^()\n]{{2,40}})\)(?=\s*,))?
    (?:,[ \t]*(?!{_MONTH}\s*\d|NO[ ]DATE)(?P<region>{_NAME}))?
    (?:,?\s*{_DATE})?
    (?:\s*[(\[](?P<outlet>[^()\[\]\n]{{1,60}}(?:\[[^()\[\]\n]{{1,30}}\][^()\[\]\n]{{0,20}})?)[)\]])?
    \s*(?P<dash>--|—|–|-|:)(?=\s|$)
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)
_HEAD = 300


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the start of a text; ``start``/``end`` cover it, dash included."""

    place: str  # as written: "MOSUL", "SAN SALVADOR", "CLANDESTINE"
    date: date | None
    start: int
    end: int
    outlet: str | None = None
    region: str | None = None  # "Iraq", "ITALY": the country or state written after the city

    @property
    def location(self) -> str | None:
        """Return the place to geocode ("MOSUL, Iraq"), or None for "CLANDESTINE" and the like."""
        if self.place.upper() in NON_PLACES:
            return self.region
        return f"{self.place}, {self.region}" if self.region else self.place


def two_digit_year(yy: int) -> int:
    """Return the four-digit year of a two-digit one: 00-49 -> 2000s, 50-99 -> 1900s."""
    return 2000 + yy if yy < 50 else 1900 + yy


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, reference: date) -> date | None:
    """Return the latest month/day date no later than ``reference`` + 2 days."""
    latest = reference + timedelta(days=2)
    for year in range(latest.year, latest.year - 8, -1):  # 8 years reach a 29 February
        candidate = _safe_date(year, month, day)
        if candidate and candidate <= latest:
            return candidate
    return None


def _date_of(match: re.Match[str], reference: date | None) -> date | None:
    day_text = match.group("d1") or match.group("d2")
    month_text = match.group("m1") or match.group("m2")
    if not day_text or not month_text:
        return None  # no date, or "NO DATE"
    month = _MONTHS[month_text.rstrip(".").lower()]
    day = int(day_text)
    year_text = match.group("y1") or match.group("y2")
    if year_text:
        year = int(year_text)
        return _safe_date(two_digit_year(year) if len(year_text) == 2 else year, month, day)
    return _infer_year(month, day, reference) if reference else None


def _is_place(name: str, *, has_outlet: bool) -> bool:
    """Return True if ``name`` can be a dateline place: capitals, or capitalised words before an outlet."""
    if any(ch.isdigit() for ch in name) or _MONTH_ONLY.fullmatch(name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return True
    return has_outlet and all(word[0].isupper() for word in name.split())


_MONTH_ONLY = re.compile(_MONTH, re.IGNORECASE)


def _head(text: str) -> str:
    """Return the first paragraph of ``text`` (at most 300 characters).

    A first paragraph of one short line (a headline, or an id line such as
    "DEV-MUC3-0001 (NOSC)") does not count: the paragraph after it is included.
    """
    head = text[:_HEAD]
    cut = _paragraph_end(head, 0)
    first = head[:cut].strip()
    if "\n" not in first and len(first) <= 80:
        cut = _paragraph_end(head, cut)
    return head[:cut]


def _paragraph_end(text: str, start: int) -> int:
    """Return where the paragraph that starts at or after ``start`` ends."""
    body = start + len(text[start:]) - len(text[start:].lstrip())
    end = text.find("\n\n", body)
    return len(text) if end < 0 else end


def _accept(match: re.Match[str], text: str) -> bool:
    has_outlet = match.group("outlet") is not None
    if not _is_place(match.group("place"), has_outlet=has_outlet):
        return False
    if match.group("date") or has_outlet:
        return True
    # place only: a dash of two characters or a long dash, and only at the very start
    return match.group("dash") in ("--", "—", "–") and not text[: match.start()].strip()


def parse_dateline(text: str, *, reference: date | None = None) -> Dateline | None:
    """Return the dateline that opens ``text``, or None if there is none."""
    for match in _DATELINE.finditer(_head(text)):
        if not _accept(match, text):
            continue
        place = match.group("place").strip()
        region = match.group("country") or match.group("region")
        return Dateline(
            place=place,
            date=_date_of(match, reference),
            start=match.start("place"),
            end=match.end("dash"),
            outlet=match.group("outlet").strip() if match.group("outlet") else None,
            region=region.strip() if region else None,
        )
    return None
