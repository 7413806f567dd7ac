"""Article metadata: publication dates from any form, and the dateline and CLI defaults.

Publication date precedence (``Article.published_reason`` says which one was used):

1. the document's own metadata ("metadata"; "warc-date" for a WARC record's capture date);
2. the dateline's date ("dateline"), its year inferred from the CLI date when it has none;
3. the CLI ``--published`` value ("cli"), which thus fills only documents that carry no date.

Neither gives ``published=None`` and ``published_reason=None``: a date is never invented.
The CLI ``--source`` value always replaces the document's outlet.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..records import Article
from .dateline import parse_dateline

__all__ = ["apply_defaults", "parse_date_value"]

log = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}


def _from_string(value: str) -> date | None:
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()  # RFC 2822, as in feeds and e-mail
    except (TypeError, ValueError, IndexError):
        pass
    if len(value) > 64 or not re.search(r"\d", value):
        return None
    import dateparser  # slow to import; only for free-form dates

    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def parse_date_value(value: Any) -> date | None:
    """Return the date in ``value`` (ISO or RFC 2822 string, free text, epoch, struct_time), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return _from_string(value.strip())
    return None


def apply_defaults(
    article: Article, *, source: str | None = None, published: date | None = None
) -> Article:
    """Set the dateline place, the publication date by precedence, and the CLI source."""
    if source:
        article.source = source
    reference = article.published or published
    dateline = parse_dateline(article.text, reference=reference)
    if dateline is not None:
        article.dateline_place = dateline.location
    if article.published is None:
        if dateline is not None and dateline.date is not None:
            article.published, article.published_reason = dateline.date, "dateline"
        elif published is not None:
            article.published, article.published_reason = published, "cli"
    elif article.published_reason is None:
        article.published_reason = "metadata"
    return article
