"""Checks an article must pass before NLP: not empty, not too short, a coded language, not too large."""

from __future__ import annotations

import re

from ..config import Settings
from ..records import Article, DocError
from .language import UNDETERMINED, detect_language
from .problems import problem

__all__ = ["check_article", "cut_text"]

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_WORDS = re.compile(r"\w+")
#: A cut is only made at a boundary in the last fifth of the allowed length.
_BOUNDARY_WINDOW = 0.2


def cut_text(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters, at a paragraph or sentence end if near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = int(limit * (1 - _BOUNDARY_WINDOW))
    paragraph = head.rfind("\n\n")
    if paragraph >= floor:
        return head[:paragraph].rstrip()
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(head, floor)]
    if sentence_ends:
        return head[: sentence_ends[-1]].rstrip()
    line = head.rfind("\n")
    if line >= floor:
        return head[:line].rstrip()
    space = head.rfind(" ")
    return head[:space].rstrip() if space >= floor else head


def _count_words(text: str, at_least: int) -> int:
    """Return the number of words in ``text``, counting no further than ``at_least``."""
    count = 0
    for _ in _WORDS.finditer(text):
        count += 1
        if count >= at_least:
            break
    return count


def check_article(article: Article, *, settings: Settings) -> tuple[Article | None, list[DocError]]:
    """Return the article ready for NLP (or None if it must be skipped) and the problems found.

    Skips: empty text (W101), fewer than ``settings.min_words`` words (W115), a language not in
    ``settings.languages`` (W107). Keeps with a warning: text longer than ``settings.max_chars``
    is cut at a paragraph or sentence boundary (W108). Sets ``article.language``; a language
    that cannot be determined ("und") is not skipped, since short wire copy full of names is
    often undeterminable.
    """
    origin = article.origin
    if not article.text.strip():
        return None, [problem("W101", origin)]
    words = _count_words(article.text, settings.min_words)
    if words < settings.min_words:
        return None, [problem("W115", origin, words=words, minimum=settings.min_words)]
    problems: list[DocError] = []
    if len(article.text) > settings.max_chars:
        size = len(article.text)
        article.text = cut_text(article.text, settings.max_chars)
        problems.append(problem("W108", origin, size=size, limit=settings.max_chars))
    language = detect_language(article.text)
    article.language = language
    if language != UNDETERMINED and language not in settings.languages:
        return None, [
            problem("W107", origin, language=language, languages=", ".join(settings.languages))
        ]
    return article, problems
