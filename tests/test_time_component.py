"""TimeComponent and EventDateComponent on spaCy docs."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from wirecoder.config import Settings
from wirecoder.nlp.event_dates import EventDateComponent
from wirecoder.nlp.pipeline import load_model
from wirecoder.nlp.times import TimeComponent
from wirecoder.records import Article, Event, Mention, TextSpan

PUBLISHED = date(2021, 3, 18)  # a Thursday


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


def _doc(nlp, text: str, published: date | None = PUBLISHED) -> Doc:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    doc._.article = Article(text=text, origin="test", published=published)
    doc._.times, doc._.events, doc._.errors = [], [], []
    return TimeComponent(Settings())(doc)


def _event(doc: Doc, trigger: str) -> Event:
    start = doc.text.index(trigger)
    sent = doc.char_span(start, start + len(trigger), alignment_mode="expand").sent
    return Event(
        id="v1",
        type="ASSAULT",
        trigger=TextSpan(trigger, start, start + len(trigger)),
        sentence=Mention(sent.start_char, sent.end_char),
    )


def test_times_ids_offsets_values(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp,
        "Officials said that last week rebels attacked the town. More fighting is expected on Monday.",
    )
    times = doc._.times
    assert [t.id for t in times] == ["t1", "t2"]
    assert [(t.text, t.value) for t in times] == [
        ("last week", "2021-W10"),
        ("Monday", "2021-03-22"),
    ]
    assert doc.text[times[0].start : times[0].end] == "last week"
    assert (times[0].start_date, times[0].end_date, times[0].precision) == (
        date(2021, 3, 8),
        date(2021, 3, 14),
        "week",
    )


def test_past_tense_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "Rebels attacked the town on Monday.")
    assert doc._.times[0].value == "2021-03-15"


def test_missing_publication_date_is_said(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "Rebels attacked the town last week.", published=None)
    assert doc._.times[0].value is None
    assert [e.code for e in doc._.errors] == ["W202"]


def test_event_date_same_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "On Tuesday the minister said that rebels attacked the town last week.")
    doc._.events = [_event(doc, "attacked")]
    EventDateComponent(Settings())(doc)
    when = doc._.events[0].date
    assert (when.time, when.reason, when.precision) == ("t2", "same clause", "week")
    assert (when.start_date, when.end_date) == (date(2021, 3, 8), date(2021, 3, 14))


def test_event_date_same_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp, "Fighting broke out on Tuesday. Rebels attacked the town.\n\nThe army denied it."
    )
    doc._.events = [_event(doc, "attacked")]
    EventDateComponent(Settings())(doc)
    assert doc._.events[0].date.reason == "same paragraph"
    assert doc._.events[0].date.start_date == date(2021, 3, 16)


def test_a_background_time_after_the_event_does_not_date_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police dispersed a sit-in in Kassala and no one was injured. Similar protests in the "
        "city in 2019 left eleven people injured."
    )
    doc = _doc(nlp, text)
    doc._.events = [_event(doc, "dispersed")]
    EventDateComponent(Settings())(doc)
    # 2019 is background: it does not date an undated sit-in of this week
    assert doc._.events[0].date.reason == "publication-date fallback"
    assert doc._.events[0].date.end_date == PUBLISHED


def test_since_runs_to_the_publication_date(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "Fighting over grazing land has killed at least 15 people since last month.")
    doc._.events = [_event(doc, "killed")]
    EventDateComponent(Settings())(doc)
    when = doc._.events[0].date
    assert (when.start_date, when.end_date, when.reason) == (
        date(2021, 2, 1),
        PUBLISHED,
        "same clause",
    )


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "The defence ministry said in a statement on Tuesday that armed men had attacked "
            "the market.",
            "attacked",
        ),
        # the clause hangs on the statement's participle: its day is the claim's
        (
            "The Free Hills Front claimed in a statement circulated on Tuesday that its "
            "fighters had seized the market.",
            "seized",
        ),
    ],
)
def test_the_day_a_report_was_made_does_not_date_what_it_reports(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str
) -> None:
    doc = _doc(nlp, text)
    doc._.events = [_event(doc, trigger)]
    EventDateComponent(Settings())(doc)
    # on or before Tuesday: the week that ends on the day it was said
    when = doc._.events[0].date
    assert (when.start_date, when.end_date, when.reason) == (
        date(2021, 3, 10),
        date(2021, 3, 16),
        "before the report",
    )


def test_a_later_sentence_does_not_date_what_a_report_puts_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp,
        "On Tuesday the governor announced that the director had been suspended. The "
        "organisers will hold a sit-in outside the building on Friday.",
    )
    doc._.events = [_event(doc, "suspended")]
    EventDateComponent(Settings())(doc)
    when = doc._.events[0].date
    assert (when.end_date, when.reason) == (date(2021, 3, 16), "before the report")


def test_a_date_of_what_was_admitted_does_not_date_the_admission(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp,
        "Police raided a house in Korso on Tuesday night. One of the men had admitted during "
        "questioning that the group had planned to attack a rally due to be held on Saturday.",
    )
    doc._.events = [_event(doc, "questioning"), _event(doc, "attack")]
    EventDateComponent(Settings())(doc)
    questioning, attack = doc._.events
    # Saturday is the rally's: the questioning takes the paragraph's Tuesday
    assert (questioning.date.reason, questioning.date.start_date) == (
        "same paragraph",
        date(2021, 3, 16),
    )
    assert attack.date.start_date == date(2021, 3, 20)


def test_the_deadline_of_a_request_does_not_date_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp,
        "Shelling hit Korso on Tuesday. The Kesh Relief group called on the authorities to "
        "open a second shelter before April 10.",
    )
    doc._.events = [_event(doc, "called")]
    EventDateComponent(Settings())(doc)
    assert doc._.events[0].date.start_date == date(2021, 3, 16)  # Tuesday, not April 10


def test_a_past_time_of_what_is_refused_dates_the_refusal(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        nlp,
        "Volunteers took 64 people out of Korso on Tuesday, most of them residents who had "
        "refused to leave earlier in the year.",
    )
    doc._.events = [_event(doc, "refused")]
    EventDateComponent(Settings())(doc)
    assert doc._.events[0].date.start_date == date(2021, 1, 1)  # the year, not Tuesday


def test_event_date_fallback_says_so(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "Rebels attacked the town.")
    doc._.events = [_event(doc, "attacked")]
    EventDateComponent(Settings())(doc)
    when = doc._.events[0].date
    assert (when.reason, when.precision, when.time) == ("publication-date fallback", "week", None)
    assert (when.start_date, when.end_date) == (date(2021, 3, 12), PUBLISHED)


def test_event_date_no_date(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, "Rebels attacked the town.", published=None)
    doc._.events = [_event(doc, "attacked")]
    EventDateComponent(Settings())(doc)
    when = doc._.events[0].date
    assert (when.start_date, when.end_date, when.reason) == (None, None, "no date")


# PUBLISHED is Thursday 2021-03-18: the Saturday before is 03-13, the next one 03-20.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a modal looks ahead unless negated
        ("The two councils said they would meet on Saturday.", "2021-03-20"),
        ("The Varda Front might release the hostages as soon as Saturday.", "2021-03-20"),
        ("A spokesman would not comment on Saturday.", "2021-03-13"),
        # a 'to' complement of intent looks ahead, of anything else stays open
        ("The delegation planned to leave Goma on Saturday.", "2021-03-20"),
        ("The convoy is to resume its journey Saturday.", "2021-03-20"),
        ("The talks had been due to end on Saturday.", "2021-03-13"),
        ("Residents tried to leave the town on Saturday.", "2021-03-13"),
        # what a plan or promise is for lies ahead, even when the plan is past
        ("The drivers said a meeting had been promised for Saturday.", "2021-03-20"),
        ("Talks between the councils were scheduled for Saturday.", "2021-03-20"),
        ("The meeting on Saturday was cancelled.", "2021-03-13"),
        # a present tense looks ahead when the day modifies it directly
        ("Negotiators meet again Saturday in Bamako.", "2021-03-20"),
        ("The ministry says Saturday's raid killed four.", "2021-03-13"),
        ("Shelling hit the market on Saturday.", "2021-03-13"),
        # "the weekend" in a weekday's paper is the one just gone, unless it is ahead
        ("Lawyers for the council filed the appeal over the weekend.", "2021-W10-WE"),
        ("Traders closed their stalls ahead of the weekend.", "2021-W11-WE"),
        ("The two councils will meet at the weekend.", "2021-W11-WE"),
        # a weekday before "Month day:" is that date
        (
            "The council said in a statement on Saturday, March 13: the roads are closed.",
            "2021-03-13",
        ),
    ],
)
def test_weekday_direction_from_the_parse(nlp, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(nlp, text)
    assert doc._.times[0].value == value
