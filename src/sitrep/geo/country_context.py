"""The document's anchor areas as context for names whose gazetteer entries lie elsewhere.

Applied after the context passes of :func:`sitrep.geo.resolve.resolve_mentions`. Anchors are the places
that fix where a document is: the first-level areas it names by their own name ("Diyala province",
"Helmand") and its towns of at least ``foreign_town_population`` ("Fallujah"); countries and demonyms
name parties as often as scenes ("Turkish jets struck Amedi", "the US embassy"), so they never trigger
a step, though a country the document names (or a demonym's) is never foreign to it. With anchors:

1. foreign namesake: a small place (a town under ``foreign_town_population``, a district, an airport,
   or a place under ``alternate_known_population`` matched only by an alternate name) farther than
   ``near_km`` from every anchor and every other name's place, in no province with another name's
   town, and either in a country the document neither anchors nor names ("Kanaan" in a report on
   Diyala province is no Canaan in Connecticut), or matched only by an alternate spelling in an
   anchored country but outside its anchor areas ("Seydabad of Nahri Saraj district, Helmand" is not
   a Sayyidabad 450 km away). The name takes its best candidate that is no such namesake, or step 2,
   or no place at all;
2. spelling variant: a name with no entry, or only such namesakes, matches a place of an anchored
   country with the same consonant skeleton (:func:`~sitrep.geo.normalize.name_skeleton`: "Nassriya"
   is Nasiriyah, "Thi-Qar province" is Dhi Qar), the most populous first, at the levels its kind noun
   allows ("province": areas; "city": towns). A skeleton under ``MIN_SKELETON`` letters finds only
   areas and towns of at least ``foreign_town_population``; a name with a generic word ("City Hall")
   is no spelling of a town. With no anchors, names the gazetteer does not know may explain each other:
   the one country where most of them (at least two) have a spelling variant is searched
   (:func:`agreeing_country`: "Nassriya City, Thi-Qar province" are Nasiriyah and Dhi Qar, in Iraq).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .distance import haversine_km
from .gazetteer import MIN_SKELETON, Candidate, Gazetteer
from .normalize import name_key, name_skeleton

__all__ = [
    "Anchors",
    "CountryContextConfig",
    "document_anchors",
    "agreeing_country",
    "foreign_namesake",
    "named_area_variants",
    "resolve_in_countries",
    "spelling_variants",
]


@dataclass(frozen=True)
class CountryContextConfig:
    """Knobs of the two steps (``enabled`` False leaves every pick as the context passes made it)."""

    enabled: bool = True
    #: A town at least this large is known abroad: never dropped as a namesake, and an anchor.
    foreign_town_population: int = 100_000
    #: ... and a place found by an alternate name ("Nawa" for Naha) is known abroad from this size.
    alternate_known_population: int = 1_000_000
    #: A candidate this close to an anchor is a neighbour (across a border), not a namesake.
    near_km: float = 150.0
    #: Shortest skeleton matched inside the anchored countries (a country's own table is small).
    min_variant_skeleton: int = 3


@dataclass(frozen=True)
class Anchors:
    """What the other names of a document say about where it is."""

    areas: tuple[Candidate, ...] = ()  # the anchor areas
    named: frozenset[str] = frozenset()  # countries named, by name, demonym or anchor
    places: tuple[Candidate, ...] = ()  # the other names' places (a namesake's company vouches for it)

    @property
    def countries(self) -> list[str]:
        """The anchored countries, the most anchored first."""
        counts: dict[str, int] = {}
        for a in self.areas:
            counts[a.country or ""] = counts.get(a.country or "", 0) + 1
        return sorted((c for c in counts if c), key=lambda c: -counts[c])


_SMALL_LEVELS = frozenset({"city", "admin2", "airport", "landmark"})


def _anchor_kind(c: Candidate, role: str, cfg: CountryContextConfig) -> str:
    """ "strong" (a province or large town by its own name), "weak" (by an alternate name: it anchors
    only when another name vouches for its country) or ""."""
    if role != "literal" or not c.country:
        return ""
    if c.level == "admin1" or (c.level == "city" and c.population >= cfg.foreign_town_population):
        return "strong" if c.primary else "weak"
    return ""


def document_anchors(
    keys: Sequence[str], roles: Sequence[str], picked: Sequence[Candidate | None], cfg: CountryContextConfig
) -> list[Anchors]:
    """For each mention, the anchors among the document's other names (a name is no context for itself).
    A weak anchor ("Anbar" and "Fallujah" reach their entries through alternate names) counts when a
    third name's place, country or demonym shares its country."""
    areas: dict[str, dict[int, tuple[Candidate, str]]] = {}
    named: dict[str, set[str]] = {}
    for key, role, c in zip(keys, roles, picked, strict=True):
        if c is None or not c.country:
            continue
        kind = _anchor_kind(c, role, cfg)
        if kind:
            areas.setdefault(key, {})[c.row] = (c, kind)
        if c.level in ("country", "admin1") or role == "demonym":
            named.setdefault(key, set()).add(c.country)
    vouching = {k: set(v) for k, v in named.items()}
    for key, role, c in zip(keys, roles, picked, strict=True):
        if c is not None and c.country and role == "literal" and c.level not in ("continent", "region"):
            vouching.setdefault(key, set()).add(c.country)
    out = []
    for key in keys:
        mine = []
        for k, found in areas.items():
            if k == key:
                continue
            third = {cc for k2, ccs in vouching.items() if k2 not in (key, k) for cc in ccs}
            mine += [c for c, kind in found.values() if kind == "strong" or c.country in third]
        countries = {c for k, cs in named.items() if k != key for c in cs}
        others = tuple(c for k, c in zip(keys, picked, strict=True) if k != key and c is not None)
        out.append(
            Anchors(tuple(mine), frozenset(countries | {c.country for c in mine if c.country}), others)
        )
    return out


def _is_small(c: Candidate, cfg: CountryContextConfig) -> bool:
    return c.level in _SMALL_LEVELS and c.population < cfg.foreign_town_population


def foreign_namesake(
    c: Candidate, anchors: Anchors, cfg: CountryContextConfig, partial: bool = False
) -> bool:
    """The candidate is a small place outside the document's anchors and far from all of them (step 1).
    ``partial``: it was found through a sub-phrase of the name ("Saida" of "Abu Saida"): a town abroad
    is then a namesake whatever its size."""
    if not anchors.areas:
        return False
    if c.country in anchors.named:
        own = {a.admin1 for a in anchors.areas if a.country == c.country}
        if not own or c.admin1 in own or (c.primary and not partial) or not _is_small(c, cfg):
            return False
    elif not (
        _is_small(c, cfg)
        or (partial and c.level in _SMALL_LEVELS)
        or (not c.primary and c.population < cfg.alternate_known_population)
    ):
        return False
    if any(o.level in _SMALL_LEVELS and o.admin1 == c.admin1 and o.row != c.row for o in anchors.places):
        return False  # another name's place in the same province: a namesake has no such company
    return all(haversine_km(c.lat, c.lon, a.lat, a.lon) > cfg.near_km for a in anchors.areas + anchors.places)


def spelling_variants(
    base: str,
    levels: Sequence[str],
    anchors: Anchors,
    gaz: Gazetteer,
    cfg: CountryContextConfig,
    countries: Sequence[str | None] | None = None,
) -> list[Candidate]:
    """Places of the anchored countries (the most anchored first; or of ``countries``, None for any)
    spelled like ``base`` (step 2)."""
    short = len(name_skeleton(base)) < MIN_SKELETON
    for country in anchors.countries if countries is None else countries:
        out = [
            c
            for c in gaz.by_skeleton(base, country, cfg.min_variant_skeleton)
            # a short skeleton fits many names: only an area or a well-known town stands
            if c.level in levels
            and not (short and _is_small(c, cfg))
            and not foreign_namesake(c, anchors, cfg)
        ]
        if out:
            return out
    return []


def agreeing_country(
    queries: Sequence[tuple[str, tuple[str, ...]]], gaz: Gazetteer, cfg: CountryContextConfig
) -> str | None:
    """With no anchors: the one country where more of the document's unknown names have a spelling
    variant than in any other, at least two, one of them an area ("Nassriya City, Thi-Qar province":
    Iraq has both), or None."""
    counts: dict[str, int] = {}
    areas: set[str] = set()
    for base, levels in dict.fromkeys(queries):
        found = spelling_variants(base, levels, Anchors(), gaz, cfg, countries=[None])
        for country in {c.country for c in found if c.country}:
            counts[country] = counts.get(country, 0) + 1
        areas.update(c.country for c in found if c.country and c.level in ("admin1", "admin2"))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0] if ranked[0][0] in areas else None
    return None


def named_area_variants(
    query: tuple[str, tuple[str, ...]],
    picked: Sequence[Candidate | None],
    i: int,
    gaz: Gazetteer,
    cfg: CountryContextConfig,
) -> list[Candidate]:
    """Step 3, with no anchors and no agreeing country: a name its kind noun makes an area ("Wassit
    province") is spelled like an area of a country where the document's other names lie ("Afak"), the
    most named first; failing that, like the first-level areas of one country only (a skeleton of at
    least ``MIN_SKELETON`` letters: "Saladin province" is Salah ad Din, Iraq)."""
    base, levels = query
    if "city" in levels:
        return []
    counts: dict[str, int] = {}
    for k, other in enumerate(picked):
        if k != i and other is not None and other.country and other.level not in ("continent", "region"):
            counts[other.country] = counts.get(other.country, 0) + 1
    if counts:
        ranked = sorted(counts, key=lambda cc: -counts[cc])
        found = spelling_variants(base, levels, Anchors(), gaz, cfg, countries=ranked)
        if found:
            return found
    if len(name_skeleton(base)) < MIN_SKELETON:
        return []
    found = [c for c in gaz.by_skeleton(base, None) if c.level == "admin1"]
    return found if len({c.country for c in found}) == 1 else []


def resolve_in_countries(
    mentions: Sequence[Any],
    cand_lists: list[list[Candidate]],
    priors: list[list[float]],
    picks: list[int | None],
    quals: Sequence[Any],
    stand_ins: Sequence[int],
    partials: Sequence[bool],
    queries: Sequence[tuple[str, tuple[str, ...]] | None],
    gaz: Gazetteer,
    cfg: CountryContextConfig,
) -> list[int | None]:
    """Picks after both steps, for :func:`sitrep.geo.resolve.resolve_mentions` (its mentions, candidate
    lists, priors, picks, qualifiers, stand-in areas and sub-phrase flags). A pick its named areas
    vouch for is left alone; ``queries``: each name without its kind noun and the levels that noun
    allows (None: no spelling of a place). A spelling variant is appended to the mention's candidates
    (and priors), so the returned pick indexes them."""
    keys = [name_key(m.text) for m in mentions]
    roles = [m.role for m in mentions]
    picked = [cands[p] if p is not None else None for cands, p in zip(cand_lists, picks, strict=True)]
    out = list(picks)
    unknown = [
        q for q, c, role in zip(queries, picked, roles, strict=True) if q and c is None and role == "literal"
    ]
    agreed = agreeing_country(unknown, gaz, cfg) if len(unknown) > 1 else None
    for i, anchors in enumerate(document_anchors(keys, roles, picked, cfg)):
        c = picked[i]
        query = queries[i]
        if not anchors.areas and c is None and roles[i] == "literal" and query:
            if agreed:
                variants = spelling_variants(*query, anchors, gaz, cfg, countries=[agreed])
            else:
                variants = named_area_variants(query, picked, i, gaz, cfg)
            if variants:
                out[i] = len(cand_lists[i])
                cand_lists[i] = [*cand_lists[i], *variants]
                priors[i] = [*priors[i], *(0.0 for _ in variants)]
            continue
        named = bool(quals[i].countries) and c is not None and quals[i].admits(c)
        if roles[i] != "literal" or not anchors.areas or picks[i] == stand_ins[i] or named:
            continue
        if c is not None and not foreign_namesake(c, anchors, cfg, partials[i]):
            continue
        home = [
            k
            for k, other in enumerate(cand_lists[i])
            if not foreign_namesake(other, anchors, cfg, partials[i])
        ]
        if home:
            out[i] = max(home, key=priors[i].__getitem__)
            continue
        variants = spelling_variants(*query, anchors, gaz, cfg) if query else []
        if variants:
            out[i] = len(cand_lists[i])
            cand_lists[i] = [*cand_lists[i], *variants]
            priors[i] = [*priors[i], *(0.0 for _ in variants)]
        else:
            out[i] = None
    return out
