"""``sitrep extract``: files in, event records out (no database)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from ..errors import InputError, SitrepError
from ..ingest.readers import iter_inputs, parse_date
from ..records import Article, EventMention

__all__ = ["flat_row", "geojson_feature", "register"]

CSV_COLUMNS = (
    "event_id", "article_id", "event_type", "sub_event_type", "status", "date_start", "date_end",
    "date_precision", "date_basis", "actor1", "actor1_type", "actor1_country", "actor2", "actor2_type",
    "actor2_country", "location", "country", "admin1", "latitude", "longitude", "geo_precision",
    "fatalities", "url", "publisher", "reported_by", "confidence", "trigger",
)  # fmt: skip


def flat_row(mention: EventMention) -> dict[str, Any]:
    """One mention as a flat row of ``CSV_COLUMNS``."""
    r = mention.to_record()
    date, loc, a1, a2 = r["date"] or {}, r["location"] or {}, r["actor1"] or {}, r["actor2"] or {}
    source = r["sources"][0] if r["sources"] else {}
    return {
        "event_id": r["event_id"],
        "article_id": mention.article_id,
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "status": r["status"],
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "date_basis": date.get("basis"),
        "actor1": a1.get("name"),
        "actor1_type": a1.get("type"),
        "actor1_country": a1.get("country"),
        "actor2": a2.get("name"),
        "actor2_type": a2.get("type"),
        "actor2_country": a2.get("country"),
        "location": loc.get("name"),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"),
        "fatalities": r["fatalities"]["best"],
        "url": source.get("url"),
        "publisher": source.get("publisher"),
        "reported_by": source.get("reported_by"),
        "confidence": r["confidence"],
        "trigger": mention.trigger,
    }


def geojson_feature(mention: EventMention) -> dict[str, Any]:
    """A GeoJSON Feature (geometry null when the event has no place)."""
    record = mention.to_record()
    loc = mention.location
    geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]} if loc else None
    return {"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": record}


def _write(mentions: Iterator[EventMention], fmt: str, out: TextIO) -> int:
    count = 0
    if fmt == "jsonl":
        for mention in mentions:
            out.write(mention.to_json() + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for mention in mentions:
            writer.writerow(flat_row(mention))
            count += 1
    else:
        features = [geojson_feature(m) for m in mentions]
        count = len(features)
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
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
        for _article, found in extract(articles()):
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
