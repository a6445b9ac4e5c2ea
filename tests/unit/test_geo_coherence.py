"""Pair coherence, abbreviations, one sense per document and the main place, on a tiny gazetteer."""

import math

import pytest

from sitrep.geo.coherence import area_votes, containers, paired_candidates
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.index import _Builder
from sitrep.geo.lexicon import get_lexicon
from sitrep.geo.resolve import Mention, ResolveConfig, resolve_mentions


@pytest.fixture(scope="module")
def tiny():
    b = _Builder()
    b.add(1, 48.85, 2.35, 2_100_000, "FR", "FR.11", "city", "Paris", [])
    b.add(2, 33.66, -95.55, 25_000, "US", "US.TX", "city", "Paris", [])
    b.add(3, 36.30, -88.33, 10_000, "US", "US.TN", "city", "Paris", [])
    b.add(4, 36.33, -88.32, 0, "US", "US.TN", "admin2", "Henry County", [])
    b.add(5, 32.00, -85.00, 0, "US", "US.AL", "admin2", "Henry County", [])
    b.add(6, 54.9, -124.6, 4_600_000, "CA", "CA.02", "admin1", "British Columbia", [])
    b.add(7, -25.5, 122.2, 2_600_000, "AU", "AU.08", "admin1", "Western Australia", [])
    b.add(8, 47.4, -120.5, 7_000_000, "US", "US.WA", "admin1", "Washington", [])
    b.add(9, 26.31, -80.24, 30_000, "US", "US.FL", "city", "Parkland", [])
    b.add(10, 47.15, -122.43, 36_000, "US", "US.WA", "city", "Parkland", [])
    b.add(11, 28.7, -82.5, 16_000_000, "US", "US.FL", "admin1", "Florida", [])
    b.add(12, 41.85, -87.65, 2_600_000, "US", "US.IL", "city", "Chicago", [])
    b.add(13, 42.01, -87.84, 37_000, "US", "US.IL", "city", "Park Ridge", [])
    b.add(14, 41.17, -80.56, 7_600, "US", "US.OH", "city", "Hubbard", [])
    b.add(15, 50.0, 10.0, 0, "", "", "continent", "Europe", ["EU"])
    b.add(16, 38.9, -77.04, 3_000_000, "US", "US.DC", "city", "Washington", [])
    b.add(17, 43.0, -75.5, 19_000_000, "US", "US.NY", "admin1", "New York", [])
    b.add(18, 40.71, -74.0, 8_800_000, "US", "US.NY", "city", "New York City", ["New York"])
    b.add(19, 43.3, -73.4, 0, "US", "US.NY", "admin2", "Washington County", ["Washington"])
    return Gazetteer(b.finish())


def _resolve(text, names, gaz, **cfg):
    mentions, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        pos = start + len(name)
        mentions.append(Mention(start, pos, name))
    return [r.candidate for r in resolve_mentions(text, mentions, gaz, get_lexicon(), ResolveConfig(**cfg))]


def test_geo_coherence_pairs_namesakes_next_to_each_other(tiny):
    paris, henry = tiny.lookup("Paris"), tiny.lookup("Henry County")
    flags = paired_candidates(["paris", "henry county"], [paris, henry], 40.0, 10)
    assert [c.geonameid for c, f in zip(paris, flags[0], strict=True) if f] == [3]
    assert [c.geonameid for c, f in zip(henry, flags[1], strict=True) if f] == [4]


def test_geo_coherence_area_votes_split_by_prior_odds(tiny):
    paris, henry = tiny.lookup("Paris"), tiny.lookup("Henry County")
    # Henry County's two entries are equally likely: half a vote each for Tennessee and Alabama.
    votes = area_votes(["paris", "henry county"], [paris, henry], [[9.0, 6.0, 6.0], [5.0, 5.0]])
    by_id = {c.geonameid: v for c, v in zip(paris, votes[0], strict=True)}
    assert by_id == {1: 0.0, 2: 0.0, 3: pytest.approx(0.5)}
    # Paris votes mostly for France: Henry County of Tennessee gets only the Tennessee Paris's odds.
    by_id = {c.geonameid: v for c, v in zip(henry, votes[1], strict=True)}
    odds = 1 / (math.exp(3.0) + 2)
    assert by_id[4] == pytest.approx(odds, rel=1e-6) and by_id[5] == 0.0


def test_geo_coherence_area_votes_a_name_never_votes_for_itself(tiny):
    paris = tiny.lookup("Paris")
    votes = area_votes(["paris", "paris"], [paris, paris], [[9.0, 6.0, 6.0]] * 2)
    assert votes == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]


def test_geo_coherence_name_with_many_namesakes_pairs_with_nothing(tiny):
    paris, henry = tiny.lookup("Paris"), tiny.lookup("Henry County")
    flags = paired_candidates(["paris", "henry county"], [paris, henry], 40.0, 2)
    assert not any(flags[1])  # "Paris" has three namesakes, more than 2


def test_geo_coherence_paris_with_henry_county_is_in_tennessee(tiny):
    text = "The fair opened in Paris on Friday, and Henry County deputies directed traffic."
    paris, henry = _resolve(text, ["Paris", "Henry County"], tiny)
    assert (paris.geonameid, henry.geonameid) == (3, 4)


@pytest.mark.parametrize(("name", "ids"), [("BC", {6}), ("B.C.", {6}), ("WA", {7, 8})])
def test_geo_coherence_abbreviation_stands_for_its_provinces(tiny, name, ids):
    (place,) = _resolve(f"Wildfires spread across {name} overnight.", [name], tiny)
    assert place.level == "admin1" and place.geonameid in ids


def test_geo_coherence_demonym_inside_an_unknown_name(tiny):
    (place,) = _resolve("The European Commission said no.", ["European Commission"], tiny)
    assert place.level == "continent"


def test_geo_coherence_qualified_name_keeps_its_sense(tiny):
    text = "A shooting in Parkland, Florida shocked the nation. Parkland students marched."
    first, _, second = _resolve(text, ["Parkland", "Florida", "Parkland"], tiny)
    assert first.geonameid == second.geonameid == 9


def test_geo_coherence_main_place_is_the_best_supported(tiny):
    text = "Hubbard Street, Park Ridge and Chicago hospitals, and the Mercy Clinic."
    *_, clinic = _resolve(text, ["Hubbard", "Park Ridge", "Chicago", "Mercy Clinic"], tiny)
    assert clinic.geonameid in (12, 13)


def test_geo_coherence_street_named_after_a_place_is_not_there(tiny):
    text = "Crowds filled Paris Avenue in Chicago on Sunday."
    street, chicago = _resolve(text, ["Paris Avenue", "Chicago"], tiny)
    assert street.geonameid == chicago.geonameid == 12


def test_geo_coherence_listed_names_share_their_level(tiny):
    text = "Jobs moved to states such as Florida or Washington last year."
    _, washington = _resolve(text, ["Florida", "Washington"], tiny)
    assert washington.geonameid == 8
    (alone,) = _resolve("Jobs moved to Washington last year.", ["Washington"], tiny)
    assert alone.geonameid == 16


def test_geo_coherence_list_of_cities_is_not_a_qualifier(tiny):
    text = "After stops in Washington, New York and Chicago, the prince flew home."
    washington, *_ = _resolve(text, ["Washington", "New York", "Chicago"], tiny)
    assert washington.geonameid == 16
    (county,) = _resolve("Floods hit Washington, New York on Monday.", ["Washington"], tiny)
    assert county.geonameid == 19


def test_geo_coherence_street_with_a_qualifier_is_in_it(tiny):
    (road,) = _resolve("Clashes on Paris Road (Henry County) left two dead.", ["Paris Road"], tiny)
    assert road.geonameid == 3  # the Paris inside the Henry County named, not Paris, France


@pytest.mark.parametrize("name", ["Old Parkland European Market", "Tangari EU Fields"])
def test_geo_coherence_inner_demonym_or_short_name_is_not_the_place(tiny, name):
    (place,) = _resolve(f"Clashes near {name} on Monday.", [name], tiny, fallback_to_document_place=False)
    assert place is None


def test_geo_coherence_containers_read_in_and_at_between_names():
    text = "at the Mercy Clinic (MC) in Park Ridge, Chicago and Paris"
    names = ("Mercy Clinic", "Park Ridge", "Chicago")
    spans = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    spans.append(Mention(text.index("Paris"), len(text), "Paris"))
    assert containers(text, spans, ["in", "at"]) == [1, None, None, None]
    assert containers(text, spans, []) == [None] * 4


def test_geo_coherence_unknown_name_lies_in_the_next_place_not_the_main_one(tiny):
    text = "Chicago doctors and Park Ridge nurses; he studies at the Mercy Clinic in Paris, Texas. Chicago."
    names = ["Chicago", "Park Ridge", "Mercy Clinic", "Paris", "Chicago"]
    *_, clinic, paris, _ = _resolve(text, names, tiny)
    assert paris.geonameid == 2 and clinic.geonameid == 2
    *_, clinic, _, _ = _resolve(text, names, tiny, inside_next_place=False)
    assert clinic.geonameid == 12


@pytest.fixture(scope="module")
def local():
    b = _Builder()
    b.add(1, 31.9, 35.2, 4_500_000, "PS", "", "country", "Palestine", [])
    b.add(2, 31.76, -95.63, 18_000, "US", "US.TX", "city", "Palestine", [])
    b.add(3, 31.80, -95.60, 0, "US", "US.TX", "admin2", "Anderson County", [])
    b.add(4, 31.5, 34.45, 590_000, "PS", "PS.GZ", "city", "Gaza", [])
    b.add(5, 54.05, -2.80, 47_000, "GB", "GB.ENG", "city", "Lancaster", [])
    b.add(6, 34.70, -118.14, 161_000, "US", "US.CA", "city", "Lancaster", [])
    b.add(8, 53.96, -1.08, 156_000, "GB", "GB.ENG", "city", "York", [])
    b.add(9, 39.96, -76.73, 44_000, "US", "US.PA", "city", "York", [])
    b.add(10, 54.0, -2.0, 66_000_000, "GB", "", "country", "United Kingdom", ["Britain"])
    b.add(11, 35.69, 139.69, 8_300_000, "JP", "JP.40", "city", "Tokyo", [])
    b.add(12, 40.1, 44.9, 3_000_000, "AM", "", "country", "Armenia", [])
    b.add(13, 4.54, -75.67, 300_000, "CO", "CO.24", "city", "Armenia", [])
    b.add(14, 41.9, 12.5, 2_800_000, "IT", "IT.07", "city", "Rome", [])
    b.add(15, 36.5, 127.8, 51_000_000, "KR", "", "country", "South Korea", [])
    return Gazetteer(b.finish())


def test_geo_coherence_country_name_is_the_local_town_beside_its_county(local):
    town, county = _resolve(
        "A Palestine man was arrested in Anderson County.", ["Palestine", "Anderson County"], local
    )
    assert (town.level, town.country, county.country) == ("city", "US", "US")
    # A name of the country's own vouches for it: the country stays.
    country, _ = _resolve("Palestine said Gaza and Anderson County...", ["Palestine", "Gaza"], local)
    assert country.level == "country"
    # Alone, or with the rule off, a country name is the country.
    (alone,) = _resolve("Palestine.", ["Palestine"], local)
    assert alone.level == "country"
    off, _ = _resolve(
        "A Palestine man was arrested in Anderson County.",
        ["Palestine", "Anderson County"],
        local,
        local_namesake_names=0,
    )
    assert off.level == "country"


def test_geo_coherence_sequential_passes_do_not_swap_countries(local):
    text = "A woman from Lancaster won the award of a college in York."
    lancaster, york = _resolve(text, ["Lancaster", "York"], local)
    assert (lancaster.geonameid, york.geonameid) == (5, 8)
    # Updated all at once, the two names swap each other's country on every pass.
    lancaster, york = _resolve(text, ["Lancaster", "York"], local, sequential=False)
    assert lancaster.country != york.country


def test_geo_coherence_embassy_is_not_in_its_country(local):
    tokyo, _ = _resolve(
        "at the British Embassy Tokyo in 2018, Tokyo", ["British Embassy Tokyo", "Tokyo"], local
    )
    assert tokyo.geonameid == 11
    embassy, rome = _resolve(
        "the Embassy of the Republic of Armenia said. Rome",
        ["Embassy of the Republic of Armenia", "Rome"],
        local,
    )
    assert (
        embassy.geonameid == rome.geonameid == 14
    )  # the document's place, not Armenia nor Armenia, Colombia


def test_geo_coherence_korean_is_south_korea(local):
    text = "Korean moms"
    (korean,) = [
        r.candidate
        for r in resolve_mentions(
            text, [Mention(0, 6, "Korean", "demonym", get_lexicon().demonyms["korean"])], local, get_lexicon()
        )
    ]
    assert korean.country == "KR"
