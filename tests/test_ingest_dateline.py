"""Datelines: place, date (with year rules), outlet and span."""

from __future__ import annotations

from datetime import date

import pytest

from wirecoder.ingest import parse_dateline
from wirecoder.ingest.dateline import two_digit_year

REF = date(2021, 3, 20)


@pytest.mark.parametrize(
    ("text", "place", "region", "when", "outlet"),
    [
        (
            "DARA, Freedonia, March 15 (Wirenews) - Gunmen",
            "DARA",
            "Freedonia",
            date(2021, 3, 15),
            "Wirenews",
        ),
        ("PORT VALE, March 3, 2019 (AP) — Troops", "PORT VALE", None, date(2019, 3, 3), "AP"),
        ("NEW OSLO, 3 JAN 90 -- [REPORT] THE", "NEW OSLO", None, date(1990, 1, 3), None),
        ("ZARA, Ruritania, 3 JAN 2024 -- Police", "ZARA", "Ruritania", date(2024, 1, 3), None),
        ("LONDON (Wirenews) - The", "LONDON", None, None, "Wirenews"),
        ("VALE, 18 APRIL 89 (XNA) -- [TEXT] A", "VALE", None, date(1989, 4, 18), "XNA"),
        (
            "DUNMORE (RURITANIA), JUNE 11 89 (XNA) -- [TEXT]",
            "DUNMORE",
            "RURITANIA",
            date(1989, 6, 11),
            "XNA",
        ),
        (
            "SAINT-PIERRE (FREEDONIA), 4 SEPT 89 (CNA) -- A",
            "SAINT-PIERRE",
            "FREEDONIA",
            date(1989, 9, 4),
            "CNA",
        ),
        (
            "CLANDESTINE, 8 JAN 90 (RADIO LIBRE)-- [TEXT]",
            "CLANDESTINE",
            None,
            date(1990, 1, 8),
            "RADIO LIBRE",
        ),
        (
            "NO CITY (FREEDONIA), 5 FEB 89 (FBIS) -- [TEXT]",
            "NO CITY",
            "FREEDONIA",
            date(1989, 2, 5),
            "FBIS",
        ),
        ("CLANDESTINE, NO DATE (RADIO LIBRE) -- [TEXT]", "CLANDESTINE", None, None, "RADIO LIBRE"),
        ("DARA, 9 OCT (XNA) -- [TEXT] A", "DARA", None, date(2020, 10, 9), "XNA"),
        (
            "DARA, 27 APR 90 [TELE DARA CANAL 1) -- [SPEECH]",
            "DARA",
            None,
            date(1990, 4, 27),
            "TELE DARA CANAL 1",
        ),
        (
            "DARA, 17 NOV 89 (PRESS AGENCY [PA]) -- [TEXT]",
            "DARA",
            None,
            date(1989, 11, 17),
            "PRESS AGENCY [PA]",
        ),
        ("DARA, Ill., Jan. 5 (AP) - x", "DARA", "Ill.", date(2021, 1, 5), "AP"),
        ("WASHINGTON — The minister", "WASHINGTON", None, None, None),
    ],
)
def test_dateline_table(
    text: str, place: str, region: str | None, when: date | None, outlet: str | None
) -> None:
    found = parse_dateline(text, reference=REF)
    assert found is not None
    assert (found.place, found.region, found.date, found.outlet) == (place, region, when, outlet)
    assert found.start == 0 and text[found.end - 1] in "-—:"


def test_dateline_after_id_line_and_across_lines() -> None:
    text = "DEV-TEST-0001 (LAB)\n\n   VALE (RURITANIA), 17 JUL 89 (TELE VALE CANAL 8)\n-- [TEXT] A"
    found = parse_dateline(text)
    assert found is not None and found.place == "VALE" and found.date == date(1989, 7, 17)
    assert text[found.start : found.start + 4] == "VALE" and text[found.end - 2 : found.end] == "--"


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("DARA, March 15 (X) - a", date(2021, 3, 20), date(2021, 3, 15)),
        ("DARA, March 21 (X) - a", date(2021, 3, 20), date(2021, 3, 21)),  # two days of grace
        ("DARA, March 25 (X) - a", date(2021, 3, 20), date(2020, 3, 25)),
        ("DARA, Dec. 30 (X) - a", date(2021, 1, 2), date(2020, 12, 30)),
        ("DARA, Feb 29 (X) - a", date(2021, 3, 1), date(2020, 2, 29)),
        ("DARA, March 15 (X) - a", None, None),
        ("DARA, 31 FEB 90 -- a", None, None),
    ],
)
def test_year_inference(text: str, reference: date | None, expected: date | None) -> None:
    found = parse_dateline(text, reference=reference)
    assert found is not None and found.date == expected


def test_two_digit_years() -> None:
    assert [two_digit_year(y) for y in (0, 49, 50, 89, 99)] == [2000, 2049, 1950, 1989, 1999]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Monday - that the talks had failed.",
        "The army, March 3 -- said nothing.",
        "Gunmen killed two people. DARA (X) - later text in a second sentence",
        "First paragraph with no dateline at all, long enough to count as a real paragraph here.\n\nDARA, 3 JAN 90 -- x",
        "",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_location_skips_non_places() -> None:
    clandestine = parse_dateline("CLANDESTINE, 8 JAN 90 (RADIO LIBRE) -- x")
    no_city = parse_dateline("NO CITY (FREEDONIA), 5 FEB 89 -- x")
    city = parse_dateline("DARA, Freedonia, March 15 (X) - x")
    assert clandestine is not None and clandestine.location is None
    assert no_city is not None and no_city.location == "FREEDONIA"
    assert city is not None and city.location == "DARA, Freedonia"
