"""The ingest stage: files, folders, feeds, WARC archives and stdin in; checked Articles out.

Entry points:

* :func:`iter_documents` yields one :class:`Ingested` per document: ``(article, problems)``,
  where ``article`` is None when the document was skipped. This is the form to use when the
  warnings must stay attached to their article (e.g. into ``DocumentRecord.errors``).
* :func:`iter_sources` yields the same, flattened: each document's problems as
  :class:`~wirecoder.records.DocError` first, then its Article if it is kept. A DocError
  whose code is in :data:`WARNING_CODES` (W108 cut, W114 unreadable date, W116 input read in
  part) does not skip anything: when it is about one document, that document's Article
  follows it directly with the same ``origin``; when it is about a whole file, its origin is
  the file and the file's documents (``file#N``) follow.
* :func:`read_text` builds an Article from a string; :func:`check_article` validates one.

Metadata: publication date precedence is document metadata > dateline > ``published``
argument (the CLI ``--published``, which only fills documents without a date, and also
serves as the reference year for a dateline without a year); ``source`` (CLI ``--source``)
replaces the document's outlet. See :mod:`wirecoder.ingest.metadata`.

Origins: the path for single-document files, ``path#N`` (1-based record, entry or WARC
record number) for multi-document files, ``<stdin>`` for standard input, the URL for a page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Settings
from ..records import Article, DocError
from .checks import check_article, cut_text
from .dateline import Dateline, parse_dateline
from .decode import normalise_newlines
from .fields import FieldMap, ReadOptions
from .language import detect_language
from .metadata import apply_defaults, parse_date_value
from .problems import WARNING_CODES, Ingested, problem
from .sources import iter_raw

__all__ = [
    "WARNING_CODES",
    "Dateline",
    "FieldMap",
    "Ingested",
    "check_article",
    "cut_text",
    "detect_language",
    "iter_documents",
    "iter_sources",
    "parse_date_value",
    "parse_dateline",
    "read_text",
]

_DEFAULT_FIELDS = FieldMap()
_DEFAULT_SETTINGS = Settings()
_METADATA = frozenset(f.name for f in dataclasses.fields(Article)) - {"text", "origin"}


def _finish(
    raw: Ingested, settings: Settings, source: str | None, published: date | None
) -> Ingested:
    if raw.article is None:
        return raw
    article = apply_defaults(raw.article, source=source, published=published)
    checked, problems = check_article(article, settings=settings)
    return Ingested(checked, [*raw.problems, *problems])


def iter_documents(
    paths: Iterable[str | Path],
    *,
    fields: FieldMap = _DEFAULT_FIELDS,
    settings: Settings = _DEFAULT_SETTINGS,
    source: str | None = None,
    published: date | None = None,
) -> Iterator[Ingested]:
    """Yield (article or None, problems) for every document in ``paths``; never raises for bad input.

    ``paths`` holds files, folders (read recursively in sorted order, hidden names skipped),
    http(s) feed or page URLs, or "-" for stdin. Articles come checked (:func:`check_article`).
    """
    options = ReadOptions(fields=fields, settings=settings)
    for raw in iter_raw(paths, options):
        yield _finish(raw, settings, source, published)


def iter_sources(
    paths: Iterable[str | Path],
    *,
    fields: FieldMap = _DEFAULT_FIELDS,
    settings: Settings = _DEFAULT_SETTINGS,
    source: str | None = None,
    published: date | None = None,
) -> Iterator[Article | DocError]:
    """Yield every codeable Article in ``paths``, each preceded by its problems as DocErrors.

    See the module docstring for how a warning (W108, W114, W116) relates to the Article after it.
    """
    for result in iter_documents(
        paths, fields=fields, settings=settings, source=source, published=published
    ):
        yield from result.problems
        if result.article is not None:
            yield result.article


def read_text(
    text: str, *, origin: str = "<stdin>", settings: Settings = _DEFAULT_SETTINGS, **metadata: Any
) -> Article | DocError:
    """Return the Article of a raw text (newlines normalised, dateline read), or W101 if empty.

    ``metadata`` sets Article fields (title, published, source, url, author, external_id, ...);
    a given ``published`` gets the reason "given". The text is not checked: pass the Article
    to :func:`check_article` before NLP. ``settings`` is accepted for symmetry and not used yet.
    """
    unknown = set(metadata) - _METADATA
    if unknown:
        raise TypeError(f"read_text() got unknown metadata: {', '.join(sorted(unknown))}")
    text = normalise_newlines(text)
    if not text.strip():
        return problem("W101", origin)
    article = Article(text=text, origin=origin, **metadata)
    if article.published is not None and article.published_reason is None:
        article.published_reason = "given"
    return apply_defaults(article)
