"""Decoding and language detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.ingest import detect_language
from wirecoder.ingest.decode import decode_bytes, looks_binary
from wirecoder.records import DocError

# Text without line-break characters other than \n (those are normalised) and without controls.
texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    max_size=300,
).map(lambda s: s.replace("\r", ""))


@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_encode_round_trip(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding), origin="x")
    assert not isinstance(decoded, DocError)
    assert decoded[0] == text


@given(texts)
def test_prefix_decoding_never_fails_on_a_cut_character(text: str) -> None:
    data = text.encode("utf-8")
    for cut in {len(data) // 2, len(data) - 1}:
        if cut <= 0:
            continue
        decoded = decode_bytes(data[:cut], origin="x", final=False)
        assert not isinstance(decoded, DocError)
        assert text.startswith(decoded[0])


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n....") == "PNG image"
    assert looks_binary(b"abc\x00def") == "NUL bytes"
    assert looks_binary("plain words".encode("utf-16")) is None
    assert looks_binary(b"plain words\n\twith a tab") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Gunmen attacked a police post in Dara on Monday, killing two officers, officials said.",
            "en",
        ),
        ("GUNMEN ATTACKED A POLICE POST IN DARA ON MONDAY, THE ARMY SAID IN A STATEMENT.", "en"),
        ("El ejército dijo que los rebeldes atacaron la ciudad durante la noche.", "es"),
        ("O governo disse que as forças de segurança não entraram na cidade.", "pt"),
        ("Il governo ha detto che le forze di sicurezza sono entrate nella città.", "it"),
        ("De politie heeft na de aanval in de stad drie mannen opgepakt.", "nl"),
        ("Президент заявив, що війська її захищають.", "uk"),
        ("北京市政府今天宣布了新的措施", "zh"),
        ("東京で大きな地震がありました", "ja"),
        ("서울에서 시위가 열렸다", "ko"),
        ("सरकार ने कहा कि हमला हुआ", "hi"),
        ("12345 !!! ---", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Karim Haddad met Ahmed Al-Saadi in Tal Afar.",
        "Von der Leyen met Di Maio and Juan Carlos de la Vega in Den Haag on Monday.",
        "Jean-Luc De La Cruz told Maria Dos Santos of the Frente Popular de Liberación that he had left.",
    ],
)
def test_english_wire_copy_full_of_names_is_not_misread(text: str) -> None:
    assert detect_language(text) in ("en", "und")
