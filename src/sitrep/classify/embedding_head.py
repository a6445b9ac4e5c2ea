"""The classifier's embedding head: a logistic regression over MiniLM sentence embeddings (training side).

Word n-grams learn ACLED's note style; a sentence embedding carries what a report means whatever its
wording, which is what news snippets need. Embedding every training note would take most of an hour on
a laptop, so the head is fitted on a seeded sample of at most ``per_label`` examples a label; its weight
in the mix is the one that best predicts held-out single sentences (note leads, PLOVER and template
sentences, the validation examples closest to news).

Embeddings are cached on disk by the SHA-1 of the text and the encoder's version
(``$SITREP_CACHE_DIR/classifier_embeddings.npz``), so that retraining with other settings does not
embed the same texts again.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .model import log_softmax

__all__ = ["CachedEncoder", "choose_mix", "fit_head", "layers_tag", "sample_per_label"]


class CachedEncoder:
    """Wraps a sentence encoder with a text -> vector memo, read from and written to ``path``."""

    def __init__(self, encoder: Any, path: Path | None = None, log: Callable[[str], None] = print) -> None:
        self.encoder, self.path, self.log = encoder, path, log
        self.memo: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path) as stored:
                self.memo = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    def key(self, text: str) -> str:
        """The text's SHA-1, salted with the encoder's ``version`` so that vectors of another encoder
        (another model, another GELU form) are never reused."""
        salt = str(getattr(self.encoder, "version", ""))
        return hashlib.sha1((salt + "\x00" + text).encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str], chunk: int = 2000) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.memo}.items())
        for start in range(0, len(missing), chunk):
            part = missing[start : start + chunk]
            vectors = self.encoder.encode([t for _, t in part])
            self.memo.update(zip((k for k, _ in part), vectors, strict=True))
            self.log(f"embedded {min(start + chunk, len(missing))}/{len(missing)} texts")
        return np.stack([self.memo[k] for k in keys]) if keys else np.zeros((0, self.encoder.dim))

    def save(self) -> None:
        if self.path is None or not self.memo:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.memo)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([self.memo[k] for k in keys]))
        tmp.replace(self.path)


def layers_tag(layers: Sequence[Sequence[np.ndarray]]) -> str:
    """A short digest of fine-tuned layers' weights: names them in the tuned encoder's ``version``, so
    cached embeddings of other weights are never reused."""
    digest = hashlib.sha1()
    for layer in layers:
        for parameter in layer:
            digest.update(np.ascontiguousarray(parameter).tobytes())
    return digest.hexdigest()[:12]


def sample_per_label(items: Sequence[Any], label_of: Callable[[Any], str], per_label: int, seed: int) -> list:
    """A seeded sample of at most ``per_label`` items of each label, in a deterministic order."""
    rng = random.Random(seed)
    by_label: dict[str, list] = {}
    for item in items:
        by_label.setdefault(label_of(item), []).append(item)
    out: list = []
    for label in sorted(by_label):
        group = list(by_label[label])
        rng.shuffle(group)
        out += group[:per_label]
    return out


def fit_head(
    vectors: np.ndarray, gold: np.ndarray, weights: np.ndarray, n_labels: int, c: float, seed: int
) -> dict[str, np.ndarray]:
    """A multinomial logistic regression on the vectors; coefficients for all ``n_labels`` labels (a label
    without examples gets a large negative intercept)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    model.fit(vectors, gold, sample_weight=weights)
    coef = np.zeros((n_labels, vectors.shape[1]), dtype=np.float32)
    intercept = np.full(n_labels, -30.0, dtype=np.float32)
    if len(model.classes_) == 2:  # a binary model gives the second class's logit against the first's 0
        coef[model.classes_[0]], intercept[model.classes_[0]] = 0.0, 0.0
        coef[model.classes_[1]], intercept[model.classes_[1]] = model.coef_[0], model.intercept_[0]
    else:
        coef[model.classes_] = model.coef_
        intercept[model.classes_] = model.intercept_
    return {"coef": coef, "intercept": intercept}


def choose_mix(
    words: np.ndarray, embedded: np.ndarray, gold: np.ndarray, grid: Sequence[float] | None = None
) -> tuple[float, dict[str, float]]:
    """The weight of the embedding head's log-probabilities (against the word models') that maximises the
    log-likelihood of ``gold``; also the accuracy at every weight tried."""
    grid = grid if grid is not None else [round(x, 2) for x in np.arange(0.0, 0.81, 0.05)]
    best, best_ll, accuracy = 0.0, -np.inf, {}
    rows = np.arange(len(gold))
    for mix in grid:
        logp = log_softmax((1.0 - mix) * words + mix * embedded)
        ll = float(logp[rows, gold].mean())
        accuracy[f"{mix:.2f}"] = round(float((logp.argmax(axis=1) == gold).mean()), 4)
        if ll > best_ll:
            best, best_ll = float(mix), ll
    return best, accuracy
