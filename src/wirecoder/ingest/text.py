"""Plain text documents: a file, stdin, or a string given to the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from ..records import Article, DocError
from .checks import cut_text
from .decode import decode_bytes
from .fields import ReadOptions
from .problems import Ingested, problem
from .streams import count_chars

__all__ = ["read_text_stream", "split_headline"]

_HEADLINE_CHARS = 150
_HEADLINE_WORDS = 25
_NOT_HEADLINE_END = re.compile(r"[.,;:\-–—]$")


def _is_headline(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= _HEADLINE_CHARS
        and len(line.split()) <= _HEADLINE_WORDS
        and not _NOT_HEADLINE_END.search(line)
    )


def split_headline(text: str) -> tuple[str | None, str]:
    """Return (headline, body): the first line is a headline if short and without a final period.

    A text of one line has no headline: it is all body.
    """
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    if rest.strip() and _is_headline(first):
        return first.strip(), rest.strip()
    return None, stripped


def read_text_stream(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[Ingested]:
    """Yield the one article of a plain-text stream, reading at most ``options.text_bytes``.

    A longer input is cut (W108, with its real size in characters, counted chunk by chunk).
    """
    limit_bytes = options.text_bytes
    data = stream.read(limit_bytes + 1)  # one byte more says whether the input goes on
    more = len(data) > limit_bytes
    decoded = decode_bytes(data[:limit_bytes], origin=origin, final=not more)
    if isinstance(decoded, DocError):
        yield Ingested.failed(decoded)
        return
    text, encoding = decoded
    problems: list[DocError] = []
    if more:
        limit = options.settings.max_chars
        text = cut_text(text, limit)
        size = count_chars(data, stream, encoding)
        problems.append(problem("W108", origin, size=size, limit=limit))
    if not text.strip():
        yield Ingested.failed(problem("W101", origin))
        return
    title, body = split_headline(text)
    yield Ingested(Article(text=body, origin=origin, title=title), problems)
