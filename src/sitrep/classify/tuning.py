"""Fine-tuning the sentence model's top layers with the classifier's embedding head (training side).

A logistic regression over frozen MiniLM embeddings (``embedding_head.fit_head``) can only weigh what the
pretrained model already separates. Here the top ``n_layers`` transformer layers are trained together with
the linear head, on the same weighted sample, so that the sentence vectors themselves learn what tells an
air strike from shelling or a protest from a riot. The layers below stay frozen and are run once, by the
numpy encoder that also runs at prediction time; torch trains only the layers above them, starting from
the model's own weights. The result is plain arrays in the encoder's layer layout
(:data:`sitrep.classify.encoder.LAYER_PARAMETERS`): prediction needs numpy alone, training needs torch
(``pip install torch==2.13.0``, a CPU build is enough: about 4 minutes an epoch for two layers on 16,000
examples on one core).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .encoder import Layer, SentenceEncoder

__all__ = ["TORCH_MISSING", "VECTOR_SCALE", "tune_head"]

#: The head reads unit sentence vectors times this (a logistic regression on unit vectors needs large
#: weights; scaling the input lets the optimiser start from small ones). Folded into the exported weights.
VECTOR_SCALE = 20.0
TORCH_MISSING = (
    "fine-tuning the sentence model needs torch (pip install torch==2.13.0, a CPU build), "
    "or train the frozen embedding head instead (--set embedding_tune_layers=0)"
)


def tune_head(
    encoder: SentenceEncoder,
    texts: Sequence[str],
    gold: np.ndarray,
    weights: np.ndarray,
    n_labels: int,
    *,
    n_layers: int = 2,
    epochs: int = 3,
    lr: float = 1e-4,
    head_lr: float = 1e-3,
    batch_size: int = 32,
    dropout: float = 0.1,
    seed: int = 13,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train the encoder's top ``n_layers`` layers and a linear head on (texts, gold label indices), each
    example weighing ``weights``; returns ``{"coef", "intercept", "layers"}`` for the artifact (the head
    reads the unit sentence vector of the tuned encoder, ``encoder.tuned(layers, ...)``)."""
    try:
        import torch
    except ImportError as exc:
        raise ValueError(TORCH_MISSING) from exc
    torch.manual_seed(seed)
    rng = random.Random(seed)
    frozen = len(encoder.layers) - n_layers
    log(f"fine-tuning: running the {frozen} frozen layers on {len(texts)} texts")
    states = encoder.hidden_states(texts, frozen)
    batches = _padded_batches(states, batch_size, torch)
    y = torch.as_tensor(np.asarray(gold), dtype=torch.long)
    w = torch.as_tensor(np.asarray(weights), dtype=torch.float32)
    top = torch.nn.ModuleList(
        _torch_layer(layer, encoder.heads, dropout, torch) for layer in encoder.layers[frozen:]
    )
    head = torch.nn.Linear(encoder.dim, n_labels)
    optimiser = torch.optim.AdamW(
        [{"params": top.parameters(), "lr": lr}, {"params": head.parameters(), "lr": head_lr}],
        weight_decay=0.01,
    )
    steps = max(1, epochs * len(batches))
    warmup = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / warmup) * max(0.0, (steps - step) / steps)
    )
    parameters = [*top.parameters(), *head.parameters()]
    for epoch in range(epochs):
        rng.shuffle(batches)
        top.train()
        total = 0.0
        for index, x, bias, mask in batches:
            logits = head(_pooled(top, x, bias, mask, torch) * VECTOR_SCALE)
            losses = torch.nn.functional.cross_entropy(logits, y[index], reduction="none")
            loss = (losses * w[index]).sum() / w[index].sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        log(f"fine-tuning: epoch {epoch + 1}/{epochs}, mean weighted loss {total / len(batches):.4f}")
    layers = [tuple(p.detach().numpy().astype(np.float32) for p in layer.weights) for layer in top]
    return {
        "coef": (head.weight.detach().numpy() * VECTOR_SCALE).astype(np.float32),
        "intercept": head.bias.detach().numpy().astype(np.float32),
        "layers": layers,
    }


def _padded_batches(states: list[np.ndarray], size: int, torch: Any) -> list[tuple[Any, ...]]:
    """(example indices, padded states, attention bias, mask) for runs of like-length examples."""
    order = sorted(range(len(states)), key=lambda i: len(states[i]))
    out = []
    for start in range(0, len(order), size):
        index = order[start : start + size]
        length = max(len(states[i]) for i in index)
        x = np.zeros((len(index), length, states[index[0]].shape[1]), dtype=np.float32)
        mask = np.zeros((len(index), length), dtype=np.float32)
        for row, i in enumerate(index):
            x[row, : len(states[i])] = states[i]
            mask[row, : len(states[i])] = 1.0
        bias = (1.0 - mask[:, None, None, :]) * np.float32(-1e9)
        out.append((torch.as_tensor(index), torch.as_tensor(x), torch.as_tensor(bias), torch.as_tensor(mask)))
    return out


def _pooled(top: Any, x: Any, bias: Any, mask: Any, torch: Any) -> Any:
    """Unit mean-pooled vectors after the trainable layers, as the encoder computes them."""
    for layer in top:
        x = layer(x, bias)
    weights = mask.unsqueeze(-1)
    pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1.0)
    return torch.nn.functional.normalize(pooled, dim=-1)


def _torch_layer(params: Layer, heads: int, dropout: float, torch: Any) -> Any:
    """One transformer layer in torch, computing what ``SentenceEncoder.run_layers`` computes (plus
    dropout while training), its parameters initialised from ``params``."""
    functional = torch.nn.functional

    class TorchLayer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.weights = torch.nn.ParameterList(
                torch.nn.Parameter(torch.tensor(np.asarray(p, dtype=np.float32))) for p in params
            )

        def forward(self, x: Any, bias: Any) -> Any:
            qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, out_w, out_b, ln2_w, ln2_b = self.weights
            batch, length, dim = x.shape
            qkv = (x @ qkv_w + qkv_b).view(batch, length, 3, heads, dim // heads).permute(2, 0, 3, 1, 4)
            scores = qkv[0] @ qkv[1].transpose(-1, -2) / math.sqrt(dim // heads) + bias
            attention = functional.dropout(scores.softmax(-1), dropout, self.training)
            attended = (attention @ qkv[2]).transpose(1, 2).reshape(batch, length, dim)
            drop = functional.dropout(attended @ o_w + o_b, dropout, self.training)
            x = functional.layer_norm(x + drop, (dim,), ln1_w, ln1_b, eps=1e-12)
            inner = functional.gelu(x @ i_w + i_b, approximate="tanh") @ out_w + out_b
            drop = functional.dropout(inner, dropout, self.training)
            return functional.layer_norm(x + drop, (dim,), ln2_w, ln2_b, eps=1e-12)

    return TorchLayer()
