"""Quality gate: event typing on CASE 2021 task 2 dev (../shared/data/case2021-task2/dev.tsv).

Floors sit a little below the measured figures; raising one is a commit, lowering one needs a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.case2021 import evaluate

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case2021-task2" / "dev.tsv"

# Measured 2026-11-26 with the committed artifact: weighted_f1_25 0.6934, macro_f1_25 0.6750,
# weighted_f1_30 0.6622, macro_f1_30 0.6440, accuracy_30 0.6641, accuracy_scored_ge_0.8 0.8241.
# The 30-class floors were lowered by 0.01-0.02 that day: the classifier now keeps ACLED's class
# frequencies (up to 30,000 notes a label) and averages a linear SVM in, which raised held-out ACLED
# typing by 5 points and cost CASE's balanced dev set 1-2 points.
FLOORS = {
    "weighted_f1_25": 0.68,
    "macro_f1_25": 0.66,
    "weighted_f1_30": 0.65,
    "macro_f1_30": 0.63,
    "accuracy_30": 0.65,
    "accuracy_scored_ge_0.8": 0.80,
}


@pytest.fixture(scope="module")
def result() -> dict:
    if not DEV.is_file():
        pytest.skip(f"{DEV} not present")
    return evaluate(DEV)


@pytest.mark.gate
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_gate_case2021_floor(result: dict, metric: str) -> None:
    assert result[metric] >= FLOORS[metric], (
        f"{metric} = {result[metric]} fell below its floor {FLOORS[metric]}"
    )
