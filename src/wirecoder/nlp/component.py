"""The component contract: a callable ``doc -> doc`` that declares what it reads and writes.

A component works on a spaCy ``Doc`` whose ``doc._`` extensions carry wirecoder's typed
records while the pipeline runs:

=================  ===========================================  ==========================
extension          type                                         written by
=================  ===========================================  ==========================
``doc._.article``  :class:`~wirecoder.records.Article`          the runner
``doc._.entities`` ``list[Entity]``                              ``entities``
``doc._.times``    ``list[TimeSpan]``                            ``times``
``doc._.places``   ``list[Place]``                               ``places``
``doc._.actors``   ``list[Actor]``                               ``actors``
``doc._.events``   ``list[Event]``                               ``events`` (then enriched)
``doc._.errors``   ``list[DocError]``                            any component
=================  ===========================================  ==========================

Names in ``reads``/``writes`` are those extension names, ``spacy`` for the parse itself, and
dotted names such as ``events.status`` for one field of existing records.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from spacy.tokens import Doc

from ..config import Settings

__all__ = ["EXTENSIONS", "Component", "register_extensions"]

EXTENSIONS: tuple[str, ...] = (
    "article",
    "entities",
    "times",
    "places",
    "actors",
    "events",
    "errors",
)


def register_extensions() -> None:
    """Register wirecoder's ``Doc._`` extensions once per process (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class Component(ABC):
    """Base class of pipeline components. Subclasses set ``name``, ``reads`` and ``writes``."""

    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @abstractmethod
    def __call__(self, doc: Doc) -> Doc:
        """Return the doc, enriched with what this component writes."""
