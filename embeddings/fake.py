"""Deterministic model-free embedder for tests: hashed character n-grams."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from embeddings.base import as_text_list, l2_normalise


class FakeEmbedder:
    """Hash character unigrams and bigrams into ``dim`` signed buckets, then L2-normalise.

    Stable across processes (blake2b, not the salted ``hash()``); texts sharing characters
    get similar vectors. ``calls`` counts the texts embedded so far (passages and queries).
    """

    def __init__(self, dim: int = 64) -> None:
        if dim < 2:
            raise ValueError("dim must be >= 2")
        self.dim = dim
        self.name = f"fake:{dim}"
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        chars = text.lower()
        features = list(chars) + [chars[i : i + 2] for i in range(len(chars) - 1)]
        vector = np.zeros(self.dim, dtype=np.float32)
        for feature in features or ["\x00empty"]:
            digest = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")
            vector[digest % self.dim] += 1.0 if digest >> 63 else -1.0
        if not vector.any():  # every feature cancelled out; keep the row unit length
            vector[0] = 1.0
        return vector

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents; shape (n, dim)."""
        items = as_text_list(texts)
        self.calls += len(items)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalise(np.stack([self._vector(text) for text in items]))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query exactly like a passage; shape (dim,)."""
        self.calls += 1
        return l2_normalise(self._vector(text))
