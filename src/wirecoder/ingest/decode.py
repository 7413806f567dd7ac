"""Bytes to text: binary detection, encoding detection, newline normalisation.

The order of attempts is: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; Windows-1252 when
the result looks like Latin-script text; ``charset_normalizer``'s best guess when the result is
plausible text; else the document is undecodable (W103).
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from ..records import DocError
from .problems import problem

__all__ = ["decode_bytes", "looks_binary", "normalise_newlines", "sniff_encoding"]

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of common binary formats, named in the W102 message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "OLE document"),
)

_SAMPLE = 8192
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NULs sit on every other byte (ASCII-range UTF-16)."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> str | None:
    """Return why ``data`` looks like binary data (for the W102 message), or None if it may be text."""
    if _bom(data) or _utf16_without_bom(data[:_SAMPLE]):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "NUL bytes"
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    if sample and controls / len(sample) > 0.05:
        return f"{controls} control characters in the first {len(sample)} bytes"
    return None


def plausible_text(text: str) -> bool:
    """Return True if ``text`` looks like human-readable text rather than mis-decoded bytes."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    bad = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r\f") or cat in ("Co", "Cn", "Cs"):
            bad += 1
    return bad / len(sample) < 0.01


def _latin_plausible(text: str) -> bool:
    """Return True if a cp1252 decoding reads like Latin-script text (few non-ASCII letters)."""
    letters = [ch for ch in text[:_SAMPLE] if ch.isalpha()]
    if not letters:
        return plausible_text(text)
    non_ascii = sum(1 for ch in letters if ord(ch) > 0x7F)
    return non_ascii / len(letters) < 0.25 and plausible_text(text)


def _decode(data: bytes, encoding: str, *, final: bool) -> str:
    """Decode strictly; with ``final=False`` a multi-byte character cut at the end is dropped."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final=final)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency of trafilatura
        return None
    best = from_bytes(data[: 64 * 1024]).best()
    return best.encoding if best is not None else None


def sniff_encoding(data: bytes, *, final: bool = True) -> str | None:
    """Return the encoding that decodes ``data`` into plausible text, or None."""
    bom = _bom(data)
    if bom:
        return bom[0] if bom[0] != "utf-8" else "utf-8-sig"
    guesses: list[str] = []
    utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16:
        guesses.append(utf16)
    guesses += ["utf-8", "cp1252"]
    for encoding in guesses:
        try:
            text = _decode(data, encoding, final=final)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or (_latin_plausible(text) if encoding == "cp1252" else True):
            return encoding
    guess = _charset_normalizer_guess(data)
    if guess:
        try:
            if plausible_text(_decode(data, guess, final=final)):
                return guess
        except (UnicodeDecodeError, LookupError):
            pass
    return None


def normalise_newlines(text: str) -> str:
    """Return ``text`` with every line break as ``\\n``."""
    return _NEWLINES.sub("\n", text)


def decode_bytes(data: bytes, *, origin: str, final: bool = True) -> tuple[str, str] | DocError:
    """Return (text, encoding) for ``data``, or a DocError (W102 binary, W103 undecodable).

    ``final=False`` says ``data`` is a prefix of a longer input: a character cut in two at the
    end is dropped instead of being an error. Line breaks become ``\\n``; a BOM is removed.
    """
    why = looks_binary(data)
    if why:
        return problem("W102", origin, detail=why)
    encoding = sniff_encoding(data, final=final)
    if encoding is None:
        return problem(
            "W103", origin, detail="tried UTF-8, UTF-16, Windows-1252 and charset detection"
        )
    text = _decode(data, encoding, final=final)
    if text.startswith("\ufeff"):
        text = text[1:]
    if encoding not in ("utf-8", "utf-8-sig"):
        log.debug("%s decoded as %s", origin, encoding)
    return normalise_newlines(text), encoding
