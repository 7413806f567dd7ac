"""Where documents come from: files by format, folders, stdin and URLs."""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..records import DocError
from .feeds import feed_articles, fetch_url, read_feed
from .fields import ReadOptions
from .html import decode_html, html_article
from .problems import Ingested, problem
from .streams import PrefixedStream, read_at_most, stream_size
from .structured import read_csv, read_json, read_jsonl
from .text import read_text_stream
from .warc import read_warc

__all__ = ["STDIN", "iter_raw", "reader_for_suffix", "sniff_reader"]

log = logging.getLogger(__name__)

STDIN = "-"
Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Ingested]]
_SNIFF_BYTES = 4096


def read_html(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield the one article of an HTML page (reading at most ``options.markup_bytes``)."""
    limit = options.markup_bytes
    data, more = read_at_most(stream, limit)
    problems: list[DocError] = []
    if more:
        size = stream_size(stream) or f"more than {limit}"
        problems.append(problem("W116", origin, size=size, limit=limit))
    html = decode_html(data, origin, final=not more)
    if isinstance(html, DocError):
        yield Ingested(None, [*problems, html])
        return
    if not html.strip():
        yield Ingested(None, [*problems, problem("W101", origin)])
        return
    article = html_article(html, origin)
    if isinstance(article, DocError):
        yield Ingested(None, [*problems, article])
    else:
        yield Ingested(article, problems)


def _unsupported_xml(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    yield Ingested.failed(problem("W110", origin, detail="XML that is neither a feed nor HTML"))


_READERS: dict[str, Reader] = {
    ".txt": read_text_stream,
    ".text": read_text_stream,
    ".md": read_text_stream,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".jsonlines": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": partial(read_csv, delimiter="\t"),
    ".tab": partial(read_csv, delimiter="\t"),
    ".rss": read_feed,
    ".atom": read_feed,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def reader_for_suffix(path: Path) -> Reader | None:
    """Return the reader for a file name's extension, or None to sniff the content."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return read_warc
    return _READERS.get(path.suffix.lower())


def _is_gzipped_warc(head: bytes) -> bool:
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(head)).read(5) == b"WARC/"
    except (OSError, EOFError):
        return False


def _sniff_markup(text: str) -> Reader | None:
    lower = text[:2000].lower()
    if any(marker in lower for marker in ("<rss", "<feed", "<rdf:rdf")):
        return read_feed
    if "<html" in lower or "<!doctype html" in lower or "<body" in lower:
        return read_html
    return _unsupported_xml if lower.startswith("<?xml") else None


def sniff_reader(head: bytes) -> Reader:
    """Return the reader for a document from its first bytes (text when nothing else fits)."""
    if head.startswith(b"\x1f\x8b") and _is_gzipped_warc(head):
        return read_warc
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("WARC/"):
        return read_warc
    if text.startswith("<"):
        return _sniff_markup(text) or read_html
    if text.startswith("["):
        return read_json
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0].rstrip()
        return read_jsonl if first_line.endswith("}") else read_json
    return read_text_stream


def _read_file(path: Path, options: ReadOptions) -> Iterator[Ingested]:
    origin = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Ingested.failed(problem("W109", origin, detail=exc.strerror or str(exc)))
        return
    with stream:
        reader = reader_for_suffix(path)
        if reader is None:
            reader = sniff_reader(stream.read(_SNIFF_BYTES))
            stream.seek(0)
        yield from reader(stream, origin, options)


def _read_stdin(options: ReadOptions) -> Iterator[Ingested]:
    raw: BinaryIO = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode())
    head = raw.read(_SNIFF_BYTES)
    stream = io.BufferedReader(PrefixedStream(head, raw))
    yield from sniff_reader(head)(stream, "<stdin>", options)


def _read_url(url: str, options: ReadOptions) -> Iterator[Ingested]:
    fetched = fetch_url(url, max(options.markup_bytes, 16 << 20))
    if isinstance(fetched, DocError):
        yield Ingested.failed(fetched)
        return
    body, content_type, _ = fetched
    reader = _sniff_markup(body[:_SNIFF_BYTES].decode("utf-8", errors="replace").lstrip())
    if reader is read_html or ("html" in content_type.lower() and reader is not read_feed):
        html = decode_html(body, url)
        article = html if isinstance(html, DocError) else html_article(html, url, url=url)
        yield Ingested.failed(article) if isinstance(article, DocError) else Ingested(article)
        return
    yield from feed_articles(body, url)


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the files under ``folder`` in sorted order, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root, name)


def _read_path(path: str | Path, options: ReadOptions) -> Iterator[Ingested]:
    if str(path) == STDIN:
        yield from _read_stdin(options)
    elif str(path).startswith(("http://", "https://")):
        yield from _read_url(str(path), options)
    elif Path(path).is_dir():
        for file in _walk(Path(path)):
            yield from _guarded(_read_file(file, options), str(file))
    elif Path(path).exists():
        yield from _read_file(Path(path), options)
    else:
        yield Ingested.failed(problem("W109", str(path), detail="no such file or folder"))


def _guarded(results: Iterator[Ingested], origin: str) -> Iterator[Ingested]:
    """Yield ``results``; an unexpected failure of a reader becomes W109 for that input."""
    try:
        yield from results
    except Exception as exc:  # one broken file must not stop the batch; the error is recorded
        log.exception("reading %s failed", origin)
        yield Ingested.failed(problem("W109", origin, detail=f"{type(exc).__name__}: {exc}"))


def iter_raw(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[Ingested]:
    """Yield what each input holds, as read (no metadata defaults, no checks yet)."""
    for path in paths:
        yield from _guarded(_read_path(path, options), str(path))
