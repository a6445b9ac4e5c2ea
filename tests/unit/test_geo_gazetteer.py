"""The real gazetteer (built into the cache folder at first use, then loaded from it)."""

from sitrep.geo.gazetteer import get_gazetteer
from sitrep.geo.normalize import name_key


def test_gazetteer_name_key_folds_case_diacritics_and_apostrophes():
    assert name_key("Al-Mawşil") == "al mawsil"
    assert name_key("SANA'A") == name_key("Sana\u2019a") == "sanaa"
    assert name_key("the Gaza Strip") == "gaza strip"


def test_gazetteer_lookup_city_with_country_and_admin1():
    gaz = get_gazetteer()
    sirte = gaz.lookup("sirte")[0]
    assert (sirte.country, sirte.level, sirte.feature_class) == ("LY", "city", "P")
    assert abs(sirte.lat - 31.2) < 0.1 and abs(sirte.lon - 16.59) < 0.1
    assert sirte.population > 50_000
    assert sirte.admin1 is not None and sirte.admin1.startswith("LY.")


def test_gazetteer_lookup_is_diacritics_insensitive():
    gaz = get_gazetteer()
    plain = gaz.lookup("Sanaa")
    assert plain and plain[0].country == "YE"
    assert [c.geonameid for c in gaz.lookup("SANÁ'A")] == [c.geonameid for c in plain]


def test_gazetteer_countries_have_everyday_names():
    gaz = get_gazetteer()
    for name, iso2 in [("U.S.", "US"), ("Britain", "GB"), ("Syria", "SY"), ("DRC", "CD")]:
        assert any(c.level == "country" and c.country == iso2 for c in gaz.lookup(name)), name


def test_gazetteer_subdivisions_and_airports():
    gaz = get_gazetteer()
    assert any(c.level == "admin1" and c.country == "IQ" for c in gaz.lookup("Anbar province"))
    assert any(c.level == "admin1" and c.country == "SO" for c in gaz.lookup("Bari"))
    assert any(c.level == "airport" and c.country == "QA" for c in gaz.lookup("Al Udeid Air Base"))


def test_gazetteer_by_geonameid_and_admin1_code():
    gaz = get_gazetteer()
    sirte = gaz.lookup("Sirte")[0]
    assert gaz.by_geonameid(sirte.geonameid).name == sirte.name
    assert gaz.admin1(sirte.admin1).level == "admin1"
    assert gaz.country("LY").name == "Libya"


def test_gazetteer_is_cached():
    assert get_gazetteer() is get_gazetteer()


def test_geo_gazetteer_everyday_aliases_count_as_own_names():
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.index import _Builder

    b = _Builder()
    b.add(1, 26.5, 51.5, 0, "", "", "region", "Persian Gulf", ["Gulf"])
    b.add(2, 40.71, -74.01, 8_800_000, "US", "US.NY", "city", "New York City", ["New York", "Big Apple"])
    b.add(3, 10.0, 10.0, 900, "US", "US.NY", "city", "Smallville", ["Gulf"])
    gaz = Gazetteer(b.finish())
    gulf = {c.geonameid: c.primary for c in gaz.lookup("Gulf")}
    assert gulf == {1: True, 3: False}
    assert [c.primary for c in gaz.lookup("New York")] == [True]
    assert [c.primary for c in gaz.lookup("Big Apple")] == [False]


def test_geo_gazetteer_airport_short_names():
    from sitrep.geo.index import _airport_aliases

    heathrow = _airport_aliases({"name": "London Heathrow Airport", "city": "London"})
    assert "Heathrow" in heathrow
    tripoli = _airport_aliases({"name": "Tripoli International Airport", "city": "Tripoli"})
    assert tripoli == ["Tripoli Airport"]


def _build_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_geo_gazetteer_country_point_leans_towards_a_near_capital_only():
    from sitrep.geo.distance import haversine_km

    build = _build_script()
    reference, centroid = (36.0, 138.0), (36.0, 138.0)
    near_capital, far_capital = (35.7, 139.8), (38.9, -77.0)
    plain = build.blend(reference, centroid)
    pulled = build.blend(reference, centroid, near_capital)
    assert plain == (36.0, 138.0)
    moved = haversine_km(*plain, *pulled)
    assert abs(moved - build.CAPITAL_PULL * haversine_km(*plain, *near_capital)) < 2.0
    assert haversine_km(*pulled, *near_capital) < haversine_km(*plain, *near_capital)
    assert build.blend(reference, centroid, far_capital) == plain


def test_geo_gazetteer_country_blend_crosses_the_antimeridian():
    build = _build_script()
    lat, lon = build.blend((-17.0, 179.0), (-17.0, -179.0))
    assert lat == -17.0 and (lon > 178.0 or lon < -178.0)


def test_geo_gazetteer_skeleton_matches_transliteration_variants():
    from sitrep.geo.normalize import name_skeleton

    assert name_skeleton("Shortepa") == name_skeleton("Shōr Tepah") == "shrtp"
    assert name_skeleton("Kushki Kuhna") == name_skeleton("Kushk-e Kuhnah")
    assert name_skeleton("Sholgara") != name_skeleton("Shortepa")


def test_geo_gazetteer_by_skeleton_stays_in_its_country():
    gaz = get_gazetteer()
    found = gaz.by_skeleton("Shortepa", "AF")
    assert found and all(c.country == "AF" and not c.primary for c in found)
    assert gaz.by_skeleton("Shortepa", "PK") == []
    assert gaz.by_skeleton("Ab", "AF") == []  # too short a skeleton to name one place


def test_geo_gazetteer_admin1_seat_is_the_main_town():
    gaz = get_gazetteer()
    helmand = next(c for c in gaz.lookup("Helmand") if c.level == "admin1")
    seat = gaz.admin1_seat(helmand.admin1)
    assert seat.level == "city" and seat.admin1 == helmand.admin1 and seat.population > 20_000
    assert gaz.admin1_seat("XX.99") is None


def test_geo_gazetteer_town_without_its_arabic_article():
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.index import _Builder

    b = _Builder()
    b.add(1, 37.05, 41.22, 184_000, "SY", "SY.03", "city", "Al Qamishli", [])
    b.add(2, 31.5, 34.47, 0, "XX", "XX.01", "city", "Al Bab", [])  # too short a name once bare
    gaz = Gazetteer(b.finish())
    (found,) = gaz.lookup("Qamishli")
    assert found.geonameid == 1 and found.primary
    assert gaz.lookup("Bab") == []


def test_geo_gazetteer_lookup_answers_are_the_callers_own_lists():
    gaz = get_gazetteer()
    first = gaz.lookup("Sirte")
    first.clear()  # lookups are cached: a caller changing its list must not change the next answer
    again = gaz.lookup("sirte")
    assert again and again == gaz.lookup("SIRTE") and again[0].country == "LY"
