"""``sitrep extract``: files in, event records out (no database)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from ..errors import InputError, SitrepError
from ..export.formats import flat_rows, write_geojson
from ..ingest.readers import iter_inputs, parse_date
from ..records import Article, EventMention

__all__ = ["register"]


def _write(mentions: Iterator[EventMention], fmt: str, out: TextIO) -> int:
    """Write the records as JSON lines, CSV (the flat columns of ``sitrep export``) or GeoJSON."""
    records = (m.to_record() for m in mentions)
    if fmt == "jsonl":
        count = 0
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "geojson":
        return write_geojson(records, out)
    count = 0
    writer: csv.DictWriter[str] | None = None
    for row in flat_rows(records):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", help="Publication date (YYYY-MM-DD) for every input, overriding metadata.")
@click.option("--publisher", help="Publisher name for every input, overriding metadata.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson"]), default="jsonl", show_default=True
)
@click.option("--encoding", help="Text encoding of the inputs when not UTF-8 (e.g. cp1252).")
def extract_command(
    paths: tuple[Path, ...], published: str | None, publisher: str | None, fmt: str, encoding: str | None
) -> None:
    """Extract event records from files: text (+ same-stem .json metadata), HTML, JSONL, CSV.

    \b
    Example:
      sitrep extract article.txt --published 2017-10-12
      sitrep extract news.csv --format geojson > events.geojson
    """
    from ..extract import extract

    published_date = parse_date(published) if published else None
    if published and published_date is None:
        raise click.BadParameter(f"{published!r} is not a date; use YYYY-MM-DD", param_hint="--published")
    failures = 0

    def articles() -> Iterator[Article]:
        nonlocal failures
        for _origin, item in iter_inputs(paths, encoding=encoding):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"Error: {item}", err=True)
                continue
            yield item.with_overrides(published=published_date, publisher=publisher)

    def mentions() -> Iterator[EventMention]:
        def report(exc: InputError) -> None:
            nonlocal failures
            failures += 1
            click.echo(f"Error: {exc}", err=True)

        for _article, found in extract(articles(), on_error=report):
            yield from found

    try:
        _write(mentions(), fmt, sys.stdout)
    except SitrepError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    if failures:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(extract_command)
