"""Gazetteer lookup: a name in, candidate places out (case-, diacritics- and punctuation-insensitive).

>>> gaz = get_gazetteer()
>>> [c.country for c in gaz.lookup("Sirte")][:1]
['LY']
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .index import FEATURE_CLASS, LEVELS, GazetteerIndex, load_index
from .normalize import name_hash, name_key, name_skeleton

__all__ = ["MIN_SKELETON", "Candidate", "Gazetteer", "get_gazetteer"]

#: Shorter consonant skeletons match too many names to identify a place.
MIN_SKELETON = 4
_LOOKUP_CACHE = 50_000  # names whose candidates a gazetteer keeps (documents repeat their names)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    row: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # "CC.code" of the first-level subdivision
    level: str  # country | admin1 | admin2 | city | airport | region | continent
    population: int
    primary: bool  # the looked-up name is the entry's own name (not an alternate)
    capital: bool = False  # a national capital

    @property
    def feature_class(self) -> str:
        """GeoNames feature class: A (area), P (populated place), S (spot), L (region)."""
        return FEATURE_CLASS[self.level]


class Gazetteer:
    """Name lookup over a compiled :class:`GazetteerIndex`."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        self._by_gid: dict[int, int] | None = None
        self._admin1_rows: dict[str, int] | None = None
        self._country_rows: dict[str, int] | None = None
        self._seats: dict[str, int] | None = None
        self._lock = threading.Lock()
        self._found: dict[str, tuple[Candidate, ...]] = {}  # lookup's answers by name key

    def __len__(self) -> int:
        return len(self.index.names)

    def candidate(self, row: int, primary: bool = True) -> Candidate:
        ix = self.index
        gid = int(ix.geonameid[row])
        return Candidate(
            row=row,
            geonameid=gid or None,
            name=ix.names[row],
            lat=float(ix.lat[row]),
            lon=float(ix.lon[row]),
            country=ix.country[row].decode() or None,
            admin1=ix.admin1[row].decode() or None,
            level=LEVELS[int(ix.level[row])],
            population=int(ix.population[row]),
            primary=primary,
            capital=bool(ix.capital[row]),
        )

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry with this name or alternate name, most populous first."""
        key = name_key(name)
        if not key:
            return []
        found = self._found.get(key)
        if found is None:
            h = np.uint64(name_hash(key))
            lo = int(np.searchsorted(self.index.key_hash, h, side="left"))
            hi = int(np.searchsorted(self.index.key_hash, h, side="right"))
            out = [
                self.candidate(int(self.index.key_entry[i]), bool(self.index.key_primary[i]))
                for i in range(lo, hi)
            ]
            out.sort(key=lambda c: (-c.population, c.row))
            if len(self._found) >= _LOOKUP_CACHE:
                self._found.clear()
            found = self._found[key] = tuple(out)
        return list(found)

    def by_skeleton(self, name: str, country: str | None, min_length: int = MIN_SKELETON) -> list[Candidate]:
        """Entries of one country (None: of any) whose own name has the same consonant skeleton
        (:func:`~sitrep.geo.normalize.name_skeleton`: "Shortepa" finds "Shor Tepah"), with or without
        a leading article, most populous first; a skeleton under ``min_length`` letters finds nothing."""
        wanted = {
            s for s in (name_skeleton(name), name_skeleton(name, drop_article=True)) if len(s) >= min_length
        }
        if not wanted or country == "":
            return []
        ix, code = self.index, (country or "").encode()
        rows: set[int] = set()
        for skeleton in wanted:
            h = np.uint64(name_hash(skeleton))
            lo = int(np.searchsorted(ix.skeleton_hash, h, side="left"))
            hi = int(np.searchsorted(ix.skeleton_hash, h, side="right"))
            rows.update(int(r) for r in ix.skeleton_entry[lo:hi] if not code or ix.country[r] == code)
        out = [self.candidate(row, primary=False) for row in sorted(rows)]
        out.sort(key=lambda c: (-c.population, c.row))
        return out

    def contains(self, name: str) -> bool:
        key = name_key(name)
        if not key:
            return False
        h = np.uint64(name_hash(key))
        i = int(np.searchsorted(self.index.key_hash, h))
        return i < len(self.index.key_hash) and self.index.key_hash[i] == h

    def _maps(self) -> None:
        with self._lock:
            if self._by_gid is not None:
                return
            ix = self.index
            levels = ix.level
            a1 = LEVELS.index("admin1")
            c0 = LEVELS.index("country")
            self._admin1_rows = {ix.admin1[r].decode(): int(r) for r in np.flatnonzero(levels == a1)[::-1]}
            self._country_rows = {ix.country[r].decode(): int(r) for r in np.flatnonzero(levels == c0)[::-1]}
            gids = ix.geonameid
            nz = np.flatnonzero(gids)
            self._by_gid = dict(zip(gids[nz][::-1].tolist(), nz[::-1].tolist(), strict=True))

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        self._maps()
        assert self._by_gid is not None
        row = self._by_gid.get(int(geonameid))
        return self.candidate(row) if row is not None else None

    def admin1(self, code: str | None) -> Candidate | None:
        """The first-level subdivision with GeoNames code ``"CC.code"``."""
        self._maps()
        assert self._admin1_rows is not None
        row = self._admin1_rows.get(code or "")
        return self.candidate(row) if row is not None else None

    def admin1_seat(self, code: str | None) -> Candidate | None:
        """The most populous town of the first-level subdivision ``"CC.code"`` (usually its capital:
        Lashkar Gah for Helmand), or None when the gazetteer has no town there."""
        if self._seats is None:
            ix = self.index
            rows = np.flatnonzero(ix.level == LEVELS.index("city"))
            rows = rows[np.lexsort((-ix.population[rows], ix.admin1[rows]))]
            seats: dict[str, int] = {}
            for row in rows.tolist():
                seats.setdefault(ix.admin1[row].decode(), row)
            seats.pop("", None)
            with self._lock:
                self._seats = seats
        row = self._seats.get(code or "")
        return self.candidate(row) if row is not None else None

    def country(self, iso2: str | None) -> Candidate | None:
        self._maps()
        assert self._country_rows is not None
        row = self._country_rows.get((iso2 or "").upper())
        return self.candidate(row) if row is not None else None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built into the cache folder at first use, then loaded in ~0.1 s)."""
    return Gazetteer(load_index())
