"""Foreign namesakes and spelling variants on a tiny hand-built gazetteer (no cache, no model)."""

import pytest

from sitrep.geo.country_context import Anchors, CountryContextConfig, spelling_variants
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.index import _Builder
from sitrep.geo.lexicon import get_lexicon
from sitrep.geo.normalize import name_key, name_skeleton
from sitrep.geo.resolve import Mention, ResolveConfig, resolve_mentions

OFF = ResolveConfig(country_context=CountryContextConfig(enabled=False))


@pytest.fixture(scope="module")
def tiny():
    b = _Builder()
    b.add(1, 33.0, 44.0, 40_000_000, "IQ", "", "country", "Iraq", [])
    b.add(2, 33.8, 45.0, 1_500_000, "IQ", "IQ.10", "admin1", "Diyala", [])
    b.add(3, 41.9, -73.3, 1_200, "US", "US.CT", "city", "Canaan", ["Kanaan"])
    b.add(4, 31.0, 46.3, 800_000, "IQ", "IQ.09", "admin1", "Dhi Qar", [])
    b.add(5, 31.05, 46.26, 400_000, "IQ", "IQ.09", "city", "Nasiriyah", [])
    b.add(6, 33.34, 44.4, 7_000_000, "IQ", "IQ.07", "city", "Baghdad", [])
    b.add(7, 31.1, 64.0, 1_000_000, "AF", "AF.10", "admin1", "Helmand", [])
    b.add(8, 34.5, 69.0, 5_000, "AF", "AF.13", "city", "Sayyidabad", ["Seydabad"])
    b.add(9, 40.1, -83.1, 45_000, "US", "US.OH", "city", "Dublin", [])
    b.add(10, 53.3, -6.3, 1_000_000, "IE", "IE.L", "city", "Dublin", [])
    b.add(11, 41.1, -81.5, 49_000, "US", "US.OH", "city", "Cuyahoga Falls", [])
    b.add(12, 50.0, -85.0, 13_000_000, "CA", "CA.08", "admin1", "Ontario", [])
    b.add(13, 33.9, 44.7, 3_000, "IQ", "IQ.10", "city", "Nisr", [])
    b.add(14, 33.0, 42.0, 1_500_000, "IQ", "IQ.01", "admin1", "Al Anbar", ["Anbar"])
    b.add(15, 34.8, 0.15, 130_000, "DZ", "DZ.10", "city", "Saida", [])
    b.add(16, 14.7, -17.3, 3_000_000, "SN", "SN.01", "admin1", "Dakar", [])
    b.add(17, 58.0, 38.0, 4_700, "RU", "RU.88", "city", "Is", [])
    b.add(18, 31.6, 65.0, 0, "AF", "AF.23", "admin2", "Maywand", ["Maywand district"])
    b.add(19, 34.5, 43.6, 800_000, "IQ", "IQ.18", "admin1", "Sala al Din", [])
    return Gazetteer(b.finish())


def _resolve(text, names, gaz, config=None):
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name))
    results = resolve_mentions(text, mentions, gaz, get_lexicon(), config)
    return [(r.candidate.geonameid if r.candidate else None, r.fallback) for r in results]


def test_geo_country_context_drops_a_small_namesake_abroad(tiny):
    text = "Mortar shells fell in Kanaan within Diyala province."
    names = ["Kanaan", "Diyala province"]
    assert _resolve(text, names, tiny, OFF)[0] == (3, False)
    kanaan, diyala = _resolve(text, names, tiny)
    assert kanaan[1] is True and kanaan[0] != 3  # the document's place stands in
    assert diyala == (2, False)


def test_geo_country_context_finds_a_spelling_in_the_anchored_country(tiny):
    text = "Protesters gathered in Nassriya City and in Baghdad, Thi-Qar province."
    names = ["Nassriya City", "Baghdad", "Thi-Qar province"]
    nassriya, baghdad, thiqar = _resolve(text, names, tiny)
    assert nassriya == (5, False) and baghdad == (6, False) and thiqar == (4, False)
    assert _resolve(text, names, tiny, OFF)[0][0] != 5


def test_geo_country_context_short_skeleton_finds_no_small_town(tiny):
    # "Nasr" has the 3-letter skeleton of Nasiriyah and of the small town Nisr: too short to trust
    # for a small town
    anchors = Anchors(areas=(tiny.lookup("Baghdad")[0],), named=frozenset({"IQ"}))
    found = spelling_variants("Nasr", ("city",), anchors, tiny, CountryContextConfig())
    assert [c.geonameid for c in found] == [5]


def test_geo_country_context_alternate_spelling_outside_the_named_province(tiny):
    text = "Snipers killed 3 soldiers in Seydabad of Nahri Saraj district, Helmand."
    assert _resolve(text, ["Seydabad", "Helmand"], tiny, OFF)[0] == (8, False)
    seydabad, helmand = _resolve(text, ["Seydabad", "Helmand"], tiny)
    assert seydabad[0] != 8 and helmand == (7, False)


def test_geo_country_context_company_keeps_a_namesake(tiny):
    # a passing mention of Ontario does not move Dublin, Ohio, which Cuyahoga Falls accompanies
    text = "Dublin officials visited Ontario, then the pool in Cuyahoga Falls."
    dublin, ontario, falls = _resolve(text, ["Dublin", "Ontario", "Cuyahoga Falls"], tiny)
    assert dublin == (9, False) and ontario == (12, False) and falls == (11, False)


def test_geo_country_context_skeleton_folds_transliterations():
    assert name_skeleton("Thi-Qar") == name_skeleton("Dhi Qar")
    assert name_skeleton("Nassriya") == name_skeleton("Nasiriyah")
    assert name_skeleton("Al \u02bfAm\u0101rah", drop_article=True) == name_skeleton("Amara")
    assert name_skeleton("Al Amarah") != name_skeleton("Amara")
    assert name_key("Al \u02bfAm\u0101rah") == "al amarah"
    assert name_skeleton("Zinda Jan") == name_skeleton("Zindah J\u0101n")  # a silent word-final h


def test_geo_resolve_district_named_inside_a_longer_name(tiny):
    # "X of Maywand district": a district found through a sub-phrase that ends with its kind noun
    text = "A bomb killed 2 soldiers in Khak Chopan of Maywand district."
    (place,) = _resolve(text, ["Khak Chopan of Maywand district"], tiny)
    assert place == (18, False)


def test_geo_country_context_weak_anchor_needs_a_second_name(tiny):
    # "Anbar" reaches its province through an alternate name: it anchors only when another name (here
    # the demonym) vouches for Iraq
    text = "Shells fell in Kanaan near Anbar, Iraqi police said."
    assert _resolve(text, ["Kanaan", "Anbar"], tiny)[0] == (3, False)
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in ("Kanaan", "Anbar")]
    start = text.index("Iraqi")
    mentions.append(Mention(start, start + 5, "Iraqi", "demonym", "IQ"))
    kanaan = resolve_mentions(text, mentions, tiny, get_lexicon())[0]
    assert kanaan.candidate is None or kanaan.candidate.geonameid != 3


def test_geo_country_context_sub_phrase_town_abroad_is_a_namesake(tiny):
    text = "Gunmen killed a civilian in Abu Saida within Diyala province."
    names = ["Abu Saida", "Diyala province"]
    assert _resolve(text, names, tiny, OFF)[0] == (15, False)
    assert _resolve(text, names, tiny)[0][0] != 15


def test_geo_country_context_unknown_names_agree_on_a_country(tiny):
    # no anchor: Nassriya and Thi-Qar both have spellings in Iraq (Thi-Qar alone could be Dakar)
    text = "Guards were deployed in Nassriya City, Thi-Qar province."
    nassriya, thiqar = _resolve(text, ["Nassriya City", "Thi-Qar province"], tiny)
    assert nassriya == (5, False) and thiqar == (4, False)
    (alone,) = _resolve("Protests in Thi-Qar province.", ["Thi-Qar province"], tiny)
    assert alone == (None, False)


def test_geo_resolve_acronym_names_no_small_town(tiny):
    (acronym,) = _resolve("IS fighters attacked.", ["IS"], tiny)
    assert acronym == (None, False)


def test_geo_resolve_hyphenated_direction_names_part_of_an_area(tiny):
    # the cue list is compared with name keys, which split "north-eastern" at its hyphen
    assert name_key("north-eastern") in get_lexicon().cues["direction_prefixes"]
    (place,) = _resolve("Clashes in north-eastern Diyala.", ["north-eastern Diyala"], tiny)
    assert place == (2, False)


def test_geo_country_context_named_area_spelled_in_the_country_of_another_name(tiny):
    # no anchor (Nisr is a small town): the province's spelling is looked for in Nisr's country
    assert _resolve("Protesters gathered in Nisr, Thi-Qar province.", ["Nisr", "Thi-Qar province"], tiny) == [
        (13, False),
        (4, False),
    ]
    # alone, a three-letter skeleton fits areas of two countries (Dakar, Dhi Qar): no place
    assert _resolve("Protesters gathered in Thi-Qar province.", ["Thi-Qar province"], tiny) == [(None, False)]


def test_geo_country_context_named_area_spelled_like_one_country_province(tiny):
    assert _resolve("Mortars hit Saladin province.", ["Saladin province"], tiny) == [(19, False)]
    # without the kind noun, a name is no spelling of a province
    assert _resolve("Mortars hit Saladin.", ["Saladin"], tiny) == [(None, False)]
