"""WARC and WARC.gz archives into ``Article`` records: HTML responses only, main text by trafilatura.

Each HTML response goes through ``sitrep.ingest.html.article_from_html`` (trafilatura, comments and
page furniture left out). A truncated or damaged archive yields the articles read before the break,
then one ``InputError`` saying so.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..records import Article
from .html import article_from_html
from .readers import decode_bytes

__all__ = ["WARC_SUFFIXES", "is_warc", "iter_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SLACK = 8  # trailing bytes (blank lines) tolerated after the last record
_DAMAGE = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def iter_warc(path: Path) -> Iterator[Article | InputError]:
    """Articles from the HTML responses in the archive, then an InputError if it is damaged."""
    source = str(path)
    count = 0
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2") or not content_type.lower().startswith(HTML_TYPES):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                payload = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the record ends before its Content-Length
                    raise EOFError(f"record {url} is cut short")
                count += 1
                label = f"{source}#{url or count}"
                try:
                    html = decode_bytes(payload, label, _charset(content_type))
                    article = article_from_html(html, label)
                except InputError as exc:
                    yield exc
                    continue
                yield dataclasses.replace(article, url=article.url or url, source_path=label)
            # warcio stops quietly at a record cut short: bytes left after the last whole record mean damage.
            if path.stat().st_size - records.offset > _SLACK:
                raise EOFError(f"{path.stat().st_size - records.offset} bytes after the last whole record")
    except FileNotFoundError as exc:
        yield InputError(source, f"cannot open the archive ({exc.strerror})", "check the path")
    except _DAMAGE as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield InputError(
            source,
            f"archive truncated or damaged after {count} HTML responses ({reason})",
            "the responses before the break were read; fetch or copy the archive again",
        )
