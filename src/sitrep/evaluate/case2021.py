"""Measure event typing on a CASE 2021 task 2 file (TSV with columns ``id``, ``EventSnippet``, ``SubType``).

    python -m sitrep.evaluate.case2021 ../shared/data/case2021-task2/dev.tsv

Reports weighted and macro F1 over the rows whose gold label is one of ACLED's 25 sub-event types
(``*_25``) and over all rows (``*_30``), with scikit-learn's metrics. The headline figures type each
snippet whole with the event classifier; ``pipeline_*`` figures (with ``pipeline=True``) give what the
full pipeline extracts from the snippet read as news: its main event's label, or the classifier's label
when it extracts none (the classes outside ACLED are not events to it).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from sitrep.classify import ACLED_LABELS, LABELS, get_classifier
from sitrep.errors import GoldDataError

__all__ = ["COLUMNS", "evaluate", "read_gold"]

COLUMNS = ("EventSnippet", "SubType")
_BATCH = 256


def read_gold(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(snippet, gold label) pairs; ``GoldDataError`` if the file lacks the columns or has unknown labels."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise GoldDataError(
                    f"{path}: missing column(s) {', '.join(missing)}; expected a tab-separated file with "
                    f"columns id, EventSnippet, SubType"
                )
            rows = []
            for row in reader:
                text, gold = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
                if not gold:
                    continue
                if gold not in LABELS:
                    raise GoldDataError(f"{path}: unknown label {gold!r} at line {reader.line_num}")
                rows.append((text, gold))
                if limit is not None and len(rows) >= limit:
                    break
    except OSError as exc:
        raise GoldDataError(f"{path}: cannot read ({exc.strerror or exc}); check the path") from exc
    except UnicodeDecodeError as exc:
        raise GoldDataError(f"{path}: not UTF-8 text; expected the CASE 2021 TSV layout") from exc
    if not rows:
        raise GoldDataError(f"{path}: no labelled rows")
    return rows


def _scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    labels = sorted(set(gold))
    return {
        "weighted_f1": float(f1_score(gold, pred, labels=labels, average="weighted", zero_division=0)),
        "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, pred)),
    }


def evaluate(
    path: Path, *, progress: bool = False, limit: int | None = None, pipeline: bool = False
) -> dict[str, Any]:
    """Metrics of sitrep's event typing on ``path`` (first ``limit`` rows if given).

    Keys: n, n_25, weighted_f1_25, macro_f1_25, weighted_f1_30, macro_f1_30, accuracy_30, and
    calibration figures (share of predictions scored >= 0.8 and their accuracy); with ``pipeline``,
    also pipeline_weighted_f1_25, pipeline_macro_f1_25, pipeline_weighted_f1_30 and pipeline_macro_f1_30.
    """
    rows = read_gold(Path(path), limit)
    classifier = get_classifier()
    preds = []
    batches = range(0, len(rows), _BATCH)
    if progress:
        from tqdm import tqdm

        batches = tqdm(batches, desc="case2021", unit="batch", file=sys.stderr)
    for start in batches:
        preds += classifier.predict([text for text, _ in rows[start : start + _BATCH]])
    gold = [g for _, g in rows]
    pred = [p.label for p in preds]
    acled = [i for i, g in enumerate(gold) if g in ACLED_LABELS]
    all_scores = _scores(gold, pred)
    out: dict[str, Any] = {"n": len(rows), "n_25": len(acled)}
    if acled:
        restricted = _scores([gold[i] for i in acled], [pred[i] for i in acled])
        out["weighted_f1_25"] = round(restricted["weighted_f1"], 4)
        out["macro_f1_25"] = round(restricted["macro_f1"], 4)
    out["weighted_f1_30"] = round(all_scores["weighted_f1"], 4)
    out["macro_f1_30"] = round(all_scores["macro_f1"], 4)
    out["accuracy_30"] = round(all_scores["accuracy"], 4)
    confident = [i for i, p in enumerate(preds) if p.score >= 0.8]
    out["share_scored_ge_0.8"] = round(len(confident) / len(rows), 4)
    out["accuracy_scored_ge_0.8"] = (
        round(sum(pred[i] == gold[i] for i in confident) / len(confident), 4) if confident else None
    )
    if pipeline:
        extracted = _pipeline_labels([text for text, _ in rows], pred)
        for suffix, idx in (("25", acled), ("30", list(range(len(rows))))):
            scores = _scores([gold[i] for i in idx], [extracted[i] for i in idx]) if idx else None
            if scores is not None:
                out[f"pipeline_weighted_f1_{suffix}"] = round(scores["weighted_f1"], 4)
                out[f"pipeline_macro_f1_{suffix}"] = round(scores["macro_f1"], 4)
    return out


def _pipeline_labels(texts: list[str], fallback: list[str]) -> list[str]:
    """The label of the main event the pipeline extracts from each snippet read as news, else the
    classifier's label for the whole snippet (a disaster or a crime is no event to the pipeline)."""
    from ..extract import extract
    from ..nlp.pipeline import load_pipeline
    from ..records import Article
    from .acled import main_mention

    nlp = load_pipeline()
    labels = []
    results = extract((Article(text=t) for t in texts), nlp=nlp)
    for (_article, mentions), other in zip(results, fallback, strict=True):
        main = main_mention(mentions)
        labels.append(main.label if main is not None and main.label else other)
    return labels


if __name__ == "__main__":
    print(json.dumps(evaluate(Path(sys.argv[1]), progress=True)))
