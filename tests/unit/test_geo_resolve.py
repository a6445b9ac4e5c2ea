"""Ranking on a tiny hand-built gazetteer (no cache, no model)."""

import pytest

from sitrep.geo.candidates import mention_candidates
from sitrep.geo.country_context import CountryContextConfig
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.index import _Builder
from sitrep.geo.lexicon import get_lexicon
from sitrep.geo.resolve import Mention, Resolution, ResolveConfig, resolve_mentions, to_place


@pytest.fixture(scope="module")
def tiny():
    b = _Builder()
    b.add(1, 27.0, 18.0, 6_000_000, "LY", "", "country", "Libya", [])
    b.add(2, 31.2, 16.6, 100_000, "LY", "LY.76", "city", "Sirte", ["Surt"])
    b.add(3, 44.0, 40.0, 900, "RU", "RU.08", "city", "Libya", [])  # a village with a country's name
    b.add(4, 11.0, 49.5, 300_000, "SO", "SO.03", "admin1", "Bari", ["Bari Region"])
    b.add(5, 41.1, 16.9, 316_000, "IT", "IT.13", "city", "Bari", [])
    b.add(6, 11.47, 49.87, 19_000, "SO", "SO.03", "city", "Qandala", [])
    b.add(7, 40.0, -90.0, 20_000, "US", "US.IL", "city", "Springfield", [])
    b.add(8, 42.1, -72.6, 150_000, "US", "US.MA", "city", "Springfield", [])
    b.add(9, 42.3, -71.8, 180_000, "US", "US.MA", "city", "Worcester", [])
    b.add(10, 52.2, -2.2, 100_000, "GB", "GB.ENG", "city", "Worcester", [])
    b.add(11, 60.0, -100.0, 30_000_000, "CA", "", "country", "Canada", [])
    b.add(12, 35.9, -100.4, 2_000, "US", "US.TX", "city", "Canadian", [])
    b.add(13, 48.85, 2.35, 2_100_000, "FR", "FR.11", "city", "Paris", [])
    b.add(14, 39.61, -87.70, 9_000, "US", "US.IL", "city", "Paris", [])
    b.add(15, 39.68, -87.74, 0, "US", "US.IL", "admin2", "Edgar County", [])
    b.add(16, 22.0, 79.0, 3_000, "IN", "IN.10", "city", "Goyali", [])
    b.add(17, 40.6, 45.8, 0, "AZ", "AZ.29", "admin1", "Gadabay", [])
    b.add(18, 33.5, 68.4, 1_200_000, "AF", "AF.08", "admin1", "Ghazni", [])
    b.add(19, 33.55, 68.42, 140_000, "AF", "AF.08", "city", "Ghazni", [])
    b.add(20, 48.0, 37.8, 900_000, "UA", "UA.05", "city", "Donetsk", [])
    b.add(21, 48.1, 37.7, 4_000_000, "UA", "UA.05", "admin1", "Donetsk", ["Donetsk Oblast"])
    b.add(22, -3.0, 28.3, 5_000_000, "CD", "CD.12", "admin1", "Sud-Kivu", ["South Kivu"])
    b.add(23, 36.0, 39.0, 200_000, "SY", "SY.04", "city", "Raqqa", ["Ar Raqqah"])
    b.add(24, 37.6, 43.2, 2_000, "TR", "TR.73", "city", "Andac", ["Zap"])
    b.add(25, 37.09, 43.49, 0, "IQ", "IQ.08", "city", "Al Amadiyah", ["Amadiya"])
    b.add(26, 35.47, 44.39, 0, "IQ", "IQ.13", "admin2", "Kirkuk", ["Kirkuk District"])
    b.add(27, 35.35, 44.14, 1_000_000, "IQ", "IQ.13", "admin1", "Kirkuk", [])
    b.add(28, 12.78, 6.79, 0, "NG", "NG.57", "admin2", "Zurmi", [])
    b.add(29, 12.77, 6.78, 5_000, "NG", "NG.57", "city", "Zurmi", [])
    b.add(30, 12.6, 4.6, 7_000, "NG", "NG.21", "city", "Kukawa", [])
    return Gazetteer(b.finish())


def _resolve(text, names, gaz, **cfg):
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name))
    results = resolve_mentions(text, mentions, gaz, get_lexicon(), ResolveConfig(**cfg))
    return [r.candidate for r in results], mentions


def test_geo_resolve_country_name_never_goes_to_a_village(tiny):
    (libya,), _ = _resolve("Fighting in Libya.", ["Libya"], tiny)
    assert libya.level == "country" and libya.country == "LY"


def test_geo_resolve_alternate_name(tiny):
    (surt,), _ = _resolve("Clashes in Surt.", ["Surt"], tiny)
    assert surt.geonameid == 2


def test_geo_resolve_qualifier_after_the_name(tiny):
    cands, _ = _resolve("Fighters in Qandala, Bari region.", ["Qandala", "Bari"], tiny)
    assert cands[0].country == "SO"
    assert cands[1].country == "SO" and cands[1].level == "admin1"


def test_geo_resolve_document_context_picks_the_nearby_namesake(tiny):
    cands, _ = _resolve(
        "Worcester police said a man from Springfield was held.", ["Worcester", "Springfield"], tiny
    )
    assert cands[1].admin1 == "US.MA"


def test_geo_resolve_demonym_that_names_a_small_town_is_the_country(tiny):
    (canadian,), _ = _resolve("Canadian police said so.", ["Canadian"], tiny)
    assert canadian.level == "country" and canadian.country == "CA"


def test_geo_resolve_repeated_name_does_not_vote_for_itself(tiny):
    text = "Paris police said Paris schools in Paris will reopen, Edgar County officials said."
    mentions = []
    for name in ["Paris", "Paris", "Paris", "Edgar County"]:
        start = text.index(name, mentions[-1].end if mentions else 0)
        mentions.append(Mention(start, start + len(name), name))
    results = resolve_mentions(text, mentions, tiny, get_lexicon(), ResolveConfig())
    assert [r.candidate.geonameid for r in results] == [14, 14, 14, 15]


def test_geo_resolve_population_breaks_ties(tiny):
    (bari,), _ = _resolve("A court in Bari ruled.", ["Bari"], tiny)
    assert bari.geonameid in (4, 5)


def test_geo_resolve_unknown_name_falls_back_to_document_place(tiny):
    cands, _ = _resolve("At Foobar Street in Sirte, a blast.", ["Foobar Street", "Sirte"], tiny)
    assert cands[0].geonameid == 2
    names = ["Foobar Street", "Sirte"]
    cands, _ = _resolve("At Foobar Street, Sirte.", names, tiny, fallback_to_document_place=False)
    assert cands[0] is None
    cands, _ = _resolve("At Foobar Street in Sirte.", names, tiny, fallback_to_document_place=False)
    assert cands[0].geonameid == 2  # said to lie in Sirte: not a fallback to the document's place


@pytest.mark.parametrize(("row_name", "precision"), [("Sirte", 1), ("Libya", 3)])
def test_geo_resolve_precision_codes(tiny, row_name, precision):
    cands, mentions = _resolve(f"In {row_name}.", [row_name], tiny)
    from sitrep.geo.resolve import Resolution

    place = to_place(Resolution(cands[0]), mentions[0], tiny)
    assert place.precision == precision
    assert (place.start, place.end) == (3, 3 + len(row_name))


def test_geo_resolve_demonym_maps_to_country(tiny):
    m = Mention(0, 6, "Libyan", role="demonym", target="LY")
    (res,) = resolve_mentions("Libyan forces advanced.", [m], tiny, get_lexicon())
    assert res.candidate.level == "country" and res.candidate.country == "LY"


def test_geo_resolve_qualifier_area_beats_a_namesake_elsewhere(tiny):
    (goyali, gadabay), mentions = _resolve(
        "Shots were fired at Goyali, Gadabay.", ["Goyali", "Gadabay"], tiny
    )
    assert goyali.geonameid == 17 and gadabay.geonameid == 17
    from sitrep.geo.resolve import resolve_mentions as _rm

    (res, _) = _rm("Shots were fired at Goyali, Gadabay.", mentions, tiny, get_lexicon())
    assert res.partial and to_place(res, mentions[0], tiny).precision == 3


def test_geo_resolve_list_is_not_a_qualifier(tiny):
    # the list rule alone: with the anchor context on, a village in India listed beside a province of
    # Azerbaijan (and nothing else of India) is dropped as a foreign namesake (test_geo_country_context)
    off = CountryContextConfig(enabled=False)
    text = "Visits to Goyali, Gadabay and Sirte."
    (goyali, _), _ = _resolve(text, ["Goyali", "Gadabay"], tiny, country_context=off)
    assert goyali.geonameid == 16


def test_geo_resolve_kind_noun_picks_the_level(tiny):
    (ghazni,), _ = _resolve("An airstrike hit Ghazni city.", ["Ghazni city"], tiny)
    assert ghazni.geonameid == 19


def test_geo_resolve_parenthesised_qualifier_skips_unknown_names(tiny):
    text = "Militiamen abducted civilians from Kipulu village (Shabunda, Sud-Kivu)."
    (kipulu,), _ = _resolve(text, ["Kipulu"], tiny)
    assert kipulu.geonameid == 22


def test_geo_resolve_name_qualifying_a_lesser_place_is_its_province(tiny):
    text = "Rebels fired mortars near Zqarwit, Donetsk."
    (_, donetsk), _ = _resolve(text, ["Zqarwit", "Donetsk"], tiny)
    assert donetsk.level == "admin1"
    (alone,), _ = _resolve("Shelling hit Donetsk.", ["Donetsk"], tiny)
    assert alone.geonameid in (20, 21)


def test_geo_resolve_arabic_article_dropped_when_unknown(tiny):
    (raqqa,), _ = _resolve("Arrests in Ar-Raqqa city.", ["Ar-Raqqa"], tiny)
    assert raqqa.geonameid == 23


@pytest.fixture(scope="module")
def districts():
    b = _Builder()
    b.add(1, 36.7, 66.9, 700_000, "AF", "AF.30", "admin1", "Balkh", [])
    b.add(2, 36.9, 66.2, 900_000, "AF", "AF.31", "admin1", "Jowzjan", [])
    b.add(3, 36.97, 66.18, 6_000, "AF", "AF.31", "city", "Aqcha", [])
    b.add(4, 36.95, 66.9, 0, "AF", "AF.30", "admin2", "Shor Tepah", [])
    b.add(5, 30.0, 70.0, 0, "PK", "PK.02", "admin2", "Shor Tapa", [])
    return Gazetteer(b.finish())


def test_geo_resolve_district_without_an_entry_is_its_seat_town(districts):
    text = "Clashes in Aqcha district, Jowzjan."
    (aqcha, jowzjan), _ = _resolve(text, ["Aqcha district", "Jowzjan"], districts)
    assert aqcha.geonameid == 3 and jowzjan.geonameid == 2
    (aqcha,), _ = _resolve("Clashes in Aqcha province.", ["Aqcha province"], districts)
    assert aqcha is None  # only a district is named after its seat


def test_geo_resolve_spelling_variant_inside_the_named_province(districts):
    text = "A bomb in Shortepa district, Balkh."
    (shortepa, _), _ = _resolve(text, ["Shortepa district", "Balkh"], districts)
    assert shortepa.geonameid == 4
    (alone,), _ = _resolve("A bomb in Shortepa district.", ["Shortepa district"], districts)
    assert alone is None  # no named area: a spelling variant alone is no evidence


def test_geo_resolve_direction_word_names_part_of_an_area(tiny):
    (north,), _ = _resolve("Strikes in Northern Libya.", ["Northern Libya"], tiny)
    assert north.geonameid == 1


def test_geo_resolve_demonym_is_not_the_document_place(tiny):
    text = "Canadian jets and Canadian drones struck Foobar camp. Libya is at war."
    names = [("Canadian", "demonym", "CA"), ("Canadian", "demonym", "CA"), ("Foobar camp", "literal", None)]
    mentions, pos = [], 0
    for name, role, target in [*names, ("Libya", "literal", None)]:
        start = text.index(name, pos)
        pos = start + len(name)
        mentions.append(Mention(start, pos, name, role, target))
    results = resolve_mentions(text, mentions, tiny, get_lexicon(), ResolveConfig())
    assert results[2].fallback and results[2].candidate.geonameid == 1


def test_geo_resolve_event_point_of_a_province_is_its_main_town(tiny):
    from sitrep.geo.event_location import event_point

    (ghazni,), mentions = _resolve("Clashes in Ghazni province.", ["Ghazni province"], tiny)
    place = to_place(Resolution(ghazni), mentions[0], tiny)
    moved = event_point(place, tiny)
    assert place.feature == "admin1" and (moved.lat, moved.lon) == (33.55, 68.42)
    assert moved.precision == place.precision == 3 and moved.name == place.name
    (sirte,), mentions = _resolve("Clashes in Sirte.", ["Sirte"], tiny)
    town = to_place(Resolution(sirte), mentions[0], tiny)
    assert event_point(town, tiny) is town


def test_geo_resolve_town_alone_in_parentheses_is_the_other_name(tiny):
    text = "Jets struck targets in Zap (Amadiya) region."
    (zap,), mentions = _resolve(text, ["Zap"], tiny)
    assert zap.geonameid == 25
    (res,) = resolve_mentions(text, mentions, tiny, get_lexicon())
    assert to_place(res, mentions[0], tiny).precision == 2
    # not a qualifier when the parentheses hold more than the one name
    (zap,), _ = _resolve("Jets struck Zap (Amadiya and beyond).", ["Zap"], tiny)
    assert zap.geonameid == 24


def test_geo_resolve_qualifier_kind_noun_names_the_level(tiny):
    text = "Militants attacked a checkpoint in Zqarwit district, Kirkuk province."
    (place,), _ = _resolve(text, ["Zqarwit district"], tiny)
    assert place.geonameid == 27
    (place,), _ = _resolve("Militants attacked Zqarwit, Kirkuk district.", ["Zqarwit"], tiny)
    assert place.geonameid == 26


def test_geo_resolve_parenthesised_list_keeps_its_areas(tiny):
    # only a name alone in the parentheses may be a town; a list names areas (Bari the region)
    (place,), _ = _resolve("Gunmen raided Gakoukou (Qandala, Bari).", ["Gakoukou"], tiny)
    assert place.geonameid == 4


def test_geo_resolve_lga_is_an_area_or_its_seat(tiny):
    (zurmi,), _ = _resolve("Gunmen attacked Jagbanda in Zurmi LGA.", ["Zurmi LGA"], tiny)
    assert zurmi.geonameid == 28
    (kukawa,), _ = _resolve("Air strikes hit a camp in Kukawa LGA.", ["Kukawa LGA"], tiny)
    assert kukawa.geonameid == 30


def test_geo_resolve_mentions_in_any_order_read_in_text_order(tiny):
    text = "At Foobar Street in Sirte, a blast."
    sirte, street = Mention(20, 25, "Sirte"), Mention(3, 16, "Foobar Street")
    cfg = ResolveConfig(fallback_to_document_place=False)
    results = resolve_mentions(text, [sirte, street], tiny, get_lexicon(), cfg)
    assert [r.candidate.geonameid for r in results] == [2, 2]  # the street lies in Sirte, given second
    assert results[1].fallback and not results[0].fallback


def test_geo_resolve_province_name_beats_a_small_namesake_town_elsewhere_in_its_country():
    b = _Builder()
    b.add(1, 28.6, -82.5, 20_000_000, "US", "US.FL", "admin1", "Florida", [])
    b.add(2, 41.3, -74.4, 2_800, "US", "US.NY", "city", "Florida", [])
    b.add(3, 40.9, -73.9, 50_000, "US", "US.NY", "city", "Riverdale", [])
    b.add(4, 40.8, -74.5, 0, "US", "US.NJ", "admin2", "Morris County", [])
    b.add(5, 40.75, -74.45, 20_000, "US", "US.NJ", "city", "Morristown", [])
    b.add(6, 39.0, -98.0, 3_000_000, "US", "US.KS", "admin1", "Kansas", [])
    b.add(7, 38.8, -97.6, 900, "US", "US.KS", "city", "Kansas", [])  # inside its province: kept
    gaz = Gazetteer(b.finish())
    text = "A man from Riverdale near Morristown won the jackpot in Florida."
    cands, _ = _resolve(text, ["Riverdale", "Morristown", "Florida"], gaz)
    assert cands[2].geonameid == 1
    lex = get_lexicon()
    florida = Mention(0, 7, "Florida")
    assert [c.geonameid for c in mention_candidates(florida, gaz, lex, ResolveConfig())[0]] == [1]
    off = ResolveConfig(admin1_town_population=0)
    assert {c.geonameid for c in mention_candidates(florida, gaz, lex, off)[0]} == {1, 2}
    found = mention_candidates(Mention(0, 6, "Kansas"), gaz, lex, ResolveConfig())[0]
    assert {c.geonameid for c in found} == {6, 7}  # the town inside its province stays
