"""Embeddings kept by (embedder, text hash) in SQLite, so an unchanged text is never embedded twice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from embeddings import Embedder


class EmbeddingCache:
    """A small persistent map from (embedder name, sha256 of text) to a float32 vector."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT, sha TEXT, dim INTEGER, vec BLOB, "
            "PRIMARY KEY (embedder, sha))"
        )

    def close(self) -> None:
        self.db.close()

    def embed(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        shas: Sequence[str],
        batch: int = 32,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for the texts, embedding only those not cached; returns (vectors, newly embedded)."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(shas), 500):
            keys = list(shas[start : start + 500])
            marks = ",".join("?" * len(keys))
            rows = self.db.execute(
                f"SELECT sha, dim, vec FROM vectors WHERE embedder = ? AND sha IN ({marks})",
                [embedder.name, *keys],
            ).fetchall()
            for sha, dim, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if dim == embedder.dim and vec.shape == (dim,):
                    found[sha] = vec
        todo = [i for i, sha in enumerate(shas) if sha not in found]
        done = len(texts) - len(todo)
        if progress:
            progress(done, len(texts))
        for start in range(0, len(todo), batch):
            idx = todo[start : start + batch]
            vectors = embedder.embed_passages([texts[i] for i in idx])
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                    [
                        (embedder.name, shas[i], embedder.dim, v.astype(np.float32).tobytes())
                        for i, v in zip(idx, vectors, strict=True)
                    ],
                )
            for i, v in zip(idx, vectors, strict=True):
                found[shas[i]] = v.astype(np.float32)
            done += len(idx)
            if progress:
                progress(done, len(texts))
        matrix = np.stack([found[s] for s in shas]) if shas else np.zeros((0, embedder.dim), np.float32)
        return matrix, len(todo)
