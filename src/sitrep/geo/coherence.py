"""Pair coherence: which candidates of a name lie next to a candidate of another name of the document.

"Paris" and "Henry County" in one article are, together, Paris in Henry County, Tennessee, even when
each alone would go elsewhere. Unlike the context of :mod:`sitrep.geo.resolve`, which looks at the
places already picked, this looks at every candidate of the other names, so a self-consistent wrong
pair (Huntsville, Alabama with a Walker County of Alabama) does not lock itself in.

Containment (:func:`containers`): a name said to lie in the next one ("Bambino Gesu Hospital in Rome")
is inside that place, whatever the document is mostly about.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from .distance import haversine_km
from .gazetteer import Candidate

__all__ = ["PAIR_LEVELS", "containers", "paired_candidates"]

#: Feature levels that pair: points small enough for "next to each other" to mean something.
PAIR_LEVELS = frozenset({"city", "admin2"})


def paired_candidates(
    keys: list[str], cand_lists: list[list[Candidate]], km: float, max_namesakes: int
) -> list[list[bool]]:
    """For each mention, for each of its candidates: is a candidate of another name within ``km``?
    A name with more than ``max_namesakes`` candidates ("Washington") is near everything: it pairs
    with nothing."""
    cell_deg = max(km / 111.0, 0.01)
    grid: dict[tuple[int, int], list[tuple[float, float, str, int]]] = defaultdict(list)
    seen: set[str] = set()
    for key, cands in zip(keys, cand_lists, strict=True):
        if key in seen or len(cands) > max_namesakes:
            continue
        seen.add(key)
        for c in cands:
            if c.level in PAIR_LEVELS:
                grid[_cell(c.lat, c.lon, cell_deg)].append((c.lat, c.lon, key, c.row))
    memo: dict[tuple[str, int], bool] = {}
    out: list[list[bool]] = []
    for key, cands in zip(keys, cand_lists, strict=True):
        flags = []
        for c in cands:
            if c.level not in PAIR_LEVELS:
                flags.append(False)
                continue
            if (key, c.row) not in memo:
                memo[key, c.row] = _has_neighbour(grid, c, key, km, cell_deg)
            flags.append(memo[key, c.row])
        out.append(flags)
    return out


def _cell(lat: float, lon: float, cell_deg: float) -> tuple[int, int]:
    return math.floor(lat / cell_deg), math.floor(lon / cell_deg)


def _has_neighbour(grid, c: Candidate, key: str, km: float, cell_deg: float) -> bool:
    # Longitude cells shrink towards the poles: widen the search so that km still fits.
    span = 1 + int(1 / max(math.cos(math.radians(c.lat)), 0.1))
    ci, cj = _cell(c.lat, c.lon, cell_deg)
    for di in (-1, 0, 1):
        for dj in range(-span, span + 1):
            for lat, lon, other, row in grid.get((ci + di, cj + dj), ()):
                if other != key and row != c.row and haversine_km(c.lat, c.lon, lat, lon) <= km:
                    return True
    return False


def containers(text: str, spans: Sequence, prepositions: Sequence[str]) -> list[int | None]:
    """For each span (anything with ``start`` and ``end``), the index of the next one when the text
    between them says the first lies in it: "Guildhall School of Music in London", "St George's Chapel
    at Windsor Castle", "New Bilibid Prison (NBP) in Muntinlupa"; else None."""
    if not prepositions:
        return [None] * len(spans)
    words = "|".join(re.escape(p) for p in prepositions)
    gap = re.compile(rf"(?:\s*\([^()]{{1,15}}\))?,?\s+(?:{words})\s+")
    out: list[int | None] = [None] * len(spans)
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        if b.start > a.end and gap.fullmatch(text, a.end, b.start):
            out[i] = i + 1
    return out
