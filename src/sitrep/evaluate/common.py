"""Shared pieces of the evaluation harness: distances, progress bars, metric helpers."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from tqdm import tqdm

__all__ = ["haversine_km", "median_or_none", "progress", "ratio"]

T = TypeVar("T")
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


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
