"""Quality gate for geography: measured figures on the shared gold data must not fall below their floors.

Floors are pinned a little below the figures measured when they were set (see the commit that
changed them); raising a floor is a commit, lowering one needs a reason in its message. To keep each
check under about a minute on a laptop, the gate runs on the first N records of each file (the full
files give the figures in the project report):

* GeoWebNews: first 100 of 200 articles; LGL: first 200 of 588 articles;
* event location: first 2,000 of 9,686 sentences.
"""

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

pytestmark = [pytest.mark.gate, pytest.mark.model]

GWN_LIMIT, LGL_LIMIT, EVENT_LOCATION_LIMIT = 100, 200, 2000

FLOORS = {
    # measured 2026-11-26, session 5 (resolution_acc_161km is the plain distance measure):
    # GWN first 100: acc 0.909, rec F1 0.746, country 0.993;
    # LGL first 200: acc 0.893, rec F1 0.678, country 0.965
    "gwn": {"resolution_acc_161km": 0.90, "recognition_f1": 0.735, "country_accuracy": 0.985},
    "lgl": {"resolution_acc_161km": 0.885, "recognition_f1": 0.665, "country_accuracy": 0.955},
    # measured 2026-11-26, session 5 (trees): first 2,000 sentences: P 0.853, R 0.878, F1 0.865. The
    # event-location model is trained on this file (sitrep.geo.train_event_location), so this floor guards
    # against regressions only; its seeded 5-fold cross-validated F1 on the whole file (0.783) is the
    # honest figure.
    "event_location": {"f1": 0.86},
}


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def _check(name: str, measured: dict) -> None:
    low = {k: (measured[k], floor) for k, floor in FLOORS[name].items() if measured[k] < floor}
    assert not low, f"{name}: below floor (measured, floor): {low}"


def test_gate_geo_gwn():
    from sitrep.evaluate.geoparsing import evaluate_gwn

    _check("gwn", evaluate_gwn(_need(DATA / "geoparsing" / "GWN.xml"), limit=GWN_LIMIT))


def test_gate_geo_lgl():
    from sitrep.evaluate.geoparsing import evaluate_geoxml

    _check("lgl", evaluate_geoxml(_need(DATA / "geoparsing" / "lgl.xml"), limit=LGL_LIMIT))


def test_gate_geo_event_location():
    from sitrep.evaluate.event_location import evaluate

    path = _need(DATA / "event_location" / "labeled_text.jsonl.gz")
    _check("event_location", evaluate(path, limit=EVENT_LOCATION_LIMIT))
