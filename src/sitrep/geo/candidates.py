"""Candidate generation: the gazetteer entries a toponym mention could be (not to be confused with
:mod:`sitrep.geo.event_candidates`, the phrases that could be an event's location).

A demonym maps to its country; an abbreviation to its areas; a name with a kind noun ("Ghazni city")
to entries of that level; a name with no entry to a spelling in its qualifier's country, else to its
longest known sub-phrase ("Mosul University" -> Mosul).
"""

from __future__ import annotations

import re

from .gazetteer import Candidate, Gazetteer
from .lexicon import Lexicon
from .normalize import name_key
from .qualifiers import AREA_LEVELS, Qualifier, abbreviated
from .resolution import Mention, ResolveConfig

__all__ = ["is_prominent", "mention_candidates", "variant_query"]

#: A trailing kind noun restricts a name to feature levels ("Ghazni city" is not the province).
_KIND_NOUNS = {
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "district": "area",
    "province": "area",
    "governorate": "area",
    "county": "area",
    "lga": "area",  # a Nigerian local government area
    "region": "area",
    "state": "area",
}
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ad|an|az|ath|adh)[\s-]+(?=\w{3})", re.IGNORECASE)
_KIND_LEVELS = {"settlement": ("city",), "area": ("admin1", "admin2")}
#: Levels a name may reach through its consonant skeleton (not countries: they are all spelled out).
_SKELETON_LEVELS = ("city", "admin2", "admin1")
_WORD = re.compile(r"[\w'\u2019.-]+")


def is_prominent(c: Candidate, cfg: ResolveConfig) -> bool:
    """A primary country, province, region or continent, or a primary city of ``demonym_town_population``."""
    return c.primary and (
        c.level in ("country", "admin1", "region", "continent")
        or (c.level == "city" and c.population >= cfg.demonym_town_population)
    )


def _demonym_candidates(target: str, gaz: Gazetteer) -> list[Candidate]:
    """What a demonym stands for: its country (an ISO2 code), else the widest area of that name."""
    if len(target) == 2 and target.isupper():
        found = gaz.country(target)
        return [found] if found else []
    found = gaz.lookup(target)
    found.sort(
        key=lambda c: (
            ("continent", "region", "admin1").index(c.level)
            if c.level in ("continent", "region", "admin1")
            else 9
        )
    )
    return found[:1]


def mention_candidates(
    mention: Mention, gaz: Gazetteer, lex: Lexicon, cfg: ResolveConfig, qual: Qualifier | None = None
) -> tuple[list[Candidate], bool]:
    """Candidates of a mention and whether they came from a sub-phrase of it (for a street, only
    places inside its qualifier: "Airport Road (Tripoli)")."""
    if mention.role == "demonym" and mention.target:
        return _demonym_candidates(mention.target, gaz), False
    target = lex.demonyms.get(name_key(mention.text))
    if target:  # "Canadian": the country, unless the word is also a prominent place's name
        found = gaz.lookup(mention.text)
        if not any(is_prominent(c, cfg) for c in found):
            return _demonym_candidates(target, gaz) or found[: cfg.max_candidates], False
    if "." in mention.text or mention.text.isupper():  # "Mont.", "NSW", "B.C." alone
        areas = abbreviated(mention.text, gaz, lex)
        if areas:
            return areas, False
    cands = gaz.lookup(mention.text)
    if mention.text.isupper() and len(mention.text) <= 3:  # an acronym ("IS", "HIV") names no small town
        cands = [c for c in cands if c.level != "city" or c.population >= cfg.partial_min_population]
    if not cands and _ARTICLE.match(mention.text):  # "Ar-Raqqa": the name without its Arabic article
        cands = gaz.lookup(_ARTICLE.sub("", mention.text, count=1))
    partial = False
    words = _WORD.findall(mention.text)
    if not cands and len(words) > 1 and name_key(words[0]) in lex.cues.get("direction_prefixes", ()):
        # "Northern Iraq", "eastern Ghazni": part of the area named after the direction word
        cands = [c for c in gaz.lookup(" ".join(words[1:])) if c.level in AREA_LEVELS and c.primary]
        partial = bool(cands)
    kind = _KIND_NOUNS.get(words[-1].lower(), "") if len(words) > 1 else ""
    if not cands and kind:  # "Ghazni city", "Shah Wali Kot district": the name, at that kind of level
        found = gaz.lookup(" ".join(words[:-1]))
        cands = [c for c in found if c.level in _KIND_LEVELS[kind]]
        if not cands and name_key(words[-1]) in lex.cues.get("seat_named_area_words", ()):
            # "Aqcha district" with no such district in the gazetteer: its seat, the town of that name
            cands = [c for c in found if c.level == "city"]
    if not cands and words and qual is not None and len(qual.countries) == 1:
        # "Sholgara district, Balkh": a spelling of a place in the named area ("Shortepa" ~ "Shor Tepah")
        base = " ".join(words[:-1]) if kind else mention.text
        allowed = _KIND_LEVELS[kind] if kind else _SKELETON_LEVELS
        if name_key(words[-1]) in lex.cues.get("seat_named_area_words", ()):
            allowed = (*allowed, "city")
        (country,) = qual.countries
        cands = [c for c in gaz.by_skeleton(base, country) if c.level in allowed and qual.admits(c)]
    street = len(words) > 1 and name_key(words[-1]) in lex.thoroughfare_words
    # "Royal Street", "French Quarter": a street, not the place it names, unless the qualifier says so.
    qualified_street = street and qual is not None and qual.area is not None
    # "Russian Embassy", "British Embassy Tokyo": a country's mission stands in another country.
    mission = any(name_key(w) in lex.cues.get("foreign_mission_words", ()) for w in words)
    if not cands and (not street or qualified_street):
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                sub = " ".join(words[i : i + size])
                key = name_key(sub)
                if key in lex.stoplist or key in lex.generic_words or not sub[:1].isupper():
                    continue
                if key in lex.demonyms:  # leading: "European Commission", not "Ain al Arab"
                    cands = _demonym_candidates(lex.demonyms[key], gaz) if i == 0 and not mission else []
                elif len(key) < cfg.partial_min_chars:  # a leading country only: "US Federal Reserve"
                    found = gaz.lookup(sub) if i == 0 else []
                    cands = [c for c in found if c.primary and c.level == "country"]
                else:  # an area by its kind noun ("X of Maywand district"), else a primary non-district
                    area = _KIND_NOUNS.get(words[i + size - 1].lower()) == "area"
                    cands = [
                        c
                        for c in gaz.lookup(sub)
                        if (c.primary and c.level != "admin2" or area and c.level in ("admin1", "admin2"))
                        and (
                            c.level != "city"
                            or c.population >= cfg.partial_min_population
                            or qualified_street
                        )
                    ]
                if qualified_street:
                    cands = [c for c in cands if qual.admits(c)]  # type: ignore[union-attr]
                if mission and any(c.level == "country" for c in gaz.lookup(sub)):
                    cands = []  # nor a town named after the country ("Armenia", Colombia)
                if cands:
                    partial = True
                    break
            if cands:
                break
    cands = cands[: cfg.max_candidates]
    if any(c.level == "country" and c.primary for c in cands):
        cands = [c for c in cands if c.level in ("country", "admin1", "region")]
    areas = {(c.country, c.admin1) for c in cands if c.level == "admin1" and c.primary and not partial}
    if areas and cfg.admin1_town_population:
        # "Florida", "Kansas", "Washington": in the country of a province of that name, a smaller town of
        # that name outside the province is that province unless the qualifier places the town.
        countries = {cc for cc, _ in areas}
        cands = [
            c
            for c in cands
            if c.level != "city"
            or c.country not in countries
            or (c.country, c.admin1) in areas
            or c.population >= cfg.admin1_town_population
            or (qual is not None and qual.area is not None and qual.admits(c))
        ]
    return cands, partial


def variant_query(text: str, lex: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    """The name without its kind noun, and the levels that noun allows; None for "City Hall"."""
    words = _WORD.findall(text)
    kind = _KIND_NOUNS.get(words[-1].lower(), "") if len(words) > 1 else ""
    base = words[:-1] if kind else words
    if not base or any(name_key(w) in lex.generic_words or name_key(w) in lex.stoplist for w in base):
        return None
    return " ".join(base), (_KIND_LEVELS[kind] if kind else _SKELETON_LEVELS)
