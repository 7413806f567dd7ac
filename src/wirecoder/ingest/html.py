"""HTML to text: main-text extraction of whole pages with trafilatura, fragments with lxml."""

from __future__ import annotations

import codecs
import logging
import re

from ..records import Article, DocError
from .decode import decode_bytes, looks_binary, normalise_newlines
from .metadata import parse_date_value
from .problems import problem

__all__ = ["decode_html", "html_article", "html_to_text", "looks_like_html"]

log = logging.getLogger(__name__)

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
    ]
)
_DROP = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG = re.compile(r"</?(?:p|div|br|span|a|b|i|em|strong|li|h[1-6])\b[^>]*>", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    """Return True if ``text`` contains common HTML tags (a text field holding markup)."""
    return bool(_TAG.search(text[:5000]))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment, with one paragraph per block element."""
    import lxml.etree
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]+>", " ", fragment))
    for element in root.iter(*_DROP):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        separator = "\n" if element.tag == "br" else "\n\n"
        element.tail = separator + (element.tail or "")
    return _tidy(root.text_content())


def _body_text(html: str) -> str:
    """Return all text of the page's body: the fallback when main-text extraction finds nothing."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    return html_to_text(lxml.html.tostring(body if body is not None else root, encoding="unicode"))


def _drop_title_line(text: str, title: str | None) -> str:
    """Return ``text`` without its first line when that line repeats the title."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip():
            return rest.lstrip("\n")
    return text


def html_article(html: str, origin: str, *, url: str | None = None) -> Article | DocError:
    """Return the article in an HTML page (main text and metadata), or W104 when there is no text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )  # fmt: skip
    except Exception as exc:  # trafilatura and lxml raise many types on broken input
        log.debug("trafilatura failed on %s: %r", origin, exc)
        doc = None
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None) or None
    text = _drop_title_line(text, title).strip() or _body_text(html)
    if not text.strip():
        return problem("W104", origin, detail="the page has no text")
    published = parse_date_value(getattr(doc, "date", None))
    return Article(
        text=text,
        origin=origin,
        title=title,
        published=published,
        published_reason="metadata" if published else None,
        source=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or url,
        author=getattr(doc, "author", None) or None,
    )


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.IGNORECASE
)


def decode_html(
    data: bytes, origin: str, *, declared: str | None = None, final: bool = True
) -> str | DocError:
    """Return the text of an HTML page: its declared charset (HTTP header or <meta>) if it works, else sniffed."""
    why = looks_binary(data)
    if why:
        return problem("W102", origin, detail=why)
    meta = _META_CHARSET.search(data[:4096])
    for charset in (declared, meta.group(1).decode("ascii") if meta else None):
        if not charset:
            continue
        try:
            return normalise_newlines(
                codecs.getincrementaldecoder(charset)().decode(data, final=final)
            )
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s does not decode it", origin, charset)
    decoded = decode_bytes(data, origin=origin, final=final)
    return decoded if isinstance(decoded, DocError) else decoded[0]
