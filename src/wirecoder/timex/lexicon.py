"""Closed-class English words of time: months, weekdays, units, number words, and their parsers.

Like spaCy's language data these are small, fixed word lists; the regular expressions that use
them live in :mod:`wirecoder.timex.grammar`.
"""

from __future__ import annotations

import re
from types import MappingProxyType

__all__ = [
    "MONTHS",
    "ORDINALS",
    "UNITS",
    "WEEKDAYS",
    "month_number",
    "parse_number",
    "parse_ordinal",
    "parse_year",
]

MONTHS = MappingProxyType(
    {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    }
)  # fmt: skip

WEEKDAYS = MappingProxyType(
    {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    }
)

#: unit word -> (TIMEX3 duration letter, multiplier, is a clock unit)
UNITS = MappingProxyType(
    {
        "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
        "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
        "weekend": ("WE", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
        "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("DE", 1, False),
        "century": ("CE", 1, False),
    }
)  # fmt: skip

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12, "a half": 0.5,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

ORDINALS = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
        "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    }
)  # fmt: skip

_UNIT_ORDINALS = {k: v for k, v in ORDINALS.items() if v < 10}
_SPACES = re.compile(r"[\s-]+")
_DIGITS = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+1/2)?$")


def month_number(word: str) -> int:
    """Return the month (1..12) of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def _word_number(text: str) -> float | None:
    if text in _SMALL:
        return _SMALL[text]
    words = text.split(" ")
    if words[0] in _TENS:
        rest = " ".join(words[1:])
        if not rest:
            return _TENS[words[0]]
        small = _SMALL.get(rest)
        return _TENS[words[0]] + small if small is not None and small < 10 else None
    if len(words) == 2 and words[1] == "hundred" and words[0] in _SMALL:
        return _SMALL[words[0]] * 100
    return None


def parse_number(text: str) -> float | None:
    """Return the number a cardinal phrase names ("twenty-four" -> 24, "2 1/2" -> 2.5), or None.

    Vague quantities ("several", "a few", "many") also give None: their TIMEX3 digit is X.
    """
    norm = _SPACES.sub(" ", text.lower().strip())
    if m := _DIGITS.match(norm):
        return float(m[1]) + (0.5 if "1/2" in norm else 0)
    return _word_number(norm)


def parse_ordinal(text: str) -> int | None:
    """Return the number an ordinal names ("3rd" -> 3, "twenty-first" -> 21), or None."""
    norm = _SPACES.sub(" ", text.lower().strip())
    if m := re.match(r"^(\d+)(?:st|nd|rd|th)?$", norm):
        return int(m[1])
    if norm in ORDINALS:
        return ORDINALS[norm]
    words = norm.split(" ")
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNIT_ORDINALS:
        return _TENS[words[0]] + _UNIT_ORDINALS[words[1]]
    return None


def parse_year(text: str) -> int | None:
    """Return the year that digits or spoken words name ("1990", "'90", "nineteen ninety-four")."""
    norm = _SPACES.sub(" ", text.lower().strip())
    norm = re.sub(r"^the year ", "", norm)
    if re.fullmatch(r"\d{4}", norm):
        return int(norm)
    if re.fullmatch(r"'\d\d", norm):
        return 1900 + int(norm[1:])
    if norm.startswith("two thousand"):
        rest = norm.removeprefix("two thousand").removeprefix(" and").strip()
        small = _word_number(rest) if rest else 0
        return 2000 + int(small) if small is not None else None
    if norm.startswith("nineteen "):
        rest = norm.removeprefix("nineteen ").removeprefix("hundred ").removeprefix("and ")
        small = _word_number(rest)
        return 1900 + int(small) if small is not None else None
    return None
