"""What a reader yields per document: the article (or None) and the problems met reading it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ErrorCode
from ..records import Article, DocError

__all__ = ["WARNING_CODES", "Ingested", "problem"]

#: Codes that are warnings: the article they concern is kept and follows them.
#: Every other ingest code means the document (or the whole file) was skipped.
WARNING_CODES: frozenset[str] = frozenset({"W108", "W114", "W116"})


def problem(code: str, origin: str, **params: object) -> DocError:
    """Return the DocError of catalogue ``code`` for ``origin`` (stage "ingest")."""
    message = ErrorCode[code].format(origin=origin, **params)
    return DocError(code=code, message=message, origin=origin, stage="ingest")


@dataclass(slots=True)
class Ingested:
    """One document read from a source: the article, or None when it was skipped, and why."""

    article: Article | None
    problems: list[DocError] = field(default_factory=list)

    @classmethod
    def failed(cls, error: DocError) -> Ingested:
        return cls(None, [error])
