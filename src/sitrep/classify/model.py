"""The event-type classifier: a scikit-learn model trained by ``scripts/train_classifier.py`` plus cue rules.

Scoring, for each text:

1. TF-IDF word n-grams (stemmed tokens; optionally character n-grams too) and one binary feature per
   label whose cues fire go into one or more linear models, whose log-probabilities are averaged: a
   multinomial logistic regression (calibrated by construction) and a one-vs-rest linear SVM whose
   decision values become probabilities through a softmax with a scale fitted on held-out data;
   when the artifact has an ``embedding`` head and the sentence model is installed
   (:mod:`~sitrep.classify.encoder`), a linear head over the text's MiniLM sentence embedding is mixed
   in with the weight ``mix`` (log-linear), chosen at training time on held-out sentences, for the texts
   whose score from the word models alone (after step 2) is below ``below``; the artifact carries the
   model's top layers as fine-tuned with that head (``layers``, :mod:`~sitrep.classify.tuning`), which
   replace the packaged model's own;
2. each label whose cues fire gets its ``weight`` (``data/cues.json``) times ``boost_scale`` added to its
   log-probability, and the scores are renormalised (softmax), with a temperature fitted at training
   time on held-out data so that the final scores stay calibrated.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from sitrep.errors import ModelError

from .cues import CueMatcher
from .labels import event_type_for, sub_event_type_for

__all__ = ["ARTIFACT_PATH", "EventClassifier", "Prediction", "get_classifier", "load_classifier"]

ARTIFACT_PATH = Path(__file__).resolve().parent / "data" / "event_classifier.joblib"
FORMAT_VERSION = 1
_EPS = 1e-12  # keeps log() finite where a probability underflowed to zero


@dataclass(frozen=True)
class Prediction:
    """The event type of one snippet."""

    label: str  # CASE 2021 label (AIR_STRIKE, ..., NATURAL_DISASTER)
    event_type: str | None  # ACLED event type, None for the five classes outside ACLED
    sub_event_type: str | None  # ACLED sub-event type, None likewise
    score: float  # calibrated probability of ``label``
    scores: dict[str, float] = field(default_factory=dict, compare=False)  # label -> probability


class EventClassifier:
    """Wraps the trained artifact; :meth:`predict` is vectorised and thread-safe."""

    def __init__(self, artifact: dict[str, Any]) -> None:
        self.labels: tuple[str, ...] = tuple(artifact["labels"])
        self.vectorizer = artifact["vectorizer"]
        self.char_vectorizer = artifact.get("char_vectorizer")
        #: (model, margin scale) pairs whose log-probabilities are averaged; one model in older artifacts.
        self.members: list[tuple[Any, float]] = [
            (m["model"], float(m.get("margin_scale", 1.0)))
            for m in artifact.get("members") or [{"model": artifact["model"]}]
        ]
        self.model = self.members[0][0]
        self.cues: CueMatcher = artifact["cues"]
        self.cue_scale = float(artifact["cue_scale"])
        self.boost_scale = float(artifact["boost_scale"])
        self.temperature = float(artifact.get("temperature", 1.0))
        #: {"coef": (labels x 384), "intercept": (labels,), "mix": weight, "below": score} in ``self.labels``
        #: order, or None.
        self.embedding: dict[str, Any] | None = artifact.get("embedding")
        self._encoder: Any = None
        self.info: dict[str, Any] = dict(artifact.get("info", {}))
        order = [list(self.model.classes_).index(label) for label in self.labels]
        self._order = np.asarray(order)
        self._meta = [(event_type_for(label), sub_event_type_for(label)) for label in self.labels]

    def features(self, texts: Sequence[str], cues: sparse.csr_matrix | None = None) -> sparse.csr_matrix:
        """Model input: TF-IDF word n-grams and the scaled cue indicators."""
        blocks = [self.vectorizer.transform(texts)]
        if self.char_vectorizer is not None:
            blocks.append(self.char_vectorizer.transform(texts))
        if cues is None:
            cues = self.cues.transform(list(texts))
        return sparse.hstack([*blocks, cues * self.cue_scale], format="csr")

    def base_log_proba(self, texts: Sequence[str], cues: sparse.csr_matrix | None = None) -> np.ndarray:
        """Log-probabilities of the learned models alone (columns in ``self.labels`` order): the normalised
        mean of the members' log-probabilities. A margin model (linear SVM) gives them as the softmax of
        its scaled decision values."""
        x = self.features(texts, cues)
        total = np.zeros((x.shape[0], len(self.labels)))
        for model, margin_scale in self.members:
            if hasattr(model, "predict_log_proba"):
                total += model.predict_log_proba(x)[:, self._order]
            else:
                total += log_softmax(model.decision_function(x)[:, self._order] * margin_scale)
        return log_softmax(total / len(self.members))

    @property
    def encoder(self) -> Any:
        """The sentence encoder of the embedding head (:func:`~sitrep.classify.encoder.get_encoder` unless
        one was assigned, e.g. a caching one during training); None when the model is not installed."""
        if self._encoder is None:
            from .encoder import get_encoder

            encoder = get_encoder()
            layers = (self.embedding or {}).get("layers")
            if encoder is not None and layers:
                encoder = encoder.tuned(layers, self.embedding.get("layers_tag", "artifact"))
            self._encoder = encoder or False
        return self._encoder or None

    @encoder.setter
    def encoder(self, value: Any) -> None:
        self._encoder = value

    def embedding_log_proba(self, vectors: np.ndarray) -> np.ndarray:
        """Log-probabilities of the embedding head alone for (texts x 384) sentence vectors."""
        head = self.embedding
        if head is None:
            raise ValueError("this classifier has no embedding head")
        return log_softmax(vectors @ head["coef"].T + head["intercept"])

    def predict_proba(self, texts: Sequence[str], *, words_only: bool = False) -> np.ndarray:
        """Final calibrated probabilities (texts x labels, ``self.labels`` order); ``words_only`` leaves
        the embedding head out."""
        texts = [t or "" for t in texts]
        if not texts:
            return np.zeros((0, len(self.labels)))
        cues = self.cues.transform(texts)
        words = self.base_log_proba(texts, cues)
        probs = self._finish(words, cues)
        head = self.embedding
        if words_only or head is None or (encoder := self.encoder) is None:
            return probs
        # Only texts the word models are unsure of are embedded (the costly step): above ``below`` the
        # mix changed no prediction on the validation sentences.
        unsure = np.flatnonzero(probs.max(axis=1) < float(head.get("below", 1.0)))
        if unsure.size:
            mix = float(head["mix"])
            vectors = encoder.encode([texts[i] for i in unsure])
            mixed = log_softmax((1.0 - mix) * words[unsure] + mix * self.embedding_log_proba(vectors))
            probs[unsure] = self._finish(mixed, cues[unsure])
        return probs

    def _finish(self, logits: np.ndarray, cues: sparse.csr_matrix) -> np.ndarray:
        """Cue bonus, temperature and normalisation of the models' log-probabilities."""
        if self.boost_scale:
            logits = logits + self.boost_scale * (cues.toarray() * self.cues.weights)
        logits = logits / self.temperature
        logits = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        return probs / probs.sum(axis=1, keepdims=True)

    def predict(
        self,
        texts: Sequence[str],
        *,
        context: str | None = None,
        context_weight: float | Sequence[float] = 0.0,
    ) -> list[Prediction]:
        """One :class:`Prediction` per text, in order.

        ``context`` is the text the snippets come from (the story a sentence belongs to): each snippet's
        log-probabilities are mixed with the context's, the context weighing ``context_weight`` (0 to 1;
        one weight for all texts or one per text). A sentence that says only "two were killed" is typed
        by what the story is about.
        """
        if isinstance(texts, str):
            raise TypeError("predict() takes a sequence of texts; wrap a single text in a list")
        texts = list(texts)
        weights = np.broadcast_to(np.asarray(context_weight, dtype=float), (len(texts),))
        if ((weights < 0.0) | (weights > 1.0)).any():
            raise ValueError(f"context_weight must lie in [0, 1], not {context_weight}")
        with_context = bool(context) and bool((weights > 0.0).any())
        probs = self.predict_proba(texts)
        if with_context:
            # The story is typed by the word models alone: its embedding (the first 128 word pieces of a
            # long text) would cost as much as several sentences' and says less about any one of them.
            story = self.predict_proba([context], words_only=True)[0]
            w = weights[:, None]
            logits = (1.0 - w) * np.log(probs + _EPS) + w * np.log(story + _EPS)
            probs = np.exp(log_softmax(logits))
        out = []
        for row in probs:
            best = int(row.argmax())
            event_type, sub_event_type = self._meta[best]
            scores = {label: float(p) for label, p in zip(self.labels, row, strict=True)}
            out.append(Prediction(self.labels[best], event_type, sub_event_type, float(row[best]), scores))
        return out


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log-softmax, shifted by each row's maximum so that exp() cannot overflow."""
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def load_classifier(path: Path = ARTIFACT_PATH) -> EventClassifier:
    """Load an artifact written by ``scripts/train_classifier.py``; ``ModelError`` if it cannot be used."""
    if not path.is_file():
        raise ModelError(
            f"event classifier artifact not found at {path}; "
            "rebuild it with `python scripts/train_classifier.py`"
        )
    try:
        import joblib

        artifact = joblib.load(path)
    except Exception as exc:  # unpickling errors come in many types
        raise ModelError(
            f"cannot load the event classifier at {path} ({type(exc).__name__}: {exc}); "
            "rebuild it with `python scripts/train_classifier.py` under the pinned scikit-learn"
        ) from exc
    if not isinstance(artifact, dict) or artifact.get("format") != FORMAT_VERSION:
        raise ModelError(f"{path} is not a sitrep event classifier (format {FORMAT_VERSION}); rebuild it")
    return EventClassifier(artifact)


_LOCK = threading.Lock()
_CACHE: dict[Path, EventClassifier] = {}


def get_classifier(path: Path = ARTIFACT_PATH) -> EventClassifier:
    """The shared classifier, loaded once per process."""
    with _LOCK:
        if path not in _CACHE:
            _CACHE[path] = load_classifier(path)
        return _CACHE[path]
