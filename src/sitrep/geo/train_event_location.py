"""Train the event-location model (``data/event_location_model.json``) from labelled sentences.

    python -m sitrep.geo.train_event_location PATH [--folds 5] [--c 0.5] [--threshold 0.2]

PATH is a JSONL file (gzipped or not) in the layout :mod:`sitrep.evaluate.event_location` reads: a
sentence, its tokens, the event VERB and zero or more LOCATION spans. Every toponym that sitrep's
recogniser finds in the trigger's sentence is one example, labelled positive when it overlaps a gold
LOCATION; its features are syntactic only (:mod:`sitrep.geo.event_features`), never the place's name.
The script reports token-level precision/recall/F1 by cross-validation over sentences (the honest
figure: an evaluation on the training file itself reads high), then fits on all sentences and writes
the weights with that report.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

__all__ = ["build_examples", "main"]


def build_examples(
    path: Path, limit: int | None = None
) -> tuple[list[tuple[int, list[str], int, set[int]]], list[set[int]]]:
    """(sentence index, features, label, token ids) of every candidate, and each sentence's gold token ids."""
    from ..evaluate.event_location import _token_ids, read_records
    from ..nlp.pipeline import load_model
    from . import component  # noqa: F401  (registers the factory)
    from .event_features import pair_features
    from .event_location import get_location_model

    records = read_records(path)[:limit]
    nlp = load_model()
    nlp.add_pipe(
        "sitrep_toponyms_v1", config={"relative_locations": False, "fallback_to_document_place": False}
    )
    model = get_location_model()
    rows: list[tuple[int, list[str], int, set[int]]] = []
    golds: list[set[int]] = []
    for k, (rec, doc) in enumerate(
        zip(records, nlp.pipe((r["text"] for r in records), batch_size=64), strict=True)
    ):
        tokens = rec["tokens"]
        by_id = {t["id"]: t for t in tokens}
        gold: set[int] = set()
        for s in rec["spans"]:
            if s["label"] == "LOCATION":
                gold.update(range(s["token_start"], s["token_end"] + 1))
        golds.append(gold)
        verb = next(s for s in rec["spans"] if s["label"] == "VERB")
        vtok = by_id.get(verb["token_start"])
        span = doc.char_span(vtok["start"], vtok["end"], alignment_mode="expand") if vtok else None
        if span is None or not len(span):
            continue
        trigger = span.root
        sent = trigger.sent
        cands = [s for s in doc._.sitrep_toponyms or [] if s.start >= sent.start and s.end <= sent.end]
        for c in cands:
            others = [o for o in cands if o.start != c.start]
            feats = pair_features(c, trigger, others, model.speech_verbs, model.area_words)
            ids = _token_ids(tokens, c.start_char, c.end_char)
            rows.append((k, feats, int(bool(ids & gold)), ids))
    return rows, golds


def _choose(probs: list[tuple[float, list[str], set[int]]], threshold: float) -> set[int]:
    """Token ids chosen from one sentence's candidates, as :func:`choose_event_locations` does."""
    if not probs:
        return set()
    ranked = sorted(probs, key=lambda x: -x[0])
    if ranked[0][0] < threshold:
        return set()
    out = set(ranked[0][2])
    for p, feats, ids in ranked[1:]:
        if p >= threshold and ("conj_of_candidate" in feats or "has_candidate_conj" in feats):
            out |= ids
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def main(argv: list[str] | None = None) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--threshold", type=float, default=0.2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    rows, golds = build_examples(args.path, args.limit)
    n_gold = sum(len(g) for g in golds)

    def fit(indices: list[int]):
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(rows[i][1], 1) for i in indices])
        clf = LogisticRegression(C=args.c, max_iter=3000).fit(x, [rows[i][2] for i in indices])
        return vec, clf

    tp = n_pred = 0
    for fold in range(args.folds):
        train = [i for i, r in enumerate(rows) if r[0] % args.folds != fold]
        test = [i for i, r in enumerate(rows) if r[0] % args.folds == fold]
        vec, clf = fit(train)
        probs = clf.predict_proba(vec.transform([dict.fromkeys(rows[i][1], 1) for i in test]))[:, 1]
        by_sentence: dict[int, list[tuple[float, list[str], set[int]]]] = {}
        for i, p in zip(test, probs, strict=True):
            by_sentence.setdefault(rows[i][0], []).append((float(p), rows[i][1], rows[i][3]))
        for k, cands in by_sentence.items():
            chosen = _choose(cands, args.threshold)
            tp += len(chosen & golds[k])
            n_pred += len(chosen)
    report = _prf(tp, n_pred, n_gold)

    vec, clf = fit(list(range(len(rows))))
    weights = {
        name: round(float(w), 4)
        for name, w in sorted(zip(vec.get_feature_names_out(), clf.coef_[0], strict=True))
        if abs(w) >= 1e-4
    }
    out = args.out or Path(str(resources.files("sitrep.geo") / "data" / "event_location_model.json"))
    payload = {
        "_doc": "Logistic weights of sitrep.geo.event_location (written by sitrep.geo.train_event_location).",
        "trained_on": {"file": args.path.name, "sentences": len(golds), "candidates": len(rows)},
        "cross_validation": {"folds": args.folds, **report},
        "c": args.c,
        "threshold": args.threshold,
        "intercept": round(float(clf.intercept_[0]), 4),
        "weights": weights,
    }
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"cross_validation": report, "features": len(weights), "out": str(out)}))


if __name__ == "__main__":
    main()
