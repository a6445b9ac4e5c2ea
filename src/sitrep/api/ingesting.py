"""``POST /ingest``: request bodies to ``Article`` records, then the same ingestion as ``sitrep ingest``.

Texts and HTML pages arrive in the body; URLs are fetched by the server (``fetch_url``, with a timeout
and a size limit). The articles go through an extractor with the signature of ``sitrep.extract.extract``
(``Iterable[Article] -> Iterator[(Article, list[EventMention])]``) and into ``Store.add_article``.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from ..errors import InputError, SitrepError
from ..records import Article, EventMention
from ..store import Store
from .queries import Day

__all__ = [
    "MAX_ITEMS",
    "Extractor",
    "HtmlItem",
    "IngestRequest",
    "TextItem",
    "articles_from_request",
    "default_extractor",
    "fetch_url",
    "run_ingest",
]

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[EventMention]]]]
Fetcher = Callable[[str], tuple[str, str]]

#: Most items (texts + pages + URLs) one request may carry.
MAX_ITEMS = 50
#: Longest text or page accepted, in characters.
MAX_CHARS = 500_000
#: Largest page a URL may return, in bytes.
MAX_FETCH_BYTES = 5_000_000


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
    urls: list[str] = Field(default_factory=list, max_length=MAX_ITEMS)


def _with_meta(article: Article, meta: _Meta) -> Article:
    changes: dict[str, Any] = {}
    for name in ("url", "publisher", "published", "title", "quoted_source"):
        value = getattr(meta, name)
        if value is not None:
            changes[name] = value
    return dataclasses.replace(article, **changes) if changes else article


def fetch_url(url: str, *, timeout: float = 20.0) -> tuple[str, str]:
    """(body text, content type) of a web page; ``InputError`` when it cannot be had."""
    import httpx

    if not url.startswith(("http://", "https://")):
        raise InputError(url, "not an http(s) URL", "give a full address starting with http:// or https://")
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            with client.stream("GET", url, headers={"User-Agent": "sitrep"}) as response:
                response.raise_for_status()
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_FETCH_BYTES:
                        raise InputError(
                            url, "page larger than 5 MB", "save the article text and send it as text"
                        )
                    chunks.append(chunk)
                body = b"".join(chunks).decode(response.encoding or "utf-8", errors="replace")
                return body, response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise InputError(
            url, f"could not fetch ({type(exc).__name__})", "check the URL, or send the text"
        ) from exc


def articles_from_request(
    request: IngestRequest, fetch: Fetcher = fetch_url
) -> tuple[list[Article], list[dict[str, str]]]:
    """The articles a request describes, and one error entry per item that could not be read."""
    from ..ingest.html import article_from_html

    articles: list[Article] = []
    errors: list[dict[str, str]] = []
    for i, item in enumerate(request.texts):
        meta = item if isinstance(item, TextItem) else TextItem(text=item)
        if not meta.text.strip():
            errors.append({"item": f"texts[{i}]", "message": "empty text"})
            continue
        articles.append(_with_meta(Article(text=meta.text), meta))
    for i, page in enumerate(request.html):
        try:
            articles.append(_with_meta(article_from_html(page.html, page.url or f"html[{i}]"), page))
        except SitrepError as exc:
            errors.append({"item": f"html[{i}]", "message": str(exc)})
    for i, url in enumerate(request.urls):
        try:
            body, content_type = fetch(url)
            if "html" in content_type or body.lstrip()[:1] == "<":
                article = article_from_html(body, url)
            else:
                article = Article(text=body)
            articles.append(dataclasses.replace(article, url=article.url or url))
        except SitrepError as exc:
            errors.append({"item": f"urls[{i}]", "message": str(exc)})
    return articles, errors


def default_extractor() -> Extractor:
    """``SITREP_EXTRACTOR`` (``module:function``) when set, else ``sitrep.extract.extract`` (the model)."""
    spec = os.environ.get("SITREP_EXTRACTOR")
    if spec:
        module, _, name = spec.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    from ..extract import extract

    return extract


def run_ingest(store: Store, articles: list[Article], extractor: Extractor) -> list[dict[str, Any]]:
    """Extract and store each article; one result per article (its id, whether stored, its events)."""
    results: list[dict[str, Any]] = []
    fresh = []
    for article in articles:
        if store.has_article(article.article_id):
            results.append(
                {"article_id": article.article_id, "stored": False, "reason": "already stored", "events": []}
            )
        else:
            fresh.append(article)
    for article, mentions in extractor(fresh):
        stored = store.add_article(article, mentions)
        found = store.get_article(article.article_id) if stored else None
        results.append(
            {
                "article_id": article.article_id,
                "stored": stored,
                "reason": None if stored else "already stored",
                "events": (found or {}).get("events", []),
            }
        )
    return results
