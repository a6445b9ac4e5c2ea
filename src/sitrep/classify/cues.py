"""Rule cues kept as data: per-label trigger lexicons from ``data/cues.json``.

Patterns are lower-case regular expressions, matched on word boundaries in the lower-cased text.
A :class:`CueMatcher` says which labels' cues fire in a text. The classifier uses the result twice: as
features the model learns weights for, and as a fixed log-odds bonus (each label's ``weight``), so that
codebook knowledge carries the rare sub-types that have few training examples.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

__all__ = ["CueMatcher", "load_cue_spec"]

_DATA = Path(__file__).resolve().parent / "data" / "cues.json"


def load_cue_spec(path: Path = _DATA) -> dict[str, Any]:
    """The ``cues`` table of the JSON file: label -> {"weight": float, "patterns": [regex, ...]}."""
    return json.loads(path.read_text(encoding="utf-8"))["cues"]


@dataclass
class CueMatcher:
    """Compiled cue lexicons for an ordered list of labels."""

    labels: tuple[str, ...]
    spec: dict[str, Any]

    def __post_init__(self) -> None:
        self._regexes: list[re.Pattern[str] | None] = []
        self.weights = np.zeros(len(self.labels))
        for i, label in enumerate(self.labels):
            entry = self.spec.get(label)
            if not entry or not entry.get("patterns"):
                self._regexes.append(None)
                continue
            body = "|".join(f"(?:{p})" for p in entry["patterns"])
            # Texts are lower-cased before matching: faster than re.IGNORECASE, same result for
            # lower-case patterns.
            self._regexes.append(re.compile(rf"\b(?:{body})\b"))
            self.weights[i] = float(entry.get("weight", 0.0))

    def __getstate__(self) -> dict[str, Any]:
        return {"labels": self.labels, "spec": self.spec}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.labels = state["labels"]
        self.spec = state["spec"]
        self.__post_init__()

    def matches(self, text: str) -> dict[str, list[str]]:
        """label -> the cue strings found in ``text`` (labels without a hit left out)."""
        found: dict[str, list[str]] = {}
        text = text.lower()
        for label, regex in zip(self.labels, self._regexes, strict=True):
            if regex is None:
                continue
            hits = [m.group(0) for m in regex.finditer(text)]
            if hits:
                found[label] = hits
        return found

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Binary matrix (texts x labels): 1 where a label's cues fire."""
        rows, cols = [], []
        for r, text in enumerate(texts):
            text = text.lower()
            for c, regex in enumerate(self._regexes):
                if regex is not None and regex.search(text):
                    rows.append(r)
                    cols.append(c)
        data = np.ones(len(rows))
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), len(self.labels)))
