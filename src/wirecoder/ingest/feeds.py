"""RSS and Atom feeds (files or URLs): one article per entry, with feedparser."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any, BinaryIO

from .. import __version__
from ..records import Article, DocError
from .fields import ReadOptions
from .html import html_to_text, looks_like_html
from .metadata import parse_date_value
from .problems import Ingested, problem
from .streams import read_at_most, stream_size

__all__ = ["feed_articles", "fetch_url", "read_feed"]

log = logging.getLogger(__name__)

_FEED_MAX_BYTES = 64 << 20
_TIMEOUT_S = 30
_USER_AGENT = f"wirecoder/{__version__} (+https://github.com/wirecoder)"


def fetch_url(url: str, limit: int) -> tuple[bytes, str, bool] | DocError:
    """Return (body, content type, truncated) for an http(s) URL, or W109 when it cannot be fetched."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
            body, more = read_at_most(response, limit)
            return body, response.headers.get("Content-Type", ""), more
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return problem("W109", url, detail=str(exc))


def _entry_text(entry: Any) -> str:
    """Return the fullest text of an entry: content:encoded / content, else summary."""
    candidates = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    candidates.append(entry.get("summary", "") or entry.get("description", ""))
    best = max(candidates, key=len)
    return html_to_text(best) if looks_like_html(best) else best.strip()


def _entry_article(entry: Any, origin: str, feed_title: str | None) -> Ingested:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    published = parse_date_value(parsed)
    problems: list[DocError] = []
    raw = entry.get("published") or entry.get("updated")
    if published is None and raw:
        problems.append(problem("W114", origin, value=str(raw)[:80]))
    article = Article(
        text=_entry_text(entry),
        origin=origin,
        title=entry.get("title") or None,
        published=published,
        published_reason="metadata" if published else None,
        source=feed_title,
        url=entry.get("link") or None,
        author=entry.get("author") or None,
        external_id=entry.get("id") or None,
    )
    return Ingested(article, problems)


def feed_articles(data: bytes, origin: str) -> Iterator[Ingested]:
    """Yield one result per entry of a feed document; W111 when it is not a readable feed."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if not entries:
        if parsed.get("bozo"):
            detail = str(parsed.get("bozo_exception") or "not a feed")
            yield Ingested.failed(problem("W111", origin, detail=detail))
        else:
            log.info("%s: feed has no entries", origin)
        return
    feed_title = parsed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        yield _entry_article(entry, f"{origin}#{number}", feed_title)


def read_feed(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield the entries of a feed file; a feed over 64 MiB is read in part (W116)."""
    data, more = read_at_most(stream, _FEED_MAX_BYTES)
    if more:
        size = stream_size(stream) or f"more than {_FEED_MAX_BYTES}"
        yield Ingested(None, [problem("W116", origin, size=size, limit=_FEED_MAX_BYTES)])
    yield from feed_articles(data, origin)
