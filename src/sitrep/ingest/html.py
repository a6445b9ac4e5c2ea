"""HTML pages to ``Article``: main text through trafilatura, page furniture and reader comments removed.

trafilatura's XML output keeps the structure we need: paragraphs, headings and ``<quote>`` blocks, so a
blog post quoting a news report keeps the quoted passage's offsets (``Article.quotes``).
"""

from __future__ import annotations

from xml.etree import ElementTree

import trafilatura

from ..errors import EmptyInput, InputError
from ..records import Article
from .dates import parse_date

__all__ = ["article_from_html"]

#: Block elements of trafilatura's XML whose text becomes one paragraph each.
_BLOCKS = {"p", "head", "item", "cell", "quote", "code", "lb", "list", "table", "row"}


def _block_text(element: ElementTree.Element) -> str:
    """The block's text on one line; a line break (``<lb/>``, from ``<br>``) ends a sentence-like run."""
    parts: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _flatten(main: ElementTree.Element) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join the main text's blocks with blank lines; record where each quote starts and ends."""
    parts: list[str] = []
    quotes: list[tuple[int, int]] = []
    offset = 0

    def add(text: str) -> tuple[int, int] | None:
        nonlocal offset
        if not text:
            return None
        if parts:
            parts.append("\n\n")
            offset += 2
        start = offset
        parts.append(text)
        offset += len(text)
        return start, offset

    for child in main:
        if child.tag == "quote":
            inner = [c for c in child if c.tag in _BLOCKS]
            spans = [add(_block_text(c)) for c in inner] if inner else [add(_block_text(child))]
            spans = [s for s in spans if s]
            if spans:
                quotes.append((spans[0][0], spans[-1][1]))
        elif child.tag == "list":
            for item in child:
                add(_block_text(item))
        else:
            add(_block_text(child))
    return "".join(parts), tuple(quotes)


def article_from_html(html: str, source: str) -> Article:
    """The article in an HTML page; ``InputError`` when the page holds no article text."""
    if not html.strip():
        raise EmptyInput(source, "empty HTML file", "remove it or save the full page")
    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source, f"malformed HTML ({type(exc).__name__})", "save the page again") from exc
    if not xml:
        raise InputError(
            source, "no article text found in the HTML", "check that it is a news page, not an index"
        )
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise InputError(source, "could not read the extracted text", "save the page again") from exc
    main = root.find("main")
    if main is None:
        raise InputError(source, "no article text found in the HTML", "check that it is a news page")
    text, quotes = _flatten(main)
    if not text.strip():
        raise EmptyInput(source, "no article text found in the HTML", "check that it is a news page")
    return Article(
        text=text,
        url=root.get("url"),
        publisher=root.get("sitename"),
        published=parse_date(root.get("date")),
        title=root.get("title"),
        source_path=source,
        quotes=quotes,
    )
