"""``sitrep ingest``, ``sitrep events`` and ``sitrep export``: the event database from the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from ..errors import SitrepError
from ..store import DEFAULT_URL, EventFilter

__all__ = ["register"]

_DB_HELP = f"Database: a SQLite file (default {DEFAULT_URL}) or postgresql://user:pass@host/db."


def _db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", default=DEFAULT_URL, show_default=True, envvar="SITREP_DB", help=_DB_HELP
    )(func)


def _parse_bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(v) for v in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        raise click.BadParameter("use MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, e.g. 10,25,20,35")
    return parts


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    day = click.DateTime(formats=["%Y-%m-%d"])
    options = [
        click.option("--since", type=day, help="Events on or after this day (YYYY-MM-DD)."),
        click.option("--until", type=day, help="Events on or before this day (YYYY-MM-DD)."),
        click.option("--country", help="ISO country code(s), alpha-2 or alpha-3, comma-separated."),
        click.option("--bbox", callback=_parse_bbox, help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT."),
        click.option("--actor", help="Actor name contains this text."),
        click.option("--type", "type_", help="Event type or sub-event type(s), comma-separated."),
        click.option(
            "--status", help="Status(es): actual, claimed, historical, planned, hypothetical, negated."
        ),
        click.option("--text", help="Evidence, place or actor contains this text."),
        click.option("--limit", type=click.IntRange(min=0), help="At most this many events."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(kw: dict[str, Any]) -> EventFilter:
    def day(value: Any) -> date | None:
        return value.date() if value is not None else None

    return EventFilter(
        since=day(kw.get("since")),
        until=day(kw.get("until")),
        country=kw.get("country"),
        bbox=kw.get("bbox"),
        actor=kw.get("actor"),
        type=kw.get("type_"),
        status=kw.get("status"),
        text=kw.get("text"),
        limit=kw.get("limit"),
    )


def _open(db: str):  # type: ignore[no-untyped-def]
    from ..store import Store

    return Store(db)


def _table(records: list[dict[str, Any]]) -> str:
    header = ("date", "type", "country", "location", "actor1", "actor2", "dead", "src", "event_id")
    rows = [header]
    for r in records:
        when, loc = r.get("date") or {}, r.get("location") or {}
        date_text = when.get("start", "")
        if when.get("basis") == "reported":
            date_text += "*"
        rows.append(
            (
                date_text,
                r.get("sub_event_type", ""),
                loc.get("country") or "",
                (loc.get("name") or "")[:24],
                ((r.get("actor1") or {}).get("name") or "")[:28],
                ((r.get("actor2") or {}).get("name") or "")[:28],
                str(
                    (r.get("fatalities") or {}).get("best")
                    if (r.get("fatalities") or {}).get("best") is not None
                    else ""
                ),
                str(r.get("n_sources", len(r.get("sources") or []))),
                r["event_id"],
            )
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    if any(((r.get("date") or {}).get("basis") == "reported") for r in records):
        lines.append("* date basis: reported (publication date stood in)")
    return "\n".join(lines)


@click.command()
@click.argument("sources", nargs=-1)
@_db_option
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal)."
)
def ingest(sources: tuple[str, ...], db: str, progress: bool | None) -> None:
    """Read articles from files, folders, RSS/Atom feeds (files or URLs) and WARC archives into the database.

    With no SOURCE, the bundled sample articles are read. Articles already stored are skipped, so an
    interrupted ingest can simply be run again.

    Example: sitrep ingest news/ feed.xml crawl.warc.gz --db sitrep.db
    """
    from ..ingest.run import ingest as run_ingest

    if not sources:
        from .. import samples

        sources = (str(samples.path()),)
        click.echo(f"No SOURCE given: ingesting the bundled samples in {sources[0]}", err=True)
    if progress is None:
        progress = sys.stderr.isatty()
    try:
        with _open(db) as store:
            stats = run_ingest(
                sources, store, progress=progress, on_error=lambda exc: click.echo(f"Error: {exc}", err=True)
            )
            total = store.counts()["events"]
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(stats.summary(total), err=True)
    if stats.failed:
        sys.exit(1)  # every readable input was still stored; the errors above name the others


@click.command()
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events(db: str, fmt: str, **kw: Any) -> None:
    """List stored events, filtered.

    Example: sitrep events --country LY --since 2017-09-01 --type "Air/drone strike" --format jsonl
    """
    try:
        with _open(db) as store:
            if fmt == "jsonl":
                for record in store.iter_events(_filter(kw)):
                    click.echo(json.dumps(record, ensure_ascii=False, default=str))
            else:
                click.echo(_table(store.events(_filter(kw))))
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command()
@_db_option
@_filter_options
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["acled-csv", "geojson", "parquet", "plover-jsonl"])
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write (default: stdout).",
)
def export(db: str, fmt: str, output: str | None, **kw: Any) -> None:
    """Export stored events as ACLED-style CSV, GeoJSON, Parquet or PLOVER JSONL.

    Example: sitrep export --format geojson --output events.geojson --country SO
    """
    from ..export import export as run_export

    if fmt == "parquet" and (output is None or output == "-") and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --output FILE or redirect stdout")
    try:
        with _open(db) as store:
            n = run_export(store.iter_events(_filter(kw)), fmt, output)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(
            f"cannot write {output} ({exc.strerror or exc}); check that the folder exists and is writable"
        ) from exc
    if output and output != "-":
        click.echo(f"{n} events written to {output}", err=True)


def register(group: click.Group) -> None:
    """Add ``ingest``, ``events`` and ``export`` to the ``sitrep`` group."""
    for command in (ingest, events, export):
        group.add_command(command)
