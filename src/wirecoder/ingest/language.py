"""A small deterministic language detector: writing systems, then stopword profiles.

Non-Latin scripts name their language directly (Arabic script -> "ar", Cyrillic -> "ru" or
"uk", Han -> "zh", kana -> "ja", Hangul -> "ko", Devanagari -> "hi", ...). Latin-script text
is scored against short stopword profiles of en, fr, es, pt, de, it and nl; a word shared by
several profiles counts for each of them in proportion (1/n), so names and shared words such
as "de" or "in" do not decide alone. Too little evidence gives "und" (undetermined).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

__all__ = ["STOPWORDS", "UNDETERMINED", "detect_language"]

UNDETERMINED = "und"

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in a is that for on was with he it as at by from his said were "
        "be this are have has had an they which but not been who their its or after "
        "would will there than also when into she her we more about over met war die "
        # frequent in English news copy and in no other profile
        "told killed officials people government forces security attacked two three against "
        "reported according while",
        "fr": "le la les de des du et est un une que qui dans pour pas sur au aux avec ce "
        "il elle ont été par plus son sa ses se ne nous vous leur mais ou sont cette "
        "aussi selon été après lors entre",
        "es": "el la los las de del y en un una que es por con para se su sus al lo como "
        "más pero fue han ha sido este esta entre sobre también según desde hasta "
        "cuando muy sin donde tras",
        "pt": "o a os as de do da dos das e em um uma que é por com para se seu sua ao "
        "não mais foi são está pelo pela nos nas como também segundo após entre "
        "ele ela sobre até",
        "de": "der die das und ist nicht ein eine zu den dem des mit von sich auf für im "
        "auch es sie er wird wurde nach bei aus wie noch werden hat haben war sind "
        "nur oder einen einem über",
        "it": "il lo la gli le di del della dei delle e è un una che per con non si sono "
        "da al nel nella alla anche come più ha ma questo questa stato dopo tra "
        "secondo loro",
        "nl": "de het een en van in is dat op te zijn voor met niet aan er door ook als "
        "bij om maar uit naar wordt werd dan nog hij zij ze deze dit wel heeft "
        "hebben was tot over",
    }.items()
}

#: Unicode script (the first word of a character's name) to the language it usually means.
_SCRIPT_LANGUAGE = {
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "THAI": "th",
    "LAO": "lo",
    "KHMER": "km",
    "MYANMAR": "my",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "HEBREW": "he",
    "GREEK": "el",
    "ETHIOPIC": "am",
    "TIBETAN": "bo",
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_PERSIAN = frozenset("پچژگکی")
_SAMPLE = 5000
_MIN_SCORE = 2.0  # weighted stopword hits needed to name a Latin-script language


@cache
def _weights() -> dict[str, dict[str, float]]:
    """Return word -> {language: weight}, where a word in n profiles weighs 1/n."""
    counts = Counter(word for words in STOPWORDS.values() for word in words)
    out: dict[str, dict[str, float]] = {}
    for lang, words in STOPWORDS.items():
        for word in words:
            out.setdefault(word, {})[lang] = 1.0 / counts[word]
    return out


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _dominant_script(text: str) -> tuple[str, int]:
    """Return the most frequent script among the letters of ``text`` and the letter count."""
    scripts: Counter[str] = Counter(_script(ch) for ch in text if ch.isalpha())
    if not scripts:
        return "", 0
    script, _ = scripts.most_common(1)[0]
    if script in ("HIRAGANA", "KATAKANA", "CJK") and (scripts["HIRAGANA"] or scripts["KATAKANA"]):
        script = "HIRAGANA"  # Japanese mixes kana and kanji; kana means Japanese
    return script, sum(scripts.values())


def _refine(lang: str, text: str) -> str:
    if lang == "ru" and any(ch in _UKRAINIAN for ch in text):
        return "uk"
    if lang == "ar" and sum(ch in _PERSIAN for ch in text) > 0.01 * len(text):
        return "fa"
    return lang


def _function_words(text: str) -> list[str]:
    """Return the lower-cased words of ``text`` that may be function words, not parts of names.

    In mixed-case text a word followed by a capitalised word ("de la Vega", "von der Leyen")
    or capitalised inside a sentence is taken as part of a name and left out.
    """
    matches = list(_WORD.finditer(text))
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.islower() for ch in letters) < 0.3 * len(letters):
        return [m.group().lower() for m in matches]  # all capitals: no case evidence
    words = []
    for i, match in enumerate(matches):
        word = match.group()
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?\n\"'“:"
        if word[0].isupper() and not sentence_start:
            continue
        following = matches[i + 1].group() if i + 1 < len(matches) else ""
        if following[:1].isupper() and not text[match.end() : matches[i + 1].start()].strip():
            continue
        words.append(word.lower())
    return words


def _latin_language(text: str) -> str:
    scores: dict[str, float] = {}
    weights = _weights()
    for word in _function_words(text):
        for lang, weight in weights.get(word, {}).items():
            scores[lang] = scores.get(lang, 0.0) + weight
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:2]
    if not ranked or ranked[0][1] < _MIN_SCORE:
        return UNDETERMINED
    if len(ranked) == 2 and ranked[1][1] >= 0.8 * ranked[0][1]:
        return UNDETERMINED  # too close to call
    return ranked[0][0]


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language of ``text``, or "und" when unsure."""
    sample = text[:_SAMPLE]
    script, letters = _dominant_script(sample)
    if letters == 0:
        return UNDETERMINED
    if script == "LATIN":
        return _latin_language(sample)
    lang = _SCRIPT_LANGUAGE.get(script)
    return _refine(lang, sample) if lang else UNDETERMINED
