"""Ingest sources: RSS/Atom feeds, WARC archives (whole and truncated), folders with bad files."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import InputError
from sitrep.ingest.feeds import html_to_text, is_feed, iter_feed
from sitrep.ingest.sources import iter_sources
from sitrep.ingest.warc import iter_warc
from sitrep.records import Article

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Gazette</title>
<item><title>Clashes near the dam</title><link>https://gazette.example/1</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Fighters &lt;b&gt;clashed&lt;/b&gt; with police near the dam.&lt;/p&gt;
&lt;p&gt;Two were hurt.&lt;/p&gt;</description>
</item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Times</title>
<entry><title>Market reopens</title><link href="https://hill.example/a"/>
<updated>2024-02-01T08:00:00Z</updated>
<content type="html">&lt;div&gt;Traders returned on Thursday.&lt;br/&gt;Prices were high.&lt;/div&gt;
</content></entry>
</feed>"""


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(
        f"<p>{body} Sentence {i} adds detail about the events of the day.</p>" for i in range(6)
    )
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | News</nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><div class='comments'><p>Reader comment here.</p></div></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes]], extra: list[tuple[str, str, bytes]] = ()) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, ctype, payload in [*((u, "text/html; charset=utf-8", p) for u, p in pages), *extra]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)


def test_ingest_sources_rss_entries(tmp_path: Path) -> None:
    items = list(iter_feed("feed.xml", RSS))
    article, error = items
    assert isinstance(article, Article) and isinstance(error, InputError)
    assert (
        article.text == "Clashes near the dam\n\nFighters clashed with police near the dam.\n\nTwo were hurt."
    )
    assert article.text[article.body_start :].startswith("Fighters")
    assert (article.url, article.publisher, article.published) == (
        "https://gazette.example/1",
        "Valley Gazette",
        date(2024, 3, 5),
    )


def test_ingest_sources_atom_and_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "hill.xml"
    path.write_bytes(ATOM)
    assert is_feed(ATOM) and not is_feed(b"<html><body>x</body></html>")
    [(origin, article)] = list(iter_sources([path]))
    assert origin == str(path)
    assert article.title == "Market reopens" and article.published == date(2024, 2, 1)
    assert article.text.endswith("Traders returned on Thursday.\nPrices were high.")


def test_ingest_sources_html_to_text_drops_scripts() -> None:
    assert (
        html_to_text("<p>One <script>x()</script>two</p><ul><li>a</li><li>b</li></ul>") == "One two\n\na\n\nb"
    )
    assert html_to_text("plain &amp; simple") == "plain & simple"


def test_ingest_sources_warc_reads_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://a.example/1", _page("Bridge closed", "Police closed the bridge.")),
            ("https://a.example/2", _page("Rally held", "Hundreds rallied downtown.")),
        ],
        extra=[("https://a.example/logo.png", "image/png", b"\x89PNG...")],
    )
    articles = list(iter_warc(path))
    assert [a.url for a in articles] == ["https://a.example/1", "https://a.example/2"]
    assert "Police closed the bridge." in articles[0].text
    assert "Reader comment" not in articles[0].text


@pytest.mark.parametrize("name", ["whole.warc.gz", "whole.warc"])
def test_ingest_sources_truncated_warc_keeps_records_before_the_break(tmp_path: Path, name: str) -> None:
    whole = tmp_path / name
    pages = [(f"https://a.example/{i}", _page(f"Story {i}", f"Story number {i} happened.")) for i in range(3)]
    write_warc(whole, pages)
    data = whole.read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(data[: len(data) * 5 // 6])
    items = list(iter_warc(cut))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError"]
    assert "truncated or damaged after" in str(items[-1]) and "\n" not in str(items[-1])


def test_ingest_sources_folder_with_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Troops clashed with rebels near Mosul on Monday, officials said.\n")
    (folder / "good.json").write_text(json.dumps({"publisher": "Tigris Daily", "published": "2024-01-02"}))
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    write_warc(folder / "crawl.warc.gz", [("https://a.example/x", _page("X", "Something happened."))])
    data = (folder / "crawl.warc.gz").read_bytes()
    (folder / "crawl.warc.gz").write_bytes(data[: len(data) // 2])
    (folder / ".hidden.txt").write_text("not read")
    items = list(iter_sources([folder, tmp_path / "missing"]))
    articles = [a for _, a in items if isinstance(a, Article)]
    errors = [e for _, e in items if isinstance(e, InputError)]
    assert [a.publisher for a in articles] == ["Tigris Daily"]
    assert len(errors) == 3
    assert all("\n" not in str(e) for e in errors)
    assert {Path(e.source.split("#")[0]).name for e in errors} == {"blob.bin", "crawl.warc.gz", "missing"}


def test_ingest_sources_url_feed_and_page() -> None:
    pages = {"https://f.example/rss": RSS, "https://f.example/page": _page("Page", "A page about a protest.")}
    items = list(iter_sources(list(pages), fetch=pages.__getitem__))
    kinds = [type(i).__name__ for _, i in items]
    assert kinds == ["Article", "EmptyInput", "Article"]
    assert items[2][1].url == "https://f.example/page"


def test_ingest_sources_fetches_feed_url_from_local_server(tmp_path: Path) -> None:
    import threading
    from functools import partial
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    (tmp_path / "feed.rss").write_bytes(RSS)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        items = list(iter_sources([f"{base}/feed.rss", f"{base}/missing.rss"]))
    finally:
        server.shutdown()
        server.server_close()
    assert [type(i).__name__ for _, i in items] == ["Article", "EmptyInput", "InputError"]
    assert items[0][1].url == "https://gazette.example/1"
    assert "cannot fetch" in str(items[2][1])
