"""The runner: spaCy parses a batch, then each component enriches each doc, in order."""

from __future__ import annotations

import functools
import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..config import Settings
from ..errors import ErrorCode, UsageError
from ..records import Article, DocError, DocumentRecord
from .component import Component, register_extensions
from .event_syntax import dateline_span
from .registry import component_class

__all__ = ["Pipeline", "load_model", "record_from_doc"]

log = logging.getLogger(__name__)


#: The spaCy component that keeps an opening dateline out of the first sentence's parse.
DATELINE_BOUNDARY = "wirecoder_dateline_boundary"


@Language.component(DATELINE_BOUNDARY)
def dateline_boundary(doc: Doc) -> Doc:
    """Start a sentence after the text's opening dateline, before the parser runs.

    "GUSAU, Nigeria, March 28, 2023 -- Armed men abducted 27 people ..., police and residents
    said on Tuesday": parsed as one sentence, the dateline's place became a subject and the
    closing report hung on the wrong verb. The parser keeps the boundary set here.
    """
    _, end = dateline_span(doc)  # parsed once, kept for the components
    if end > 0:
        token = next((t for t in doc if t.idx >= end), None)
        if token is not None and token.i > 0:
            token.is_sent_start = True
            if token.i + 1 < len(doc):  # "2025 - Four people were killed": not "Four" alone
                doc[token.i + 1].is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Return the spaCy model ``name``, loaded once per process, with the dateline boundary
    before its parser."""
    register_extensions()
    nlp = spacy.load(name)
    if "parser" in nlp.pipe_names and DATELINE_BOUNDARY not in nlp.pipe_names:
        nlp.add_pipe(DATELINE_BOUNDARY, before="parser")
    return nlp


def record_from_doc(doc: Doc, *, pipeline: str) -> DocumentRecord:
    """Return the document record that the components left on ``doc``."""
    article: Article = doc._.article
    return DocumentRecord(
        doc_id=article.doc_id,
        text=doc.text,
        title=article.title,
        published=article.published,
        published_reason=article.published_reason,
        source=article.source,
        url=article.url,
        author=article.author,
        language=article.language,
        origin=article.origin,
        entities=doc._.entities,
        actors=doc._.actors,
        places=doc._.places,
        times=doc._.times,
        events=doc._.events,
        errors=doc._.errors,
        pipeline=pipeline,
    )


class Pipeline:
    """An ordered list of components over one spaCy model."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.model)
        self.components: list[Component] = [
            component_class(name)(self.settings) for name in self.settings.components
        ]
        self._check_order()
        self.version = f"wirecoder-{__version__}:" + ",".join(self.settings.components)

    def _check_order(self) -> None:
        available = {"spacy", "article", "errors"}
        for comp in self.components:
            for needed in comp.reads:
                if needed not in available and needed.split(".")[0] not in available:
                    raise UsageError(ErrorCode.W402, component=comp.name, field=needed)
            available.update(comp.writes)

    def parse(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Return spaCy docs for ``texts`` (the bare NLP step, also used as benchmark baseline)."""
        n_process = self.settings.n_process
        yield from self.nlp.pipe(texts, batch_size=self.settings.batch_size, n_process=n_process)

    def enrich(self, doc: Doc, article: Article, *, timings: dict[str, float] | None = None) -> Doc:
        """Run every component on a parsed doc; a failing component is recorded, not raised.

        With ``timings``, add each component's seconds to ``timings[name]`` (for the benchmark).
        """
        doc._.article = article
        doc._.entities, doc._.times, doc._.places = [], [], []
        doc._.actors, doc._.events, doc._.errors = [], [], []
        for comp in self.components:
            start = time.perf_counter()
            try:
                doc = comp(doc)
            except Exception as exc:  # one bad document must not stop the batch
                log.exception("component %s failed on %s", comp.name, article.origin)
                message = ErrorCode.W201.format(
                    component=comp.name, origin=article.origin, detail=repr(exc)
                )
                doc._.errors.append(
                    DocError("W201", message, origin=article.origin, stage=comp.name)
                )
            if timings is not None:
                timings[comp.name] = timings.get(comp.name, 0.0) + time.perf_counter() - start
        return doc

    def process(
        self, articles: Iterable[Article], *, timings: dict[str, float] | None = None
    ) -> Iterator[DocumentRecord]:
        """Return one document record per article, in input order (``timings`` as in enrich)."""
        for record, _doc in self.process_with_docs(articles, timings=timings):
            yield record

    def process_with_docs(
        self, articles: Iterable[Article], *, timings: dict[str, float] | None = None
    ) -> Iterator[tuple[DocumentRecord, Doc]]:
        """Return each article's record with the enriched spaCy doc it came from, in order.

        For readers that need the parse as well as the record (evaluation), so that no text is
        parsed twice.
        """
        pending: deque[Article] = deque()

        def texts() -> Iterator[str]:
            for article in articles:
                pending.append(article)
                yield article.text

        for doc in self.parse(texts()):
            article = pending.popleft()
            doc = self.enrich(doc, article, timings=timings)
            yield record_from_doc(doc, pipeline=self.version), doc
