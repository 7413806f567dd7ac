"""Entities: spaCy's named entities as typed records with character offsets."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Entity
from .component import Component

__all__ = ["EntityComponent"]


class EntityComponent(Component):
    """Copy spaCy's NER spans into ``doc._.entities`` (ids e1, e2, ...)."""

    name = "entities"
    reads = ("spacy",)
    writes = ("entities",)

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = [
            Entity(
                id=f"e{i}", text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char
            )
            for i, ent in enumerate(doc.ents, start=1)
        ]
        return doc
