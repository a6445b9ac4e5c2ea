"""Quality gate: event typing on CASE 2021 task 2 dev (../shared/data/case2021-task2/dev.tsv).

Floors sit a little below the measured figures; raising one is a commit, lowering one needs a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.case2021 import evaluate

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case2021-task2" / "dev.tsv"

# Measured 2026-11-26 (session 7) with the committed artifact, whose embedding head was trained with the
# sentence model's top two layers: weighted_f1_25 0.7553, macro_f1_25 0.7303, weighted_f1_30 0.7292,
# macro_f1_30 0.7052, accuracy_30 0.7344, accuracy_scored_ge_0.8 0.8832 (session 6, a logistic regression
# over the frozen embeddings: 0.7443, 0.7167, 0.7243, 0.6994, 0.7305, 0.8832; word models alone, session
# 3: 0.6818, 0.6591, 0.6505, 0.6277, 0.6582, 0.8351). Earlier trade-offs, each measured: session 2 kept
# up to 30,000 notes a label and averaged a linear SVM in (held-out ACLED typing +5 points, CASE -1 to
# -2); session 3 kept half of ACLED's class prior (ACLED +2 to +3 points, CASE weighted F1 -1.2).
FLOORS = {
    "weighted_f1_25": 0.745,
    "macro_f1_25": 0.72,
    "weighted_f1_30": 0.72,
    "macro_f1_30": 0.695,
    "accuracy_30": 0.725,
    "accuracy_scored_ge_0.8": 0.87,
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
