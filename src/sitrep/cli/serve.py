"""``sitrep serve`` (API and dashboard) and ``sitrep alerts`` (alerts on the command line)."""

from __future__ import annotations

import json
from datetime import date

import click

from ..errors import SitrepError

__all__ = ["register"]


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(1)


@click.command("serve")
@click.option("--db", "db_url", default=None, help="Database URL or SQLite file (default: sitrep.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="Server log level.",
)
def serve(db_url: str | None, host: str, port: int, log_level: str) -> None:
    """Serve the API (OpenAPI at /openapi.json) and the dashboard (at /).

    POST /ingest is enabled only when SITREP_API_TOKEN is set; clients send it as a bearer token.
    The dashboard's map files come from `npm ci` in the repository root.

    Example: sitrep serve --db sitrep.db --port 8000
    """
    try:
        import uvicorn

        from ..api import create_app

        app = create_app(db_url)
    except SitrepError as exc:
        _fail(str(exc))
        return
    except ImportError as exc:
        _fail(f"{exc}; install the server with `pip install sitrep` (fastapi and uvicorn)")
        return
    click.echo(
        f"sitrep: dashboard at http://{host}:{port}/  API description at http://{host}:{port}/docs", err=True
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    except OSError as exc:  # the port is taken, say
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port")


@click.command("alerts")
@click.option("--db", "db_url", default=None, help="Database URL or SQLite file (default: sitrep.db).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only alerts dated on or after this day (YYYY-MM-DD).",
)
@click.option("--kind", type=click.Choice(["first_in_months", "spike"]), default=None, help="Only one kind.")
@click.option(
    "--min-gap-days",
    type=click.IntRange(min=1),
    default=None,
    help="Days without such an event before one counts as a first (default 180).",
)
@click.option(
    "--baseline-weeks",
    type=click.IntRange(min=1),
    default=None,
    help="Trailing weeks of the spike baseline (default 8).",
)
@click.option(
    "--p-value",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=None,
    help="Poisson upper-tail threshold of a spike (default 0.01).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=None,
    help="Fewest events in a week for a spike (default 5).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def alerts(
    db_url: str | None,
    since: date | None,
    kind: str | None,
    min_gap_days: int | None,
    baseline_weeks: int | None,
    p_value: float | None,
    min_count: int | None,
    fmt: str,
) -> None:
    """Alerts: the first event of a type by an actor in a place for months, and weekly spikes.

    The rules are described in the sitrep.alerts module (Poisson upper tail against the trailing mean).

    Example: sitrep alerts --db sitrep.db --since 2017-09-01
    """
    from ..alerts import AlertOptions, find_alerts, load_records
    from ..store import Store

    options = AlertOptions().with_changes(
        min_gap_days=min_gap_days,
        baseline_weeks=baseline_weeks,
        p_value=p_value,
        min_count=min_count,
        since=since.date() if since else None,
        kinds=(kind,) if kind else None,
    )
    try:
        with Store(db_url) as store:
            found = find_alerts(load_records(store), options)
    except SitrepError as exc:
        _fail(str(exc))
        return
    for alert in found:
        if fmt == "jsonl":
            click.echo(json.dumps(alert, ensure_ascii=False))
        else:
            click.echo(f"{alert['date']}  {alert['kind']:<15}  {alert['message']}")
    if fmt == "text":
        click.echo(f"{len(found)} alert{'s' if len(found) != 1 else ''}", err=True)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``sitrep`` group."""
    group.add_command(serve)
    group.add_command(alerts)
