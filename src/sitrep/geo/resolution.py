"""What the toponym resolver reads and writes: :class:`Mention` in, :class:`Resolution` out, every knob
in :class:`ResolveConfig`, and the ``Place`` record of a resolution (:func:`to_place`).

The stages themselves: :mod:`sitrep.geo.qualifiers` and :mod:`sitrep.geo.candidates` (what a name could
be), :mod:`sitrep.geo.scoring` (prior and document context), :mod:`sitrep.geo.resolve` (the whole run).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import Place
from .country_context import CountryContextConfig
from .gazetteer import Candidate, Gazetteer

__all__ = ["PRECISION", "Mention", "Resolution", "ResolveConfig", "replace_point", "to_place"]

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
    #: A town named like a first-level area of its own country but lying outside it ("Florida", New
    #: York, beside the state) is a candidate only from this size or when the qualifier places it.
    admin1_town_population: int = 100_000
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
    """The entry picked for a mention (None: unresolved) and its score."""

    candidate: Candidate | None
    score: float = 0.0
    fallback: bool = False  # the place is the document's dominant place, not the name's own entry
    partial: bool = False  # resolved through a sub-phrase of the name


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
