import pytest

from sitrep.geo.lexicon import get_lexicon
from sitrep.geo.relative import destination, find_between, find_relative, midpoint
from sitrep.geo.resolve import haversine_km


def test_relative_destination_due_south_keeps_longitude():
    lat, lon = destination(31.2, 16.6, 180.0, 241.4)
    assert lat == pytest.approx(29.03, abs=0.02)
    assert lon == pytest.approx(16.6, abs=1e-6)


def test_relative_destination_distance_is_great_circle():
    lat, lon = destination(10.0, 20.0, 45.0, 100.0)
    assert haversine_km(10.0, 20.0, lat, lon) == pytest.approx(100.0, rel=1e-3)


def test_relative_midpoint_on_equator():
    assert midpoint(0.0, 0.0, 0.0, 10.0) == pytest.approx((0.0, 5.0))


@pytest.mark.parametrize(
    ("text", "kind", "km", "bearing", "phrase"),
    [
        (
            "jets struck a camp roughly 150 miles south of Sirte",
            "offset",
            241.4,
            180.0,
            "roughly 150 miles south of ",
        ),
        (
            "a blast some 20 km north-east of the town of Aleppo",
            "offset",
            20.0,
            45.0,
            "some 20 km north-east of the town of ",
        ),
        ("killed 10 km (6 miles) west of Kirkuk", "offset", 10.0, 270.0, "10 km (6 miles) west of "),
        ("fighting on the outskirts of Tripoli", "vague", None, None, "on the outskirts of "),
        ("an attack near Mosul", "vague", None, None, "near "),
        ("villages west of Kabul", "direction", None, 270.0, "west of "),
    ],
)
def test_relative_cues_are_found(text, kind, km, bearing, phrase):
    anchor = text.rfind(" ") + 1
    cue = find_relative(text, anchor, get_lexicon())
    assert cue is not None
    assert cue.kind == kind
    assert cue.precision == 2
    assert text[cue.start : anchor] == phrase
    if km is not None:
        assert cue.distance_km == pytest.approx(km, rel=1e-3)
    assert cue.bearing_deg == bearing


def test_relative_no_cue_after_plain_preposition():
    assert find_relative("clashes in Raqqa", 11, get_lexicon()) is None


def test_relative_between_two_places():
    text = "fighting between Sirte and Misrata"
    assert find_between(text, (17, 22), (27, 34)) == 9
    assert find_between("Sirte, Misrata", (0, 5), (7, 14)) is None
