"""WARC archives: each HTML page captured with status 200 is one article.

Other records (requests, metadata, images, redirects, errors) are not documents and are
skipped without a message. Origins are ``path#N`` with N the record's position in the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..records import DocError
from .fields import ReadOptions
from .html import decode_html, html_article
from .metadata import parse_date_value
from .problems import Ingested, problem
from .streams import read_at_most

__all__ = ["read_warc"]

log = logging.getLogger(__name__)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    status = record.http_headers.get_statuscode()
    return status == "200" and "html" in content_type.lower()


def _page(record: Any, origin: str, options: ReadOptions) -> Ingested:
    """Return the article of one HTML response record."""
    limit = options.markup_bytes
    data, more = read_at_most(record.content_stream(), limit)
    problems: list[DocError] = []
    if more:
        problems.append(problem("W116", origin, size=f"more than {limit}", limit=limit))
    content_type = record.http_headers.get_header("Content-Type") or ""
    html = decode_html(data, origin, declared=_charset(content_type), final=not more)
    if isinstance(html, DocError):
        return Ingested(None, [*problems, html])
    url = record.rec_headers.get_header("WARC-Target-URI")
    article = html_article(html, origin, url=url)
    if isinstance(article, DocError):
        return Ingested(None, [*problems, article])
    article.url = article.url or url
    if article.published is None:
        captured = parse_date_value(record.rec_headers.get_header("WARC-Date"))
        if captured:
            article.published, article.published_reason = captured, "warc-date"
    return Ingested(article, problems)


def read_warc(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield one result per HTML page in a WARC (or .warc.gz) stream; W112 if it is corrupt."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type is None or record.format != "warc":
                raise ValueError(f"record {number} is not a WARC record")
            if _is_html_page(record):
                yield _page(record, f"{origin}#{number}", options)
    except Exception as exc:  # warcio raises many types (even AttributeError) on corrupt input
        yield Ingested.failed(problem("W112", origin, detail=f"after record {number}: {exc}"))
        return
    if number == 0:
        yield Ingested.failed(problem("W112", origin, detail="no WARC records"))
