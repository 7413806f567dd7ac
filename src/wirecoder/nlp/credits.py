"""Editorial credit lines: the paragraphs about a report rather than about the news.

Wire copy and syndicated stories carry lines such as "(Reporting by ...; Editing by ...)",
"Distributed by the ... syndication service" or "X carries Y stories under a content-sharing
licence". Read as news they give events with no participants ("sharing" -> COOPERATE). A
paragraph (a line of the text) of at most ``max_chars`` characters that matches one of the
patterns of ``data/credit_lines.json`` is a credit line; the event component codes no event in
a sentence that starts inside one. The text itself is kept whole: offsets do not move.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from ..errors import DataFileError, ErrorCode

__all__ = [
    "DEFAULT_CREDIT_LINES_PATH",
    "CreditLines",
    "credit_spans",
    "in_credit_line",
    "load_credit_lines",
]

DEFAULT_CREDIT_LINES_PATH = Path(__file__).parent / "data" / "credit_lines.json"
_KEY = "wirecoder.credit_lines"


@dataclass(frozen=True, slots=True)
class CreditLines:
    """The patterns of credit lines and the longest paragraph that can be one."""

    patterns: tuple[re.Pattern[str], ...]
    max_chars: int

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the (start, end) offsets of the credit-line paragraphs of ``text``."""
        found, start = [], 0
        for line in text.splitlines(keepends=True):
            body = line.strip()
            if body and len(body) <= self.max_chars and any(p.search(body) for p in self.patterns):
                lead = len(line) - len(line.lstrip())
                found.append((start + lead, start + lead + len(body)))
            start += len(line)
        return found


def _fail(path: Path, detail: str) -> DataFileError:
    return DataFileError(ErrorCode.W501, path=str(path), detail=detail)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> CreditLines:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in data["patterns"])
        max_chars = int(data["max_chars"])
    except (OSError, json.JSONDecodeError) as exc:
        raise _fail(path, str(exc)) from None
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise _fail(
            path, f"needs 'patterns' (regular expressions) and 'max_chars': {exc}"
        ) from None
    return CreditLines(patterns, max_chars)


def load_credit_lines(path: Path | None = None) -> CreditLines:
    """Return the validated credit-line patterns at ``path`` (default: the bundled ones)."""
    return _load((path or DEFAULT_CREDIT_LINES_PATH).resolve())


def credit_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the document's credit-line paragraphs, read once per document."""
    if _KEY not in doc.user_data:
        doc.user_data[_KEY] = load_credit_lines().spans(doc.text)
    spans: list[tuple[int, int]] = doc.user_data[_KEY]
    return spans


def in_credit_line(sent: Span) -> bool:
    """Return whether the sentence starts inside a credit line."""
    at = sent.start_char
    return any(start <= at < end for start, end in credit_spans(sent.doc))
