"""Shared pieces of the evaluation harness: distances, progress bars, metric helpers."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from tqdm import tqdm

from ..geo.distance import haversine_km

__all__ = ["haversine_km", "median_or_none", "progress", "ratio"]

T = TypeVar("T")


def progress(items: Iterable[T], *, enabled: bool, total: int | None = None, desc: str = "") -> Iterator[T]:
    """Items with a progress bar on stderr when ``enabled``."""
    if not enabled:
        yield from items
        return
    yield from tqdm(items, total=total, desc=desc, unit="doc", leave=False, dynamic_ncols=True)


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def median_or_none(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None
