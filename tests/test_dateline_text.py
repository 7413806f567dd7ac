"""A dateline left in the text neither dates the first sentence's events nor joins its phrases.

Wire copy opens with "PLACE, Country, Month Day, Year - ...". The parser hangs that line on
the first sentence: its year on the first noun ("2025 - Four people"), its date on the verb.
Invented incidents and groups; real places.
"""

from __future__ import annotations

from datetime import date

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings

TEXT = (
    "KIRKUK, Iraq, April 9, 2025 - Four people were killed and 27 wounded in Kirkuk on "
    "Tuesday when supporters of two invented parties, the Lantern Bloc and the Reed "
    "Movement, clashed in the city centre, police said."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


def test_dateline_date_does_not_date_the_event(extractor: Extractor) -> None:
    rec = extractor.extract(TEXT, published=date(2025, 4, 9))
    killed = next(e for e in rec.events if e.trigger.text.startswith("killed"))
    # "on Tuesday" before a Wednesday paper, not the dateline's day
    assert (killed.date.start_date, killed.date.end_date) == (date(2025, 4, 8), date(2025, 4, 8))
    assert killed.date.time is not None
    dateline_time = next(t for t in rec.times if t.text.startswith("April 9"))
    assert killed.date.time != dateline_time.id  # the expression is still found and kept


def test_phrase_stops_at_a_spaced_dash(extractor: Extractor) -> None:
    rec = extractor.extract(TEXT, published=date(2025, 4, 9))
    killed = next(e for e in rec.events if e.trigger.text.startswith("killed"))
    assert [r.text for r in killed.recipient] == ["Four people"]


def test_hyphenated_words_keep_their_phrase(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Pro-government militiamen of the invented Tarn Guard attacked a village near Gao.",
        published=date(2025, 4, 9),
    )
    attack = next(e for e in rec.events if e.type == "ASSAULT")
    assert attack.actor[0].text.startswith("Pro-government militiamen")


@pytest.mark.parametrize(
    "text",
    [
        "GAO, Mali, Nov. 8, 2023 (Example Wire) — Seven soldiers were killed when suspected "
        "militants ambushed a supply convoy.",
        "BAHIR DAR, Ethiopia, Sept. 5, 2023 -- Authorities in the Amhara region imposed a "
        "night-time curfew in the city on Tuesday.",
    ],
)
def test_no_dateline_word_is_an_argument(extractor: Extractor, text: str) -> None:
    rec = extractor.extract(text, published=date(2023, 9, 5))
    dateline_end = text.index(" -- " if " -- " in text else " — ")
    arguments = [a for e in rec.events for a in (*e.actor, *e.recipient)]
    assert arguments and all(a.start >= dateline_end for a in arguments)


def test_a_dateline_place_tagged_as_a_body_is_no_actor(extractor: Extractor) -> None:
    rec = extractor.extract(
        "GAO, Mali, Nov. 8, 2023 (Example Wire) — Seven soldiers were killed when militants "
        "ambushed a supply convoy on the road between Gao and Ansongo on Monday. The invented "
        "Tilemsi Front claimed the attack. The group said its fighters had seized weapons.",
        published=date(2023, 11, 8),
    )
    # the tagger calls the dateline's "GAO" an organisation; "Gao" in the text is the town
    assert not any(a.name.isupper() for a in rec.actors)
    assert not any(rec.text[m.start : m.end] == "Gao" for a in rec.actors for m in a.mentions)


def test_the_dateline_is_a_sentence_of_its_own(extractor: Extractor) -> None:
    from wirecoder.nlp.pipeline import load_model

    doc = load_model(Settings().model)(TEXT)
    first, second = list(doc.sents)[:2]
    assert first.text.startswith("KIRKUK") and second.text.startswith("Four people")


def test_a_closing_report_reports_every_act_of_the_sentence(extractor: Extractor) -> None:
    rec = extractor.extract(
        "GUSAU, Nigeria, March 28, 2023 -- Armed men abducted 27 people in a night raid on a "
        "village in Zamfara state, and soldiers rescued 11 of them on Sunday, police and "
        "residents said on Tuesday."
    )
    by_trigger = {e.trigger.text: e for e in rec.events}
    for trigger in ("abducted", "rescued"):
        event = by_trigger[trigger]
        assert str(event.status) == "reported"
        assert [a.text for a in event.attribution] == ["police and residents"]


def test_a_dateline_in_another_country_places_no_event_there(extractor: Extractor) -> None:
    from wirecoder.records import Article

    text = (
        "NAIROBI, Kenya, March 20, 2025 -- The Lantern Bloc said it had taken a village near "
        "Kismayo in Somalia. A spokesman for the group said its fighters had killed two soldiers."
    )
    article = Article(text=text, origin="test", language="en", dateline_place="NAIROBI")
    (rec,) = extractor.extract_articles([article])
    nairobi = {p.id for p in rec.places if p.name == "Nairobi"}
    killed = next(e for e in rec.events if e.trigger.text == "killed")
    # filed from Nairobi, about Somalia: the killing is at the scene of the sentence before
    assert nairobi and killed.location is not None
    assert killed.location.place not in nairobi
    scene = next(p for p in rec.places if p.id == killed.location.place)
    assert scene.name == "Kismayo", killed.location


@pytest.mark.parametrize("town", ["Gulu", "Kaduna"])
def test_a_dateline_the_parser_made_a_subject_still_places_the_report(
    extractor: Extractor, town: str
) -> None:
    from wirecoder.records import Article

    # a place line with no date ("Gulu --"): the tagger misses "Gulu", and the parser makes
    # "Kaduna" the first verb's subject; a dateline speaks for no one, and it places the
    # report's events
    text = (
        f"{town} --\n\nThe district council denied on Monday that soldiers had burned houses "
        "in the camp. Two traders were killed on Sunday, witnesses said."
    )
    article = Article(text=text, origin="test", language="en", dateline_place=town)
    (rec,) = extractor.extract_articles([article])
    for trigger in ("burned", "killed"):
        event = next(e for e in rec.events if e.trigger.text == trigger)
        assert event.location is not None, trigger
        assert event.location.reason == f"dateline place '{town}'", event.location
        assert event.location.precision == 2


def test_a_closing_report_the_parser_made_a_complement_reports_the_lead(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "Seven soldiers were killed and 11 wounded when suspected militants ambushed a convoy "
        "near Gao on Monday, the armed forces said in a statement late on Tuesday."
    )
    killed = next(e for e in rec.events if e.trigger.text == "killed")
    assert str(killed.status) == "reported"
    assert [a.text for a in killed.attribution] == ["the armed forces"]
