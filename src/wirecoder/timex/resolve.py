"""Normalisation: a detected expression + a reference date -> a TIMEX3 reading.

One small handler per detection rule. A handler returns a :class:`Reading` (value, type,
modifier, and how a duration or a part-of-unit is anchored to the reference), or None when the
expression needs a reference date and none is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .grammar import Candidate
from .lexicon import UNITS, WEEKDAYS, month_number, parse_number, parse_ordinal, parse_year

__all__ = ["HANDLERS", "Context", "Reading", "read"]


@dataclass(frozen=True, slots=True)
class Context:
    """What normalisation needs besides the text: the reference date and the tense around it."""

    reference: date | None
    direction: str | None = None  # "past", "future" or None (from the governing verb's tense)


@dataclass(frozen=True, slots=True)
class Reading:
    """A TIMEX3 reading of one expression."""

    value: str
    type: str = "DATE"
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    anchor: str | None = (
        None  # "past"/"future": a duration reaching back/forward from the reference
    )
    clip: str | None = (
        None  # "before"/"after": only the part of the interval before/after the reference
    )


Handler = Callable[[dict[str, str | None], Context], Reading | None]

_MODS = {"early": "START", "beginning": "START", "start": "START", "first": "START", "mid": "MID",
         "middle": "MID", "late": "END", "end": "END", "close": "END", "last": "END",
         "second": "END", "around": "APPROX", "about": "APPROX"}  # fmt: skip
_PAST = {"last", "the last", "the past", "the previous", "this past", "that"}
_FUTURE = {"next", "the next", "the coming", "the following", "this coming"}


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _mod(g: dict[str, str | None]) -> str | None:
    words = _norm(g.get("mod")).replace("the ", "").split()
    return _MODS.get(words[0]) if words else None


def _day(day: date) -> str:
    return day.isoformat()


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _offset(rel: str) -> int:
    return -1 if rel in _PAST else 1 if rel in _FUTURE else 0


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(reference: date, month: int, day: int, direction: str | None) -> int | None:
    """Return the year of a month-day without a year: the nearest to the reference, or in the
    tense's direction when that is under ten months away."""
    options = [d for y in (-1, 0, 1) if (d := _safe_date(reference.year + y, month, day))]
    if not options:
        return None
    if direction == "past":
        back = [d for d in options if d <= reference and (reference - d).days < 300]
        if back:
            return back[-1].year
    if direction == "future":
        ahead = [d for d in options if d >= reference and (d - reference).days < 300]
        if ahead:
            return ahead[0].year
    return min(options, key=lambda d: abs((d - reference).days)).year


def _year_of(text: str | None, reference: date | None) -> int | None:
    if not text:
        return None
    norm = _norm(text).lstrip("'")
    if re.fullmatch(r"\d\d", norm):  # a two-digit year: the century that puts it nearest
        base = (reference.year if reference else 2000) // 100 * 100
        year = base + int(norm)
        return year - 100 if reference and year > reference.year + 20 else year
    return parse_year(text)


def _calendar_day(g: dict[str, str | None], ctx: Context) -> Reading | None:
    month = month_number(g["month"] or "")
    day = parse_ordinal(g["d"] or "")
    if day is None or not 1 <= day <= 31:
        return None
    year = _year_of(g.get("y"), ctx.reference)
    if year is None and ctx.reference:
        year = infer_year(ctx.reference, month, day, ctx.direction)
    if year is None:
        return Reading(f"XXXX-{month:02d}-{day:02d}")
    return (
        Reading(f"{_ym(year, month)}-{day:02d}", mod=_mod(g))
        if _safe_date(year, month, day)
        else None
    )


def _iso(g: dict[str, str | None], ctx: Context) -> Reading | None:
    y, m, d = int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)
    return Reading(f"{_ym(y, m)}-{d:02d}") if _safe_date(y, m, d) else None


def _slash(g: dict[str, str | None], ctx: Context) -> Reading | None:
    year = _year_of(g["y"], ctx.reference)
    m, d = int(g["m"] or 0), int(g["d"] or 0)
    if year is None or not _safe_date(year, m, d):
        return None
    return Reading(f"{_ym(year, m)}-{d:02d}")


def _month_year(g: dict[str, str | None], ctx: Context) -> Reading | None:
    year = _year_of(g["y"], ctx.reference)
    return Reading(_ym(year, month_number(g["month"] or "")), mod=_mod(g)) if year else None


def _month_rel_year(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    year = ctx.reference.year + _offset(_norm(g["rel"]))
    return Reading(_ym(year, month_number(g["month"] or "")), mod=_mod(g))


def _rel_month(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    rel, month, ref = _norm(g["rel"]), month_number(g["month"] or ""), ctx.reference
    year = ref.year
    if rel in _PAST and month >= ref.month:
        year -= 1
    elif rel in _FUTURE and month <= ref.month:
        year += 1
    return Reading(_ym(year, month), mod=_mod(g))


def nearest_month(reference: date, month: int, direction: str | None) -> int:
    """Return the year of a month named without one: within eleven months in the tense's
    direction, else the nearest (the reference's year on a tie)."""
    options = [(reference.year + y, y * 12 + month - reference.month) for y in (-1, 0, 1)]
    if direction == "past" and (back := [o for o in options if -11 <= o[1] <= 0]):
        return back[-1][0]
    if direction == "future" and (ahead := [o for o in options if 0 <= o[1] <= 11]):
        return ahead[0][0]
    return min(options, key=lambda o: (abs(o[1]), o[0] != reference.year))[0]


def _month(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    month = month_number(g["month"] or "")
    return Reading(_ym(nearest_month(ctx.reference, month, ctx.direction), month), mod=_mod(g))


def _year(g: dict[str, str | None], ctx: Context) -> Reading | None:
    year = parse_year(g["y"] or "")
    return Reading(f"{year:04d}", mod=_mod(g)) if year else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def _decade(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if g["decw"]:
        return Reading(f"19{_DECADE_WORDS[_norm(g['decw'])]}", mod=_mod(g))
    digits = re.sub(r"\D", "", g["dec"] or "")
    value = digits[:3] if len(digits) == 4 else f"19{digits[0]}"
    return Reading(value, mod=_mod(g))


def _century(g: dict[str, str | None], ctx: Context) -> Reading | None:
    number = parse_ordinal(_norm(g["ord"]))
    return Reading(f"{number - 1:02d}") if number and 1 <= number <= 21 else None


def _weekday_direction(rel: str, ctx: Context) -> str | None:
    if rel in _PAST:
        return "strict-past"
    if rel in _FUTURE:
        return "future"
    return ctx.direction


def _weekday(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    weekday = WEEKDAYS[_norm(g["wd"])]
    day = cal.nearest_weekday(
        ctx.reference, weekday, direction=_weekday_direction(_norm(g["rel"]), ctx)
    )
    return Reading(_day(day), mod=_mod(g))


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip


def _deictic_day(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    day = ctx.reference + timedelta(days=_DEICTIC[_norm(g["word"])])
    adv = _norm(g["adv"])
    mod = "START" if adv == "earlier" else "END" if adv == "later" else _mod(g)
    return Reading(_day(day), mod=mod)


_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _part_of_day(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    if g["over"]:
        return Reading(f"{_day(ctx.reference - timedelta(days=1))}TNI", type="TIME")
    rel, pod = _norm(g["rel"]), _norm(g["pod"])
    shift = -1 if rel in {"last", "late last", "the previous"} else 1 if rel in _FUTURE else 0
    day = ctx.reference + timedelta(days=shift)
    return Reading(f"{_day(day)}T{_POD[pod]}", type="TIME")


def unit_value(day: date, unit: str) -> str:
    """Return the TIMEX3 value of the calendar ``unit`` (day, week, ..., century) holding ``day``."""
    if unit in {"day", "night", "hour", "minute", "second"}:
        return _day(day)
    if unit == "week":
        return cal.week_value(day)
    if unit == "weekend":
        return cal.week_value(day) + "-WE"
    if unit == "month":
        return _ym(day.year, day.month)
    if unit == "quarter":
        return f"{day.year:04d}-Q{cal.quarter_of(day)}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def shift(day: date, unit: str, amount: float) -> date:
    """Return ``day`` moved by ``amount`` calendar ``unit``s (months and years keep month ends)."""
    letter, times, _ = UNITS.get(unit, ("D", 1, False))
    amount *= times
    days = {"S": 0, "H": amount / 24, "D": amount, "W": 7 * amount, "WE": 7 * amount}
    if letter in days and not (letter == "M" and unit == "month"):
        return day + timedelta(days=round(days[letter]))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[letter] * amount
    if unit == "minute":
        return day
    return cal.add_months(day, round(months))


def _singular(unit: str | None) -> str:
    norm = _norm(unit).replace("fiscal ", "")
    return "century" if norm.startswith("centur") else norm.removesuffix("s")


def _rel_unit(g: dict[str, str | None], ctx: Context) -> Reading | None:
    rel, unit, adv = _norm(g["rel"]), _singular(g["unit"]), _norm(g["adv"])
    if rel in {"the past", "the last"} and not adv:
        return _duration_value(1, unit, anchor="past", mod=_mod(g))
    if ctx.reference is None:
        return None
    base = shift(ctx.reference, unit, _offset(rel))
    if unit == "weekend" and rel == "the" and ctx.direction != "future" and base.weekday() < 5:
        # "over the weekend" in a weekday's paper: the weekend just gone, not the coming one
        base -= timedelta(days=7)
    clip = {"earlier": "before", "later": "after"}.get(adv) if rel in {"this", "the"} else None
    mod = {"earlier": "START", "later": "END"}.get(adv) or _mod(g)
    return Reading(unit_value(base, unit), mod=mod, clip=clip)


def _year_adj(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    word = _norm(g["word"])
    if "end" in word:
        return Reading(f"{ctx.reference.year:04d}", mod="END")
    return Reading(f"{ctx.reference.year - 1:04d}")


def _amount(text: str | None) -> float | None:
    return parse_number(_norm(text))


def _ago(g: dict[str, str | None], ctx: Context) -> Reading | None:
    later = _norm(g["dir"]) in {"later", "after", "from now", "hence"}
    n, unit = _amount(g["n"]), _singular(g["unit"])
    if n is None:
        return Reading("FUTURE_REF" if later else "PAST_REF")
    if ctx.reference is None:
        return None
    day = shift(ctx.reference, unit, n if later else -n)
    mod = "APPROX" if g["approx"] else None
    return Reading(unit_value(day, unit), mod=mod)


def _duration_value(n: float | None, unit: str, *, anchor: str | None, mod: str | None) -> Reading:
    letter, times, clock = UNITS.get(unit, ("D", 1, False))
    if letter == "WE":
        letter = "WE"
    if n is None:
        amount = "X"
    else:
        total = n * times
        amount = str(int(total)) if total == int(total) else f"{total:g}"
    return Reading(
        f"P{'T' if clock else ''}{amount}{letter}", type="DURATION", mod=mod, anchor=anchor
    )


_APPROX_MODS = {"about": "APPROX", "around": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
                "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
                "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
                "within": "EQUAL_OR_LESS", "roughly": "APPROX", "approximately": "APPROX"}  # fmt: skip


def _duration(g: dict[str, str | None], ctx: Context) -> Reading | None:
    pos = _norm(g["pos"])
    anchor = (
        "past"
        if pos in {"past", "last", "recent"}
        else "future"
        if pos in {"next", "coming"}
        else None
    )
    return _duration_value(
        _amount(g["n"]),
        _singular(g["unit"]),
        anchor=anchor,
        mod=_APPROX_MODS.get(_norm(g["approx"])),
    )


def _vague_plural(g: dict[str, str | None], ctx: Context) -> Reading | None:
    pos = _norm(g["pos"])
    anchor = "future" if "coming" in pos or "next" in pos else "past" if pos else None
    return _duration_value(None, _singular(g["unit"]), anchor=anchor, mod=None)


_ORDINAL_Q = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _quarter_year(words: list[str], g: dict[str, str | None], ref: date, q: int | None) -> int:
    years = [int(w) for w in words if re.fullmatch(r"\d{4}", w)]
    if g["y"]:
        years.append(int(g["y"]))
    if years:
        return years[0]
    det = _norm(g["det"])
    back = (
        any(w in {"year-earlier", "year-ago"} for w in words)
        or bool(g["ago"])
        or det.startswith("last year")
    )
    year = ref.year - back + det.startswith("next year")
    if q is not None and not back and q > cal.quarter_of(ref) + 1:
        year -= 1  # "fourth-quarter results" early in the year: last year's quarter
    return year


def _quarter(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    words = re.findall(r"year-(?:earlier|ago)|\w+", _norm(g["mods"]))
    unit, ref = _norm(g["unit"]), ctx.reference
    q = next((_ORDINAL_Q[w] for w in words if w in _ORDINAL_Q), None)
    year = _quarter_year(words, g, ref, q)
    if unit == "half":
        return Reading(f"{year:04d}-H{1 if q == 1 else 2}", mod=_mod(g))
    if q is None:
        current = "current" in words or _norm(g["det"]) == "this"
        last_year, q = (
            (ref.year, cal.quarter_of(ref)) if current else cal.last_completed_quarter(ref)
        )
        year += last_year - ref.year
        if unit == "period" and not any(w in {"year-earlier", "year-ago"} for w in words):
            return Reading(f"{year:04d}") if g["y"] or any(w.isdigit() for w in words) else None
    return Reading(f"{year:04d}-Q{q}", mod=_mod(g))


_SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


def _season_year(code: str, rel: str, ref: date) -> int:
    def span(year: int) -> cal.Interval:
        found = cal.interval_of_value(f"{year:04d}-{code}")
        assert found is not None
        return found[0]

    if rel in _PAST:
        return next(y for y in range(ref.year, ref.year - 3, -1) if span(y)[1] < ref)
    if rel in _FUTURE:
        return next(y for y in range(ref.year - 1, ref.year + 3) if span(y)[0] > ref)
    if code == "WI" and ref.month <= 2:
        return ref.year - 1
    return ref.year


def _season(g: dict[str, str | None], ctx: Context) -> Reading | None:
    code = _SEASON_CODES[_norm(g["season"])]
    year = parse_year(g["y"] or "")
    if year is None:
        if ctx.reference is None:
            return None
        year = _season_year(code, _norm(g["rel"]), ctx.reference)
    return Reading(f"{year:04d}-{code}", mod=_mod(g))


def _ref(g: dict[str, str | None], ctx: Context) -> Reading | None:
    word = _norm(g["word"])
    if "future" in word:
        return Reading("FUTURE_REF")
    if "recent" in word or "past" in word or word == "lately":
        return Reading("PAST_REF")
    return Reading("PRESENT_REF")


_ADVERB_SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M"}  # fmt: skip


def _set(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if g["adv"]:
        return Reading(_ADVERB_SETS[_norm(g["adv"])], type="SET")
    weekday = g["wd"] or g["wds"]
    if weekday:
        return Reading(f"XXXX-WXX-{WEEKDAYS[_norm(weekday)] + 1}", type="SET")
    every = 2 if g["other"] else 1
    reading = _duration_value(every, _singular(g["unit"] or g["unit2"]), anchor=None, mod=None)
    return Reading(reading.value, type="SET")


def _clock_time(text: str) -> str | None:
    norm = _norm(text)
    if norm.startswith(("noon", "midday")):
        return "12:00"
    if norm.startswith("midnight"):
        return "24:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", norm)
    if not m:
        return None
    hour = int(m[1]) % 12 + (12 if m[3] == "p" else 0) if m[3] else int(m[1])
    return f"{hour:02d}:{m[2] or '00'}" if hour <= 24 else None


def _clock(g: dict[str, str | None], ctx: Context) -> Reading | None:
    clock = _clock_time(g["clock"] or "")
    if clock is None or ctx.reference is None:
        return None
    day: Reading | None = Reading(_day(ctx.reference))
    if g["wd"]:
        day = _weekday({"wd": g["wd"], "rel": None, "mod": None}, ctx)
    elif g["word"]:
        day = _deictic_day({"word": g["word"], "adv": None, "mod": None}, ctx)
    elif g.get("month"):
        day = _calendar_day({"month": g["month"], "d": g["d"], "y": None, "mod": None}, ctx)
    return Reading(f"{day.value}T{clock}", type="TIME") if day else None


def _holiday_date(name: str, year: int) -> date:
    if "thanksgiving" in name:  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if "election" in name:  # the Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    if "new year" in name:
        return date(year, 12, 31) if "eve" in name else date(year, 1, 1)
    return date(year, 12, 24) if "eve" in name else date(year, 12, 25)


def _holiday(g: dict[str, str | None], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    name, ref = _norm(g["holiday"]), ctx.reference
    options = [_holiday_date(name, ref.year + y) for y in (-1, 0, 1)]
    if ctx.direction == "past":
        options = [d for d in options if d <= ref] or options
    elif ctx.direction == "future":
        options = [d for d in options if d >= ref] or options
    return Reading(_day(min(options, key=lambda d: abs((d - ref).days))))


#: rule name (see :data:`wirecoder.timex.grammar.RULES`) -> its normaliser
HANDLERS: dict[str, Handler] = {
    "iso": _iso,
    "slash": _slash,
    "month_day": _calendar_day,
    "day_month": _calendar_day,
    "month_year": _month_year,
    "month_rel_year": _month_rel_year,
    "rel_month": _rel_month,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "century": _century,
    "weekday": _weekday,
    "deictic_day": _deictic_day,
    "part_of_day": _part_of_day,
    "rel_unit": _rel_unit,
    "year_adj": _year_adj,
    "ago": _ago,
    "duration": _duration,
    "vague_plural": _vague_plural,
    "quarter": _quarter,
    "season": _season,
    "ref": _ref,
    "set": _set,
    "clock": _clock,
    "clock_after": _clock,
    "holiday": _holiday,
}


def read(candidate: Candidate, ctx: Context) -> Reading | None:
    """Return the TIMEX3 reading of ``candidate`` in ``ctx``, or None if it cannot be resolved."""
    return HANDLERS[candidate.rule](candidate.groups, ctx)
