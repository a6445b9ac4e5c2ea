"""Quality gate on ACLED exports: CI fails when a figure drops below its pinned floor.

``global_2020_05.csv`` is held out of the classifier's training (see scripts/train_classifier.py); the
gate reads its first ``LIMIT`` rows. Raising a floor is a commit; lowering one needs a reason in it.
"""

from __future__ import annotations

import pytest

from tests.helpers import shared_file

pytestmark = [pytest.mark.gate, pytest.mark.model]

LIMIT = 600

#: Floors pinned from `sitrep eval acled ../shared/data/acled/global_2020_05.csv --json --limit 600`.
FLOORS = {
    "event_type_accuracy": 0.6,
    "sub_event_type_weighted_f1": 0.72,
    "fatalities_exact": 0.82,
    "actor1_type_accuracy": 0.63,
    "actor2_type_accuracy": 0.47,
    "location_acc_25km": 0.44,
    "location_acc_161km": 0.72,
    "date_exact": 0.86,
    "accuracy_scored_ge_0.8": 0.65,
}


@pytest.fixture(scope="module")
def metrics():
    from sitrep.evaluate.acled import evaluate

    return evaluate(shared_file("data/acled/global_2020_05.csv"), limit=LIMIT)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_gate_acled_floor(metrics, key):
    assert metrics["n"] == LIMIT
    assert metrics[key] >= FLOORS[key], f"{key} = {metrics[key]} fell below its floor {FLOORS[key]}"
