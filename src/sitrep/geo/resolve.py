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
4. fallback: a mention with no candidate takes the document's dominant place at precision 2
   (when ``fallback_to_document_place``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..records import Place
from .gazetteer import Candidate, Gazetteer
from .lexicon import Lexicon
from .normalize import name_key

__all__ = ["Mention", "ResolveConfig", "Resolution", "haversine_km", "resolve_mentions", "to_place"]

EARTH_RADIUS_KM = 6371.0088
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
    admin1_weight: float = 2.0
    qualifier_bonus: float = 6.0
    near_km: float = 150.0
    near_bonus: float = 2.0
    max_candidates: int = 60
    #: A name found only through a sub-phrase ("Washington University") resolves to a city of at least
    #: this size (or an area); otherwise it falls back to the document's place.
    partial_min_population: int = 50_000
    fallback_to_document_place: bool = True
    passes: int = 2
    #: A demonym that is also a place's name ("Canadian", Texas) is that place only when the place is a
    #: country, province or region, or a city at least this large; else it stands for its country.
    demonym_town_population: int = 100_000


@dataclass
class Mention:
    """A toponym occurrence in a text: character offsets and what the recogniser knows about it."""

    start: int
    end: int
    text: str
    role: str = "literal"  # literal | metonymic | demonym
    target: str | None = None  # demonym: the ISO2 code or region name it stands for


@dataclass
class Resolution:
    candidate: Candidate | None
    score: float = 0.0
    fallback: bool = False  # the place is the document's dominant place, not the name's own entry
    partial: bool = False  # resolved through a sub-phrase of the name


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


_POINT_LEVELS = ("city", "admin2", "airport", "landmark")
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w.'\u2019-]*\.?)(?:\s+[A-Z][\w.'\u2019-]*\.?){0,3})")
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


def _candidates(
    mention: Mention, gaz: Gazetteer, lex: Lexicon, cfg: ResolveConfig
) -> tuple[list[Candidate], bool]:
    """Candidates of a mention and whether they came from a sub-phrase of it."""
    if mention.role == "demonym" and mention.target:
        return _demonym_candidates(mention.target, gaz), False
    target = lex.demonyms.get(name_key(mention.text))
    if target:  # "Canadian": the country, unless the word is also a prominent place's name
        found = gaz.lookup(mention.text)
        if not any(_is_prominent(c, cfg) for c in found):
            return _demonym_candidates(target, gaz) or found[: cfg.max_candidates], False
    code = lex.admin1_abbreviations.get(mention.text)
    if code and "." in mention.text:  # "Mont." alone
        found = gaz.admin1(code)
        return ([found] if found else []), False
    cands = gaz.lookup(mention.text)
    partial = False
    if not cands:
        words = _WORD.findall(mention.text)
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                sub = " ".join(words[i : i + size])
                key = name_key(sub)
                if key in lex.stoplist or key in lex.generic_words or len(key) < 3 or not sub[:1].isupper():
                    continue
                cands = [
                    c
                    for c in gaz.lookup(sub)
                    if c.primary and (c.level != "city" or c.population >= cfg.partial_min_population)
                ]
                if cands:
                    partial = True
                    break
            if cands:
                break
    cands = cands[: cfg.max_candidates]
    if any(c.level == "country" and c.primary for c in cands):
        cands = [c for c in cands if c.level in ("country", "admin1", "region")]
    return cands, partial


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


def _qualifiers(text: str, mention: Mention, gaz: Gazetteer, lex: Lexicon) -> tuple[set[str], set[str]]:
    """Admin1 codes and countries named right after the mention ("Qandala, Bari")."""
    match = _QUALIFIER.match(text, mention.end)
    admin1: set[str] = set()
    countries: set[str] = set()
    if not match:
        return admin1, countries
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        code = lex.admin1_abbreviations.get(phrase) or lex.admin1_abbreviations.get(phrase.rstrip(","))
        if code:
            admin1.add(code)
            countries.add(code.split(".")[0])
            break
        found = [
            c for c in gaz.lookup(phrase.rstrip(".")) if c.level in ("country", "admin1", "admin2", "region")
        ]
        if found:
            for c in found:
                if c.admin1:
                    admin1.add(c.admin1)
                if c.country:
                    countries.add(c.country)
            break
    return admin1, countries


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
    quals: list[tuple[set[str], set[str]]] = []
    cache: dict[tuple[str, str, str | None], tuple[list[Candidate], bool]] = {}
    for m in mentions:
        key = (m.text, m.role, m.target)
        if key not in cache:
            cache[key] = _candidates(m, gaz, lex, cfg)
        cands, partial = cache[key]
        cand_lists.append(cands)
        partials.append(partial)
        quals.append(_qualifiers(text, m, gaz, lex))

    priors = [[_prior(c, cfg) for c in cands] for cands in cand_lists]
    picks: list[int | None] = [max(range(len(p)), key=p.__getitem__) if p else None for p in priors]
    for _ in range(cfg.passes):
        picks = _rescore(mentions, cand_lists, priors, picks, quals, cfg)

    results: list[Resolution] = []
    for i, pick in enumerate(picks):
        if pick is None:
            results.append(Resolution(None))
        else:
            results.append(Resolution(cand_lists[i][pick], priors[i][pick], partial=partials[i]))
    if cfg.fallback_to_document_place:
        dominant = _dominant(results)
        if dominant is not None:
            results = [
                r if r.candidate is not None else Resolution(dominant, 0.0, fallback=True) for r in results
            ]
    return results


def _rescore(mentions, cand_lists, priors, picks, quals, cfg: ResolveConfig) -> list[int | None]:
    """One pass of context scoring. A name is context for the others once, however often it is
    repeated, and never for itself ("Paris" said five times does not vote for its own Paris)."""
    keys = [name_key(m.text) for m in mentions]
    by_key: dict[str, Candidate] = {}
    for i, p in enumerate(picks):
        if p is not None:
            by_key.setdefault(keys[i], cand_lists[i][p])
    scores: dict[tuple[str, int], float] = {}
    out: list[int | None] = []
    for i, cands in enumerate(cand_lists):
        if not cands:
            out.append(None)
            continue
        qual_a1, qual_cc = quals[i]
        memo = (keys[i], i) if qual_a1 or qual_cc else (keys[i], -1)
        if memo in scores:
            out.append(int(scores[memo]))
            continue
        others = [c for k, c in by_key.items() if k != keys[i]]
        n = max(len(others), 1)
        country_count = Counter(c.country for c in others if c.country and c.level != "continent")
        others_a1 = {c.admin1 for c in others if c.admin1 and c.level in ("admin1", "admin2", "city")}
        points = [(c.lat, c.lon) for c in others if c.level in _POINT_LEVELS][:30]
        best, best_score = 0, -1e9
        for k, c in enumerate(cands):
            score = priors[i][k]
            if c.level != "continent" and c.country:
                score += cfg.country_weight * country_count.get(c.country, 0) / n
            if c.admin1 and c.admin1 in others_a1:
                score += cfg.admin1_weight
            if (c.admin1 and c.admin1 in qual_a1 and c.level != "admin1") or (
                c.country in qual_cc and not qual_a1 and c.level != "country"
            ):
                score += cfg.qualifier_bonus
            if points and c.level in _POINT_LEVELS:
                nearest = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in points)
                if nearest <= cfg.near_km:
                    score += cfg.near_bonus * (1.0 - 0.5 * nearest / cfg.near_km)
            if score > best_score:
                best, best_score = k, score
        scores[memo] = best
        out.append(best)
    return out


def _dominant(results: list[Resolution]) -> Candidate | None:
    """The document's main place: its most named city-level place, else its most named area."""
    fine = Counter(
        r.candidate.row for r in results if r.candidate and r.candidate.level in ("city", "admin2")
    )
    coarse = Counter(r.candidate.row for r in results if r.candidate)
    counts = fine or coarse
    if not counts:
        return None
    row = counts.most_common(1)[0][0]
    return next(r.candidate for r in results if r.candidate and r.candidate.row == row)


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
