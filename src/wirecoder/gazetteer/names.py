"""Name keys for gazetteer lookup: case-, diacritic-, hyphen- and "Al-"-insensitive."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ARTICLES", "is_latin", "name_key", "name_keys"]

#: Arabic (and Romance) definite articles that news spells with or without: "Al-Anbar", "Anbar".
ARTICLES: frozenset[str] = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ez"})

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´]")
_SEPARATORS = re.compile(r"[^\w]+|_")
_SAINT = re.compile(r"^(st|ste|saint|sainte)\s")
#: letters with no Unicode decomposition, spelled in English as the plain letters:
#: "Đắk Lắk" is "Dak Lak", "Łódź" "Lodz", "Tromsø" "Tromso", "Færøerne" "Faeroerne".
_UNDECOMPOSED = str.maketrans(
    {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h"}
)


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """Return the lookup key of a name: folded case, no diacritics, no punctuation."""
    text = _strip_diacritics(name).casefold().translate(_UNDECOMPOSED)
    text = _APOSTROPHES.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    text = " ".join(text.split())
    return _SAINT.sub("saint ", text)


def name_keys(name: str) -> list[str]:
    """Return the keys a name is found under: its key, and its key without a leading article."""
    key = name_key(name)
    if not key:
        return []
    keys = [key]
    head, _, rest = key.partition(" ")
    if head in ARTICLES and rest:
        keys.append(rest)
    return keys


def is_latin(name: str) -> bool:
    """Return True when every letter of ``name`` is a Latin letter (worth indexing for English)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name) and any(
        c.isalpha() for c in name
    )
