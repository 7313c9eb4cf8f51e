"""Embedder backed by any sentence-transformers model, loaded offline on CPU."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import EmbedderError, as_text_list, l2_normalise

INSTALL_HINT = "install the 'st' extra: pip install -e '.[st]'"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local directory or the local Hugging Face cache.

    Never downloads: a hub name is loaded with ``local_files_only=True``, so a model that is
    not cached fails fast with an EmbedderError. Models whose name contains "e5" get E5's
    "query: " / "passage: " prefixes. The model loads on first use (or on ``load()``).
    """

    def __init__(self, model: str, batch_size: int = 32) -> None:
        if not model.strip():
            raise EmbedderError("sentence-transformers model name or path is empty")
        path = Path(model).expanduser()
        self.is_local = path.is_dir()
        self.model = str(path.resolve()) if self.is_local else model
        self.name = f"st:{self.model}"
        self.batch_size = batch_size
        base = path.name.lower() if self.is_local else model.rstrip("/").rsplit("/", 1)[-1].lower()
        self.prefixes = ("query: ", "passage: ") if "e5" in base else ("", "")
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> SentenceTransformerEmbedder:
        """Load the model now (to fail fast); return self."""
        with self._lock:
            self._load()
        return self

    def _load(self) -> Any:
        """Return the loaded model; call with the lock held."""
        if self._model is not None:
            return self._model
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderError(f"sentence-transformers is not installed; {INSTALL_HINT}") from e
        if not self.is_local and self.model.startswith(("/", ".", "~")):
            raise EmbedderError(f"sentence-transformers model directory {self.model!r} does not exist")
        try:
            self._model = SentenceTransformer(self.model, device="cpu", local_files_only=True)
        except Exception as e:
            where = "could not be loaded from" if self.is_local else "is not available offline (not in the"
            suffix = "" if self.is_local else " local Hugging Face cache; downloads are disabled)"
            raise EmbedderError(
                f"sentence-transformers model {self.model!r} {where}{suffix}: {_first_line(e)}"
            ) from None
        return self._model

    @property
    def dim(self) -> int:
        """Embedding dimension (loads the model)."""
        with self._lock:
            model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            model = self._load()
            vectors = model.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return l2_normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents; shape (n, dim)."""
        items = as_text_list(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode([self.prefixes[1] + text for text in items])

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query; shape (dim,)."""
        return self._encode([self.prefixes[0] + text])[0]
