"""Hand-built records for tests that need no NLP (synthetic: invented people and groups)."""

from __future__ import annotations

from datetime import date

from wirecoder.records import (
    Actor,
    Argument,
    Attribution,
    Codes,
    Counts,
    DocumentRecord,
    Entity,
    Event,
    EventDate,
    EventLocation,
    Mention,
    Place,
    TextSpan,
    TimeSpan,
    content_hash,
)

TEXT = (
    "KANO, Nigeria, March 15 (Synthetic Wire) - Fighters of the invented Sahel Lions Brigade "
    "attacked a police post in Kano last week, police spokesman Musa Ibrahimov said. "
    "The group denied that it had kidnapped two teachers."
)


def make_record(
    text: str = TEXT,
    *,
    origin: str = "demo/a.txt",
    event_type: str = "ASSAULT",
    status: str = "reported",
    month: int = 3,
) -> DocumentRecord:
    """Return a plausible record of ``text`` with one place, one time, two actors, one event."""
    start = text.find("attacked")
    kano = text.find("Kano", 10) if "Kano" in text else 0
    return DocumentRecord(
        doc_id=content_hash(text),
        text=text,
        title="Synthetic: attack on police post",
        published=date(2024, month, 15),
        published_reason="dateline",
        source="Synthetic Wire",
        origin=origin,
        language="en",
        entities=[Entity(id="e1", text="Kano", label="GPE", start=kano, end=kano + 4)],
        actors=[
            Actor(
                id="a1",
                name="Sahel Lions Brigade",
                kind="armed_group",
                country="NGA",
                sectors=["REB"],
                mentions=[Mention(start=60, end=79)],
            ),
            Actor(
                id="a2",
                name="Nigerian police",
                kind="police",
                country="NGA",
                sectors=["COP"],
                mentions=[Mention(start=max(start, 0) + 11, end=max(start, 0) + 17)],
            ),
        ],
        places=[
            Place(
                id="p1",
                text="Kano",
                start=kano,
                end=kano + 4,
                geonameid=2335204,
                name="Kano",
                lat=12.0,
                lon=8.52,
                country="NGA",
                admin1="Kano",
                feature_code="PPLA",
                resolution="city",
            )
        ],
        times=[
            TimeSpan(
                id="t1",
                text="last week",
                start=0,
                end=9,
                value="2024-W10",
                start_date=date(2024, month, 4),
                end_date=date(2024, month, 10),
                precision="week",
            )
        ],
        events=[
            Event(
                id="v1",
                type=event_type,
                trigger=TextSpan("attacked", max(start, 0), max(start, 0) + 8),
                sentence=Mention(start=0, end=150),
                mode=None,
                actor=[Argument(actor="a1", text="Fighters", start=43, end=51)],
                recipient=[
                    Argument(actor="a2", text="a police post", start=start + 9, end=start + 22)
                ],
                location=EventLocation(place="p1", precision=1, reason="in X attached to trigger"),
                date=EventDate(
                    start_date=date(2024, month, 4),
                    end_date=date(2024, month, 10),
                    precision="week",
                    time="t1",
                    reason="governing expression",
                ),
                status=status,
                attribution=[
                    Attribution(
                        text="police spokesman Musa Ibrahimov",
                        start=0,
                        end=10,
                        kind="named_official",
                        cue="said",
                    )
                ],
                counts=Counts(killed=2),
                codes=Codes(cameo_root="18", quad=4),
                confidence=0.8,
            )
        ],
    )
