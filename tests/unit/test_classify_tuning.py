"""Fine-tuning the sentence model's top layers (needs torch, a training-only dependency)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from sitrep.classify.encoder import SentenceEncoder
from sitrep.classify.tuning import TORCH_MISSING, tune_head


def test_tuning_without_torch_says_how_to_get_it(encoder: SentenceEncoder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now raises ImportError
    with pytest.raises(ValueError, match="torch") as err:
        tune_head(encoder, ["a"], np.array([0]), np.ones(1), 2)
    assert str(err.value) == TORCH_MISSING


def test_tuning_torch_layers_compute_what_the_numpy_encoder_does(encoder: SentenceEncoder) -> None:
    torch = pytest.importorskip("torch")
    from sitrep.classify.tuning import _padded_batches, _pooled, _torch_layer

    texts = ["Troops shelled the town.", "Police arrested two protesters in Nairobi after clashes on Friday."]
    top = torch.nn.ModuleList(_torch_layer(p, encoder.heads, 0.1, torch) for p in encoder.layers[4:]).eval()
    expected = encoder.encode(texts)
    with torch.no_grad():
        for index, x, bias, mask in _padded_batches(encoder.hidden_states(texts, 4), 2, torch):
            got = _pooled(top, x, bias, mask, torch).numpy()
            assert np.allclose(got, expected[index.numpy()], atol=1e-5)


def test_tuning_learns_labels_the_frozen_model_confuses(encoder: SentenceEncoder) -> None:
    pytest.importorskip("torch")
    # Two labels told apart by one word the rest of the sentence does not predict.
    texts = [
        f"The {who} {verb} the convoy near the border."
        for who in ("army", "rebels", "police", "militia")
        for verb in ("ambushed", "escorted")
    ]
    gold = np.array([0 if "ambushed" in t else 1 for t in texts])
    tuned = tune_head(
        encoder,
        texts * 4,
        np.tile(gold, 4),
        np.ones(len(texts) * 4),
        3,
        n_layers=1,
        epochs=6,
        lr=5e-4,
        head_lr=5e-3,
        batch_size=8,
        dropout=0.0,
        log=lambda _m: None,
    )
    assert len(tuned["layers"]) == 1 and len(tuned["layers"][0]) == 12
    assert tuned["coef"].shape == (3, 384) and tuned["intercept"].shape == (3,)
    model = encoder.tuned(tuned["layers"], "test")
    scores = model.encode(texts) @ tuned["coef"].T + tuned["intercept"]
    assert (scores.argmax(axis=1) == gold).all()
    assert not np.allclose(model.layers[-1][0], encoder.layers[-1][0])  # the layer itself was trained
