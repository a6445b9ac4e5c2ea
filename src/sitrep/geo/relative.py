"""Relative and vague locations: "roughly 150 miles south of Sirte", "outskirts of X", "between X and Y".

The cue words (units, bearings, hedges, vague prefixes) are data in ``data/cues.json``. Each match
gives the character span of the whole phrase, the point it names (great-circle offset from the
anchor) and an ACLED precision code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .distance import EARTH_RADIUS_KM
from .lexicon import Lexicon

__all__ = ["RelativeCue", "destination", "find_between", "find_relative", "midpoint"]

_WINDOW = 90


@dataclass(frozen=True)
class RelativeCue:
    """A cue found before an anchor toponym."""

    start: int  # where the phrase starts (the anchor's end closes it)
    kind: str  # offset | direction | vague
    distance_km: float | None = None
    bearing_deg: float | None = None
    precision: int = 2


def destination(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) on the initial bearing (great circle)."""
    d = distance_km / EARTH_RADIUS_KM
    th = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """The great-circle midpoint of two points."""
    p1, l1, p2 = math.radians(lat1), math.radians(lon1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    bx, by = math.cos(p2) * math.cos(dl), math.cos(p2) * math.sin(dl)
    p3 = math.atan2(math.sin(p1) + math.sin(p2), math.sqrt((math.cos(p1) + bx) ** 2 + by**2))
    l3 = l1 + math.atan2(by, math.cos(p1) + bx)
    return math.degrees(p3), (math.degrees(l3) + 540.0) % 360.0 - 180.0


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = lex.cues
    hedge = _alt(cues["hedges"])
    number = rf"\d[\d,]*(?:\.\d+)?|{_alt(cues['number_words'])}"
    unit = _alt(cues["units_km"])
    bearing = _alt(cues["bearings_deg"])
    kinds = r"town|city|village|capital|port|province|district|region|area|border|oil\s+town|oasis|base"
    lead = rf"(?:(?:the\s+)?(?:{kinds})\s+of\s+)?(?:the\s+)?"
    offset = re.compile(
        rf"(?:\b(?P<hedge>{hedge})\s+)?\b(?P<num>{number})(?:\s*|-)(?P<unit>{unit})\b(?:\s*\([^)]{{0,30}}\))?\s+"
        rf"(?:\(\w+\)\s+)?(?:to\s+the\s+)?(?P<dir>{bearing})\s+(?:of|from)\s+{lead}$",
        re.IGNORECASE,
    )
    direction = re.compile(rf"\b(?:just\s+)?(?:to\s+the\s+)?(?P<dir>{bearing})\s+of\s+{lead}$", re.IGNORECASE)
    vague = re.compile(rf"\b(?P<cue>{_alt(p for p, _ in cues['vague_prefixes'])})\s+{lead}$", re.IGNORECASE)
    return offset, direction, vague


def _number(text: str, lex: Lexicon) -> float | None:
    words = lex.cues["number_words"]
    key = " ".join(text.lower().split())
    if key in words:
        return float(words[key])
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def find_relative(text: str, anchor_start: int, lex: Lexicon) -> RelativeCue | None:
    """A relative cue ending right before the anchor at ``anchor_start``, if any."""
    lo = max(0, anchor_start - _WINDOW)
    window = text[lo:anchor_start]
    offset, direction, vague = _patterns(lex)
    cues = lex.cues
    m = offset.search(window)
    if m:
        num = _number(m.group("num"), lex)
        unit = cues["units_km"].get(" ".join(m.group("unit").lower().split()))
        bearing = cues["bearings_deg"].get(m.group("dir").lower())
        if num is not None and unit is not None and bearing is not None:
            return RelativeCue(lo + m.start(), "offset", num * unit, float(bearing), 2)
    m = direction.search(window)
    if m:
        return RelativeCue(
            lo + m.start(), "direction", None, float(cues["bearings_deg"][m.group("dir").lower()]), 2
        )
    m = vague.search(window)
    if m:
        precision = dict((p, q) for p, q in cues["vague_prefixes"]).get(
            " ".join(m.group("cue").lower().split()), 2
        )
        return RelativeCue(lo + m.start(), "vague", None, None, int(precision))
    return None


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns|cities|villages)\s+of\s+)?$", re.IGNORECASE)
_AND = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)


def find_between(text: str, first: tuple[int, int], second: tuple[int, int]) -> int | None:
    """Start of "between <first> and <second>" when the two anchors are joined that way, else None."""
    if not _AND.match(text[first[1] : second[0]]):
        return None
    lo = max(0, first[0] - 40)
    m = _BETWEEN.search(text[lo : first[0]])
    return lo + m.start() if m else None
