"""What ``sitrep ingest`` accepts, turned into one stream of articles and errors.

path of a file      WARC/WARC.gz -> ``warc``; RSS/Atom (.rss, .atom, or XML that is a feed) ->
                    ``feeds``; anything else -> ``readers`` (text + .json metadata, HTML, JSONL, CSV)
path of a folder    every file below it, sorted, hidden files and .json sidecars left out
http(s):// URL      fetched once: a feed gives its entries, an HTML page one article
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UnsupportedInput
from ..records import Article
from .feeds import is_feed, iter_feed
from .readers import folder_files
from .warc import is_warc, iter_warc

__all__ = ["FEED_SUFFIXES", "MAX_FETCH_BYTES", "fetch_public_url", "fetch_url", "iter_sources"]

FEED_SUFFIXES = (".rss", ".atom")
USER_AGENT = "sitrep-ingest"
#: Largest page or feed read from a URL.
MAX_FETCH_BYTES = 20_000_000

Item = tuple[str, Article | InputError]


def _refuse_private(url: str) -> None:
    """``InputError`` unless every address ``url``'s host resolves to is a public one."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve host {host!r}", "check the URL") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise InputError(url, "refused: the host is a private or local address", "give a public URL")


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _refuse_private(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(
    url: str, timeout: float = 30.0, *, max_bytes: int = MAX_FETCH_BYTES, public_only: bool = False
) -> bytes:
    """The bytes at ``url`` (at most ``max_bytes``); ``InputError`` when it cannot be fetched.

    ``public_only`` refuses hosts on loopback, private, link-local or reserved addresses, redirects
    included: the API uses it so that a client cannot make the server read its own network.
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise InputError(url, "not an http(s) URL", "give an http:// or https:// address")
    if public_only:
        _refuse_private(url)
    handlers = [_PublicRedirects()] if public_only else []
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(url, f"cannot fetch ({reason})", "check the URL and the network") from exc
    if len(data) > max_bytes:
        raise InputError(url, f"larger than {max_bytes} bytes", "fetch it yourself and ingest the file")
    return data


#: The fetcher for untrusted callers (the API): public addresses only.
fetch_public_url = functools.partial(fetch_url, public_only=True)


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
            for child in folder_files(path):
                yield from _from_file(child)
        elif path.is_file():
            yield from _from_file(path)
        else:
            yield text, InputError(text, "no such file or folder", "check the path")
