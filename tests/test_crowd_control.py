"""Force against crowds is coded as the PLOVER manual says: less-lethal weapons and tactics
(tear gas, rubber bullets, water cannon, firing in the air, baton charges) are ASSAULT
crowd-control, live fire is ASSAULT firearms.

Every sentence was written for these tests; the incidents are invented.
"""

from __future__ import annotations

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events", "attribution")))


@pytest.mark.parametrize(
    ("text", "mode", "status"),
    [
        ("Police fired tear gas at protesters in Nairobi.", "crowd-control", "asserted"),
        ("Riot police fired rubber bullets at students in Dhaka.", "crowd-control", "asserted"),
        ("Police used water cannon against demonstrators in Tbilisi.", "crowd-control", "asserted"),
        ("Troops fired into the air to disperse the crowd in Bamako.", "crowd-control", "asserted"),
        (
            "Troops fired warning shots to disperse the crowd in Bamako.",
            "crowd-control",
            "asserted",
        ),
        ("Police baton-charged protesters in Karachi.", "crowd-control", "asserted"),
        ("Soldiers used live ammunition against protesters in Khartoum.", "firearms", "asserted"),
        ("A police spokesman said officers did not use live rounds.", "firearms", "denied"),
        ("Police fired live rounds into the crowd in Goma.", "firearms", "asserted"),
    ],
)
def test_force_against_crowds(extractor: Extractor, text: str, mode: str, status: str) -> None:
    assaults = [e for e in extractor.extract(text).events if e.type == "ASSAULT"]
    assert [(e.mode, str(e.status)) for e in assaults] == [(mode, status)]


def test_a_charge_in_court_is_still_an_accusation(extractor: Extractor) -> None:
    events = extractor.extract("The prosecutor charged two men with murder.").events
    assert [e.type for e in events] == ["ACCUSE"]
