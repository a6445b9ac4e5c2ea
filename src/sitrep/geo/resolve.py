"""Toponym resolution: pick, for every mention in a document, the gazetteer entry it refers to.

Works on plain text and character offsets (no spaCy), so gold spans can be resolved directly.
:func:`resolve_mentions` runs the stages below; the types and knobs it shares with them live in
:mod:`sitrep.geo.resolution` and are importable from here. Stages, each tuned through :class:`ResolveConfig`:

1. candidates (:mod:`~sitrep.geo.qualifiers`, :mod:`~sitrep.geo.candidates`): the areas named right
   after the mention, then gazetteer lookup of its text (a demonym maps to its country; a name with no
   entry falls back to its longest known sub-phrase, "Mosul University" -> Mosul; a name that is a
   country never resolves to a town, airport or county);
2. prior (:mod:`~sitrep.geo.scoring`): log population (with a floor per feature level), a bonus for the
   entry's own name;
3. context, twice over (:mod:`~sitrep.geo.scoring`, :mod:`~sitrep.geo.coherence`, then
   :mod:`~sitrep.geo.country_context`): the share of the document's places in the candidate's country,
   the document's first-level subdivisions, a qualifier right after the name ("Qandala, Bari",
   "Alexandria, La."), and closeness to the document's other places;
4. local namesakes: a country name that no other name supports, next to another name's town or
   district, is its town namesake ("Palestine" beside Anderson County is Palestine, Texas);
5. fallback (here): a mention with no candidate takes the document's dominant place at precision 2
   (when ``fallback_to_document_place``).
"""

from __future__ import annotations

import math
from collections import Counter

from .candidates import is_prominent, mention_candidates, variant_query
from .coherence import (
    LIST_GOES_ON,
    area_votes,
    containers,
    listed_neighbours,
    local_namesakes,
    one_sense,
    paired_candidates,
)
from .country_context import resolve_in_countries
from .distance import haversine_km
from .gazetteer import Candidate, Gazetteer
from .lexicon import Lexicon
from .normalize import name_key
from .qualifiers import NO_QUALIFIER, QUALIFIER_GAP, Qualifier, qualifier_after
from .resolution import PRECISION, Mention, Resolution, ResolveConfig, replace_point, to_place
from .scoring import POINT_LEVELS, prior, rescore

__all__ = [
    "PRECISION",
    "Mention",
    "ResolveConfig",
    "Resolution",
    "haversine_km",
    "replace_point",
    "resolve_mentions",
    "to_place",
]


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    gaz: Gazetteer,
    lex: Lexicon,
    config: ResolveConfig | None = None,
) -> list[Resolution]:
    """Resolve every mention of one document together (they share the document's context). The
    mentions may come in any order (gold files list them by annotation, not by offset): they are read
    in text order, as the stages that look at neighbours, lists and containment expect, and the
    resolutions are returned in the order given."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    if order == list(range(len(mentions))):
        return _resolve_in_text_order(text, mentions, gaz, lex, config)
    found = _resolve_in_text_order(text, [mentions[i] for i in order], gaz, lex, config)
    results: list[Resolution] = [Resolution(None)] * len(mentions)
    for i, r in zip(order, found, strict=True):
        results[i] = r
    return results


def _resolve_in_text_order(
    text: str,
    mentions: list[Mention],
    gaz: Gazetteer,
    lex: Lexicon,
    config: ResolveConfig | None,
) -> list[Resolution]:
    cfg = config or ResolveConfig()
    cand_lists: list[list[Candidate]] = []
    partials: list[bool] = []
    quals: list[Qualifier] = []
    stand_ins: list[int] = []
    cache: dict[tuple, tuple[list[Candidate], bool]] = {}
    for n, m in enumerate(mentions):
        qual = qualifier_after(text, m, gaz, lex) if m.role == "literal" else NO_QUALIFIER
        key = (m.text, m.role, m.target, qual)
        if key not in cache:
            cache[key] = mention_candidates(m, gaz, lex, cfg, qual)
        cands, partial = cache[key]
        if (
            n
            and QUALIFIER_GAP.fullmatch(text, mentions[n - 1].end, m.start)
            and not LIST_GOES_ON.match(text, m.end)
            and not any(is_prominent(c, cfg) for c in cand_lists[n - 1])
        ):
            # "Novotroitske, Donetsk", "Marabo (Irumu, Ituri)": a name qualifying a lesser place before it
            # is a province or country when it can be one (not a list: "Cleveland, Columbus and Dayton").
            areas = [c for c in cands if c.level in ("admin1", "country")]
            cands = areas or cands
        stand_in = -1
        if (
            qual.area is not None
            and cfg.qualifier_area_fallback
            and not any(qual.admits(c) or is_prominent(c, cfg) for c in cands)
        ):
            # "Kipulu (Shabunda, Sud-Kivu)" with no Kipulu there: the named area competes with the
            # namesakes elsewhere (it has the qualifier's bonus, they may have the document's context).
            stand_in = len(cands)
            cands = [*cands, qual.area]
        stand_ins.append(stand_in)
        cand_lists.append(cands)
        partials.append(partial)
        quals.append(qual)

    priors = [[prior(c, cfg) for c in cands] for cands in cand_lists]
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
        picks = rescore(mentions, cand_lists, priors, picks, quals, stand_ins, neighbours, cfg)
        picks = one_sense(mentions, cand_lists, picks, quals)
    if cfg.country_context.enabled:
        args = (quals, stand_ins, partials, [variant_query(m.text, lex) for m in mentions], gaz)
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
                or (o.level in POINT_LEVELS and haversine_km(o.lat, o.lon, c.lat, c.lon) <= cfg.near_km)
            )
        )
        return near + 0.5 * sum(1 for o in whole if o.level == "country" and o.country == c.country)

    return max(firsts.values(), key=lambda c: counts[c.row] + support(c))
