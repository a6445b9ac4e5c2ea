"""``POST /ingest``: the request body handed to the same ingestion as ``sitrep ingest``.

Texts and HTML pages arrive in the body; URLs are fetched by the ingestion itself. The extractor has
the signature of ``sitrep.extract.extract`` (``Iterable[Article] -> Iterator[(Article, mentions)]``);
None means ``$SITREP_EXTRACTOR`` or the spaCy pipeline, as on the command line.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from ..errors import InputError
from ..records import Article, EventMention
from ..store import Store
from .queries import Day

__all__ = [
    "MAX_ITEMS",
    "Extractor",
    "HtmlItem",
    "IngestRequest",
    "TextItem",
    "run_ingest",
]

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[EventMention]]]]

#: Most items (texts + pages + URLs) one request may carry.
MAX_ITEMS = 50
#: Longest text or page accepted, in characters.
MAX_CHARS = 500_000
#: Only web addresses: anything else would be read as a path on the server.
URL_PATTERN = r"^https?://[^\s]+$"


class _Meta(BaseModel):
    url: str | None = Field(None, max_length=2000)
    publisher: str | None = Field(None, max_length=500)
    published: Day | None = None
    title: str | None = Field(None, max_length=2000)
    quoted_source: str | None = Field(None, max_length=500)


class TextItem(_Meta):
    """An article as plain text with its metadata."""

    text: str = Field(..., min_length=1, max_length=MAX_CHARS)


class HtmlItem(_Meta):
    """A web page; the article is extracted from it as ``sitrep ingest`` does for HTML files."""

    html: str = Field(..., min_length=1, max_length=MAX_CHARS)


class IngestRequest(BaseModel):
    """What to ingest: any mix of texts, HTML pages and URLs (at most ``MAX_ITEMS`` in all)."""

    texts: list[TextItem | Annotated[str, StringConstraints(min_length=1, max_length=MAX_CHARS)]] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    html: list[HtmlItem] = Field(default_factory=list, max_length=MAX_ITEMS)
    urls: list[Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2000)]] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )


def _write_items(folder: Path, request: IngestRequest) -> int:
    """The body's texts as one JSONL file and its pages as HTML files with .json metadata beside them."""
    written = 0
    records = []
    for item in request.texts:
        meta = item if isinstance(item, TextItem) else TextItem(text=item)
        records.append({k: v for k, v in meta.model_dump(mode="json").items() if v is not None})
    if records:
        lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        (folder / "texts.jsonl").write_text(lines + "\n", encoding="utf-8")
        written += len(records)
    for i, page in enumerate(request.html):
        (folder / f"page-{i:03d}.html").write_text(page.html, encoding="utf-8")
        meta = {k: v for k, v in page.model_dump(mode="json", exclude={"html"}).items() if v is not None}
        if meta:
            (folder / f"page-{i:03d}.json").write_text(json.dumps(meta), encoding="utf-8")
        written += 1
    return written


def run_ingest(
    store: Store,
    request: IngestRequest,
    extractor: Extractor | None = None,
    fetch: Callable[[str], bytes] | None = None,
) -> dict[str, Any]:
    """Ingest the body exactly as ``sitrep ingest`` would its files and URLs (``sitrep.ingest.run``).

    Texts and pages are written to a temporary folder (texts as JSONL, pages as HTML with a .json
    metadata file) and handed to the same reader, near-duplicate check, extractor and store as the
    command line; URLs are fetched by it too (a feed gives its entries). Returns the counts, each
    article added (with its event ids) and one error entry per input that could not be read.
    """
    from ..ingest.run import ingest
    from ..ingest.sources import fetch_public_url

    fetch = fetch or fetch_public_url

    errors: list[dict[str, str]] = []
    before = store.counts()["articles"]
    with tempfile.TemporaryDirectory(prefix="sitrep-api-") as tmp:
        folder = Path(tmp)

        def report(exc: InputError) -> None:
            item, message = str(exc.source).replace(tmp, "body"), str(exc).replace(tmp, "body")
            errors.append({"item": item, "message": message})

        sources = ([tmp] if _write_items(folder, request) else []) + list(request.urls)
        stats = ingest(sources, store, extractor=extractor, on_error=report, fetch=fetch)
    articles = []
    for row in store.articles(offset=before):
        found = store.get_article(row["article_id"]) or {}
        articles.append(
            {
                "article_id": row["article_id"],
                "url": row.get("url"),
                "title": row.get("title"),
                "duplicate_of": row.get("duplicate_of"),
                "events": found.get("events", []),
            }
        )
    return {
        "read": stats.read,
        "stored": stats.stored,
        "duplicates": stats.duplicates,
        "near_duplicates": stats.near_duplicates,
        "failed": stats.failed,
        "articles": articles,
        "events": sorted({e for a in articles for e in a["events"]}),
        "errors": errors,
    }
