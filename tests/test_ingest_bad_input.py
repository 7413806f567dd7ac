"""Bad input gives a per-document DocError with a catalogue code; the batch goes on."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from wirecoder.config import Settings
from wirecoder.ingest import WARNING_CODES, check_article, cut_text, iter_sources
from wirecoder.records import Article, DocError

BODY = (
    "Fighters of the Red Hand militia attacked a police post in Dara on Monday, "
    "killing two officers, the provincial governor said."
)


def run(paths: list[Path | str], **kwargs: object) -> list[Article | DocError]:
    return list(iter_sources(paths, **kwargs))  # type: ignore[arg-type]


def codes(results: list[Article | DocError]) -> list[str]:
    return [x.code if isinstance(x, DocError) else "article" for x in results]


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("  \n\n \t\n")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "   "}))
    assert codes(run([tmp_path])) == ["W101", "W101", "W101"]


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (tmp_path / "c").write_bytes(bytes(range(1, 32)) * 30)
    results = run([tmp_path])
    assert codes(results) == ["W102", "W102", "W102"]
    assert "PDF" in results[1].message  # type: ignore[union-attr]


def test_broken_html_still_gives_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(f"<html><head><title>Cut</title></head><body><div><p>{BODY}</p><p>Then the")
    (art,) = run([path])
    assert isinstance(art, Article) and BODY in art.text


def test_html_without_text_is_w104(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Nothing</title><script>var x=1;</script></head><body></body>"
    )
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code == "W104"


def test_invalid_json_lines_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": BODY}), "{not json", "[1, 2]", json.dumps({"title": "no text"})]
    path.write_bytes(
        ("\n".join(lines) + "\n").encode()
        + b'{"text": "\xff\xfe"}\n'
        + json.dumps({"text": BODY}).encode()
    )
    results = run([path])
    assert codes(results) == ["article", "W105", "W105", "W106", "W105", "article"]
    assert "line 2" in results[1].message  # type: ignore[union-attr]
    assert results[-1].origin == f"{path}#6"  # type: ignore[union-attr]


def test_invalid_json_document(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"text": "unterminated')
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code == "W105"


def test_bad_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'title,text\nOne,"{BODY}"\nTwo,"{BODY}",surplus\nThree,"{BODY}"\n')
    results = run([path])
    assert codes(results) == ["article", "W113", "article"]
    assert "row 2" in results[1].message  # type: ignore[union-attr]


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = f"{BODY} “We will return,” said José Peña, the café owner – in Dara."
    path.write_bytes(text.encode("cp1252"))
    (art,) = run([path])
    assert isinstance(art, Article) and art.text == text


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "utf-16-le"])
def test_other_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    text = f"{BODY} Señor Muñoz, the garçon, was unhurt."
    path.write_bytes(text.encode(encoding))
    (art,) = run([path])
    assert isinstance(art, Article) and art.text == text


def test_crlf_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"{BODY}\r\n\r\n{BODY}\r".encode())
    (art,) = run([path])
    assert isinstance(art, Article) and art.text == f"{BODY}\n\n{BODY}"


def test_undecodable_bytes_are_w103(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code in ("W103", "W102")


def test_50_mb_text_file_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    paragraph = (BODY + " ") * 8 + "\n\n"
    with path.open("w") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(paragraph * 100)
    size = path.stat().st_size
    settings = Settings(max_chars=100_000)
    tracemalloc.start()
    try:
        results = run([path], settings=settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    warning, art = results
    assert isinstance(warning, DocError) and warning.code == "W108"
    assert str(size) in warning.message  # the real size, in characters (ASCII: = bytes)
    assert isinstance(art, Article) and len(art.text) <= settings.max_chars
    assert art.text.endswith(".")  # cut at a paragraph or sentence end
    assert peak < 8 * settings.max_chars * 4


def test_long_record_is_cut_with_warning_before_article() -> None:
    art = Article(text=(BODY + " ") * 100, origin="x")
    checked, problems = check_article(art, settings=Settings(max_chars=1000))
    assert checked is not None and len(checked.text) <= 1000 and checked.text.endswith(".")
    assert [p.code for p in problems] == ["W108"]
    assert "W108" in WARNING_CODES


def test_cut_text_prefers_paragraphs() -> None:
    text = "A" * 850 + ".\n\n" + "B" * 300
    assert cut_text(text, 1000) == "A" * 850 + "."
    assert cut_text("word " * 300, 1000).endswith("word")
    assert cut_text("short", 1000) == "short"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le gouvernement a annoncé que les forces de sécurité sont entrées dans la ville "
            "après des affrontements avec les rebelles.",
            "fr",
        ),
        (
            "Die Polizei hat nach dem Angriff in der Stadt drei Männer festgenommen, sagte ein Sprecher.",
            "de",
        ),
        ("قال مسؤولون محليون إن مسلحين هاجموا مركزا للشرطة في المدينة يوم الاثنين", "ar"),
        ("Власти сообщили, что боевики атаковали полицейский пост в понедельник утром.", "ru"),
    ],
)
def test_non_english_is_w107(tmp_path: Path, text: str, language: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text)
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code == "W107"
    assert f"'{language}'" in err.message


def test_other_language_accepted_when_configured(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Le gouvernement a annoncé que les forces de sécurité sont entrées dans la ville."
    )
    (art,) = run([path], settings=Settings(languages=("en", "fr")))
    assert isinstance(art, Article) and art.language == "fr"


def test_too_short_is_w115(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Dara attack")
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code == "W115"


def test_missing_path_and_unreadable_inputs(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"WARC/1.0\r\nthis is not a warc header\r\n\r\n")
    (tmp_path / "bad.rss").write_text("<rss><channel><item><title>x</tit")
    (tmp_path / "ok.txt").write_text(BODY)
    results = run([tmp_path / "nothing-here.txt", tmp_path])
    assert codes(results)[0] == "W109"
    assert codes(results)[1:3] == ["W101", "W112"]  # a feed entry without text; a corrupt WARC
    assert codes(results)[-1] == "article"  # the batch went on


def test_bad_feed_is_w111(tmp_path: Path) -> None:
    path = tmp_path / "a.rss"
    path.write_text("this is not a feed at all <<<")
    (err,) = run([path])
    assert isinstance(err, DocError) and err.code == "W111"


def test_gzip_that_is_not_a_warc(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(b"hello, not a web archive"))
    (tmp_path / "b.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert codes(run([tmp_path])) == ["W112", "W112"]


def test_extract_reads_an_iso_publication_date_and_names_a_bad_one() -> None:
    from wirecoder.api import Extractor
    from wirecoder.errors import UsageError

    extractor = Extractor(Settings(components=("entities", "times")))
    rec = extractor.extract("Gunmen raided Korso on Friday.", published="2021-03-18")
    assert [t.value for t in rec.times] == ["2021-03-12"]
    with pytest.raises(UsageError, match=r"W404.*2021-13-01"):
        extractor.extract("Gunmen raided Korso on Friday.", published="2021-13-01")
