"""Train the event-location model (``data/event_location_model.json``) from labelled sentences.

    python -m sitrep.geo.train_event_location PATH [--folds 5] [--seed 0] [--learner trees|logistic]

PATH is a JSONL file (gzipped or not) in the layout :mod:`sitrep.evaluate.event_location` reads: a
sentence, its tokens, the event VERB and zero or more LOCATION spans. Every candidate place of the
trigger's sentence (:mod:`sitrep.geo.event_candidates`) is one example, labelled positive when it
overlaps a gold LOCATION; its features are syntactic and contextual (:mod:`sitrep.geo.event_features`),
never the place's name. Three things are learned, each from the training sentences only:

1. the boundary table: the trailing words the gold spans leave out ("district") and the following
   ones they take in, by how often they do (at least ``MIN_EDGE_COUNT`` times);
2. the context vocabulary: common words (lemmas) frequent enough around candidates to be features;
3. the candidate scorer, and the decision thresholds picked from a fixed grid. The scorer is gradient-
   boosted trees (``--learner trees``: LightGBM on one thread, exported to plain arrays saved beside the
   JSON as ``*.trees.joblib``; features count together, "in" attached to the trigger matters more when
   no rival place is nearer) or a logistic model whose weights are written into the JSON
   (``--learner logistic``).

The script reports token-level precision/recall/F1 by cross-validation, in folds fixed by ``--seed``
and grouped by text (a sentence labelled once per verb sits in one fold; each fold learns 1-3 anew:
the honest figure), then fits on all sentences and writes the model with that report. Each training
fits the trees ``INNER_FOLDS`` + 1 times (held-out probabilities for the thresholds, then on all its
sentences): the whole run (5 folds and the final fit) takes about 7 minutes on one core once the
sentences are parsed; the parsed sentences are read from or written to ``--cache DIR`` (spaCy DocBin).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from .event_candidates import Boundaries, coordinated, find_candidates
from .event_features import FeatureCues, pair_features
from .event_location import TreeScorer, excluded

__all__ = [
    "Example",
    "assign_folds",
    "build_examples",
    "choose_ids",
    "cross_validate",
    "learn_boundaries",
    "main",
]

MIN_EDGE_COUNT = 5
MIN_CONTEXT_COUNT = 15
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
EXTRA_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
CONJ_THRESHOLDS = (0.02, 0.05, 0.1, 0.2, 0.3, 1.01)
#: The thresholds are picked on held-out probabilities from this many inner folds of the training texts.
INNER_FOLDS = 5
#: The trees read the features seen in at least this many training candidates, in this many rounds.
MIN_TREE_DF = 20
TREE_ITERATIONS = 300

#: (sentence index, features, label, gold-file token ids, coordinated candidates' row numbers)
Example = tuple[int, list[str], int, set[int], set[int]]


def _gold(rec: dict) -> set[int]:
    gold: set[int] = set()
    for s in rec["spans"]:
        if s["label"] == "LOCATION":
            gold.update(range(s["token_start"], s["token_end"] + 1))
    return gold


def _trigger(rec: dict, doc: Doc):
    by_id = {t["id"]: t for t in rec["tokens"]}
    verb = next(s for s in rec["spans"] if s["label"] == "VERB")
    vtok = by_id.get(verb["token_start"])
    span = doc.char_span(vtok["start"], vtok["end"], alignment_mode="expand") if vtok else None
    return span.root if span is not None and len(span) else None


def parse(records: list[dict], cache: Path | None = None) -> list[Doc]:
    """The records' sentences parsed with sitrep's toponyms (read from / written to ``cache``)."""
    from ..nlp.pipeline import load_model
    from . import component  # noqa: F401  (registers the factory)

    nlp = load_model()
    nlp.add_pipe(
        "sitrep_toponyms_v1", config={"relative_locations": False, "fallback_to_document_place": False}
    )
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=64))
    if cache is not None:
        _write_cache(docs, cache)
    return docs


def _write_cache(docs: list[Doc], cache: Path) -> None:
    from spacy.tokens import DocBin

    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache / "docs.spacy")
    rows = []
    for doc in docs:
        rows.append(
            [
                [s.start, s.end, s._.sitrep_role, s._.sitrep_place.feature if s._.sitrep_place else "-"]
                for s in doc._.sitrep_toponyms or []
            ]
        )
    (cache / "toponyms.json").write_text(json.dumps(rows), encoding="utf-8")


def read_cache(cache: Path) -> list[Doc]:
    """Docs written by :func:`parse` with their toponyms (places reduced to their feature level)."""
    import spacy
    from spacy.tokens import DocBin

    from ..nlp import extensions  # noqa: F401
    from ..records import Place

    docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(spacy.blank("en").vocab))
    rows = json.loads((cache / "toponyms.json").read_text(encoding="utf-8"))
    for doc, spans in zip(docs, rows, strict=True):
        out = []
        for start, end, role, feature in spans:
            span = doc[start:end]
            span._.sitrep_role = role
            span._.sitrep_place = None if feature == "-" else Place(name="", lat=0, lon=0, feature=feature)
            out.append(span)
        doc._.sitrep_toponyms = out
    return docs


def _token_ids(tokens: list[dict], start_char: int, end_char: int) -> set[int]:
    return {t["id"] for t in tokens if t["start"] < end_char and t["end"] > start_char}


def learn_boundaries(
    records: list[dict], docs: list[Doc], labels: frozenset[str], keep: list[int]
) -> Boundaries:
    """Step 1: which trailing words gold spans drop and which following words they take in."""
    last: Counter = Counter()
    last_in: Counter = Counter()
    nxt: Counter = Counter()
    nxt_in: Counter = Counter()
    for k in keep:
        rec, doc = records[k], docs[k]
        trigger = _trigger(rec, doc)
        gold = _gold(rec)
        if trigger is None or not gold:
            continue
        tokens = rec["tokens"]
        for cand in find_candidates(doc, trigger.sent, labels):
            span = cand.span
            if not _token_ids(tokens, span.start_char, span.end_char) & gold:
                continue
            if len(span) > 1:
                word = span[-1]
                last[word.text] += 1
                last_in[word.text] += bool(_token_ids(tokens, word.idx, word.idx + len(word)) & gold)
            if span.end < trigger.sent.end:
                word = doc[span.end]
                nxt[word.text] += 1
                nxt_in[word.text] += bool(_token_ids(tokens, word.idx, word.idx + len(word)) & gold)
    return Boundaries(
        drop_last=frozenset(w for w, n in last.items() if n >= MIN_EDGE_COUNT and last_in[w] / n < 0.5),
        take_next=frozenset(w for w, n in nxt.items() if n >= MIN_EDGE_COUNT and nxt_in[w] / n > 0.5),
    )


def learn_context_words(docs: list[Doc], keep: list[int]) -> frozenset[str]:
    """Step 2: common-word lemmas seen at least ``MIN_CONTEXT_COUNT`` times (no labels used)."""
    counts: Counter = Counter()
    for k in keep:
        for t in docs[k]:
            # Written in lower case: a common word, never a name or a demonym ("Syrian").
            if t.pos_ in ("NOUN", "ADJ", "VERB") and not t.is_stop and t.is_lower:
                counts[t.lemma_.lower() or t.lower_] += 1
    return frozenset(w for w, n in counts.items() if n >= MIN_CONTEXT_COUNT)


def build_examples(
    records: list[dict], docs: list[Doc], labels: frozenset[str], bounds: Boundaries, cues: FeatureCues
) -> tuple[list[Example], list[set[int]]]:
    """Every candidate of every sentence as an example, and each sentence's gold token ids."""
    from .gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    rows: list[Example] = []
    golds: list[set[int]] = []
    for k, (rec, doc) in enumerate(zip(records, docs, strict=True)):
        gold = _gold(rec)
        golds.append(gold)
        trigger = _trigger(rec, doc)
        if trigger is None:
            continue
        cands = find_candidates(doc, trigger.sent, labels, bounds, gazetteer=gazetteer)
        first = len(rows)
        for c, links in zip(cands, coordinated(cands), strict=True):
            others = [o for o in cands if o is not c]
            feats = pair_features(c, trigger, others, cues)
            ids = _token_ids(rec["tokens"], c.span.start_char, c.span.end_char)
            rows.append((k, feats, int(bool(ids & gold)), ids, {first + n for n in links}))
    return rows, golds


def choose_ids(
    cands: list[tuple[int, float, set[int], set[int]]], thresholds: tuple[float, float, float]
) -> set[int]:
    """Token ids chosen from one sentence's (row, probability, ids, linked rows), as at run time."""
    from .event_location import select

    index = {row: n for n, (row, _, _, _) in enumerate(cands)}
    links = [{index[r] for r in linked if r in index} for _, _, _, linked in cands]
    picked = select([p for _, p, _, _ in cands], links, *thresholds)
    out: set[int] = set()
    for n in picked:
        out |= cands[n][2]
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


class _Trees:
    """Gradient-boosted trees (LightGBM, one thread, on the sparse rows) over the features seen in at least
    ``MIN_TREE_DF`` training candidates, with the logistic model's ``predict_proba`` interface.

    scikit-learn's HistGradientBoosting needs dense rows and scans every column at every node: with some
    3,000 binary columns one fit on the whole file took over 12 minutes; LightGBM bundles the exclusive
    sparse columns and fits in seconds."""

    def __init__(self, x, y) -> None:
        import lightgbm
        import numpy as np

        df = np.asarray((x > 0).sum(axis=0)).ravel()
        self.cols = np.where(df >= MIN_TREE_DF)[0]
        params = {
            "objective": "binary",
            "learning_rate": 0.1,
            "num_leaves": 31,
            "min_data_in_leaf": 20,
            "lambda_l2": 1.0,
            "max_bin": 2,
            "num_threads": 1,
            "seed": 0,
            "deterministic": True,
            "verbose": -1,
        }
        data = lightgbm.Dataset(x[:, self.cols].astype(np.float32), label=np.asarray(y, dtype=np.float32))
        self.model = lightgbm.train(params, data, num_boost_round=TREE_ITERATIONS)

    def predict_proba(self, x):
        import numpy as np

        p = self.model.predict(x[:, self.cols].astype(np.float32), num_threads=1)
        return np.column_stack([1.0 - p, p])


def _fit(rows: list[Example], indices: list[int], c: float, learner: str = "trees"):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = _int32(vec.fit_transform([dict.fromkeys(rows[i][1], 1) for i in indices]))
    y = [rows[i][2] for i in indices]
    if learner == "trees":
        return vec, _Trees(x, y)
    if learner != "logistic":
        raise ValueError(f"unknown learner {learner!r}: use trees or logistic")
    return vec, LogisticRegression(C=c, solver="liblinear", max_iter=5000).fit(x, y)


def _int32(matrix):
    """liblinear takes 32-bit sparse indices only."""
    import numpy as np

    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    return matrix


def _probabilities(rows, indices, vec, clf) -> dict[int, list[tuple[int, float, set[int], set[int]]]]:
    probs = clf.predict_proba(_int32(vec.transform([dict.fromkeys(rows[i][1], 1) for i in indices])))[:, 1]
    out: dict[int, list[tuple[int, float, set[int], set[int]]]] = {}
    for i, p in zip(indices, probs, strict=True):
        p = 0.0 if excluded(rows[i][1]) else float(p)
        out.setdefault(rows[i][0], []).append((i, p, rows[i][3], rows[i][4]))
    return out


def _score(by_sentence, golds, sentences, thresholds) -> tuple[int, int, int]:
    tp = n_pred = 0
    for k in sentences:
        chosen = choose_ids(by_sentence.get(k, []), thresholds)
        tp += len(chosen & golds[k])
        n_pred += len(chosen)
    return tp, n_pred, sum(len(golds[k]) for k in sentences)


def _pick_thresholds(by_sentence, golds, sentences) -> tuple[float, float, float]:
    """(threshold, extra, conj) with the best F1 on ``sentences`` (grids ``THRESHOLDS`` etc.).

    A sentence's choice depends on ``threshold`` only through whether its best candidate reaches it, so
    each (extra, conj) pair is scored once per sentence and the thresholds are tried on the sums."""
    n_gold = sum(len(golds[k]) for k in sentences)
    tops = {k: max((p for _, p, _, _ in by_sentence.get(k, [])), default=-1.0) for k in sentences}
    f1s = {}
    for e in EXTRA_THRESHOLDS:
        for c in CONJ_THRESHOLDS:
            counts = []
            for k in sentences:
                chosen = choose_ids(by_sentence.get(k, []), (-1.0, e, c))
                counts.append((tops[k], len(chosen & golds[k]), len(chosen)))
            for t in THRESHOLDS:
                tp = sum(a for top, a, _ in counts if top >= t)
                n_pred = sum(b for top, _, b in counts if top >= t)
                f1s[t, e, c] = _prf(tp, n_pred, n_gold)["f1"]
    best = (-1.0, (THRESHOLDS[0], EXTRA_THRESHOLDS[-1], THRESHOLDS[0]))
    for t in THRESHOLDS:  # the first of equals in this order
        for e in EXTRA_THRESHOLDS:
            for c in CONJ_THRESHOLDS:
                if f1s[t, e, c] > best[0]:
                    best = (f1s[t, e, c], (t, e, c))
    return best[1]


def train(
    records: list[dict],
    docs: list[Doc],
    keep: list[int],
    labels: frozenset[str],
    base: FeatureCues,
    c: float,
    learner: str = "trees",
):
    """Steps 1-3 on the sentences ``keep``: (bounds, cues, rows, golds, vec, clf, thresholds).

    The thresholds are picked on held-out probabilities of every sentence of ``keep``: an inner
    ``INNER_FOLDS``-fold split of its texts (grouped), each part scored by trees fitted on the others.
    One held-out fifth alone gave thresholds that moved from fold to fold (0.15 to 0.25).
    """
    bounds = learn_boundaries(records, docs, labels, keep)
    cues = FeatureCues(base.speech_verbs, base.area_words, learn_context_words(docs, keep))
    rows, golds = build_examples(records, docs, labels, bounds, cues)
    keep_set = set(keep)
    inner = dict(zip(keep, assign_folds([records[k] for k in keep], INNER_FOLDS, seed=1), strict=True))
    held: dict[int, list[tuple[int, float, set[int], set[int]]]] = {}
    for part in range(INNER_FOLDS):
        fit_rows = [i for i, r in enumerate(rows) if r[0] in keep_set and inner[r[0]] != part]
        vec, clf = _fit(rows, fit_rows, c, learner)
        test_rows = [i for i, r in enumerate(rows) if r[0] in keep_set and inner[r[0]] == part]
        held.update(_probabilities(rows, test_rows, vec, clf))
    thresholds = _pick_thresholds(held, golds, sorted(keep))
    vec, clf = _fit(rows, [i for i, r in enumerate(rows) if r[0] in keep_set], c, learner)
    return bounds, cues, rows, golds, vec, clf, thresholds


def assign_folds(records: list[dict], folds: int, seed: int) -> list[int]:
    """Each record's fold: whole texts go to one fold in a seeded order, so a sentence labelled twice
    (once for each of two verbs) is never both trained on and tested."""
    texts = sorted({r["text"] for r in records})
    random.Random(seed).shuffle(texts)
    fold_of = {text: n % folds for n, text in enumerate(texts)}
    return [fold_of[r["text"]] for r in records]


def cross_validate(
    records: list[dict],
    docs: list[Doc],
    labels: frozenset[str],
    base: FeatureCues,
    c: float,
    folds: int,
    seed: int,
    learner: str = "trees",
) -> dict[str, float]:
    """Token P/R/F1 over all sentences, each scored by a model trained without its fold."""
    fold_of = assign_folds(records, folds, seed)
    tp = n_pred = n_gold = 0
    for fold in range(folds):
        keep = [k for k in range(len(records)) if fold_of[k] != fold]
        test = [k for k in range(len(records)) if fold_of[k] == fold]
        _, _, rows, golds, vec, clf, thresholds = train(records, docs, keep, labels, base, c, learner)
        test_set = set(test)
        by_sentence = _probabilities(rows, [i for i, r in enumerate(rows) if r[0] in test_set], vec, clf)
        a, b, g = _score(by_sentence, golds, test, thresholds)
        tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + g
    return _prf(tp, n_pred, n_gold)


def main(argv: list[str] | None = None) -> None:
    from ..evaluate.event_location import read_records
    from .event_location import read_cues

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--c", type=float, default=1.0, help="the logistic model's inverse regularisation")
    parser.add_argument("--learner", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder of parsed sentences (read or written)"
    )
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    records = read_records(args.path)[: args.limit]
    if args.cache is not None and (args.cache / "docs.spacy").exists():
        docs = read_cache(args.cache)[: args.limit]
    else:
        docs = parse(records, args.cache)
    labels, base = read_cues()
    report = {} if args.no_cv else cross_validate(
        records, docs, labels, base, args.c, args.folds, args.seed, args.learner
    )
    everything = list(range(len(records)))
    bounds, cues, rows, golds, vec, clf, (threshold, extra, conj) = train(
        records, docs, everything, labels, base, args.c, args.learner
    )
    out = args.out or Path(str(resources.files("sitrep.geo") / "data" / "event_location_model.json"))
    trees_file, columns = None, []
    if args.learner == "trees":
        import joblib

        trees_file = out.with_suffix(".trees.joblib").name
        columns = [str(name) for name in vec.get_feature_names_out()[clf.cols]]
        trees = TreeScorer.export_lightgbm(clf.model)
        joblib.dump({"columns": columns, "trees": trees}, out.with_name(trees_file), compress=3)
        weights, intercept = {}, 0.0
    else:
        weights = {
            name: round(float(w), 4)
            for name, w in sorted(zip(vec.get_feature_names_out(), clf.coef_[0], strict=True))
            if abs(w) >= 1e-3
        }
        intercept = round(float(clf.intercept_[0]), 4)
    payload = {
        "_doc": "Weights of sitrep.geo.event_location (written by sitrep.geo.train_event_location).",
        "trained_on": {"file": args.path.name, "sentences": len(golds), "candidates": len(rows)},
        "cross_validation": {"folds": args.folds, "seed": args.seed, **report},
        "learner": args.learner,
        "trees": trees_file,
        "c": args.c,
        "threshold": threshold,
        "extra_threshold": extra,
        "conj_threshold": conj,
        "drop_last": sorted(bounds.drop_last),
        "take_next": sorted(bounds.take_next),
        "context_words": sorted(cues.context_words),
        "intercept": intercept,
        "weights": weights,
    }
    out.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {"thresholds": [threshold, extra, conj], "features": len(weights) or len(columns)}
    print(json.dumps({"cross_validation": report, **summary}))


if __name__ == "__main__":
    main()
