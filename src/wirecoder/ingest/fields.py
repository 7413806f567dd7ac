"""Which fields of a JSON/JSONL/CSV record hold the text and the metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..config import Settings

__all__ = ["FieldMap", "ReadOptions"]


@dataclass(frozen=True, kw_only=True)
class FieldMap:
    """Candidate field names for each article attribute; the first present, non-empty one is used.

    A name given on the command line (``--text-field body``) replaces the candidates:
    ``FieldMap(text=("body",))`` or ``FieldMap.from_options(text="body")``.
    """

    text: tuple[str, ...] = ("text", "body", "content", "article", "story")
    title: tuple[str, ...] = ("title", "headline")
    published: tuple[str, ...] = ("published", "date", "publication_date", "pubdate", "datetime")
    url: tuple[str, ...] = ("url", "link")
    source: tuple[str, ...] = ("source", "outlet", "publisher")
    id: tuple[str, ...] = ("id", "doc_id", "guid")

    @classmethod
    def from_options(cls, **names: str | None) -> FieldMap:
        """Return the default map with each given single name replacing its candidates."""
        return cls(**{attr: (name,) for attr, name in names.items() if name})

    def lookup(self, record: Mapping[str, Any], attr: str) -> Any:
        """Return the value of the first candidate field for ``attr`` that ``record`` fills."""
        names: tuple[str, ...] = getattr(self, attr)
        for name in names:
            value = record.get(name)
            if value not in (None, "", [], {}):
                return value
        wanted = {name.lower() for name in names}  # "Title", "TEXT" in hand-made CSV headers
        for key, value in record.items():
            if isinstance(key, str) and key.lower() in wanted and value not in (None, "", [], {}):
                return value
        return None


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """What every reader needs to know: the record fields and the settings."""

    fields: FieldMap
    settings: Settings

    @property
    def text_bytes(self) -> int:
        """Most bytes of one text document read: enough for ``max_chars`` in any encoding."""
        return self.settings.max_chars * 4 + 4

    @property
    def markup_bytes(self) -> int:
        """Most bytes of one HTML document or one JSON record read (markup is verbose)."""
        return max(self.settings.max_chars * 40, 1 << 20)
