"""``sitrep demo``: the main job on the embedded default, start to finish."""

from __future__ import annotations

import click

__all__ = ["register"]


@click.command("demo")
@click.option("--db", default="sitrep.db", show_default=True, help="SQLite file (or database URL) to fill.")
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve the dashboard afterwards.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port of the dashboard.")
@click.pass_context
def demo_command(ctx: click.Context, db: str, serve: bool, port: int) -> None:
    """Ingest the bundled sample articles, show the events found, then serve the dashboard.

    Running it again changes nothing in the database: articles are identified by their content.

    \b
    Example:
      sitrep demo                 # ./sitrep.db, then http://127.0.0.1:8000/
      sitrep demo --no-serve
    """
    from . import serve as serve_module
    from . import store

    ctx.invoke(store.ingest, sources=(), db=db, progress=None)
    ctx.invoke(store.events, db=db, fmt="table")
    if serve:
        ctx.invoke(serve_module.serve, db_url=db, host="127.0.0.1", port=port, log_level="warning")


def register(group: click.Group) -> None:
    group.add_command(demo_command)
