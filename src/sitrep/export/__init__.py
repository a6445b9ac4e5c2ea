"""Exports of stored events: ACLED-style CSV, GeoJSON, Parquet, PLOVER JSONL.

from sitrep.export import export
export(store.iter_events(), "geojson", "events.geojson")
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .formats import (
    FORMATS,
    REPORTED_REMARK,
    acled_columns,
    write_acled_csv,
    write_geojson,
    write_parquet,
    write_plover_jsonl,
)

__all__ = ["FORMATS", "REPORTED_REMARK", "acled_columns", "export"]

_TEXT_WRITERS = {"acled-csv": write_acled_csv, "geojson": write_geojson, "plover-jsonl": write_plover_jsonl}


def export(records: Iterable[dict[str, Any]], fmt: str, output: str | Path | None = None) -> int:
    """Write ``records`` in ``fmt`` to ``output`` (stdout when None or "-"); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    to_stdout = output is None or str(output) == "-"
    if fmt == "parquet":
        if to_stdout:
            return write_parquet(records, sys.stdout.buffer)
        return write_parquet(records, Path(output))  # type: ignore[arg-type]
    writer = _TEXT_WRITERS[fmt]
    if to_stdout:
        return writer(records, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as handle:  # type: ignore[arg-type]
        return writer(records, handle)
