"""``sitrep bench PATH``: throughput and memory of the extraction against the bare spaCy model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import SitrepError

__all__ = ["register"]


@click.command("bench")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_command(path: Path, limit: int | None, as_json: bool) -> None:
    """Articles/s, words/s and peak memory of the full extraction and of the bare spaCy model.

    \b
    Example:
      sitrep bench ../shared/data/news/guardian_sdf_sample.csv
    """
    from ..bench import bench

    try:
        result = bench(path, limit=limit)
    except SitrepError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(
        f"{result['file']}: {result['sitrep']['articles']} articles, {result['sitrep']['words']} words"
    )
    click.echo(f"{'':8}{'articles/s':>12}{'words/s':>12}{'peak MB':>10}{'load s':>8}{'events':>8}")
    for name in ("sitrep", "spacy"):
        r = result[name]
        click.echo(
            f"{name:8}{r['articles_per_second']:>12}{r['words_per_second']:>12}"
            f"{r['peak_rss_mb']:>10}{r['load_seconds']:>8}{r['events']:>8}"
        )
    click.echo(f"sitrep/spacy throughput {result['throughput_ratio']}, memory {result['memory_ratio']}")


def register(group: click.Group) -> None:
    group.add_command(bench_command)
