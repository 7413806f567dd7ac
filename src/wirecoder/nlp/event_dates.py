"""Event dates: for each event, the time expression that governs it, else a stated fallback.

The order of preference, each recorded in ``EventDate.reason``:

1. ``"same clause"``: the expression hangs off the trigger in the parse (the trigger is the
   expression's governing verb, or an ancestor of the expression below that verb: "the attack
   on Tuesday", "troops withdrew last week");
2. ``"same sentence"``: the nearest expression in the trigger's sentence, leaving out one in
   the trigger's complement clause when it lies ahead of publication, or in a clause on
   another noun ("admitted during questioning that the group had planned to attack a rally
   due to be held on Saturday": the rally's Saturday, not the questioning's; "refused to
   leave earlier in the year" keeps its year);
3. ``"same paragraph"``: the nearest expression before the trigger in its paragraph, else the
   nearest after it, unless that one is background, more than a month before the fallback
   week ("Police dispersed a sit-in and no one was injured. Similar protests in 2022 left
   eleven people injured": 2022 does not date the sit-in);
4. ``"before the report"``: the week that ends on the day the sentence says the event was
   reported, when it puts the event before in the past perfect ("the ministry said in a
   statement on Monday that armed men had attacked the market": the attack came on or before
   Monday, which steps 2 and 3 leave out; "police reported today that a bomb exploded" is
   most often that very day, and step 2 keeps it). It comes before step 3 when the paragraph
   has no time before the trigger;
5. ``"publication-date fallback"``: the week that ends on the publication date (precision
   ``week``): news reports events of the last few days;
6. ``"no date"``: no expression and no publication date; the dates are None.

An expression after "since" runs to the publication date ("has killed 15 people since last
month").

Only expressions that name an interval (dates, times, anchored durations such as "the past
week") can date an event; sets and bare durations cannot. Nor can the date of an opening
dateline ("KIRKUK, Iraq, April 9, 2025 - Four people were killed ... on Tuesday"): it dates the
report, and the parser often hangs it on the first sentence's verb.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..records import Event, EventDate, Precision, TimeSpan
from .component import Component
from .cues import load_cues
from .event_syntax import dateline_span

__all__ = [
    "BACKGROUND_DAYS",
    "FALLBACK_DAYS",
    "FALLBACK_REASON",
    "OWN_SENTENCE_REASONS",
    "REPORT_REASON",
    "EventDateComponent",
    "date_event",
]

#: The publication-date fallback covers this many days, the publication day included.
FALLBACK_DAYS = 7
FALLBACK_REASON = "publication-date fallback"
REPORT_REASON = "before the report"
#: The reasons of a date taken from a time expression of the event's own sentence.
OWN_SENTENCE_REASONS = frozenset({"same clause", "same sentence"})
#: News reports what happened in its last few days; a time this many days or more before
#: that is background ("Similar protests in the city in 2022 left eleven people injured"):
#: it does not date an undated event of an earlier sentence, and an undated event is
#: another happening than one so dated.
BACKGROUND_DAYS = 31

#: how what is said hangs on the verb that says it
_SAID_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj"})
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "csubj", "acl"}


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_head_path(token: Token) -> list[Token]:
    """Return ``token``'s ancestors up to and including its clause's verb."""
    path = [token]
    while token.head.i != token.i and token.pos_ not in {"VERB", "AUX"}:
        if token.dep_ in _CLAUSE_DEPS:
            break
        token = token.head
        path.append(token)
    return path


def _from_time(
    time: TimeSpan, reason: str, text: str = "", published: date | None = None
) -> EventDate:
    """Return the date a time expression gives; "since X" runs from X to publication."""
    end = time.end_date
    if (
        published is not None
        and end is not None
        and end < published
        and text[max(0, time.start - 6) : time.start].lower() == "since "
    ):
        end = published  # "has killed 15 people since last month": May 1 to today
    return EventDate(time.start_date, end, time.precision, time=time.id, reason=reason)


def _paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start), (len(text) if end < 0 else end)


def _in_clause(doc: Doc, trigger: Token, times: list[TimeSpan]) -> TimeSpan | None:
    for time in times:
        root = _token_at(doc, time.start, time.end)
        if root is not None and trigger in _clause_head_path(root):
            return time
    return None


def _nearest(times: list[TimeSpan], offset: int, *, before_first: bool) -> TimeSpan | None:
    if not times:
        return None
    if before_first and (before := [t for t in times if t.end <= offset]):
        return before[-1]
    return min(times, key=lambda t: min(abs(t.start - offset), abs(t.end - offset)))


def _fallback(doc: Doc) -> EventDate:
    published = doc._.article.published if doc._.article is not None else None
    if published is None:
        return EventDate(None, None, Precision.UNKNOWN, reason="no date")
    return _week_ending(published, FALLBACK_REASON)


def _week_ending(end: date, reason: str, time: str | None = None) -> EventDate:
    """Return the :data:`FALLBACK_DAYS` that end on ``end``, precision ``week``."""
    start = end - timedelta(days=FALLBACK_DAYS - 1)
    return EventDate(start, end, Precision.WEEK, time=time, reason=reason)


def _describes_another(
    doc: Doc, time: TimeSpan, trigger: Token | None, published: date | None = None
) -> bool:
    """Return whether the expression dates a clause that describes another noun.

    "admitted during questioning that the group had planned to attack a rally due to be held
    on Saturday": Saturday is the rally's, inside what was admitted (a complement clause
    below the trigger), or inside a clause on a noun that does not hold the trigger. So is
    the deadline of what is asked or threatened ("called on the authorities to open a
    centre before winter").
    """
    token = _token_at(doc, time.start, time.end)
    if token is None or trigger is None:
        return False
    # a past time in what is said or refused dates the saying too ("refused to leave earlier
    # in the year"); a time ahead is a plan or a deadline
    ahead = published is None or (time.start_date is not None and time.start_date > published)
    content = False  # crossed a complement clause: what is said or admitted, not the saying
    while token.head.i != token.i:
        if token.i == trigger.i:
            return content and ahead
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
            return trigger not in token.subtree and token.head.i != trigger.i
        content = (
            content
            or token.dep_ == "ccomp"
            or (token.dep_ == "xcomp" and token.head.i == trigger.i)  # "called on X to open"
        )
        token = token.head
    return content and ahead and token.i == trigger.i  # the trigger is the sentence's root


def _dates_the_saying(doc: Doc, time: TimeSpan, trigger: Token | None) -> bool:
    """Return whether the expression dates a report of the event, not the event.

    "Niger's defence ministry said in a statement on Monday that armed men had attacked the
    market": Monday is when it was said; the past perfect puts the attack before. So is the
    day of the statement it was said in ("claimed in a statement circulated on Monday that
    its fighters had seized the market"). In the simple past the two are most often one day
    ("reported today that a bomb exploded").
    """
    token = _token_at(doc, time.start, time.end)
    if token is None or trigger is None:
        return False
    reporting = load_cues().reporting
    verb = _clause_head_path(token)[-1]
    if verb.lemma_.lower() not in reporting and verb.dep_ in ("acl", "relcl"):
        verb = _clause_head_path(verb.head)[-1]  # "claimed in a statement circulated on Monday"
    if verb.i == trigger.i or verb.lemma_.lower() not in reporting:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in trigger.children):
        return False  # "reported today that a bomb exploded": most often that very day
    below = trigger  # the trigger must be in what is said, not in a clause beside the saying
    while below.head.i != verb.i:
        if below.head.i == below.i:
            return False
        below = below.head
    clause = _clause_head_path(trigger)[-1]
    said_of_a_noun = clause.dep_ == "acl" and any(  # "in a statement that its fighters had"
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    )
    return below.dep_ in _SAID_DEPS or said_of_a_noun


def _background(time: TimeSpan, published: date | None) -> bool:
    """Return whether a time ends :data:`BACKGROUND_DAYS` or more before the fallback week."""
    if published is None or time.end_date is None:
        return False
    return (published - time.end_date).days > FALLBACK_DAYS - 1 + BACKGROUND_DAYS


def date_event(
    doc: Doc, event: Event, times: list[TimeSpan], *, text: str | None = None
) -> EventDate:
    """Return the date of ``event``: from the expression that governs it, else the fallback.

    ``text``: the document's text, when the caller has it (``Doc.text`` joins every token).
    """
    dated = [t for t in times if t.start_date is not None and t.end_date is not None]
    trigger = _token_at(doc, event.trigger.start, event.trigger.end)
    published = doc._.article.published if doc._.article is not None else None
    text = doc.text if text is None else text
    if trigger is not None and (time := _in_clause(doc, trigger, dated)):
        return _from_time(time, "same clause", text, published)
    offset = event.trigger.start
    in_sentence = [t for t in dated if event.sentence.start <= t.start < event.sentence.end]
    saying = [t for t in in_sentence if _dates_the_saying(doc, t, trigger)]
    sentence = [
        t
        for t in in_sentence
        if t not in saying and not _describes_another(doc, t, trigger, published)
    ]
    if time := _nearest(sentence, offset, before_first=False):
        return _from_time(time, "same sentence", text, published)
    low, high = _paragraph_bounds(text, offset)
    paragraph = [
        t
        for t in dated
        if low <= t.start < high
        and t not in saying
        and (t.end <= offset or not _background(t, published))
    ]
    if saying and saying[0].end_date is not None and all(t.end > offset for t in paragraph):
        return _report_week(saying[0])  # a later sentence's time is a weaker guide
    if time := _nearest(paragraph, offset, before_first=True):
        return _from_time(time, "same paragraph", text, published)
    return _fallback(doc)


def _report_week(time: TimeSpan) -> EventDate:
    """Return the week that ends on the day a report was made: what it reports came before."""
    assert time.end_date is not None
    return _week_ending(time.end_date, REPORT_REASON, time.id)


class EventDateComponent(Component):
    """Set ``event.date`` on every event in ``doc._.events``."""

    name = "event_dates"
    reads = ("events", "times")
    writes = ("events.date",)

    def __call__(self, doc: Doc) -> Doc:
        times: list[TimeSpan] = doc._.times or []
        start, end = dateline_span(doc)
        times = [t for t in times if not start <= t.start < end]
        text = doc.text  # read once: Doc.text joins every token
        for event in doc._.events or []:
            event.date = date_event(doc, event, times, text=text)
        return doc
