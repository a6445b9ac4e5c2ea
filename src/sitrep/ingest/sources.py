"""What ``sitrep ingest`` accepts, turned into one stream of articles and errors.

path of a file      WARC/WARC.gz -> ``warc``; RSS/Atom (.rss, .atom, or XML that is a feed) ->
                    ``feeds``; anything else -> ``readers`` (text + .json metadata, HTML, JSONL, CSV)
path of a folder    every file below it, sorted, hidden files and .json sidecars left out
http(s):// URL      fetched once: a feed gives its entries, an HTML page one article
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnsupportedInput
from ..records import Article
from .feeds import is_feed, iter_feed
from .warc import is_warc, iter_warc

__all__ = ["FEED_SUFFIXES", "fetch_url", "iter_sources"]

FEED_SUFFIXES = (".rss", ".atom")
#: Files in folders that are never inputs of their own (text-file metadata is read with the text).
SKIP_SUFFIXES = (".json",)
USER_AGENT = "sitrep-ingest"

Item = tuple[str, Article | InputError]


def fetch_url(url: str, timeout: float = 30.0) -> bytes:
    """The bytes at ``url``; ``InputError`` when it cannot be fetched."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (user's URL)
            return response.read()
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(url, f"cannot fetch ({reason})", "check the URL and the network") from exc


def _from_url(url: str, fetch: Callable[[str], bytes]) -> Iterator[Item]:
    try:
        data = fetch(url)
    except InputError as exc:
        yield url, exc
        return
    if is_feed(data):
        for item in iter_feed(url, data):
            yield url, item
        return
    from dataclasses import replace

    from .html import article_from_html
    from .readers import decode_bytes

    try:
        article = article_from_html(decode_bytes(data, url), url)
    except InputError as exc:
        yield url, exc
        return
    yield url, replace(article, url=article.url or url)


def _is_feed_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(FEED_SUFFIXES):
        return True
    if name.endswith(".xml"):
        with open(path, "rb") as handle:
            return is_feed(handle.read(4096))
    return False


def _from_file(path: Path) -> Iterator[Item]:
    label = str(path)
    try:
        if is_warc(path):
            for item in iter_warc(path):
                yield label, item
            return
        if _is_feed_file(path):
            for item in iter_feed(label, path.read_bytes()):
                yield label, item
            return
    except OSError as exc:
        yield label, UnsupportedInput(label, f"cannot read ({exc.strerror})", "check the permissions")
        return
    from .readers import iter_inputs

    yield from iter_inputs([path])


def _files(folder: Path) -> Iterator[Path]:
    for child in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = child.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or child.suffix.lower() in SKIP_SUFFIXES:
            continue
        yield child


def iter_sources(
    sources: Iterable[str | Path], *, fetch: Callable[[str], bytes] = fetch_url
) -> Iterator[Item]:
    """(origin, Article or InputError) for everything in ``sources``, in order."""
    for source in sources:
        text = str(source)
        if text.lower().startswith(("http://", "https://")):
            yield from _from_url(text, fetch)
            continue
        path = Path(text).expanduser()
        if path.is_dir():
            for child in _files(path):
                yield from _from_file(child)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield text, InputError(text, "no such file or folder", "check the path")
