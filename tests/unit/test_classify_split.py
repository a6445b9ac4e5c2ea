"""The held-out split of the ACLED files: stable, about a tenth, and honoured by training and evaluation."""

from __future__ import annotations

import csv
import re

import pytest

from sitrep.classify.split import HELD_OUT_PERCENT, is_held_out
from sitrep.cli.evaluate import run_evaluation
from sitrep.errors import SitrepError
from sitrep.evaluate.acled import read_acled


def _notes(n: int) -> list[str]:
    return [f"On 3 May 2020, unit {i} clashed with fighters near village {i * 7}." for i in range(n)]


def test_split_is_stable_and_ignores_surrounding_space() -> None:
    for note in _notes(50):
        assert is_held_out(note) == is_held_out(f"  {note}\n")


def test_split_holds_out_about_a_tenth() -> None:
    share = sum(map(is_held_out, _notes(5000))) / 5000
    assert abs(share - HELD_OUT_PERCENT / 100) < 0.02


def test_split_read_acled_keeps_only_held_out_rows(tmp_path) -> None:
    path = tmp_path / "export.csv"
    notes = _notes(200)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notes", "event_type", "sub_event_type", "latitude", "longitude", "fatalities"])
        for note in notes:
            writer.writerow([note, "Battles", "Armed clash", "1.0", "2.0", "0"])
    kept = read_acled(path, held_out=True)
    units = {re.search(r"[Uu]nit (\d+)", row.text).group(1) for row in kept}
    assert units == {re.search(r"unit (\d+)", n).group(1) for n in notes if is_held_out(n)}
    assert 0 < len(kept) < len(read_acled(path)) == 200


def test_split_option_refused_for_files_that_are_never_trained_on(tmp_path) -> None:
    with pytest.raises(SitrepError, match="--held-out applies to acled"):
        run_evaluation("case2021", tmp_path / "dev.tsv", held_out=True)
