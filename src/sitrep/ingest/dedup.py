"""Near-duplicate articles (syndicated copies, re-publications with small edits) by MinHash.

Each article gets a MinHash signature over its word shingles; a ``MinHashLSH`` index finds candidates
and the estimated Jaccard similarity decides. Signatures are stored with the articles
(``Store.signatures``), so an index rebuilt from the store detects copies across runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["DedupOptions", "NearDuplicateIndex", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupOptions:
    """Knobs of near-duplicate detection."""

    #: Estimated Jaccard similarity at or above which an article is a copy of an earlier one.
    threshold: float = 0.5
    #: Words per shingle.
    shingle_size: int = 3
    num_perm: int = 128
    seed: int = 1
    scheme: str = "affine32"


def shingles(text: str, size: int) -> set[str]:
    """Lower-cased word n-grams of ``text`` (the whole text as one shingle when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An in-memory LSH index of original articles' signatures."""

    def __init__(self, options: DedupOptions | None = None) -> None:
        self.options = options or DedupOptions()
        self._lsh = MinHashLSH(threshold=self.options.threshold, num_perm=self.options.num_perm)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> MinHash:
        mh = MinHash(num_perm=self.options.num_perm, seed=self.options.seed, scheme=self.options.scheme)
        mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text, self.options.shingle_size))])
        return mh

    def to_bytes(self, mh: MinHash) -> bytes:
        return np.asarray(mh.hashvalues, dtype="<u8").tobytes()

    def from_bytes(self, data: bytes) -> MinHash:
        values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
        if len(values) != self.options.num_perm:
            raise ValueError(f"stored signature has {len(values)} values, expected {self.options.num_perm}")
        return MinHash(
            num_perm=self.options.num_perm,
            seed=self.options.seed,
            hashvalues=values,
            scheme=self.options.scheme,
        )

    def add(self, article_id: str, mh: MinHash) -> None:
        """Index an original article (no-op when it is indexed already)."""
        if article_id not in self._signatures:
            self._signatures[article_id] = mh
            self._lsh.insert(article_id, mh)

    def load(self, stored: Iterable[tuple[str, bytes]]) -> int:
        """Index stored signatures (``Store.signatures()``); returns how many were added."""
        before = len(self)
        for article_id, data in stored:
            try:
                self.add(article_id, self.from_bytes(data))
            except ValueError:
                continue  # signature made with other options: that article is not indexed
        return len(self) - before

    def find(self, mh: MinHash, exclude: str | None = None) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for key in self._lsh.query(mh):
            if key == exclude:
                continue
            sim = float(mh.jaccard(self._signatures[key]))
            if sim >= self.options.threshold and (best is None or (sim, best[0]) > (best[1], key)):
                best = (key, sim)
        return best
