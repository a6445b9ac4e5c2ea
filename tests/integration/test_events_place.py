"""An event's place in the event record, on text parsed by the real model."""

from __future__ import annotations

import pytest

from sitrep.extract import extract
from sitrep.geo.distance import haversine_km
from sitrep.nlp.pipeline import load_pipeline
from sitrep.records import Article

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        # Our own sentences; the seats are the provinces' capitals, Lashkar Gah and Maiduguri.
        ("On 3 March, Taliban fighters clashed with Afghan army troops in Helmand province.", (31.59, 64.37)),
        ("On 3 March, gunmen killed four villagers in Borno State.", (11.85, 13.16)),
    ],
)
def test_events_province_level_event_sits_at_the_province_seat(text: str, seat: tuple[float, float]) -> None:
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=load_pipeline()))
    place = mention.location
    assert place is not None and place.feature == "admin1" and place.precision == 3
    assert haversine_km(place.lat, place.lon, *seat) < 10


def test_events_province_centre_kept_when_switched_off() -> None:
    text = "On 3 March, Taliban fighters clashed with Afghan army troops in Helmand province."
    nlp = load_pipeline(events_config=(("province_at_main_town", False),))
    [(_article, [mention])] = list(extract([Article(text=text)], nlp=nlp))
    place = mention.location
    assert place is not None and place.feature == "admin1"
    # The province's own point (its centre) lies well away from Lashkar Gah.
    assert haversine_km(place.lat, place.lon, 31.59, 64.37) > 30
