"""Quality gate on ACLED exports: CI fails when a figure drops below its pinned floor.

``global_2020_05.csv`` is held out of the classifier's training (see scripts/train_classifier.py); the
gate reads its first ``LIMIT`` rows. Raising a floor is a commit; lowering one needs a reason in it.
"""

from __future__ import annotations

import pytest

from tests.helpers import shared_file

pytestmark = [pytest.mark.gate, pytest.mark.model]

LIMIT = 600

#: Floors pinned from `sitrep eval acled ../shared/data/acled/global_2020_05.csv --json --limit 600`
#: (2026-11-26, session 5, read with NOTES_READING: event type 0.747, sub-type wF1 0.835, fatalities 0.863,
#: actor1 0.783, actor2 0.702, 25 km 0.555, 161 km 0.812, date 0.975, scored >= 0.8 right 0.809). The
#: first 600 rows lead with Ukraine, Yemen and Afghanistan and score below the file as a whole.
FLOORS = {
    "event_type_accuracy": 0.73,
    "sub_event_type_weighted_f1": 0.82,
    "fatalities_exact": 0.85,
    "actor1_type_accuracy": 0.77,
    "actor2_type_accuracy": 0.69,
    "location_acc_25km": 0.54,
    "location_acc_161km": 0.80,
    "date_exact": 0.96,
    "accuracy_scored_ge_0.8": 0.79,
}


@pytest.fixture(scope="module")
def metrics():
    from sitrep.evaluate.acled import evaluate

    return evaluate(shared_file("data/acled/global_2020_05.csv"), limit=LIMIT)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_gate_acled_floor(metrics, key):
    assert metrics["n"] == LIMIT
    assert metrics[key] >= FLOORS[key], f"{key} = {metrics[key]} fell below its floor {FLOORS[key]}"


#: The held-out tenth of the extra file (``sitrep.classify.split``): ACLED notes of the training files'
#: own countries and years that neither the event classifier nor the actor-type model ever read.
#: Floors pinned from `sitrep eval acled ../shared/data/acled/extra_2004_2024.csv.gz --held-out --json
#: --limit 600` (2026-11-26, session 5: event type 0.950, sub-type wF1 0.942, macro 0.913, fatalities
#: 0.965, actor1 0.917, actor2 0.888, 25 km 0.610, 161 km 0.812, date 0.992, scored >= 0.8 right 0.990).
#: The events stage's context_weight, hint_weight and NOTES_READING were chosen on this split's first
#: 4,000 rows, and the actor conventions checked on them, so these floors guard against regressions;
#: global_2020_05 above is the untouched measure.
HELD_OUT_FLOORS = {
    "event_type_accuracy": 0.94,
    "sub_event_type_weighted_f1": 0.93,
    "sub_event_type_macro_f1": 0.90,
    "fatalities_exact": 0.955,
    "actor1_type_accuracy": 0.905,
    "actor2_type_accuracy": 0.875,
    "location_acc_25km": 0.595,
    "location_acc_161km": 0.80,
    "date_exact": 0.98,
    "accuracy_scored_ge_0.8": 0.98,
}


@pytest.fixture(scope="module")
def held_out_metrics():
    from sitrep.evaluate.acled import evaluate

    return evaluate(shared_file("data/acled/extra_2004_2024.csv.gz"), limit=LIMIT, held_out=True)


@pytest.mark.parametrize("key", sorted(HELD_OUT_FLOORS))
def test_gate_acled_held_out_split_floor(held_out_metrics, key):
    assert held_out_metrics["n"] == LIMIT and held_out_metrics["split"] == "held-out"
    value, floor = held_out_metrics[key], HELD_OUT_FLOORS[key]
    assert value >= floor, f"{key} = {value} fell below its floor {floor}"
