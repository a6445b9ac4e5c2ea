"""Reading ACLED exports for evaluation: which gold cells are scored."""

from __future__ import annotations

import csv

from sitrep.evaluate.acled import read_acled

COLUMNS = ["notes", "event_type", "sub_event_type", "latitude", "longitude", "fatalities"]


def test_eval_acled_second_actor_unscored_where_its_source_never_codes_one(tmp_path) -> None:
    path = tmp_path / "harmonised.csv"
    rows = [
        ("a.csv", "Military Forces of X", "1", "Rebels", "2"),
        ("a.csv", "Protesters (X)", "6", "", ""),  # no second actor: a coded answer
        ("b.csv", "Rioters (Y)", "Rioters", "", ""),  # b.csv has no second actor on any row
        ("b.csv", "Protesters (Y)", "Protesters", "", ""),
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "_source_file", "actor1", "inter1", "actor2", "inter2"])
        for i, (source, a1, i1, a2, i2) in enumerate(rows):
            writer.writerow(
                [f"Note {i}.", "Protests", "Peaceful protest", "1", "2", "0", source, a1, i1, a2, i2]
            )
    read = read_acled(path)
    assert [r.inter2_known for r in read] == [True, True, False, False]
    assert [r.inter2 for r in read] == ["Rebel group", None, None, None]
    assert [r.inter1 for r in read][2:] == ["Rioters", "Protesters"]


def test_eval_acled_a_plain_export_scores_every_second_actor(tmp_path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "inter1", "inter2"])
        writer.writerow(["Note.", "Battles", "Armed clash", "1", "2", "0", "1", "2"])
        writer.writerow(["Other.", "Protests", "Peaceful protest", "1", "2", "0", "6", ""])
    assert [r.inter2_known for r in read_acled(path)] == [True, True]
