"""Scoring: a candidate's prior (population, primary name, capital) and one pass of document context
(the document's countries and first-level areas, the mention's qualifier, listed neighbours' levels and
nearby places).
"""

from __future__ import annotations

import math
from collections import Counter

from .distance import haversine_km
from .gazetteer import Candidate
from .normalize import name_key
from .resolution import ResolveConfig

__all__ = ["POINT_LEVELS", "prior", "rescore"]

#: Levels placed by a point: they count for and against nearness ("near_km"); areas do not.
POINT_LEVELS = ("city", "admin2", "airport", "landmark")


def prior(c: Candidate, cfg: ResolveConfig) -> float:
    """A candidate's score before context: weighted log population (floored per level), primary, capital."""
    pop = float(c.population)
    if c.level == "admin1":
        pop = min(pop, cfg.admin1_max_population)
    pop = max(pop, cfg.level_floor_population.get(c.level, 0.0))
    return (
        cfg.population_weight * math.log10(pop + 10.0)
        + (cfg.primary_bonus if c.primary else 0.0)
        + (cfg.capital_bonus if c.capital else 0.0)
    )


def rescore(
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
        points = [(c.lat, c.lon, rows) for c, rows in others if c.level in POINT_LEVELS][:30]
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
            if points and c.level in POINT_LEVELS:
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
