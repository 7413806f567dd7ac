"""The Python API. The CLI, the HTTP API and the evaluation harness are thin layers over it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import ErrorCode, UsageError
from .records import Article, DocError, DocumentRecord

if TYPE_CHECKING:
    from .ingest import FieldMap, Ingested
    from .store import Store

__all__ = ["Extractor", "IngestReport", "ingest", "source_key"]

log = logging.getLogger(__name__)


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
        published: date | str | None = None,
        title: str | None = None,
        source: str | None = None,
        url: str | None = None,
        origin: str = "<text>",
    ) -> DocumentRecord:
        """Return the document record of one text (``published``: a date or "YYYY-MM-DD")."""
        if isinstance(published, str):
            try:
                published = date.fromisoformat(published)
            except ValueError:
                raise UsageError(ErrorCode.W404, value=published) from None
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


def source_key(article: Article) -> str:
    """Return the identity of an article across runs: its URL, else file and record id, else origin.

    Re-reading the same source with the same text changes nothing; with a changed text the
    document is re-coded and replaces the old one.
    """
    if article.url:
        return article.url
    if article.external_id:
        return f"{article.origin.split('#')[0]}#id={article.external_id}"
    return article.origin


@dataclass
class IngestReport:
    """What an ingest run did."""

    run_id: int
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failures: list[DocError] = field(default_factory=list)
    warnings: list[DocError] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged + self.duplicates


def _batches(items: Iterable[Ingested], size: int) -> Iterator[list[Ingested]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    paths: Iterable[str | Path],
    *,
    store: Store,
    settings: Settings | None = None,
    fields: FieldMap | None = None,
    source: str | None = None,
    published: date | None = None,
    extractor: Extractor | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Read every document under ``paths``, code the new or changed ones, and store them.

    Idempotent (documents already stored with the same text are skipped before any NLP) and
    resumable (each batch is one transaction; a killed run loses at most the batch in flight,
    which the next run redoes). Per-document failures are recorded in the store, never raised.
    ``on_progress(documents_seen, failures)`` is called after each batch.
    """
    from .ingest import FieldMap, iter_documents

    settings = settings or Settings()
    extractor = extractor or Extractor(settings)
    run_id = store.begin_run(command="ingest", pipeline=extractor.version, arguments=str(paths))
    report = IngestReport(run_id=run_id)
    items = iter_documents(
        paths, fields=fields or FieldMap(), settings=settings, source=source, published=published
    )
    seen = 0
    status = "failed"
    try:
        for batch in _batches(items, settings.batch_size):
            _ingest_batch(batch, store=store, extractor=extractor, report=report)
            seen += len(batch)
            if on_progress:
                on_progress(seen, len(report.failures))
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(run_id, status=status)
    return report


def _ingest_batch(
    batch: list[Ingested], *, store: Store, extractor: Extractor, report: IngestReport
) -> None:
    # A document that could not be read is a failure; the problems of one that was read
    # (W108: text cut, ...) are warnings that travel with its record.
    failures = [p for item in batch if item.article is None for p in item.problems]
    keyed = {source_key(item.article): item for item in batch if item.article is not None}
    known = store.known((key, item.article.doc_id) for key, item in keyed.items() if item.article)
    todo = [item for key, item in keyed.items() if key not in known]
    report.unchanged += len(known)
    records = []
    coded = extractor.extract_articles(item.article for item in todo if item.article)
    for item, record in zip(todo, coded, strict=True):
        assert item.article is not None
        record.errors[:0] = item.problems
        report.warnings.extend(item.problems)
        records.append((source_key(item.article), record))
    for result in store.put_batch(records, failures, run_id=report.run_id):
        if result.action == "added":
            report.added += 1
        elif result.action == "replaced":
            report.replaced += 1
        elif result.action == "duplicate":
            report.duplicates += 1
        else:
            report.unchanged += 1
    report.failures.extend(failures)
