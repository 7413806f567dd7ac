#!/usr/bin/env python3
"""Build the demo WARC archive ``demo/corpus/archive/crawl.warc.gz``.

The archive imitates a small crawl of "The Harbour Post", a synthetic news site
(all URLs are on example.net).  Every article in it is synthetic: written for the
wirecoder demo, with invented people and groups and real places.

Records, in order:

 1. ``warcinfo``                 - crawl description
 2. ``request``  robots.txt      - a request record (readers must skip it)
 3. ``response`` robots.txt      - text/plain, not an article (readers must skip it)
 4. ``response`` 301 redirect    - http:// -> https:// with a tiny HTML body;
                                   not a 200, not an article (readers must skip it)
 5. ``request``  article 1       - request record concurrent to record 6
 6. ``response`` article 1       - Niger cattle-market attack (near-copy of
                                   html/tera_market_attack.html and of an item in
                                   feeds/regional.rss)
 7. ``response`` article 2       - Kupiansk evacuations (Ukraine)
 8. ``response`` article 3       - Celaya gang violence (Mexico)
 9. ``response`` article 4       - Kirkuk rival rallies (Iraq)

So a WARC reader should yield exactly four articles.  Their publication dates come
from the HTML ``<meta>`` tags, NOT from ``WARC-Date`` (which is the crawl time).

The output is deterministic: WARC-Date values, WARC-Record-IDs (uuid5 of a fixed
name) and HTTP Date headers are fixed, and the gzip members carry no timestamp, so
re-running this script reproduces the file byte for byte.

Usage (from the repository root)::

    .venv/bin/python demo/make_warc.py            # writes demo/corpus/archive/crawl.warc.gz
    .venv/bin/python demo/make_warc.py OUT.warc.gz
"""

from __future__ import annotations

import html
import sys
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUT = Path(__file__).resolve().parent / "corpus" / "archive" / "crawl.warc.gz"
SYN = "(Synthetic article written for the wirecoder demo; people and groups are invented.)"
SITE = "https://example.net/harbourpost"


def record_id(name: str) -> str:
    """A fixed WARC-Record-ID derived from a name."""
    return "<urn:uuid:{}>".format(uuid.uuid5(uuid.NAMESPACE_URL, "wirecoder-demo-warc/" + name))


def crawl_time(i: int) -> str:
    """Fixed crawl timestamps, a few seconds apart."""
    return f"2025-08-01T09:00:{i * 3:02d}Z"


def http_date(i: int) -> str:
    return f"Fri, 01 Aug 2025 09:00:{i * 3:02d} GMT"


def last_modified(iso: str) -> str:
    """RFC 7231 date (GMT) for an ISO 8601 timestamp with offset."""
    dt = datetime.fromisoformat(iso).astimezone(UTC)
    return format_datetime(dt, usegmt=True)


# --------------------------------------------------------------------------
# Articles (synthetic)
# --------------------------------------------------------------------------
ARTICLES = [
    dict(
        key="tera",
        title="Nine killed as gunmen raid cattle market near Téra in Niger",
        url=SITE + "/world/2024/04/17/niger-tera-cattle-market-raid",
        date="2024-04-17",
        ptime="2024-04-17T07:30:00+01:00",
        author="Wirecoder Synthetic Wire",
        paras=[
            "This story was first distributed by Wirecoder Synthetic Wire and is republished by The Harbour Post under a content-sharing agreement.",
            "TERA, Niger, April 16 (Wirecoder Synthetic Wire) - Gunmen on motorcycles killed at least nine people and wounded 14 when they attacked a weekly cattle market north of Téra in Niger's Tillabéri region on Sunday, local officials and residents said.",
            "The attackers arrived at about 10 a.m., as herders and traders from the surrounding villages were gathering at the market in the commune of Gorouol, according to a local official who asked not to be named because he was not authorised to speak to the press. \u201cThey fired into the crowd, set fire to the stalls and drove away dozens of cattle,\u201d he said.",
            "Niger's defence ministry said in a statement on Monday that \u201carmed terrorists\u201d had attacked the market and that army units had pursued them towards the border with Burkina Faso, killing several of them. The ministry gave a death toll of six civilians.",
            "The Liptako Vanguard claimed responsibility for the attack in a message on Monday evening, saying it had targeted members of a pro-government self-defence militia who it said were among the traders. Residents denied that any militia members had been at the market.",
            "Hamadou Issoufou Garba, a livestock trader from Téra who was at the market, said two of his nephews were among the dead. \u201cWe buried them yesterday. We do not know if we can go back to the market next week,\u201d he said by telephone.",
            "The ministry said reinforcements had been sent to Téra and that a ban on motorcycle traffic in the department, in force since last year, would be extended by three months.",
            SYN,
        ],
    ),
    dict(
        key="kupiansk",
        title="Volunteers evacuate 200 from villages near Kupiansk as shelling intensifies",
        url=SITE + "/world/2023/10/20/kupiansk-evacuation",
        date="2023-10-20",
        ptime="2023-10-20T15:10:00+03:00",
        author="Harbour Post foreign desk",
        paras=[
            "KHARKIV, Ukraine, Oct. 20, 2023 - Volunteers evacuated about 200 residents from villages around Kupiansk in Ukraine's Kharkiv region this week, as shelling of the area intensified, a volunteer group and local officials said on Friday.",
            "Open Hands Relief, a volunteer network that runs minibuses out of front-line areas, said its teams had taken out 64 people on Thursday alone, most of them elderly residents who had refused to leave earlier in the year. Two of its volunteers were wounded when shelling hit a road near the village of Kurylivka on Thursday afternoon, the group said.",
            "\u201cPeople waited until the very last moment. Some left with only a bag and their cat,\u201d said Yuriy Marchenko Dovbysh, who coordinates the group's evacuations from Kharkiv.",
            "The regional administration ordered the mandatory evacuation of families with children from 12 settlements in the Kupiansk district earlier this month. Officials said on Friday that about 1,500 people, including 170 children, remained in those settlements.",
            "Regional officials said Russian forces had shelled the town of Kupiansk and nearby villages more than 40 times in the past 24 hours, damaging a hospital and a bread factory. No deaths were reported.",
            "Open Hands Relief said it planned another evacuation run on Monday if the road was passable, and called on the authorities to open a second heated reception centre in Kharkiv before winter.",
            SYN,
        ],
    ),
    dict(
        key="celaya",
        title="Schools close in Mexico's Celaya after gun battles between rival gangs",
        url=SITE + "/world/2024/10/02/celaya-schools-closed",
        date="2024-10-02",
        ptime="2024-10-02T14:30:00-06:00",
        author="Harbour Post wire services",
        paras=[
            "CELAYA, Mexico, Oct. 2, 2024 - Authorities in Celaya, in the central Mexican state of Guanajuato, closed more than 80 schools on Wednesday after two nights of gun battles between rival criminal gangs left at least nine people dead, state officials said.",
            "The fighting between La Hermandad del Río and Los Cuervos Blancos began on Monday night in the east of the city and spread to two other neighbourhoods on Tuesday, according to the state security ministry. Among the dead were a taxi driver and a 15-year-old boy who was hit by a stray bullet, the ministry said.",
            "Banners signed by La Hermandad del Río and hung from bridges on Tuesday morning warned residents to stay indoors after dark and threatened rival members with death. Los Cuervos Blancos denied in a video posted online that it had started the violence and accused the police of protecting the other gang. The state police denied the accusation.",
            "The federal government said 600 soldiers and National Guard members had been deployed to the city and would remain there \u201cas long as necessary\u201d. Police said they had arrested 12 suspects and seized 30 firearms since Monday.",
            "Parents said they would keep their children at home even after the schools reopened. The municipal education office said classes would resume on Monday if the situation allowed.",
            SYN,
        ],
    ),
    dict(
        key="kirkuk",
        title="Four killed as rival rallies clash in Kirkuk; curfew imposed",
        url=SITE + "/world/2025/04/09/kirkuk-rallies-curfew",
        date="2025-04-09",
        ptime="2025-04-09T11:45:00+03:00",
        author="Harbour Post wire services",
        paras=[
            "KIRKUK, Iraq, April 9, 2025 - Four people were killed and 27 wounded in Kirkuk on Tuesday when supporters of two rival political groups clashed in the city centre, prompting the authorities to impose an overnight curfew, police and health officials said.",
            "Supporters of the Kirkuk Citadel Alliance had gathered outside the provincial government building to protest against the handover of an office building to the Baba Gurgur Movement, when a counter-rally arrived, according to a police officer at the scene. He said the two sides threw stones at each other before shots were fired from a car.",
            "Each group blamed the other for the shooting. A spokesman for the Baba Gurgur Movement, Rebwar Karim Salih, accused the Kirkuk Citadel Alliance of bringing armed men to the rally. Its rival's leader, Yasser Hamad al-Obeidi, denied the claim and said the shots had come from the counter-protesters.",
            "Iraq's interior ministry ordered an investigation and sent a senior security delegation to the city, a ministry spokesman said. The curfew would remain in force until 6 a.m. on Thursday, and additional federal police units were being deployed to the city, a security official said.",
            "Kirkuk, an oil-rich province claimed by several communities, has seen similar tensions flare before. The two parties said they would meet on Saturday under the governor's auspices, but the Baba Gurgur Movement later said it would not attend unless those responsible for the shooting were arrested.",
            SYN,
        ],
    ),
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} &#8212; The Harbour Post</title>
<meta name="author" content="{author}">
<meta name="date" content="{date}">
<meta property="article:published_time" content="{ptime}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{site}/assets/site.css">
</head>
<body>
<div class="cookie-consent" id="cc">
  <p>The Harbour Post uses cookies for essential site functions and anonymous statistics.</p>
  <button id="cc-accept">Accept</button> <button id="cc-reject">Reject non-essential</button>
</div>
<header class="masthead">
  <a href="{site}/" class="brand">The Harbour Post</a>
  <nav class="sections">
    <ul>
      <li><a href="{site}/local">Local</a></li>
      <li><a href="{site}/world">World</a></li>
      <li><a href="{site}/business">Business</a></li>
      <li><a href="{site}/shipping">Shipping</a></li>
      <li><a href="{site}/weather">Weather</a></li>
      <li><a href="{site}/puzzles">Puzzles</a></li>
    </ul>
  </nav>
</header>
<div class="page">
  <article class="post">
    <h1 class="post-title">{title}</h1>
    <div class="post-meta">{author} &middot; <time datetime="{ptime}">{date}</time></div>
    <div class="post-content">
{body}
    </div>
  </article>
  <aside class="rail">
    <h3>Tides and shipping</h3>
    <p>High water 06:42 and 19:05. Harbour pilots on duty around the clock.</p>
    <h3>Popular now</h3>
    <ul>
      <li><a href="{site}/local/ferry-timetable-changes">Ferry timetable changes from next month</a></li>
      <li><a href="{site}/business/fish-auction-prices">Fish auction prices hold steady</a></li>
      <li><a href="{site}/local/harbour-festival">Harbour festival returns with fireworks</a></li>
    </ul>
  </aside>
</div>
<footer class="site-footer">
  <p><a href="{site}/about">About</a> &middot; <a href="{site}/contact">Contact</a> &middot; <a href="{site}/privacy">Privacy</a></p>
  <p>&copy; The Harbour Post. A synthetic news site created for the wirecoder demo corpus.</p>
</footer>
</body>
</html>
"""

ROBOTS = b"""User-agent: *
Disallow: /harbourpost/search
Disallow: /harbourpost/account/
Crawl-delay: 5

Sitemap: https://example.net/harbourpost/sitemap.xml
"""

REDIRECT_BODY = b"""<html><head><title>301 Moved Permanently</title></head>
<body><h1>Moved Permanently</h1><p>The document has moved <a href="https://example.net/harbourpost/world/2024/10/02/celaya-schools-closed">here</a>.</p></body></html>
"""


def render(article: dict) -> bytes:
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in article["paras"])
    return PAGE.format(
        title=html.escape(article["title"], quote=False),
        author=article["author"],
        date=article["date"],
        ptime=article["ptime"],
        url=article["url"],
        site=SITE,
        body=body,
    ).encode("utf-8")


def response_record(writer, uri, status, headers, body: bytes, name: str, i: int):
    headers = [
        *list(headers),
        ("Date", http_date(i)),
        ("Server", "example-httpd"),
        ("Content-Length", str(len(body))),
    ]
    http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id(name),
            "WARC-Date": crawl_time(i),
            "WARC-IP-Address": "192.0.2.10",  # TEST-NET-1 documentation address
        },
    )


def request_record(writer, uri, name: str, concurrent_to: str, i: int):
    path = uri.split("example.net", 1)[1]
    http_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", "example.net"),
            ("User-Agent", "wirecoder-demo-crawler/0.1 (+https://example.org/wirecoder)"),
            ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        ],
        is_http_request=True,
    )
    return writer.create_warc_record(
        uri,
        "request",
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id(name),
            "WARC-Date": crawl_time(i),
            "WARC-Concurrent-To": concurrent_to,
        },
    )


def build(out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")

        info = (
            b"software: wirecoder demo/make_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"isPartOf: wirecoder-demo-crawl\r\n"
            b"description: Synthetic crawl of a synthetic news site (The Harbour Post) for the "
            b"wirecoder demo. All articles are synthetic; people and groups are invented.\r\n"
            b"robots: classic\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo"),
                    "WARC-Date": crawl_time(0),
                    "WARC-Filename": "crawl.warc.gz",
                },
            )
        )

        # robots.txt: request + text/plain response (not an article)
        robots_uri = "https://example.net/robots.txt"
        writer.write_record(
            request_record(writer, robots_uri, "robots-request", record_id("robots-response"), 1)
        )
        writer.write_record(
            response_record(
                writer,
                robots_uri,
                "200 OK",
                [("Content-Type", "text/plain; charset=utf-8")],
                ROBOTS,
                "robots-response",
                1,
            )
        )

        # A redirect (status 301): has an HTML body but is not an article.
        writer.write_record(
            response_record(
                writer,
                "http://example.net/harbourpost/world/2024/10/02/celaya-schools-closed",
                "301 Moved Permanently",
                [
                    ("Content-Type", "text/html; charset=iso-8859-1"),
                    (
                        "Location",
                        "https://example.net/harbourpost/world/2024/10/02/celaya-schools-closed",
                    ),
                ],
                REDIRECT_BODY,
                "redirect-celaya",
                2,
            )
        )

        for n, art in enumerate(ARTICLES):
            i = 3 + n
            name = "article-" + art["key"]
            if n == 0:
                writer.write_record(
                    request_record(writer, art["url"], name + "-request", record_id(name), i)
                )
            writer.write_record(
                response_record(
                    writer,
                    art["url"],
                    "200 OK",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Last-Modified", last_modified(art["ptime"])),
                        ("Cache-Control", "max-age=300"),
                    ],
                    render(art),
                    name,
                    i,
                )
            )


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
