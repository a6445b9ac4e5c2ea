"""CASE 2021 evaluation on small files of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.classify.model import ARTIFACT_PATH
from sitrep.errors import GoldDataError
from sitrep.evaluate.case2021 import evaluate, read_gold

ROWS = [
    ("1", "Jets bombed a militant camp in the desert.", "AIR_STRIKE"),
    ("2", "A suicide bomber blew himself up at a wedding.", "SUIC_BOMB"),
    ("3", "Floods swept away hundreds of homes after heavy rain.", "NATURAL_DISASTER"),
    ("4", "Students marched peacefully to the ministry.", "PEACE_PROTEST"),
]


def _write(path: Path, rows: list[tuple[str, str, str]], header: str = "id\tEventSnippet\tSubType") -> Path:
    path.write_text(header + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_case2021_read_gold(tmp_path: Path) -> None:
    rows = read_gold(_write(tmp_path / "g.tsv", ROWS))
    assert rows[0] == ("Jets bombed a militant camp in the desert.", "AIR_STRIKE")
    assert len(read_gold(_write(tmp_path / "g.tsv", ROWS), limit=2)) == 2


def test_eval_case2021_bad_layout(tmp_path: Path) -> None:
    with pytest.raises(GoldDataError, match="SubType"):
        read_gold(_write(tmp_path / "g.tsv", ROWS, header="id\ttext\tlabel"))
    with pytest.raises(GoldDataError, match="unknown label"):
        read_gold(_write(tmp_path / "g.tsv", [("1", "x", "PICNIC")]))
    with pytest.raises(GoldDataError, match="cannot read"):
        read_gold(tmp_path / "absent.tsv")


def test_eval_case2021_metrics(tmp_path: Path) -> None:
    if not ARTIFACT_PATH.is_file():
        pytest.skip("classifier artifact not built")
    result = evaluate(_write(tmp_path / "g.tsv", ROWS))
    assert result["n"] == 4
    assert result["n_25"] == 3
    for key in ("weighted_f1_25", "macro_f1_25", "weighted_f1_30", "macro_f1_30", "accuracy_30"):
        assert 0.0 <= result[key] <= 1.0
    assert result["accuracy_30"] >= 0.75


@pytest.mark.model
def test_eval_case2021_pipeline_labels_events_and_falls_back_for_others():
    from sitrep.evaluate.case2021 import _pipeline_labels

    texts = [
        "Gunmen stormed the village of Tin on Monday and shot dead five farmers.",
        "A strong earthquake struck the region on Monday, destroying hundreds of homes.",
    ]
    labels = _pipeline_labels(texts, ["OTHER", "NATURAL_DISASTER"])
    assert labels[0] == "ATTACK"  # the pipeline's own event
    assert labels[1] == "NATURAL_DISASTER"  # no event to the pipeline: the classifier's label stands
