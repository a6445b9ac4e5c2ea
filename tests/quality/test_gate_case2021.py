"""Quality gate: event typing on CASE 2021 task 2 dev (../shared/data/case2021-task2/dev.tsv).

Floors sit a little below the measured figures; raising one is a commit, lowering one needs a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.case2021 import evaluate

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case2021-task2" / "dev.tsv"

# Measured 2026-11-26 (session 3) with the committed artifact: weighted_f1_25 0.6818, macro_f1_25 0.6591,
# weighted_f1_30 0.6505, macro_f1_30 0.6277, accuracy_30 0.6582, accuracy_scored_ge_0.8 0.8351.
# Lowered twice that day, each time for ACLED typing, with the trade-off measured:
# * session 2 (30-class floors, 0.01-0.02): the classifier keeps up to 30,000 notes a label and averages
#   a linear SVM in: held-out ACLED typing +5 points, CASE -1 to -2 points.
# * session 3 (macro_f1_25 0.66 -> 0.65, weighted_f1_30 0.65 -> 0.645, macro_f1_30 0.63 -> 0.62): the
#   classifier keeps half of ACLED's class prior (TrainConfig.balance_power 0.5). Classifier alone:
#   global_2020_05 event type +3.0, sub-type wF1 +2.1, macro +3.1; extra's held-out tenth +2.0 / +2.5 /
#   +3.4; CASE dev weighted_f1_25 -1.2 and weighted_f1_30 -1.2 (about 6 of 512 snippets).
FLOORS = {
    "weighted_f1_25": 0.675,
    "macro_f1_25": 0.65,
    "weighted_f1_30": 0.645,
    "macro_f1_30": 0.62,
    "accuracy_30": 0.65,
    "accuracy_scored_ge_0.8": 0.82,
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
