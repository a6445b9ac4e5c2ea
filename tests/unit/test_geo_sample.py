"""Integration: the real model and gazetteer on the sample article."""

from pathlib import Path

import pytest

from sitrep.geo.resolve import haversine_km

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "prairie-pundit-2017-10-12.txt"


@pytest.mark.model
def test_geo_sample_relative_strike_location():
    if not SAMPLE.exists():
        pytest.skip("sample article not available")
    from sitrep.nlp.pipeline import load_pipeline

    nlp = load_pipeline(components=("toponyms",))
    doc = nlp(SAMPLE.read_text(encoding="utf-8"))
    spans = [s for s in doc._.sitrep_toponyms if "miles south of Sirte" in s.text]
    assert spans, [s.text for s in doc._.sitrep_toponyms]
    place = spans[0]._.sitrep_place
    assert place.country == "LY" and place.precision == 2
    assert haversine_km(place.lat, place.lon, 29.04, 16.59) < 40
    assert doc.text[place.start : place.end] == spans[0].text
    countries = {s._.sitrep_place.country for s in doc._.sitrep_toponyms if s.text == "Libya"}
    assert countries == {"LY"}
