"""Toponym resolution: pick, for every mention in a document, the gazetteer entry it refers to.

Works on plain text and character offsets (no spaCy), so gold spans can be resolved directly.

Stages, each documented and tuned through :class:`ResolveConfig`:

1. candidates: gazetteer lookup of the mention text (a demonym maps to its country; a name with no
   entry falls back to its longest known sub-phrase, "Mosul University" -> Mosul);
2. prior: log population (with a floor per feature level), a bonus for the entry's own name;
   a name that is a country never resolves to a town, airport or county;
3. context, twice over: the share of the document's places in the candidate's country, the
   document's first-level subdivisions, a qualifier right after the name ("Qandala, Bari",
   "Alexandria, La."), and closeness to the document's other places;
4. local namesakes: a country name that no other name supports, next to another name's town or
   district, is its town namesake ("Palestine" beside Anderson County is Palestine, Texas);
5. fallback: a mention with no candidate takes the document's dominant place at precision 2
   (when ``fallback_to_document_place``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..records import Place
from .coherence import (
    LIST_GOES_ON,
    area_votes,
    containers,
    listed_neighbours,
    local_namesakes,
    one_sense,
    paired_candidates,
)
from .country_context import CountryContextConfig, resolve_in_countries
from .distance import haversine_km
from .gazetteer import Candidate, Gazetteer
from .lexicon import Lexicon
from .normalize import name_key

__all__ = [
    "Mention",
    "ResolveConfig",
    "Resolution",
    "haversine_km",
    "resolve_mentions",
    "to_place",
]

#: ACLED precision of a place by feature level.
PRECISION = {
    "city": 1,
    "airport": 1,
    "landmark": 1,
    "admin2": 2,
    "admin1": 3,
    "country": 3,
    "region": 3,
    "continent": 3,
}


@dataclass(frozen=True)
class ResolveConfig:
    """Every knob of the resolver; copy with ``dataclasses.replace`` to change one."""

    level_floor_population: dict[str, float] = field(
        default_factory=lambda: {
            "country": 2e7,
            "admin1": 3e5,
            "admin2": 3e4,
            "city": 0,
            "airport": 2e4,
            "region": 3e6,
            "continent": 3e7,
            "landmark": 1e6,
        }
    )
    #: Summed city populations overstate a province next to a city of the same name ("New York").
    admin1_max_population: float = 1e6
    #: Weight of log10(population): how strongly a famous place outweighs namesakes that context favours.
    population_weight: float = 1.3
    primary_bonus: float = 1.5
    capital_bonus: float = 1.2
    country_weight: float = 5.0
    #: A candidate in the first-level area of another name's pick (before ``area_vote_weight``: 2.0).
    admin1_weight: float = 1.0
    qualifier_bonus: float = 6.0
    near_km: float = 150.0
    near_bonus: float = 2.0
    max_candidates: int = 60
    #: A namesake next to (within ``pair_km`` of) a namesake of another name of the document gains
    #: ``pair_bonus``: "Paris" with "Henry County" is Paris, Tennessee (see :mod:`sitrep.geo.coherence`).
    pair_bonus: float = 1.0
    pair_km: float = 40.0
    pair_max_namesakes: int = 10
    #: The other names that could lie in a candidate's first-level area (their votes, from
    #: :func:`~sitrep.geo.coherence.area_votes`, up to ``area_vote_cap``) add this x log(1 + votes):
    #: local news names a few places of one state, and together they pick that state's namesakes.
    area_vote_weight: float = 1.0
    area_vote_cap: float = 3.0
    #: Names listed together are alike: "California or Washington" (states), "New York and Moscow"
    #: (cities). A candidate at the level of a listed neighbour's place gains this.
    list_bonus: float = 1.0
    #: A name found only through a sub-phrase ("Washington University") resolves to a city of at least
    #: this size (or an area); otherwise it falls back to the document's place.
    partial_min_population: int = 50_000
    #: ... and a sub-phrase shorter than this many letters only as a leading country ("US Federal
    #: Reserve"), never as a town ("Bar" of "Bar Ujeed") or a province ("Dara" of "Tangari Dara").
    partial_min_chars: int = 5
    fallback_to_document_place: bool = True
    #: A name with no entry of its own said to lie in the next name ("X Hospital in Rome") takes it.
    inside_next_place: bool = True
    #: A mention with areas named after it ("X (District, Province)") and no candidate inside them
    #: resolves to the finest of those areas (precision 2) rather than to a namesake elsewhere.
    qualifier_area_fallback: bool = True
    passes: int = 2
    #: Each pass rescores names in document order, a new pick counting at once for the names after it.
    sequential: bool = True
    #: Foreign namesakes dropped, spelling variants found, in the document's countries.
    country_context: CountryContextConfig = field(default_factory=CountryContextConfig)
    #: A demonym that is also a place's name ("Canadian", Texas) is that place only when the place is a
    #: country, province or region, or a city at least this large; else it stands for its country.
    demonym_town_population: int = 100_000
    #: A country name that no other name supports becomes its town namesake with towns of this many
    #: other names within ``local_namesake_km`` ("Palestine" beside Anderson County, Texas); 0: never.
    local_namesake_names: int = 1
    local_namesake_km: float = 50.0


@dataclass
class Mention:
    """A toponym occurrence in a text: character offsets and what the recogniser knows about it."""

    start: int
    end: int
    text: str
    role: str = "literal"  # literal | metonymic | demonym | unresolved (stands in for the main place)
    target: str | None = None  # demonym: the ISO2 code or region name it stands for


@dataclass
class Resolution:
    candidate: Candidate | None
    score: float = 0.0
    fallback: bool = False  # the place is the document's dominant place, not the name's own entry
    partial: bool = False  # resolved through a sub-phrase of the name


_POINT_LEVELS = ("city", "admin2", "airport", "landmark")
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
_QUALIFIER_GAP = re.compile(
    r"(?:\s+(?:village|town|city|district|area|county|locality|LGA|commune|municipality))?\s*[,(]\s*"
)
_WORD = re.compile(r"[\w'\u2019.-]+")


def _is_prominent(c: Candidate, cfg: ResolveConfig) -> bool:
    return c.primary and (
        c.level in ("country", "admin1", "region", "continent")
        or (c.level == "city" and c.population >= cfg.demonym_town_population)
    )


def _demonym_candidates(target: str, gaz: Gazetteer) -> list[Candidate]:
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


def _abbreviated(text: str, gaz: Gazetteer, lex: Lexicon) -> list[Candidate]:
    """The areas an abbreviation stands for ("Fla." -> Florida; "WA" -> Washington, Western Australia)."""
    out = []
    for code in lex.admin1_abbreviations.get(text, "").split("|"):
        found = gaz.admin1(code) if "." in code else gaz.country(code) if code else None
        if found is not None:
            out.append(replace(found, primary=True))
    return out


def _candidates(
    mention: Mention, gaz: Gazetteer, lex: Lexicon, cfg: ResolveConfig, qual: Qualifier | None = None
) -> tuple[list[Candidate], bool]:
    """Candidates of a mention and whether they came from a sub-phrase of it (for a street, only
    places inside its qualifier: "Airport Road (Tripoli)")."""
    if mention.role == "demonym" and mention.target:
        return _demonym_candidates(mention.target, gaz), False
    target = lex.demonyms.get(name_key(mention.text))
    if target:  # "Canadian": the country, unless the word is also a prominent place's name
        found = gaz.lookup(mention.text)
        if not any(_is_prominent(c, cfg) for c in found):
            return _demonym_candidates(target, gaz) or found[: cfg.max_candidates], False
    if "." in mention.text or mention.text.isupper():  # "Mont.", "NSW", "B.C." alone
        areas = _abbreviated(mention.text, gaz, lex)
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
        cands = [c for c in gaz.lookup(" ".join(words[1:])) if c.level in _AREA_LEVELS and c.primary]
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
    return cands, partial


def _variant_query(text: str, lex: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    """The name without its kind noun, and the levels that noun allows; None for "City Hall"."""
    words = _WORD.findall(text)
    kind = _KIND_NOUNS.get(words[-1].lower(), "") if len(words) > 1 else ""
    base = words[:-1] if kind else words
    if not base or any(name_key(w) in lex.generic_words or name_key(w) in lex.stoplist for w in base):
        return None
    return " ".join(base), (_KIND_LEVELS[kind] if kind else _SKELETON_LEVELS)


def _prior(c: Candidate, cfg: ResolveConfig) -> float:
    pop = float(c.population)
    if c.level == "admin1":
        pop = min(pop, cfg.admin1_max_population)
    pop = max(pop, cfg.level_floor_population.get(c.level, 0.0))
    return (
        cfg.population_weight * math.log10(pop + 10.0)
        + (cfg.primary_bonus if c.primary else 0.0)
        + (cfg.capital_bonus if c.capital else 0.0)
    )


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


_NO_QUALIFIER = Qualifier()
#: A qualifier that is also a city this large, followed by more names, is one item of a list.
_LIST_CITY_POPULATION = 100_000
_AREA_LEVELS = ("admin2", "admin1", "country", "region")
#: A qualifier's finest place first: an area, or a town named as the place's other name.
_QUALIFIER_LEVELS = ("city", *_AREA_LEVELS)


def _qualifier_part(phrase: str, gaz: Gazetteer, lex: Lexicon, towns: bool = False) -> list[Candidate]:
    """The areas a qualifier phrase names, trying its longest leading words first; with ``towns``, the
    whole phrase may name a town (an alternate name in parentheses: "Zap (Amadiya)")."""
    words = phrase.split()
    for size in range(len(words), 0, -1):
        sub = " ".join(words[:size]).rstrip(",")
        if sub in lex.admin1_abbreviations:
            return _abbreviated(sub, gaz, lex)
        found = gaz.lookup(sub.rstrip("."))
        areas = [c for c in found if c.level in _AREA_LEVELS]
        if areas:
            return areas
        if towns and size == len(words) and any(c.level == "city" for c in found):
            return [c for c in found if c.level == "city"]
    return []


def _qualifiers(text: str, mention: Mention, gaz: Gazetteer, lex: Lexicon) -> Qualifier:
    """The areas named right after the mention, by a comma or in parentheses."""
    lead = _QUALIFIER_LEAD.match(text, mention.end)
    if not lead:
        return _NO_QUALIFIER
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
        return _NO_QUALIFIER
    # "Washington, New York and Boston" is a list of cities, not a place and its area (but "Alexandria,
    # Va., and Richmond" is a place and its area, then a list).
    listed = not closing and bool(LIST_GOES_ON.match(text, pos))
    if listed and any(c.level == "city" and c.population >= _LIST_CITY_POPULATION for c in gaz.lookup(last)):
        return _NO_QUALIFIER
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


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    gaz: Gazetteer,
    lex: Lexicon,
    config: ResolveConfig | None = None,
) -> list[Resolution]:
    """Resolve every mention of one document together (they share the document's context)."""
    cfg = config or ResolveConfig()
    cand_lists: list[list[Candidate]] = []
    partials: list[bool] = []
    quals: list[Qualifier] = []
    stand_ins: list[int] = []
    cache: dict[tuple, tuple[list[Candidate], bool]] = {}
    for n, m in enumerate(mentions):
        qual = _qualifiers(text, m, gaz, lex) if m.role == "literal" else _NO_QUALIFIER
        key = (m.text, m.role, m.target, qual)
        if key not in cache:
            cache[key] = _candidates(m, gaz, lex, cfg, qual)
        cands, partial = cache[key]
        if (
            n
            and _QUALIFIER_GAP.fullmatch(text, mentions[n - 1].end, m.start)
            and not LIST_GOES_ON.match(text, m.end)
            and not any(_is_prominent(c, cfg) for c in cand_lists[n - 1])
        ):
            # "Novotroitske, Donetsk", "Marabo (Irumu, Ituri)": a name qualifying a lesser place before it
            # is a province or country when it can be one (not a list: "Cleveland, Columbus and Dayton").
            areas = [c for c in cands if c.level in ("admin1", "country")]
            cands = areas or cands
        stand_in = -1
        if (
            qual.area is not None
            and cfg.qualifier_area_fallback
            and not any(qual.admits(c) or _is_prominent(c, cfg) for c in cands)
        ):
            # "Kipulu (Shabunda, Sud-Kivu)" with no Kipulu there: the named area competes with the
            # namesakes elsewhere (it has the qualifier's bonus, they may have the document's context).
            stand_in = len(cands)
            cands = [*cands, qual.area]
        stand_ins.append(stand_in)
        cand_lists.append(cands)
        partials.append(partial)
        quals.append(qual)

    priors = [[_prior(c, cfg) for c in cands] for cands in cand_lists]
    if cfg.pair_bonus:
        keys = [name_key(m.text) for m in mentions]
        for i, flags in enumerate(paired_candidates(keys, cand_lists, cfg.pair_km, cfg.pair_max_namesakes)):
            if len(flags) > 1:  # only a choice between namesakes needs the help
                priors[i] = [p + cfg.pair_bonus * f for p, f in zip(priors[i], flags, strict=True)]
    if cfg.area_vote_weight:
        keys = [name_key(m.text) for m in mentions]
        for i, votes in enumerate(area_votes(keys, cand_lists, priors)):
            if len(votes) > 1:
                priors[i] = [
                    p + cfg.area_vote_weight * math.log1p(min(v, cfg.area_vote_cap))
                    for p, v in zip(priors[i], votes, strict=True)
                ]
    for i, k in enumerate(stand_ins):
        if k > 0:  # no better prior than the weakest namesake: the qualifier has to carry it
            priors[i][k] = min(priors[i][:k])
    picks: list[int | None] = [max(range(len(p)), key=p.__getitem__) if p else None for p in priors]
    neighbours = listed_neighbours(text, mentions)
    for _ in range(cfg.passes):
        picks = _rescore(mentions, cand_lists, priors, picks, quals, stand_ins, neighbours, cfg)
        picks = one_sense(mentions, cand_lists, picks, quals)
    if cfg.country_context.enabled:
        args = (quals, stand_ins, partials, [_variant_query(m.text, lex) for m in mentions], gaz)
        picks = resolve_in_countries(mentions, cand_lists, priors, picks, *args, cfg.country_context)

    local: dict[int, Candidate] = {}
    if cfg.local_namesake_names:
        picked = [cands[p] if p is not None else None for cands, p in zip(cand_lists, picks, strict=True)]
        local = local_namesakes(
            [name_key(m.text) for m in mentions],
            [m.role for m in mentions],
            picked,
            lambda i: [c for c in gaz.lookup(mentions[i].text) if c.level == "city" and c.primary],
            cfg.local_namesake_km,
            cfg.local_namesake_names,
        )
    results: list[Resolution] = []
    for i, pick in enumerate(picks):
        if i in local:
            results.append(Resolution(local[i], priors[i][pick] if pick is not None else 0.0))
        elif pick is None:
            results.append(Resolution(None))
        else:
            partial = partials[i] or pick == stand_ins[i]
            results.append(Resolution(cand_lists[i][pick], priors[i][pick], partial=partial))
    dominant = None
    if cfg.fallback_to_document_place:  # a demonym ("Turkish warplanes") names a party, not the scene
        named = [r for r, m in zip(results, mentions, strict=True) if m.role != "demonym" and r.candidate]
        dominant = _dominant(named or results, cfg)
    if cfg.inside_next_place:  # after the dominant place: a name placed by its neighbour casts no vote
        _place_inside_next(text, mentions, results, lex)
    if dominant is not None:
        results = [r if r.candidate else Resolution(dominant, 0.0, fallback=True) for r in results]
    return results


def _place_inside_next(text: str, mentions: list[Mention], results: list[Resolution], lex: Lexicon) -> None:
    """A name with no entry of its own, or known only through a sub-phrase, said to lie in the next
    name ("Bambino Gesu Hospital in Rome", "Washington University in St. Louis") takes that place, at
    precision 2. Right to left, so a chain ends at the place named last."""
    inside = containers(text, mentions, lex.cues.get("containment_prepositions", ()))
    for i in range(len(results) - 1, -1, -1):
        j, r = inside[i], results[i]
        if j is None or mentions[i].role != "literal" or mentions[j].role != "literal":
            continue
        if (r.candidate is None or r.partial) and results[j].candidate is not None:
            results[i] = Resolution(results[j].candidate, 0.0, fallback=True)


def _rescore(
    mentions, cand_lists, priors, picks, quals, stand_ins, neighbours, cfg: ResolveConfig
) -> list[int | None]:
    """One pass of context scoring. A name is context for the others once, however often it is
    repeated, and never for itself ("Paris" said five times does not vote for its own Paris).
    Names are rescored in document order and each new pick is context for the names after it at once
    (with ``sequential``), so two names cannot keep swapping each other's country ("Lancaster" and
    "York" flipping between England and Pennsylvania from one pass to the next)."""
    keys = [name_key(m.text) for m in mentions]
    by_key: dict[str, Candidate] = {}
    readings: dict[str, frozenset[int]] = {}  # every entry each name could be
    first: dict[str, int] = {}  # the mention whose pick stands for its name
    for i, p in enumerate(picks):
        if p is not None and p != stand_ins[i]:  # a stand-in area is the qualifier's, not evidence
            by_key.setdefault(keys[i], cand_lists[i][p])
            readings.setdefault(keys[i], frozenset(c.row for c in cand_lists[i]))
            first.setdefault(keys[i], i)
    version = 0
    scores: dict[tuple, int] = {}
    out: list[int | None] = []
    for i, cands in enumerate(cand_lists):
        if not cands:
            out.append(None)
            continue
        qual_a1, qual_cc = quals[i].admin1, quals[i].countries
        rows = tuple(c.row for c in cands)
        listed_levels = {cand_lists[j][picks[j]].level for j in neighbours[i] if picks[j] is not None}
        memo = (
            keys[i],
            rows,
            i if qual_a1 or qual_cc or stand_ins[i] >= 0 or listed_levels else -1,
            version,
        )
        if memo in scores:
            out.append(scores[memo])
            continue
        others = [(c, readings[k]) for k, c in by_key.items() if k != keys[i]]
        n = max(len(others), 1)
        country_count = Counter(c.country for c, _ in others if c.country and c.level != "continent")
        # A name that could itself be the candidate ("Washington, D.C." beside "Washington") is no
        # evidence for it.
        others_a1 = [
            (c.admin1, rows) for c, rows in others if c.admin1 and c.level in ("admin1", "admin2", "city")
        ]
        points = [(c.lat, c.lon, rows) for c, rows in others if c.level in _POINT_LEVELS][:30]
        best, best_score = 0, -1e9
        for k, c in enumerate(cands):
            score = priors[i][k]
            if c.level != "continent" and c.country:
                score += cfg.country_weight * country_count.get(c.country, 0) / n
            if c.admin1 and any(a1 == c.admin1 and c.row not in rows for a1, rows in others_a1):
                score += cfg.admin1_weight
            if c.level in listed_levels:
                score += cfg.list_bonus
            if (
                (c.admin1 and c.admin1 in qual_a1 and c.level != "admin1")
                or (c.country in qual_cc and not qual_a1 and c.level != "country")
                or (c.country in quals[i].whole_countries and c.level != "country")
                or k == stand_ins[i]
            ):
                score += cfg.qualifier_bonus
            if points and c.level in _POINT_LEVELS:
                nearest = min(
                    (haversine_km(c.lat, c.lon, la, lo) for la, lo, rows in points if c.row not in rows),
                    default=1e9,
                )
                if nearest <= cfg.near_km:
                    score += cfg.near_bonus * (1.0 - 0.5 * nearest / cfg.near_km)
            if score > best_score:
                best, best_score = k, score
        scores[memo] = best
        out.append(best)
        if (
            cfg.sequential
            and first.get(keys[i]) == i
            and best != stand_ins[i]
            and by_key[keys[i]] != cands[best]
        ):
            by_key[keys[i]] = cands[best]
            version += 1
    return out


def _dominant(results: list[Resolution], cfg: ResolveConfig) -> Candidate | None:
    """The document's main place: the city-level place most named and most supported by the others
    (within ``near_km`` of it or in its province; naming its country counts half), else the most
    named area. A name resolved through a sub-phrase ("New Orleans Railways") votes but lends no
    support to others."""
    placed = [r.candidate for r in results if r.candidate is not None]
    whole = [r.candidate for r in results if r.candidate is not None and not r.partial]
    fine = [c for c in placed if c.level in ("city", "admin2")]
    if not fine:
        counts = Counter(c.row for c in placed)
        if not counts:
            return None
        row = counts.most_common(1)[0][0]
        return next(c for c in placed if c.row == row)
    counts = Counter(c.row for c in fine)
    firsts: dict[int, Candidate] = {}
    for c in fine:
        firsts.setdefault(c.row, c)

    def support(c: Candidate) -> float:
        near = sum(
            1
            for o in whole
            if o.row != c.row
            and (
                (o.admin1 is not None and o.admin1 == c.admin1)
                or (o.level in _POINT_LEVELS and haversine_km(o.lat, o.lon, c.lat, c.lon) <= cfg.near_km)
            )
        )
        return near + 0.5 * sum(1 for o in whole if o.level == "country" and o.country == c.country)

    return max(firsts.values(), key=lambda c: counts[c.row] + support(c))


def to_place(res: Resolution, mention: Mention, gaz: Gazetteer) -> Place | None:
    """The ``Place`` record of a resolution (precision 2 when it stands in for a finer place)."""
    c = res.candidate
    if c is None:
        return None
    admin1 = gaz.admin1(c.admin1) if c.admin1 and c.level != "admin1" else None
    precision = PRECISION.get(c.level, 3)
    if res.fallback or res.partial:
        precision = max(precision, 2)
    return Place(
        name=c.name,
        lat=round(c.lat, 5),
        lon=round(c.lon, 5),
        country=c.country,
        admin1=(c.name if c.level == "admin1" else admin1.name if admin1 else None),
        precision=precision,
        geonameid=c.geonameid,
        feature=c.level,
        text=mention.text,
        start=mention.start,
        end=mention.end,
    )


def replace_point(place: Place, lat: float, lon: float, **changes) -> Place:
    """A copy of a place moved to another point (relative locations)."""
    return replace(place, lat=round(lat, 5), lon=round(lon, 5), **changes)
