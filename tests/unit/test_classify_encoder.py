"""The numpy MiniLM sentence encoder and the classifier's embedding head (training helpers, mixing)."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.classify.embedding_head import CachedEncoder, choose_mix, fit_head, layers_tag, sample_per_label
from sitrep.classify.encoder import (
    SentenceEncoder,
    _batches,
    _gelu,
    _layer_norm,
    attention_bias,
    get_encoder,
    model_dir,
)
from sitrep.classify.model import log_softmax


def test_encoder_layer_norm_and_gelu_values() -> None:
    x = np.array([[1.0, 2.0, 3.0, 4.0]], dtype=np.float32)
    y = _layer_norm(x, np.ones(4, dtype=np.float32), np.zeros(4, dtype=np.float32))
    assert abs(float(y.mean())) < 1e-6 and abs(float(y.std()) - 1.0) < 1e-4
    g = _gelu(np.array([-1.0, 0.0, 1.0], dtype=np.float32))
    assert g.dtype == np.float32  # no silent float64 (twice as slow)
    assert np.allclose(g, [-0.158655, 0.0, 0.841345], atol=1e-3)  # the exact (erf) values


def test_encoder_gives_unit_vectors_that_order_by_meaning(encoder: SentenceEncoder) -> None:
    texts = [
        "Soldiers fought rebels outside the town for three hours.",
        "Government troops clashed with insurgents near the village.",
        "The central bank raised interest rates by a quarter point.",
    ]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.5 > sims[0, 2]
    assert sims[0, 1] > sims[1, 2] + 0.3


def test_encoder_is_independent_of_batching_and_padding(encoder: SentenceEncoder) -> None:
    short, long_ = "Police arrested two men.", "Protesters marched to parliament " * 6 + "on Friday."
    together = encoder.encode([short, long_], batch_size=2)  # the short one is padded in this batch
    alone = np.vstack([encoder.encode([short]), encoder.encode([long_])])
    assert np.allclose(together, alone, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)
    assert np.allclose(encoder.encode([""]), encoder.encode([" "]))


def test_encoder_truncates_long_texts(encoder: SentenceEncoder) -> None:
    head = "Militants attacked an army post and killed four soldiers. "
    one, two = encoder.encode([head * 40, head * 40 + "The weather was fine afterwards. " * 40])
    assert np.allclose(one, two, atol=1e-6)  # both cut at the same first word pieces


def test_encoder_model_dir_points_at_the_weights() -> None:
    folder = model_dir()
    if folder is None:
        pytest.skip("sentence model package not installed")
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()


class _CountingEncoder:
    dim = 2

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_cached_encoder_embeds_each_text_once_and_survives_a_reload(tmp_path) -> None:  # type: ignore[no-untyped-def]
    inner = _CountingEncoder()
    cached = CachedEncoder(inner, tmp_path / "emb.npz", log=lambda _m: None)
    first = cached.encode(["ab", "abc", "ab"])
    assert first[:, 0].tolist() == [2.0, 3.0, 2.0]
    assert sorted(inner.seen) == ["ab", "abc"]
    cached.save()
    again = CachedEncoder(_CountingEncoder(), tmp_path / "emb.npz", log=lambda _m: None)
    assert again.encode(["abc"])[0, 0] == 3.0 and again.encoder.seen == []


def test_sample_per_label_caps_each_label_reproducibly() -> None:
    items = [("a", i) for i in range(10)] + [("b", i) for i in range(3)]
    one = sample_per_label(items, lambda x: x[0], 4, seed=1)
    assert [x[0] for x in one].count("a") == 4 and [x[0] for x in one].count("b") == 3
    assert one == sample_per_label(items, lambda x: x[0], 4, seed=1)


def test_fit_head_covers_labels_without_examples() -> None:
    rng = np.random.default_rng(0)
    vectors = np.vstack([rng.normal(0, 0.1, (20, 3)) + [1, 0, 0], rng.normal(0, 0.1, (20, 3)) + [0, 1, 0]])
    gold = np.array([0] * 20 + [2] * 20)  # label 1 never seen
    head = fit_head(vectors.astype(np.float32), gold, np.ones(40), n_labels=3, c=10.0, seed=0)
    probs = np.exp(log_softmax(np.array([[1, 0, 0], [0, 1, 0]]) @ head["coef"].T + head["intercept"]))
    assert probs.argmax(axis=1).tolist() == [0, 2]
    assert probs[:, 1].max() < 1e-6


def test_choose_mix_prefers_the_informative_model() -> None:
    gold = np.array([0, 1, 0, 1])
    useless = np.log(np.full((4, 2), 0.5))
    right = np.log(np.array([[0.9, 0.1], [0.1, 0.9], [0.9, 0.1], [0.1, 0.9]]))
    mix, accuracy = choose_mix(useless, right, gold, grid=[0.0, 0.5, 1.0])
    assert mix == 1.0 and accuracy["1.00"] == 1.0
    mix, _ = choose_mix(right, useless, gold, grid=[0.0, 0.5, 1.0])
    assert mix == 0.0


class _FixedEncoder:
    dim = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def _artifact_with_head(mix: float, label: str, below: float = 1.01) -> dict:
    import joblib

    from sitrep.classify.model import ARTIFACT_PATH

    if not ARTIFACT_PATH.is_file():
        pytest.skip("classifier artifact not built")
    artifact = joblib.load(ARTIFACT_PATH)
    labels = list(artifact["labels"])
    coef = np.zeros((len(labels), 384), dtype=np.float32)
    coef[labels.index(label), 0] = 50.0  # the fixed vector says "label", overwhelmingly
    intercept = np.zeros(len(labels), np.float32)
    artifact["embedding"] = {"coef": coef, "intercept": intercept, "mix": mix, "below": below}
    return artifact


def test_model_mixes_the_embedding_head_by_its_weight_for_unsure_texts() -> None:
    from sitrep.classify.model import EventClassifier

    text = ["Fighter jets bombed rebel positions outside the city overnight."]
    words_only = EventClassifier({**_artifact_with_head(0.0, "ORG_CRIME"), "embedding": None})
    plain = words_only.predict_proba(text)
    for mix, below, expect_org_crime in ((0.0, 1.01, False), (0.6, 1.01, True), (0.6, 0.0, False)):
        clf = EventClassifier(_artifact_with_head(mix, "ORG_CRIME", below))
        clf.encoder = _FixedEncoder()
        mixed = clf.predict_proba(text)
        assert (clf.labels[int(mixed.argmax())] == "ORG_CRIME") is expect_org_crime
        assert abs(float(mixed.sum()) - 1.0) < 1e-6
        if not expect_org_crime:  # mix 0, or the text scored above ``below``: never embedded
            assert np.allclose(mixed, plain, atol=1e-6)
    # Without the sentence model installed the head is skipped: the word models' answer stands.
    clf = EventClassifier(_artifact_with_head(0.6, "ORG_CRIME"))
    clf.encoder = False
    assert clf.encoder is None
    assert np.allclose(clf.predict_proba(text), plain, atol=1e-6)


def test_encoder_can_be_switched_off_by_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SITREP_SENTENCE_MODEL", "off")
    get_encoder.cache_clear()
    try:
        assert get_encoder() is None
    finally:
        monkeypatch.delenv("SITREP_SENTENCE_MODEL")
        get_encoder.cache_clear()
    assert (get_encoder() is None) == (model_dir() is None)


def test_encoder_batches_texts_of_like_length_only() -> None:
    lengths = [5, 6, 20, 21, 22, 128]
    assert _batches([0, 1, 2, 3, 4, 5], lengths, size=32) == [[0, 1], [2, 3, 4], [5]]
    assert _batches([2, 3, 4], lengths, size=2) == [[2, 3], [4]]


def test_encoder_hidden_states_and_remaining_layers_give_the_embedding(encoder: SentenceEncoder) -> None:
    texts = ["Rebels seized two villages.", "A car bomb exploded near the market in the capital."]
    states = encoder.hidden_states(texts, 4)
    assert [s.shape[1] for s in states] == [384, 384] and len(states[1]) > len(states[0])
    # Batched with a longer text or alone, a text's states are the same (its padding takes no attention).
    similar = ["Rebels seized three small villages.", texts[0]]  # one word piece longer: one batch
    assert np.allclose(encoder.hidden_states(similar, 4, batch_size=2)[1], states[0], atol=1e-5)
    for state, expected in zip(states, encoder.encode(texts), strict=True):
        x = SentenceEncoder.run_layers(
            state[None], attention_bias(np.ones((1, len(state)))), encoder.layers[4:]
        )
        pooled = x[0].mean(0)
        assert np.allclose(pooled / np.linalg.norm(pooled), expected, atol=1e-5)


def test_encoder_tuned_copy_replaces_only_the_top_layers(encoder: SentenceEncoder) -> None:
    texts = ["Troops shelled the town.", "Students marched peacefully."]
    same = encoder.tuned(encoder.layers[-1:], "same")
    assert np.allclose(same.encode(texts), encoder.encode(texts), atol=1e-6)
    assert same.version != encoder.version and "tuned-same" in same.version
    changed = [p.copy() for p in encoder.layers[-1]]
    changed[7] = changed[7] + 0.5  # the intermediate bias of the last layer
    other = encoder.tuned([tuple(changed)], "other")
    assert not np.allclose(other.encode(texts), encoder.encode(texts), atol=1e-3)
    assert np.allclose(encoder.encode(texts), same.encode(texts), atol=1e-6)  # the original is untouched
    assert len(other.layers) == len(encoder.layers) and other.layers[0] is encoder.layers[0]
    with pytest.raises(ValueError):
        encoder.tuned([], "none")


def test_layers_tag_names_the_weights() -> None:
    a = [(np.ones(3, dtype=np.float16), np.zeros(2, dtype=np.float16))]
    b = [(np.ones(3, dtype=np.float16), np.full(2, 0.5, dtype=np.float16))]
    assert layers_tag(a) == layers_tag([tuple(p.copy() for p in a[0])]) != layers_tag(b)
    assert len(layers_tag(a)) == 12
