"""Records with a text field: JSON Lines, JSON and CSV/TSV. One article per record.

JSON Lines and CSV are streamed record by record; a bad line or row is recorded (W105, W113)
and the rest of the file goes on. A JSON file is parsed whole, so it has a size cap.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from ..records import Article, DocError
from .decode import decode_bytes, normalise_newlines
from .fields import ReadOptions
from .html import html_to_text, looks_like_html
from .metadata import parse_date_value
from .problems import Ingested, problem
from .streams import PrefixedStream, iter_lines, read_at_most

__all__ = ["read_csv", "read_json", "read_jsonl", "record_article"]

log = logging.getLogger(__name__)

#: Keys under which a JSON object may hold its list of articles.
_LIST_KEYS = ("articles", "items", "documents", "docs", "records", "data", "results")
_JSON_MAX_BYTES = 256 << 20
_DELIMITERS = ",;\t|"


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a list of paragraphs
    return None


def _as_name(value: Any) -> str | None:
    """Return a display string for a metadata value: a string, a number, or a {"name": ...} object."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def record_article(
    record: Mapping[str, Any], origin: str, number: int, options: ReadOptions
) -> Ingested:
    """Return the article in one record, or W106 when it has no text field."""
    fields = options.fields
    text = _as_text(fields.lookup(record, "text"))
    if text is None:
        return Ingested.failed(problem("W106", origin, line=number, field="/".join(fields.text)))
    text = normalise_newlines(text)
    if looks_like_html(text):
        text = html_to_text(text)
    problems: list[DocError] = []
    raw_date = fields.lookup(record, "published")
    published = parse_date_value(raw_date)
    if raw_date is not None and published is None:
        problems.append(problem("W114", origin, value=str(raw_date)[:80]))
    article = Article(
        text=text.strip(),
        origin=origin,
        title=_as_name(fields.lookup(record, "title")),
        published=published,
        published_reason="metadata" if published else None,
        source=_as_name(fields.lookup(record, "source")),
        url=_as_name(fields.lookup(record, "url")),
        author=_as_name(record.get("author") or record.get("byline")),
        external_id=_as_name(fields.lookup(record, "id")),
    )
    return Ingested(article, problems)


def _jsonl_record(line: bytes, origin: str, number: int, options: ReadOptions) -> Ingested | None:
    """Return what one JSON Lines line holds; None for a blank line."""
    where = f"{origin}#{number}"
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8").strip()
    except UnicodeDecodeError as exc:
        return Ingested.failed(
            problem("W105", origin, line=number, detail=f"not UTF-8 ({exc.reason})")
        )
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return Ingested.failed(
            problem("W105", origin, line=number, detail=f"{exc.msg} at column {exc.colno}")
        )
    if not isinstance(value, dict):
        detail = f"expected an object, found {type(value).__name__}"
        return Ingested.failed(problem("W105", origin, line=number, detail=detail))
    return record_article(value, where, number, options)


def read_jsonl(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield one result per line of a JSON Lines stream; a bad line is W105 and the rest go on."""
    limit = options.markup_bytes
    for number, line in iter_lines(stream, limit):
        if line is None:
            detail = f"line longer than {limit} bytes; skipped"
            yield Ingested.failed(problem("W105", origin, line=number, detail=detail))
            continue
        result = _jsonl_record(line, origin, number, options)
        if result is not None:
            yield result


def _records_of(value: Any) -> list[Any] | None:
    """Return the list of records in a parsed JSON document, or None for a single object."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                return list(value[key])
    return None


def _json_items(items: Iterable[Any], origin: str, options: ReadOptions) -> Iterator[Ingested]:
    for number, item in enumerate(items, 1):
        where = f"{origin}#{number}"
        if isinstance(item, dict):
            yield record_article(item, where, number, options)
        else:
            detail = f"item {number} is {type(item).__name__}, not an object"
            yield Ingested.failed(problem("W110", origin, detail=detail))


def read_json(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield the articles of a JSON document: an array of objects, one object, or {"articles": [...]}."""
    data, more = read_at_most(stream, _JSON_MAX_BYTES)
    if more:
        detail = f"JSON over {_JSON_MAX_BYTES} bytes cannot be parsed whole; use JSON Lines"
        yield Ingested.failed(problem("W110", origin, detail=detail))
        return
    decoded = decode_bytes(data, origin=origin)
    if isinstance(decoded, DocError):
        yield Ingested.failed(decoded)
        return
    text = decoded[0]
    if not text.strip():
        yield Ingested.failed(problem("W101", origin))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: JSON Lines named .json
            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), origin, options)
            return
        yield Ingested.failed(problem("W105", origin, line=exc.lineno, detail=exc.msg))
        return
    records = _records_of(value)
    if records is not None:
        yield from _json_items(records, origin, options)
    elif isinstance(value, dict):
        yield record_article(value, origin, 1, options)
    else:
        detail = f"expected an object or an array, found {type(value).__name__}"
        yield Ingested.failed(problem("W110", origin, detail=detail))


def _delimiter(head: str, default: str) -> str:
    header = head.split("\n", 1)[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else default


def _csv_rows(reader: csv.DictReader[str], origin: str, options: ReadOptions) -> Iterator[Ingested]:
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Ingested.failed(problem("W113", origin, line=number, detail=str(exc)))
            continue
        if None in row:
            columns = len(reader.fieldnames or [])
            extra = row[None]  # DictReader's restkey for surplus fields
            detail = f"{columns + len(extra)} fields, the header has {columns}"
            yield Ingested.failed(problem("W113", origin, line=number, detail=detail))
            continue
        yield record_article(row, f"{origin}#{number}", number, options)


def read_csv(
    stream: BinaryIO, origin: str, options: ReadOptions, *, delimiter: str = ","
) -> Iterator[Ingested]:
    """Yield one result per row of a CSV/TSV stream with a header row; a bad row is W113.

    The encoding is detected on the first 64 KiB; a later byte it cannot decode becomes U+FFFD.
    The delimiter is the most frequent of , ; tab | in the header line (else ``delimiter``).
    """
    head = stream.read(1 << 16)
    decoded = decode_bytes(head, origin=origin, final=False)
    if isinstance(decoded, DocError):
        yield Ingested.failed(decoded)
        return
    text_head, encoding = decoded
    if not text_head.strip():
        yield Ingested.failed(problem("W101", origin))
        return
    # The limit is process-wide in the csv module; it is only ever raised, to one record's cap.
    csv.field_size_limit(max(csv.field_size_limit(), options.markup_bytes))
    full = io.BufferedReader(PrefixedStream(head, stream))
    lines = io.TextIOWrapper(full, encoding=encoding, errors="replace", newline="")
    reader = csv.DictReader(lines, delimiter=_delimiter(text_head, delimiter))
    yield from _csv_rows(reader, origin, options)
