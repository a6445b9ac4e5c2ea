"""RSS and Atom feeds (files or fetched bytes) into ``Article`` records, one per entry.

Each entry gives its link, title, date and content (or summary); HTML in the content is turned into
plain text. The article text is the title, a blank line, then the body (``body_start`` marks the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from ..errors import EmptyInput, InputError
from ..records import Article

__all__ = ["html_to_text", "is_feed", "iter_feed"]

#: Elements that start a new paragraph when HTML becomes text.
BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "figure",
    "figcaption",
)
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n\s*(\n\s*)*")


def is_feed(data: bytes) -> bool:
    """True when the bytes look like an RSS, RDF or Atom document."""
    head = data[:4096].lstrip().lower()
    return (
        head.startswith(b"<?xml")
        and any(m in head for m in _FEED_MARKERS)
        or any(head.startswith(m) for m in _FEED_MARKERS)
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line, spaces collapsed."""
    if "<" not in fragment:
        text = unescape(fragment)
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError):
            return _tidy(unescape(re.sub(r"<[^>]+>", " ", fragment)))
        for bad in root.xpath(".//script|.//style|.//noscript"):
            bad.drop_tree()
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for el in root.iter(*BLOCK_TAGS):
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        text = root.text_content()
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    return html_to_text(html or "")


def iter_feed(source: str, data: bytes) -> Iterator[Article | InputError]:
    """Each entry of the feed in ``data`` as an Article (or an InputError for an empty entry)."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = "not a readable RSS/Atom feed" if parsed.get("bozo") else "the feed has no entries"
        yield EmptyInput(source, problem, "check the file or URL")
        return
    publisher = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, 1):
        title = html_to_text(entry.get("title", "") or "")
        body = _entry_body(entry)
        label = f"{source}#{number}"
        if not body and not title:
            yield EmptyInput(label, "feed entry without title or text", "nothing to do; the entry is skipped")
            continue
        text = f"{title}\n\n{body}" if title and body else (body or title)
        yield Article(
            text=text,
            url=entry.get("link") or None,
            publisher=publisher,
            published=_entry_date(entry),
            title=title or None,
            source_path=label,
            body_start=len(title) + 2 if title and body else 0,
        )
