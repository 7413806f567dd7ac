"""Terminal output: summaries, event tables and a document view with highlighted evidence."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import DocumentRecord
from .store.base import Stats, StoredEvent

if TYPE_CHECKING:
    from .contradictions import ContradictionPair, CorpusContradiction

__all__ = [
    "CONTRADICTION_COLUMNS",
    "EVENT_COLUMNS",
    "contradictions_csv",
    "contradictions_json",
    "contradictions_table",
    "events_csv",
    "events_json",
    "events_table",
    "print_document",
    "print_summary",
]

EVENT_COLUMNS = (
    "doc_id",
    "event_id",
    "type",
    "mode",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "actors",
    "recipients",
    "place",
    "country",
    "lat",
    "lon",
    "killed",
    "injured",
    "arrested",
    "sources",
    "trigger",
    "confidence",
    "title",
    "published",
    "near_duplicate_of",
)


def print_summary(console: Console, stats: Stats, *, db: str, report: Any = None) -> None:
    """Print the store summary: documents, failures, events by type, top actors and places."""
    if report is not None:
        console.print(
            f"[bold]Run {report.run_id}[/]: {report.added} added, {report.replaced} re-coded, "
            f"{report.unchanged} unchanged, {report.duplicates} exact duplicates, "
            f"{len(report.failures)} failed, {len(report.warnings)} warnings"
        )
    console.print(
        f"[bold]{db}[/]: {stats.documents} documents, {stats.events} events, "
        f"{stats.failures} failed inputs, {stats.near_duplicates} near-duplicate documents linked"
    )
    grid = Table.grid(padding=(0, 4))
    grid.add_row(
        _count_table("Events by type", stats.events_by_type),
        _count_table("Events by status", stats.events_by_status),
    )
    grid.add_row(
        _count_table("Top actors", stats.top_actors), _count_table("Top places", stats.top_places)
    )
    console.print(grid)
    if stats.failures_by_code:
        console.print(_count_table("Failures and warnings by code", stats.failures_by_code))
        console.print(f"  (list them with: wirecoder failures --db {db})")
    console.print(
        "\nNext, try:\n"
        f"  wirecoder events --db {db} --type ASSAULT\n"
        f"  wirecoder events --db {db} --status denied --format json\n"
        f"  wirecoder events --db {db} --country NGA --since 2024-01-01\n"
        f"  wirecoder show --db {db} DOC_ID\n"
        f"  wirecoder contradictions --db {db}"
    )


def _count_table(title: str, rows: Iterable[tuple[str, int]]) -> Table:
    table = Table(
        title=title, title_justify="left", show_header=False, box=None, min_width=len(title) + 2
    )
    table.add_column("name")
    table.add_column("n", justify="right")
    for name, n in rows:
        table.add_row(name, str(n))
    return table


def _row(ev: StoredEvent) -> dict[str, Any]:
    data = asdict(ev)
    return {c: data[c] for c in EVENT_COLUMNS}


#: one side's columns in contradiction rows, each prefixed with ``denial_`` or ``report_``
_SIDE_COLUMNS = (
    "doc_id",
    "event_id",
    "status",
    "trigger",
    "sources",
    "date_start",
    "date_end",
    "place",
    "country",
    "lat",
    "lon",
    "title",
)
CONTRADICTION_COLUMNS = (
    "scope",
    "type",
    *(f"denial_{c}" for c in _SIDE_COLUMNS),
    *(f"report_{c}" for c in _SIDE_COLUMNS),
    "distance_km",
    "reason",
)


def _pair_row(pair: ContradictionPair) -> dict[str, Any]:
    row: dict[str, Any] = {"scope": pair.scope, "type": pair.denial.type}
    for side, ev in (("denial", pair.denial), ("report", pair.report)):
        data = asdict(ev)
        row.update({f"{side}_{c}": data[c] for c in _SIDE_COLUMNS})
    km = pair.distance_km
    row |= {"distance_km": None if km is None else round(km, 1), "reason": pair.reason}
    return row


def contradictions_json(pairs: Iterable[ContradictionPair]) -> Iterable[str]:
    """Yield one JSON line per pair: the flat columns plus both full public events."""
    for pair in pairs:
        full = {"denial_event": pair.denial.event, "report_event": pair.report.event}
        yield json.dumps(_pair_row(pair) | full, ensure_ascii=False)


def contradictions_csv(pairs: Iterable[ContradictionPair]) -> Iterable[str]:
    """Yield CSV text: a header, then one row per pair."""
    return _csv_lines((_pair_row(pair) for pair in pairs), CONTRADICTION_COLUMNS)


def contradictions_table(console: Console, pairs: Iterable[ContradictionPair]) -> int:
    """Print pairs as a table; return how many."""
    table = Table(title="Denials and the reports they contradict", title_justify="left")
    for col in ("scope", "type", "denial", "denied by", "report", "reported by", "why"):
        table.add_column(col, overflow="fold")

    def side(ev: StoredEvent) -> str:
        return f"{ev.doc_id[:12]} {ev.event_id} {ev.trigger} · {ev.place or '-'} · {_when(ev)}"

    n = 0
    for pair in pairs:
        n += 1
        table.add_row(
            pair.scope,
            pair.denial.type,
            side(pair.denial),
            pair.denial.sources or "-",
            side(pair.report) + f" ({pair.report.status})",
            pair.report.sources or "-",
            pair.reason,
        )
    console.print(table)
    console.print(f"{n} pair(s)")
    return n


def _when(ev: StoredEvent) -> str:
    """Return a stored event's date interval: "2024-03-07", "2024-03-04..2024-03-10" or ""."""
    when = ev.date_start or ""
    if ev.date_end and ev.date_end != ev.date_start:
        when += f"..{ev.date_end}"
    return when


def events_table(console: Console, events: Iterable[StoredEvent]) -> int:
    """Print events as a table; return how many."""
    table = Table(show_lines=False)
    for col in ("doc", "event", "type", "status", "date", "actor", "recipient", "place", "source"):
        table.add_column(col, overflow="fold")
    n = 0
    for ev in events:
        n += 1
        when = _when(ev)
        type_mode = ev.type + (f"/{ev.mode}" if ev.mode else "")
        place = ", ".join(x for x in (ev.place, ev.country) if x)
        table.add_row(
            ev.doc_id[:10],
            ev.event_id,
            type_mode,
            ev.status,
            when,
            ev.actors or "",
            ev.recipients or "",
            place,
            ev.sources or "",
        )
    console.print(table)
    console.print(f"{n} events")
    return n


def events_json(events: Iterable[StoredEvent]) -> Iterable[str]:
    """Yield one JSON line per event: the flat columns plus the full public event."""
    for ev in events:
        yield json.dumps(_row(ev) | {"event": ev.event}, ensure_ascii=False)


def events_csv(events: Iterable[StoredEvent]) -> Iterable[str]:
    """Yield CSV text: a header, then one row per event."""
    return _csv_lines((_row(ev) for ev in events), EVENT_COLUMNS)


def _csv_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """Yield CSV text a line at a time: a header, then each row (streams; nothing is held)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        yield buf.getvalue()


_STATUS_STYLE = {
    "asserted": "bold green",
    "reported": "green",
    "denied": "bold red",
    "negated": "red",
    "alleged": "yellow",
    "claimed": "magenta",
}


def print_document(
    console: Console,
    record: DocumentRecord,
    elsewhere: Sequence[CorpusContradiction] = (),
) -> None:
    """Print a document with its events' evidence highlighted, then the items found, then
    the events of other stored reports that may contradict its events (``elsewhere``)."""
    console.rule(f"[bold]{record.title or record.doc_id}")
    console.print(
        f"doc_id {record.doc_id} · published {record.published or 'unknown'}"
        f" ({record.published_reason or 'no date'}) · source {record.source or '-'}"
        f" · {record.origin or ''}"
    )
    text = Text(record.text)
    for place in record.places:
        text.stylize("underline cyan", place.start, place.end)
    for tm in record.times:
        text.stylize("underline blue", tm.start, tm.end)
    for ev in record.events:
        for arg in ev.actor:
            text.stylize("bold", arg.start, arg.end)
        for src in ev.attribution:
            text.stylize("italic magenta", src.start, src.end)
            if src.cue_start is not None and src.cue_end is not None:
                text.stylize("reverse magenta", src.cue_start, src.cue_end)
        text.stylize(
            "reverse " + _STATUS_STYLE.get(ev.status, "yellow"), ev.trigger.start, ev.trigger.end
        )
    console.print(text)
    console.print(
        "[dim]legend: [reverse green]trigger[/] (colour = status), [bold]actor[/], "
        "[italic magenta]source[/], [reverse magenta]cue[/], [underline cyan]place[/], "
        "[underline blue]time[/][/]"
    )
    _print_events(console, record)
    if elsewhere:
        _print_elsewhere(console, elsewhere)
    if record.errors:
        for err in record.errors:
            console.print(f"[yellow]{err.message}[/]")


def _print_elsewhere(console: Console, found: Sequence[CorpusContradiction]) -> None:
    table = Table(title="Possibly contradicted by other reports in the store", title_justify="left")
    for col in ("event", "status", "other report", "its event", "its status", "why"):
        table.add_column(col, overflow="fold")
    for c in found:
        other = c.other
        when = _when(other)
        table.add_row(
            c.event_id,
            c.status,
            f"{other.title or other.doc_id} ({other.doc_id[:12]})",
            f"{other.event_id} {other.trigger} · {other.place or '-'} · {when}",
            other.status,
            c.reason,
        )
    console.print(table)


def _print_events(console: Console, record: DocumentRecord) -> None:
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    table = Table(title="Events", title_justify="left")
    for col in (
        "id",
        "type",
        "status",
        "trigger",
        "actor",
        "recipient",
        "where",
        "when",
        "according to",
    ):
        table.add_column(col, overflow="fold")
    for ev in record.events:

        def names(args: list[Any]) -> str:
            return "; ".join(actors[a.actor].name if a.actor in actors else a.text for a in args)

        place = places.get(ev.location.place) if ev.location and ev.location.place else None
        when = ""
        if ev.date and ev.date.start_date:
            span = str(ev.date.start_date)
            if ev.date.end_date and ev.date.end_date != ev.date.start_date:
                span += f"..{ev.date.end_date}"
            when = f"{span} ({ev.date.precision}; {ev.date.reason})"
        sources = "; ".join(f"{a.text} [{a.cue}]" for a in ev.attribution)
        status = ev.status
        if ev.contradicts:  # a denial and the report of it in this document
            status += f" (contradicts {', '.join(ev.contradicts)})"
        table.add_row(
            ev.id,
            ev.type + (f"/{ev.mode}" if ev.mode else ""),
            status,
            ev.trigger.text,
            names(ev.actor),
            names(ev.recipient),
            f"{place.name or place.text} ({place.country})" if place else "",
            when,
            sources,
        )
    console.print(table)
