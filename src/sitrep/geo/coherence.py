"""Pair coherence: which candidates of a name lie next to a candidate of another name of the document.

"Paris" and "Henry County" in one article are, together, Paris in Henry County, Tennessee, even when
each alone would go elsewhere. Unlike the context of :mod:`sitrep.geo.scoring`, which looks at the
places already picked, this looks at every candidate of the other names, so a self-consistent wrong
pair (Huntsville, Alabama with a Walker County of Alabama) does not lock itself in.

Lists (:func:`listed_neighbours`) and one sense per document (:func:`one_sense`) are the other
document-level readings. Containment (:func:`containers`): a name said to lie in the next one
("Bambino Gesu Hospital in Rome") is inside that place, whatever the document is mostly about.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from .distance import haversine_km
from .gazetteer import Candidate
from .normalize import name_key

__all__ = [
    "LIST_GOES_ON",
    "PAIR_LEVELS",
    "area_votes",
    "containers",
    "listed_neighbours",
    "local_namesakes",
    "one_sense",
    "paired_candidates",
]

#: Text after a name that continues a list ("Cleveland, Columbus and Dayton").
LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z]|(?:,\s*)?(?:and|or|&)\s+[A-Z])")
_LIST_AND = re.compile(r"\s*,?\s*(?:and|or|&)\s+")
_LIST_COMMA = re.compile(r"\s*,\s*")

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


def area_votes(
    keys: list[str], cand_lists: list[list[Candidate]], priors: list[list[float]]
) -> list[list[float]]:
    """For each mention, for each of its candidates: how many other names of the document could lie
    in the candidate's first-level area. Each distinct name splits one vote over the areas of its
    candidates in proportion to their prior odds (``exp(prior)``), so "Houston" votes for Texas, not
    for the Houston of Missouri, and "Platte County" (eight states) lends little to any one; a name
    never votes for itself. Local news names a handful of places of one state: together they pick
    that state's Columbus, Norfolk and Platte County."""
    shares: dict[str, dict[str, float]] = {}
    for key, cands, prior in zip(keys, cand_lists, priors, strict=True):
        if key in shares:
            continue
        odds: dict[str, float] = defaultdict(float)
        top = max(prior, default=0.0)
        for c, p in zip(cands, prior, strict=True):
            if c.admin1 and c.level in _VOTE_LEVELS:
                odds[c.admin1] += math.exp(p - top)
        total = sum(odds.values())
        shares[key] = {a: o / total for a, o in odds.items()} if odds else {}
    votes: dict[str, float] = defaultdict(float)
    for found in shares.values():
        for a1, share in found.items():
            votes[a1] += share
    out: list[list[float]] = []
    for key, cands in zip(keys, cand_lists, strict=True):
        own = shares[key]
        out.append(
            [
                votes[c.admin1] - own.get(c.admin1, 0.0)
                if c.admin1 and c.level in _VOTE_LEVELS and c.primary
                else 0.0
                for c in cands
            ]
        )
    return out


#: Levels whose first-level area a name can vote for.
_VOTE_LEVELS = frozenset({"city", "admin2", "admin1"})


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


def local_namesakes(
    keys: Sequence[str],
    roles: Sequence[str],
    picked: Sequence[Candidate | None],
    towns: Callable[[int], list[Candidate]],
    km: float,
    min_names: int,
) -> dict[int, Candidate]:
    """Country names that local news uses for a town: "Palestine" in an article that names Anderson
    County and Tennessee Colony is Palestine, Texas. A mention resolved to a country in which no other
    name of the document places anything (no town, area, country or demonym there) becomes its town
    namesake (``towns(i)``) that has towns or districts of at least ``min_names`` other names within
    ``km``. Returns {mention index: the town}."""
    out: dict[int, Candidate] = {}
    for i, c in enumerate(picked):
        if c is None or c.level != "country" or roles[i] != "literal":
            continue
        others = [(k, o) for k, o in zip(keys, picked, strict=True) if o is not None and k != keys[i]]
        if any(o.country == c.country for _, o in others):
            continue
        points = [(k, o) for k, o in others if o.level in PAIR_LEVELS]
        best, best_n = None, min_names - 1
        for t in towns(i):
            near = {k for k, o in points if haversine_km(t.lat, t.lon, o.lat, o.lon) <= km}
            if len(near) > best_n:
                best, best_n = t, len(near)
        if best is not None:
            out[i] = best
    return out


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


def listed_neighbours(text: str, mentions: Sequence) -> list[list[int]]:
    """For each mention, the mentions listed next to it ("A, B and C"; not "Paris, Texas")."""
    out: list[list[int]] = [[] for _ in mentions]
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.role != "literal" or b.role != "literal" or b.start <= a.end:
            continue
        listed = _LIST_AND.fullmatch(text, a.end, b.start) or (
            _LIST_COMMA.fullmatch(text, a.end, b.start) and LIST_GOES_ON.match(text, b.end)
        )
        if listed:
            out[i].append(i + 1)
            out[i + 1].append(i)
    return out


def one_sense(mentions, cand_lists, picks, quals) -> list[int | None]:
    """One sense per document: a name qualified once ("Parkland, Florida") means the same place each
    time it is repeated bare ("Parkland")."""
    qualified: dict[str, int] = {}
    for i, p in enumerate(picks):
        if p is not None and (quals[i].admin1 or quals[i].countries):
            qualified.setdefault(name_key(mentions[i].text), cand_lists[i][p].row)
    if not qualified:
        return picks
    out = list(picks)
    for i, p in enumerate(picks):
        row = qualified.get(name_key(mentions[i].text))
        if row is None or p is None or quals[i].admin1 or quals[i].countries:
            continue
        out[i] = next((k for k, c in enumerate(cand_lists[i]) if c.row == row), p)
    return out
