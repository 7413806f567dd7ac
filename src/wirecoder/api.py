"""The Python API. The CLI, the HTTP API and the evaluation harness are thin layers over it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .config import Settings
from .records import Article, DocumentRecord

__all__ = ["Extractor"]


class Extractor:
    """Turns articles into document records. Build one per process; it loads the model once."""

    def __init__(self, settings: Settings | None = None) -> None:
        from .nlp.pipeline import Pipeline  # heavy import, deferred so `--help` stays fast

        self.settings = settings or Settings()
        self.pipeline = Pipeline(self.settings)

    @property
    def version(self) -> str:
        return self.pipeline.version

    def extract_articles(self, articles: Iterable[Article]) -> Iterator[DocumentRecord]:
        """Return one record per article, in order (articles are coded as given)."""
        return self.pipeline.process(articles)

    def extract(
        self,
        text: str,
        *,
        published: date | None = None,
        title: str | None = None,
        source: str | None = None,
        url: str | None = None,
        origin: str = "<text>",
    ) -> DocumentRecord:
        """Return the document record of one text."""
        article = Article(
            text=text,
            origin=origin,
            title=title,
            published=published,
            published_reason="given" if published else None,
            source=source,
            url=url,
            language="en",
        )
        return next(iter(self.extract_articles([article])))
