"""Qualifiers: the areas named right after a mention, by a comma or in parentheses ("Qandala, Bari",
"Kipulu village (Shabunda, Sud-Kivu)", "Alexandria, La."), read before its candidates are looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .coherence import LIST_GOES_ON
from .gazetteer import Candidate, Gazetteer
from .lexicon import Lexicon
from .resolution import Mention

__all__ = ["AREA_LEVELS", "NO_QUALIFIER", "QUALIFIER_GAP", "Qualifier", "abbreviated", "qualifier_after"]

_QUALIFIER_LEAD = re.compile(
    r"(?:\s+(?:village|town|city|district|area|county|province|region|LGA|commune|municipality))?"
    r"\s*(?P<open>[,(])\s*"
)
_QUALIFIER_NAME = re.compile(
    r"[A-Z][\w.'\u2019-]*\.?(?:\s+(?:[A-Z][\w.'\u2019-]*\.?|(?:al|el|wa|ash|as|an|ar|de|du|la)\b)){0,4}"
)
_QUALIFIER_SEP = re.compile(r"\s*,\s*")
_ALTERNATE_CLOSE = re.compile(r"\s*\)")
#: A kind noun after a qualifying name says which of its areas it is.
_QUALIFIER_KIND_LEVELS = {
    "province": ("admin1",),
    "governorate": ("admin1",),
    "state": ("admin1",),
    "district": ("admin2",),
    "county": ("admin2",),
    "lga": ("admin2",),
}
_QUALIFIER_KIND = re.compile(r"\s+(" + "|".join(_QUALIFIER_KIND_LEVELS) + r")\b", re.IGNORECASE)
#: What stands between a place and a name qualifying it ("Novotroitske, Donetsk", "Marabo (Irumu").
QUALIFIER_GAP = re.compile(
    r"(?:\s+(?:village|town|city|district|area|county|locality|LGA|commune|municipality))?\s*[,(]\s*"
)


def abbreviated(text: str, gaz: Gazetteer, lex: Lexicon) -> list[Candidate]:
    """The areas an abbreviation stands for ("Fla." -> Florida; "WA" -> Washington, Western Australia)."""
    out = []
    for code in lex.admin1_abbreviations.get(text, "").split("|"):
        found = gaz.admin1(code) if "." in code else gaz.country(code) if code else None
        if found is not None:
            out.append(replace(found, primary=True))
    return out


@dataclass(frozen=True)
class Qualifier:
    """Areas named right after a mention: "Qandala, Bari", "Kipulu village (Shabunda, Sud-Kivu)"."""

    admin1: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    area: Candidate | None = None  # the finest area named, consistent with the coarser ones
    #: Countries named as such (", Mexico" names the country, not only the State of Mexico).
    whole_countries: frozenset[str] = frozenset()

    def admits(self, c: Candidate) -> bool:
        """The candidate lies in the named areas."""
        if c.country in self.whole_countries:
            return True
        if self.admin1:
            return c.admin1 in self.admin1
        return not self.countries or c.country in self.countries


NO_QUALIFIER = Qualifier()
#: A qualifier that is also a city this large, followed by more names, is one item of a list.
_LIST_CITY_POPULATION = 100_000
AREA_LEVELS = ("admin2", "admin1", "country", "region")
#: A qualifier's finest place first: an area, or a town named as the place's other name.
_QUALIFIER_LEVELS = ("city", *AREA_LEVELS)


def _qualifier_part(phrase: str, gaz: Gazetteer, lex: Lexicon, towns: bool = False) -> list[Candidate]:
    """The areas a qualifier phrase names, trying its longest leading words first; with ``towns``, the
    whole phrase may name a town (an alternate name in parentheses: "Zap (Amadiya)")."""
    words = phrase.split()
    for size in range(len(words), 0, -1):
        sub = " ".join(words[:size]).rstrip(",")
        if sub in lex.admin1_abbreviations:
            return abbreviated(sub, gaz, lex)
        found = gaz.lookup(sub.rstrip("."))
        areas = [c for c in found if c.level in AREA_LEVELS]
        if areas:
            return areas
        if towns and size == len(words) and any(c.level == "city" for c in found):
            return [c for c in found if c.level == "city"]
    return []


def qualifier_after(text: str, mention: Mention, gaz: Gazetteer, lex: Lexicon) -> Qualifier:
    """The areas named right after the mention, by a comma or in parentheses."""
    lead = _QUALIFIER_LEAD.match(text, mention.end)
    if not lead:
        return NO_QUALIFIER
    parts: list[list[Candidate]] = []
    last = ""
    pos = lead.end()
    closing = lead.group("open") == "("
    for _ in range(3):
        name = _QUALIFIER_NAME.match(text, pos)
        if not name:
            break
        # One name alone in parentheses is the place's other name ("Zap (Amadiya)", "Avasin (Mergasur)"):
        # a town there stands for the mention as an area would.
        alone = closing and pos == lead.end() and _ALTERNATE_CLOSE.match(text, name.end()) is not None
        found = _qualifier_part(name.group(0), gaz, lex, towns=alone)
        kind = _QUALIFIER_KIND.match(text, name.end())
        if kind:  # "Kirkuk province" is the province, not Kirkuk district
            levels = _QUALIFIER_KIND_LEVELS[kind.group(1).lower()]
            found = [c for c in found if c.level in levels] or found
        if found:
            parts.append(found)
            last = name.group(0)
        elif not closing:
            break  # an unknown name in parentheses may be followed by a known one: "(Dori, Seno)"
        pos = name.end()
        sep = _QUALIFIER_SEP.match(text, pos)
        if not sep:
            break
        pos = sep.end()
    if not parts:
        return NO_QUALIFIER
    # "Washington, New York and Boston" is a list of cities, not a place and its area (but "Alexandria,
    # Va., and Richmond" is a place and its area, then a list).
    listed = not closing and bool(LIST_GOES_ON.match(text, pos))
    if listed and any(c.level == "city" and c.population >= _LIST_CITY_POPULATION for c in gaz.lookup(last)):
        return NO_QUALIFIER
    # Each part narrows the next coarser one: "Saakow, Middle Juba" -> the Saakow in Middle Juba.
    chosen = parts[-1]
    for found in reversed(parts[:-1]):
        a1 = {c.admin1 for c in chosen if c.admin1}
        cc = {c.country for c in chosen if c.country}
        narrowed = [c for c in found if (c.admin1 in a1) or (not a1 and c.country in cc)]
        chosen = narrowed or (found if not closing else chosen)
    area = min(chosen, key=lambda c: (_QUALIFIER_LEVELS.index(c.level), -c.population))
    admin1 = frozenset(c.admin1 for c in chosen if c.admin1)
    countries = frozenset(c.country for c in chosen if c.country)
    whole = frozenset(c.country for c in chosen if c.level == "country" and c.primary and c.country)
    # Only an unambiguous area stands in for the mention ("Litchfield" names counties in two countries).
    return Qualifier(admin1, countries, None if listed or len(countries) > 1 else area, whole)
