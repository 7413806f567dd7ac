"""Every input format gives Articles with the right text, metadata and origins."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from wirecoder.config import Settings
from wirecoder.ingest import FieldMap, Ingested, iter_documents, iter_sources, read_text
from wirecoder.records import Article, DocError

BODY = (
    "Fighters of the Red Hand militia attacked a police post in Dara on Monday, "
    "killing two officers, the provincial governor said."
)
BODY2 = "The army said its troops had repelled an attack by the Blue Wolves near Port Vale."


def articles(paths: list[Path | str], **kwargs: object) -> list[Article]:
    return [x for x in iter_sources(paths, **kwargs) if isinstance(x, Article)]  # type: ignore[arg-type]


def errors(paths: list[Path | str], **kwargs: object) -> list[DocError]:
    return [x for x in iter_sources(paths, **kwargs) if isinstance(x, DocError)]  # type: ignore[arg-type]


def test_txt_headline_and_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        f"Militia attacks police post\n\nDARA, Freedonia, March 15 (Wirenews) - {BODY}\n"
    )
    (art,) = articles([path])
    assert art.title == "Militia attacks police post"
    assert art.text.startswith("DARA, Freedonia, March 15")
    assert art.origin == str(path)
    assert art.language == "en"
    assert art.dateline_place == "DARA, Freedonia"
    assert art.published is None and art.published_reason is None  # no year, no reference


def test_txt_first_line_sentence_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{BODY}\n{BODY2}\n")
    (art,) = articles([path])
    assert art.title is None
    assert art.text == f"{BODY}\n{BODY2}"


def test_cli_published_fills_and_is_dateline_reference(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"DARA, March 15 (Wirenews) - {BODY}")
    (tmp_path / "b.txt").write_text(BODY)
    a, b = articles([tmp_path], published=date(2021, 3, 16), source="My Outlet")
    assert (a.published, a.published_reason) == (date(2021, 3, 15), "dateline")
    assert (b.published, b.published_reason) == (date(2021, 3, 16), "cli")
    assert a.source == b.source == "My Outlet"


def test_metadata_date_wins_over_dateline_and_cli(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"text": f"DARA, 3 JAN 2024 -- {BODY}", "published": "2024-01-04T08:00:00Z"}
    path.write_text(json.dumps(record) + "\n")
    (art,) = articles([path], published=date(2020, 1, 1))
    assert (art.published, art.published_reason) == (date(2024, 1, 4), "metadata")
    assert art.dateline_place == "DARA"


HTML = """<!DOCTYPE html><html><head><title>Militia attacks post - The Dara Times</title>
<meta property="article:published_time" content="2021-03-15T10:00:00Z">
<meta property="og:site_name" content="The Dara Times">
<meta name="author" content="Lena Varga">
<link rel="canonical" href="https://example.org/news/1"></head>
<body><nav>Home | World | Sport</nav><article><h1>Militia attacks post</h1>
<p>{body}</p><p>{body2}</p></article><footer>Copyright The Dara Times</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML.format(body=BODY, body2=BODY2))
    (art,) = articles([path])
    assert art.text == f"{BODY}\n{BODY2}"
    assert art.title == "Militia attacks post"
    assert (art.published, art.published_reason) == (date(2021, 3, 15), "metadata")
    assert art.source == "The Dara Times"
    assert art.author == "Lena Varga"
    assert art.url == "https://example.org/news/1"


def test_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    html = HTML.format(body=BODY + " Señor Muñoz was unhurt.", body2=BODY2)
    html = html.replace("<head>", '<head><meta charset="windows-1252">')
    path.write_bytes(html.encode("cp1252"))
    (art,) = articles([path])
    assert "Señor Muñoz" in art.text


def test_jsonl_records_ids_and_origins(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "r1", "headline": "First", "body": BODY, "outlet": {"name": "Wirenews"}},
        {"doc_id": 7, "content": BODY2, "link": "https://example.org/2"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    a, b = articles([path])
    assert (a.origin, a.external_id, a.title, a.source) == (f"{path}#1", "r1", "First", "Wirenews")
    assert (b.origin, b.external_id, b.url) == (f"{path}#2", "7", "https://example.org/2")


@pytest.mark.parametrize(
    "document",
    [
        [{"text": BODY}, {"text": BODY2}],
        {"articles": [{"text": BODY}, {"text": BODY2}]},
    ],
)
def test_json_lists(tmp_path: Path, document: object) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document))
    assert [a.origin for a in articles([path])] == [f"{path}#1", f"{path}#2"]


def test_json_single_object_origin_is_path(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": BODY, "title": "One"}))
    (art,) = articles([path])
    assert (art.origin, art.title) == (str(path), "One")


def test_json_lines_named_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY2}) + "\n")
    assert len(articles([path])) == 2


def test_field_map_from_cli_names(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "not this", "story_body": BODY, "when": "2022-05-01"}))
    fields = FieldMap.from_options(text="story_body", published="when")
    (art,) = articles([path], fields=fields)
    assert art.text == BODY
    assert art.published == date(2022, 5, 1)
    (err,) = errors([path], fields=FieldMap(text=("missing",)))
    assert err.code == "W106" and "missing" in err.message


def test_html_in_text_field_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": f"<p>{BODY}</p><p>{BODY2}</p>"}))
    (art,) = articles([path])
    assert art.text == f"{BODY}\n\n{BODY2}"


def test_csv_and_tsv(tmp_path: Path) -> None:
    csv_path = tmp_path / "a.csv"
    csv_path.write_text(f'Title,Text,Date\nOne,"{BODY}",2020-01-02\nTwo,"{BODY2}",\n')
    tsv_path = tmp_path / "b.tsv"
    tsv_path.write_text(f"title\ttext\nThree\t{BODY}\n")
    a, b, c = articles([csv_path, tsv_path])
    assert (a.title, a.published, a.origin) == ("One", date(2020, 1, 2), f"{csv_path}#1")
    assert (b.title, b.published) == ("Two", None)
    assert (c.title, c.text, c.origin) == ("Three", BODY, f"{tsv_path}#1")


def test_csv_very_long_field(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    long_text = " ".join([BODY] * 3000)  # ~400 kB, beyond the csv module's default limit
    path.write_text(f'text\n"{long_text}"\n')
    results = list(iter_sources([path], settings=Settings(max_chars=1000)))
    assert [type(x).__name__ for x in results] == ["DocError", "Article"]
    assert results[0].code == "W108"  # type: ignore[union-attr]


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Dara Wire</title><link>https://example.org</link><description>News</description>
<item><title>Post attacked</title><link>https://example.org/1</link><guid>g1</guid>
<pubDate>Mon, 15 Mar 2021 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{body}</p><p>{body2}</p>]]></content:encoded></item>
<item><title>Second</title><link>https://example.org/2</link>
<description>{body2}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2022-06-01T00:00:00Z</updated>
<entry><title>Clash</title><id>urn:e1</id><link href="https://example.org/a"/>
<updated>2022-06-01T09:00:00Z</updated><summary>{body}</summary></entry></feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS.format(body=BODY, body2=BODY2))
    a, b = articles([path])
    assert a.text == f"{BODY}\n\n{BODY2}"
    assert (a.title, a.url, a.external_id, a.source) == (
        "Post attacked",
        "https://example.org/1",
        "g1",
        "Dara Wire",
    )
    assert (a.published, a.published_reason, a.origin) == (
        date(2021, 3, 15),
        "metadata",
        f"{path}#1",
    )
    assert (b.text, b.published, b.origin) == (BODY2, None, f"{path}#2")


def test_atom_feed_as_xml_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM.format(body=BODY))
    (art,) = articles([path])
    assert (art.text, art.source, art.published) == (BODY, "Atom Wire", date(2022, 6, 1))


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, content_type, body in pages:
            status = "404 Not Found" if "missing" in url else "200 OK"
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-02-01T12:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page = HTML.format(body=BODY, body2=BODY2).encode()
    undated = f"<html><body><p>{BODY2}</p></body></html>".encode()
    write_warc(
        path,
        [
            ("https://example.org/news/1", "text/html; charset=utf-8", page),
            ("https://example.org/logo.png", "image/png", b"\x89PNG...."),
            ("https://example.org/missing", "text/html", b"<html><body>gone</body></html>"),
            ("https://example.org/news/2", "text/html", undated),
        ],
    )
    results = list(iter_sources([path]))
    assert all(isinstance(x, Article) for x in results)  # non-pages are skipped silently
    a, b = results
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.origin, a.url, a.published_reason) == (
        f"{path}#1",
        "https://example.org/news/1",
        "metadata",
    )
    assert (b.origin, b.url) == (f"{path}#4", "https://example.org/news/2")
    assert (b.published, b.published_reason) == (date(2023, 2, 1), "warc-date")


def test_mixed_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b" / "c.jsonl").write_text(json.dumps({"text": BODY2}))
    (tmp_path / "b" / "deep" / "d.html").write_text(HTML.format(body=BODY, body2=BODY2))
    (tmp_path / "b" / "noext").write_text(json.dumps({"text": BODY}) + "\n")
    (tmp_path / ".hidden" / "x.txt").write_text(BODY)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    origins = [a.origin for a in articles([tmp_path])]
    assert origins == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "c.jsonl") + "#1",
        str(tmp_path / "b" / "noext") + "#1",
        str(tmp_path / "b" / "deep" / "d.html"),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (f"Headline\n\n{BODY}".encode(), BODY),
        ((json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY2})).encode(), BODY),
        (HTML.format(body=BODY, body2=BODY2).encode(), f"{BODY}\n{BODY2}"),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, expected: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    first = articles(["-"])[0]
    assert first.text == expected
    assert first.origin.startswith("<stdin>")


def test_iter_documents_keeps_warnings_with_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY, "date": "the day after"}))
    (result,) = iter_documents([path])
    assert isinstance(result, Ingested) and result.article is not None
    assert [p.code for p in result.problems] == ["W114"]
    assert result.article.published is None


def test_read_text() -> None:
    art = read_text(f"KANO, 3 JAN 2024 -- {BODY}\r\n", origin="<text>", source="Wirenews")
    assert isinstance(art, Article)
    assert art.text.endswith("\n") and "\r" not in art.text
    assert (art.published, art.published_reason, art.dateline_place) == (
        date(2024, 1, 3),
        "dateline",
        "KANO",
    )
    given = read_text(BODY, published=date(2020, 5, 5))
    assert isinstance(given, Article) and given.published_reason == "given"
    empty = read_text("  \n ")
    assert isinstance(empty, DocError) and empty.code == "W101"
    with pytest.raises(TypeError):
        read_text(BODY, colour="red")


def test_feed_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from wirecoder.ingest import sources

    body = RSS.format(body=BODY, body2=BODY2).encode()
    monkeypatch.setattr(
        sources, "fetch_url", lambda url, limit: (body, "application/rss+xml", False)
    )
    a, _ = articles(["https://example.org/feed"])
    assert a.origin == "https://example.org/feed#1" and a.source == "Dara Wire"


def test_page_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from wirecoder.ingest import sources

    body = HTML.format(body=BODY, body2=BODY2).encode()
    monkeypatch.setattr(sources, "fetch_url", lambda url, limit: (body, "text/html", False))
    (art,) = articles(["https://example.org/news/1"])
    assert art.origin == "https://example.org/news/1" and art.text.startswith(BODY)
