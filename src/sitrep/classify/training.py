"""Build the training corpus and fit the event classifier (used by ``scripts/train_classifier.py``).

Training data, all normalised with :func:`~sitrep.classify.notes.strip_coder_remarks`:

- ACLED notes from ``acled/extra_2004_2024.csv.gz`` and ``acled/afghanistan_2020_03.csv``;
- ``acled/africa_2016_old_taxonomy.csv`` rows whose old event type names one sub-event type;
- PLOVER gold sentences of diplomatic event kinds as DIPLO examples;
- sitrep's own template phrases (``data/synthetic.json``).

``acled/global_2020_05.csv`` is the held-out ACLED evaluation file and is never read here; nor is any
CASE 2021 file.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from .cues import CueMatcher, load_cue_spec
from .labels import LABELS, label_for, old_type_label
from .model import FORMAT_VERSION, EventClassifier
from .notes import strip_coder_remarks
from .synthetic import expand_templates

__all__ = ["Example", "TrainConfig", "build_corpus", "fit"]

HELD_OUT_FILES = ("global_2020_05.csv",)
ACLED_FILES = ("extra_2004_2024.csv.gz", "afghanistan_2020_03.csv", "africa_2016_old_taxonomy.csv")
#: PLOVER event kinds whose gold sentences are statements or dealings between governments.
PLOVER_DIPLO = ("CONSULT", "COOPERATE", "SUPPORT", "DISAPPROVE", "REJECT", "SANCTION", "DEMAND", "AID", "AGREE")
_CEASEFIRE = re.compile(r"cease-?fire|truce|peace|prisoner|armistice", re.IGNORECASE)


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str  # acled | acled_old | plover | synthetic


@dataclass
class TrainConfig:
    seed: int = 13
    max_features: int = 60000
    min_df: int = 2
    ngram_max: int = 2
    c: float = 4.0
    #: Class weights: each class's total weight is proportional to count ** balance_power (0 = balanced).
    balance_power: float = 0.25
    synthetic_weight: float = 1.0
    per_template: int = 14
    cue_scale: float = 1.0
    boost_scale: float = 1.0
    validation_share: float = 0.1
    max_iter: int = 300
    extra: dict[str, Any] = field(default_factory=dict)


def _open_csv(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        yield from csv.DictReader(handle)


def _acled_examples(data_dir: Path) -> list[Example]:
    out: list[Example] = []
    seen: set[str] = set()
    for name in ACLED_FILES:
        path = data_dir / "acled" / name
        if name in HELD_OUT_FILES or not path.is_file():
            continue
        for row in _open_csv(path):
            sub = (row.get("sub_event_type") or "").strip()
            if sub:
                label, source = label_for(sub), "acled"
            else:
                old = old_type_label(row.get("event_type") or "")
                if old is None:
                    continue
                label, source = old, "acled_old"
            text = strip_coder_remarks(row.get("notes") or "")
            if len(text) < 20 or text in seen:
                continue
            seen.add(text)
            out.append(Example(text, label, source))
    return out


def _plover_examples(data_dir: Path) -> list[Example]:
    path = data_dir / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not path.is_file():
        return []
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for rec in records:
        text = (rec.get("text") or "").strip()
        if not text or rec.get("event") not in PLOVER_DIPLO:
            continue
        if rec["event"] == "AGREE" and _CEASEFIRE.search(text):
            continue  # ceasefires and peace deals are ACLED agreements, not diplomacy
        out.append(Example(text, "DIPLO", "plover"))
    return out


def build_corpus(data_dir: Path, config: TrainConfig) -> list[Example]:
    """Every training example, in a deterministic order."""
    examples = _acled_examples(data_dir) + _plover_examples(data_dir)
    examples += [Example(t, lab, "synthetic") for t, lab in expand_templates(config.seed, config.per_template)]
    unknown = {e.label for e in examples} - set(LABELS)
    if unknown:
        raise ValueError(f"labels outside the label table: {sorted(unknown)}")
    return examples


def _split(examples: list[Example], config: TrainConfig) -> tuple[list[Example], list[Example]]:
    rng = random.Random(config.seed)
    by_label: dict[str, list[Example]] = {}
    for ex in examples:
        by_label.setdefault(ex.label, []).append(ex)
    train, valid = [], []
    for label in sorted(by_label):
        items = by_label[label][:]
        rng.shuffle(items)
        k = max(1, int(round(len(items) * config.validation_share))) if len(items) >= 10 else 0
        valid += items[:k]
        train += items[k:]
    return train, valid


def _weights(examples: list[Example], config: TrainConfig) -> np.ndarray:
    counts = Counter(e.label for e in examples)
    total = len(examples)
    mass = {lab: n**config.balance_power for lab, n in counts.items()}
    norm = total / sum(mass.values())
    w = np.array([mass[e.label] * norm / counts[e.label] for e in examples])
    synth = np.array([e.source == "synthetic" for e in examples])
    w[synth] *= config.synthetic_weight
    return w


def _fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    best_t, best_nll = 1.0, np.inf
    for t in np.arange(0.5, 3.01, 0.05):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -logp[np.arange(len(gold)), gold].mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def fit(examples: list[Example], config: TrainConfig, *, log=print) -> tuple[dict[str, Any], dict[str, Any]]:
    """Train on ``examples``; returns (artifact, report). The artifact is what ``joblib.dump`` saves."""
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    train, valid = _split(examples, config)
    labels = tuple(LABELS)
    cues = CueMatcher(labels, load_cue_spec())
    vectorizer = TfidfVectorizer(
        lowercase=True,
        strip_accents="unicode",
        token_pattern=r"(?u)\b[^\W\d_][\w'-]*\b",
        ngram_range=(1, config.ngram_max),
        min_df=config.min_df,
        max_features=config.max_features,
        sublinear_tf=True,
        dtype=np.float32,
    )

    def featurize(items: list[Example], fit_vocab: bool = False) -> sparse.csr_matrix:
        texts = [e.text for e in items]
        words = vectorizer.fit_transform(texts) if fit_vocab else vectorizer.transform(texts)
        return sparse.hstack([words, cues.transform(texts) * config.cue_scale], format="csr")

    log(f"training on {len(train)} examples, validating on {len(valid)}")
    x_train = featurize(train, fit_vocab=True)
    y_train = np.array([e.label for e in train])
    model = LogisticRegression(C=config.c, max_iter=config.max_iter, random_state=config.seed)
    model.fit(x_train, y_train, sample_weight=_weights(train, config))
    model.coef_ = model.coef_.astype(np.float32)
    artifact: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "sklearn_version": sklearn.__version__,
        "labels": labels,
        "vectorizer": vectorizer,
        "model": model,
        "cues": cues,
        "cue_scale": config.cue_scale,
        "boost_scale": config.boost_scale,
        "temperature": 1.0,
    }
    clf = EventClassifier(artifact)
    texts = [e.text for e in valid]
    gold = np.array([labels.index(e.label) for e in valid])
    logits = np.log(np.clip(clf.predict_proba(texts), 1e-12, 1.0))
    artifact["temperature"] = _fit_temperature(logits, gold)
    clf = EventClassifier(artifact)
    probs = clf.predict_proba(texts)
    pred = probs.argmax(axis=1)
    top = probs.max(axis=1)
    confident = top >= 0.8
    real = np.array([e.source != "synthetic" for e in valid])
    report = {
        "train_examples": len(train),
        "validation_examples": len(valid),
        "by_source": dict(Counter(e.source for e in examples)),
        "by_label": dict(sorted(Counter(e.label for e in examples).items())),
        "temperature": artifact["temperature"],
        "validation_accuracy": round(float((pred == gold).mean()), 4),
        "validation_weighted_f1_real": round(
            float(f1_score(gold[real], pred[real], average="weighted", zero_division=0)), 4
        ),
        "validation_share_scored_ge_0.8": round(float(confident.mean()), 4),
        "validation_accuracy_scored_ge_0.8": round(float((pred[confident] == gold[confident]).mean()), 4),
        "config": {k: v for k, v in vars(config).items() if k != "extra"},
    }
    artifact["info"] = report
    return artifact, report
