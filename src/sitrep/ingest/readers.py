"""Read files into ``Article`` records: plain text (+ same-stem ``.json`` metadata), HTML, JSONL and CSV.

Every problem with an input becomes an ``InputError`` naming the input and the fix; one bad record in a
JSONL or CSV file does not stop the others (``iter_inputs`` yields both the articles and the errors).
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import EmptyInput, EncodingError, InputError, SchemaError, UnsupportedInput
from ..records import Article
from .dates import parse_date
from .html import article_from_html

__all__ = [
    "METADATA_FIELDS",
    "TEXT_COLUMNS",
    "decode_bytes",
    "folder_files",
    "iter_inputs",
    "parse_date",
    "read_path",
]

#: Column names that hold an article's text, most specific first.
TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "story", "notes", "EventSnippet")

#: Metadata fields and the column names that may hold them, most specific first.
METADATA_FIELDS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url"),
    "publisher": ("publisher", "source", "outlet", "site_name"),
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    "title": ("title", "headline"),
    "quoted_source": ("quoted_source", "reported_by"),
}

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
#: Folder entries that are never articles (metadata sidecars are read with their text file).
SKIP_SUFFIXES = {".json"}

_BINARY_PROBE = 8192


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or the encoding asked for."""
    if b"\x00" in data[:_BINARY_PROBE] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedInput(source, "binary file, not text", "pass text, HTML, JSONL, CSV or WARC files")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(source, f"cannot decode as {encoding}", "check the --encoding value") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            source,
            f"not UTF-8 text (invalid byte at offset {exc.start})",
            "convert it to UTF-8 or pass --encoding (for example --encoding cp1252)",
        ) from exc


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            str(path), f"cannot read file ({exc.strerror})", "check the path and permissions"
        ) from exc
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(
                str(path), "truncated or corrupt gzip file", "re-download or re-compress it"
            ) from exc
    return data


def _inner_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _pick(record: dict[str, Any], names: Iterable[str]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, ""):
            return value
    return None


def _article_from_record(record: dict[str, Any], source: str) -> Article:
    text = _pick(record, TEXT_COLUMNS)
    if not isinstance(text, str) or not text.strip():
        raise EmptyInput(
            source, "record has no text", f"give it one of the fields {', '.join(TEXT_COLUMNS[:4])}"
        )
    title = _pick(record, METADATA_FIELDS["title"])
    return Article(
        text=text,
        url=_pick(record, METADATA_FIELDS["url"]),
        publisher=_pick(record, METADATA_FIELDS["publisher"]),
        published=parse_date(_pick(record, METADATA_FIELDS["published"])),
        title=str(title) if title else None,
        quoted_source=_pick(record, METADATA_FIELDS["quoted_source"]),
        source_path=source,
    )


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            str(sidecar), f"metadata is not valid JSON ({exc})", "fix or remove the .json file"
        ) from exc
    if not isinstance(meta, dict):
        raise InputError(
            str(sidecar), "metadata must be a JSON object", 'write {"published": "2017-10-12", ...}'
        )
    return meta


def _read_text(path: Path, encoding: str | None) -> Iterator[Article | InputError]:
    text = decode_bytes(_read_bytes(path), str(path), encoding)
    if not text.strip():
        raise EmptyInput(str(path), "empty file", "remove it or give it the article text")
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        yield from _read_html(path, encoding)
        return
    meta = _read_sidecar(path)
    record = {**meta, "text": text}
    yield _article_from_record(record, str(path))


def _read_html(path: Path, encoding: str | None) -> Iterator[Article | InputError]:
    article = article_from_html(decode_bytes(_read_bytes(path), str(path), encoding), str(path))
    meta = _read_sidecar(path)
    if meta:
        page = {"url": article.url, "publisher": article.publisher, "published": article.published,
                "title": article.title}  # fmt: skip
        merged = {**{k: v for k, v in page.items() if v}, **meta, "text": article.text}
        sidecar = _article_from_record(merged, str(path))
        article = dataclasses.replace(sidecar, quotes=article.quotes)
    yield article


def _read_jsonl(path: Path, encoding: str | None) -> Iterator[Article | InputError]:
    text = decode_bytes(_read_bytes(path), str(path), encoding)
    if not text.strip():
        raise EmptyInput(str(path), "empty file", "remove it or give it one JSON object a line")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg})", "fix the line or remove it")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "line is not a JSON object", "write one object a line")
            continue
        try:
            yield _article_from_record(record, where)
        except InputError as exc:
            yield exc


def _read_csv(path: Path, encoding: str | None) -> Iterator[Article | InputError]:
    text = decode_bytes(_read_bytes(path), str(path), encoding)
    if not text.strip():
        raise EmptyInput(str(path), "empty file", "remove it or give it a header row and rows")
    csv.field_size_limit(1 << 30)
    delimiter = "\t" if _inner_suffix(path) == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [c for c in (reader.fieldnames or []) if c is not None]
    lowered = {c.lower() for c in columns}
    if not any(name.lower() in lowered for name in TEXT_COLUMNS):
        raise SchemaError(
            str(path),
            f"no text column (columns: {', '.join(columns[:8]) or 'none'})",
            f"name the article text column one of: {', '.join(TEXT_COLUMNS[:4])}",
        )
    for number, row in enumerate(reader, start=2):
        try:
            yield _article_from_record(row, f"{path}:{number}")
        except InputError as exc:
            yield exc


def _readers(path: Path):  # type: ignore[no-untyped-def]
    suffix = _inner_suffix(path)
    if suffix in HTML_SUFFIXES:
        return _read_html
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl
    if suffix in CSV_SUFFIXES:
        return _read_csv
    return _read_text


def _iter_file(path: Path, encoding: str | None) -> Iterator[Article | InputError]:
    try:
        yield from _readers(path)(path, encoding)
    except InputError as exc:
        yield exc


def read_path(path: Path, *, encoding: str | None = None) -> list[Article]:
    """All articles in one file; raises the first ``InputError`` when the file yields no article."""
    articles: list[Article] = []
    first_error: InputError | None = None
    for item in _iter_file(Path(path), encoding):
        if isinstance(item, InputError):
            first_error = first_error or item
        else:
            articles.append(item)
    if not articles and first_error is not None:
        raise first_error
    return articles


def folder_files(folder: Path) -> Iterator[Path]:
    """The input files below ``folder``, sorted: no hidden files or folders, no metadata sidecars."""
    for child in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = child.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or child.suffix.lower() in SKIP_SUFFIXES:
            continue
        yield child


def _expand(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from folder_files(path)
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder", "check the path")


def iter_inputs(
    paths: Iterable[Path], *, encoding: str | None = None
) -> Iterator[tuple[str, Article | InputError]]:
    """Each article (or error) found under ``paths``, folders expanded in sorted order, with its origin."""
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item.source, item
            continue
        for result in _iter_file(item, encoding):
            yield (result.source if isinstance(result, InputError) else str(item)), result
