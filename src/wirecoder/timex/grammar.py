"""Detection: compiled regular expressions that find temporal expressions in plain text.

Each rule is a named pattern; :func:`detect` runs them all and keeps, where matches overlap,
the longest (then the earliest rule). Extents follow TimeML: determiners and degree words
("the past two months", "nearly two weeks ago") are part of an expression, prepositions
("on Tuesday", "for three weeks", "during last week") are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MONTH", "RULES", "WEEKDAY", "Candidate", "detect"]

_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS9 = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
NUM_WORD = rf"(?:{_TENS}(?:[\s-]{_UNITS9})?|{_TEENS}|{_UNITS9}|a\s+dozen|dozen|a\s+couple\s+of|couple\s+of)"
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{NUM_WORD}(?:\s+hundred)?)"
QTY = rf"(?:{NUM}|an?|several|a\s+few|few|many)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
APPROX = (
    r"(?:about|around|nearly|almost|some|roughly|approximately|more\s+than|less\s+than|"
    r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|just|only|within|no\s+more\s+than|"
    r"no\s+less\s+than|barely|well\s+over)"
)
MONTH_FULL = (
    r"(?:january|february|(?-i:March|MARCH)|april|(?-i:May|MAY)|june|july|august|"
    r"september|october|november|december)"
)
MONTH_ABBR = r"(?:(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.|(?:jan|feb|apr|aug|sept|oct|nov|dec)\b)"
MONTH = rf"(?P<month>{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
ORD_WORD = (
    r"(?:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"twentieth|thirtieth|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth)"
)
DAYNUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|(?:{ORD_WORD})\b)"
YEAR4 = r"(?<![\d$.,])(?:1[0-9]|20)\d\d(?![\d%]|,\d|\.\d|s\b|'s\b)"
SPOKEN_YEAR = (
    rf"(?:nineteen[\s-](?:hundred\s+(?:and\s+)?)?(?:{_TENS}(?:[\s-]{_UNITS9})?|{_TEENS}|{_UNITS9})|"
    rf"two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_UNITS9}))?)"
)
YEAR = rf"(?:{YEAR4}|{SPOKEN_YEAR})"
MODPRE = (
    r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|middle|end|close)\s+of|"
    r"the\s+(?:first|second|last)\s+half\s+of|around|about)[\s-]+)?"
)
POD = r"(?:morning|afternoon|evening|night)"
REL = (
    r"(?:last|this|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+next|"
    r"the\s+following|the\s+current|the\s+same|this\s+past|this\s+coming|that|the)"
)
CLOCK = (
    r"(?:(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\d{1,2}:\d\d|noon|midnight|midday)"
    r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time))?)"
)

_SOURCES: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    ("slash", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b"),
    (
        "month_day",
        rf"{MODPRE}(?:(?P<wd>{WEEKDAY}),?\s+)?{MONTH}\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR}))?",
    ),
    (
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM})(?:\s+of)?\s+{MONTH}"
        rf"(?:,?\s+(?P<y>{YEAR}|'?\d\d(?![\d%])))?",
    ),
    ("month_year", rf"{MODPRE}{MONTH},?\s+(?:of\s+)?(?P<y>{YEAR})"),
    ("month_rel_year", rf"{MODPRE}{MONTH}\s+(?P<rel>last|this|next)\s+year"),
    (
        "rel_month",
        rf"{MODPRE}(?P<rel>last|this|next|this\s+past|this\s+coming)\s+(?P<month>{MONTH_FULL})",
    ),
    ("month", rf"{MODPRE}(?P<month>{MONTH_FULL})\b"),
    ("year", rf"{MODPRE}(?P<fiscal>fiscal\s+(?:year\s+)?)?(?:the\s+year\s+)?(?P<y>{YEAR})\b"),
    (
        "decade",
        rf"{MODPRE}(?:(?:the\s+)?(?P<dec>(?:1[0-9]|20)\d0'?s|'\d0s)|the\s+(?P<decw>"
        r"twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    ("century", rf"(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORD_WORD})\s+century"),
    (
        "weekday",
        rf"{MODPRE}(?:(?P<rel>last|this|next|this\s+coming|this\s+past|the\s+previous|"
        rf"the\s+following)\s+)?(?P<wd>{WEEKDAY})\b(?:\s+(?P<pod>{POD}))?",
    ),
    (
        "deictic_day",
        rf"{MODPRE}(?:(?P<adv>earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
        rf"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>{POD}))?",
    ),
    (
        "part_of_day",
        r"(?:(?P<rel>this|last|that|early\s+this|late\s+last|the\s+previous|the\s+next|"
        rf"the\s+following|the\s+same)\s+)(?P<pod>{POD})\b|(?P<over>overnight)",
    ),
    (
        "rel_unit",
        rf"{MODPRE}(?:(?P<adv>earlier|later)\s+(?:in\s+)?)?(?P<rel>{REL})\s+"
        r"(?P<unit>day|week|weekend|month|year|decade|century|fiscal\s+year)\b"
        r"(?<!the\sday)(?<!that\sday)",
    ),
    ("year_adj", r"\b(?P<word>year-end|year\s+end|year-earlier|year-ago|year's\s+end)\b"),
    (
        "ago",
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{QTY})[\s-]+(?:more\s+)?(?P<unit>{UNIT})"
        r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
    ),
    (
        "duration",
        r"(?:(?:the|its|their)\s+)?(?:(?P<pos>past|last|next|first|coming|previous|following|"
        r"latest|final|remaining|initial|recent|same|full|entire|coming)\s+)?"
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{QTY})(?:\s+(?:to|or|and)\s+{QTY})?[\s-]+"
        r"(?:more\s+|additional\s+|straight\s+|consecutive\s+|full\s+)?"
        rf"(?:(?:trading|business|working|calendar)\s+)?(?P<unit>{UNIT})\b(?!-old)(?:\s+or\s+so)?",
    ),
    (
        "vague_plural",
        r"\b(?:(?P<pos>recent|coming|past|the\s+past|the\s+coming|the\s+next|the\s+last|"
        r"the\s+recent)\s+)?(?P<unit>days|weeks|months|years|decades|hours|quarters)\b",
    ),
    (
        "quarter",
        rf"{MODPRE}(?:(?P<det>the|its|this\s+year's|last\s+year's|next\s+year's|this|that)\s+)?"
        r"(?P<mods>(?:(?:fiscal|year-earlier|year-ago|current|latest|previous|same|comparable|"
        rf"corresponding|first|second|third|fourth|1st|2nd|3rd|4th|{YEAR4})[\s-]+){{0,3}})"
        rf"(?P<unit>quarter|half|period)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{YEAR4}))?"
        r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?",
    ),
    (
        "season",
        rf"{MODPRE}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the|that)\s+)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    ),
    (
        "ref",
        r"\b(?P<word>now|right\s+now|currently|nowadays|these\s+days|at\s+present|"
        r"(?:more\s+|most\s+|very\s+)?recently|lately|current|recent|"
        r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|"
        r"the\s+(?:recent\s+|distant\s+)?past)\b",
    ),
    (
        "set",
        rf"\b(?:(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>{WEEKDAY})|"
        rf"(?P<unit>{UNIT}))|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|quarterly|"
        rf"nightly)|(?P<wds>{WEEKDAY})s|(?:once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+"
        rf"(?P<unit2>{UNIT}))\b",
    ),
    (
        "clock",
        rf"(?:(?:around|about|at\s+about|approximately)\s+)?(?P<clock>{CLOCK})"
        rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<word>today|yesterday|tomorrow)|"
        rf"{MONTH}\s+(?P<d>{DAYNUM})))?",
    ),
    (
        "clock_after",
        rf"(?:(?P<wd>{WEEKDAY})|(?P<word>today|yesterday|tomorrow))\s+(?:at\s+)?(?P<clock>{CLOCK})",
    ),
    (
        "holiday",
        r"\b(?P<holiday>(?:new\s+year's|christmas|thanksgiving|election)\s+(?:day|eve)|christmas|thanksgiving)\b",
    ),
)

#: The detection rules, in order of preference between matches of equal length.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    # every expression starts a word: the look-behind fails fast inside words
    (name, re.compile(rf"(?<!\w)(?:{source})", re.IGNORECASE))
    for name, source in _SOURCES
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One match of one rule: character offsets, the rule's name and its named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    text: str


#: "the third-quarter results", "a five-year plan": the determiner belongs to the noun phrase.
_ADJECTIVE_DET = re.compile(r"^(?:the|its|their|an?)\s+(?=\S+-(?:quarter|[a-z]+)$)", re.IGNORECASE)


def _trimmed(match: re.Match[str], rule: str) -> Candidate | None:
    text = match.group(0)
    stripped = text.rstrip(" ,-")
    lead = len(text) - len(text.lstrip())
    if rule in {"quarter", "duration"} and (det := _ADJECTIVE_DET.match(stripped)):
        lead = max(lead, det.end())
    if not stripped.strip():
        return None
    start = match.start() + lead
    end = match.start() + len(stripped)
    return Candidate(start, end, rule, match.groupdict(), text[lead : len(stripped)])


def _quarter_ok(g: dict[str, str | None]) -> bool:
    mods = (g["mods"] or "").lower()
    unit = (g["unit"] or "").lower()
    if unit == "half":
        return any(w in mods for w in ("first", "second", "1st", "2nd"))
    if unit == "period":
        return bool(mods.strip())
    return bool(mods.strip() or g["det"] or g["y"])


def _season_ok(g: dict[str, str | None]) -> bool:
    season = (g["season"] or "").lower()
    rel = (g["rel"] or "").lower()
    return season not in {"fall", "spring"} or bool(g["y"]) or rel not in {"", "the"}


def _duration_ok(g: dict[str, str | None]) -> bool:
    n, unit = (g["n"] or "").lower(), (g["unit"] or "").lower()
    return not (n in {"a", "an"} and unit.startswith(("second", "minute")))


#: Checks that a rule's match really is a temporal expression ("the fall of", "a second").
_ACCEPT = {"quarter": _quarter_ok, "season": _season_ok, "duration": _duration_ok}


def _all_matches(text: str) -> list[tuple[int, Candidate]]:
    found = []
    for order, (name, pattern) in enumerate(RULES):
        accept = _ACCEPT.get(name)
        for match in pattern.finditer(text):
            if match.end() == match.start() or (accept and not accept(match.groupdict())):
                continue
            cand = _trimmed(match, name)
            if cand and _word_bounded(text, cand.start, cand.end):
                found.append((order, cand))
    return found


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def detect(text: str) -> list[Candidate]:
    """Return the temporal expressions found in ``text``, in text order and never overlapping."""
    ranked = sorted(_all_matches(text), key=lambda oc: (-(oc[1].end - oc[1].start), oc[0]))
    taken: list[Candidate] = []
    for _, cand in ranked:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
