"""``sitrep eval KIND PATH``: measure sitrep on a gold file."""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from ..errors import SitrepError

__all__ = ["EVALUATORS", "register", "run_evaluation"]

#: KIND -> (module, function). Every function takes (path, *, progress, limit) and returns a dict.
EVALUATORS: dict[str, tuple[str, str]] = {
    "case2021": ("sitrep.evaluate.case2021", "evaluate"),
    "acled": ("sitrep.evaluate.acled", "evaluate"),
    "geoxml": ("sitrep.evaluate.geoparsing", "evaluate_geoxml"),
    "gwn": ("sitrep.evaluate.geoparsing", "evaluate_gwn"),
    "event-location": ("sitrep.evaluate.event_location", "evaluate"),
}


#: Kinds whose gold files may be training files, so that they take ``held_out``.
SPLIT_KINDS = ("acled",)


def run_evaluation(
    kind: str, path: Path, *, progress: bool = False, limit: int | None = None, held_out: bool = False
) -> dict[str, Any]:
    """The metrics of one evaluation, with its kind, file and wall time."""
    module, function = EVALUATORS[kind]
    evaluate = getattr(importlib.import_module(module), function)
    options: dict[str, Any] = {"held_out": True} if held_out else {}
    if kind == "case2021":
        options["pipeline"] = True  # the pipeline's figures beside the classifier's
    if held_out and kind not in SPLIT_KINDS:
        raise SitrepError(f"--held-out applies to {', '.join(SPLIT_KINDS)} files only, not {kind}")
    started = time.perf_counter()
    metrics = evaluate(path, progress=progress, limit=limit, **options)
    return {"kind": kind, "file": str(path), **metrics, "seconds": round(time.perf_counter() - started, 1)}


def _table(result: dict[str, Any]) -> str:
    width = max(len(k) for k in result)
    lines = [f"{key.ljust(width)}  {value}" for key, value in result.items()]
    return "\n".join(lines)


@click.command("eval")
@click.argument("kind", type=click.Choice(list(EVALUATORS)))
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
@click.option("--limit", type=int, help="Only the first N documents (quick checks).")
@click.option(
    "--held-out",
    is_flag=True,
    help="acled only: score the tenth of the file that training never reads (a hash of each note).",
)
def eval_command(kind: str, path: Path, as_json: bool, limit: int | None, held_out: bool) -> None:
    """Measure sitrep on a gold file.

    \b
    KIND is one of: case2021 (TSV), acled (CSV, either schema), geoxml (LGL / TR-News XML),
    gwn (GeoWebNews XML), event-location (JSONL, gzipped or not).
    \b
    Example:
      sitrep eval case2021 ../shared/data/case2021-task2/dev.tsv --json
      sitrep eval acled ../shared/data/acled/global_2020_05.csv
      sitrep eval acled ../shared/data/acled/extra_2004_2024.csv.gz --held-out
    """
    try:
        result = run_evaluation(kind, path, progress=not as_json, limit=limit, held_out=held_out)
    except SitrepError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(json.dumps(result) if as_json else _table(result))


def register(group: click.Group) -> None:
    group.add_command(eval_command)
