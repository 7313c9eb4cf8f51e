"""VectorStore protocol, the Hit it returns, its error type and shared input checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

Scalar = str | int | float | bool


class VectorStoreError(RuntimeError):
    """A vector store is unreachable, missing, corrupt, or rejected a request."""


@dataclass(frozen=True)
class Hit:
    """One stored record; ``score`` is cosine similarity (higher is better, 1.0 from ``get``)."""

    id: str
    score: float
    document: str
    metadata: dict[str, Scalar] = field(default_factory=dict, hash=False)


@runtime_checkable
class VectorStore(Protocol):
    """A collection of (id, vector, document, metadata) records searched by cosine similarity.

    ``where`` uses Chroma's filter syntax: ``{"kind": "paragraph"}``,
    ``{"kind": {"$in": ["paragraph", "table"]}}``, ``{"$and": [{...}, {...}]}``, ``$or``,
    ``$eq $ne $gt $gte $lt $lte $in $nin``.
    """

    def add(
        self, ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str], metadatas: Sequence[dict]
    ) -> None:
        """Add records; an id already present is replaced."""
        ...

    def query(self, vector: np.ndarray, k: int = 10, where: dict | None = None) -> list[Hit]:
        """Return up to ``k`` records matching ``where``, most similar first."""
        ...

    def count(self) -> int:
        """Number of records."""
        ...

    def get(self, ids: Sequence[str]) -> list[Hit]:
        """Records with these ids, in the order asked, skipping unknown ids (score 1.0)."""
        ...

    def drop(self) -> None:
        """Delete the whole collection."""
        ...


def check_records(
    ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str], metadatas: Sequence[dict]
) -> np.ndarray:
    """Validate an ``add`` batch and return the vectors as a 2-D float32 array."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2:
        raise VectorStoreError(f"vectors must be 2-D (n, dim), got shape {matrix.shape}")
    if not len(ids) == len(matrix) == len(documents) == len(metadatas):
        raise VectorStoreError(
            f"add() needs equal lengths: {len(ids)} ids, {len(matrix)} vectors, "
            f"{len(documents)} documents, {len(metadatas)} metadatas"
        )
    if len(set(ids)) != len(ids):
        raise VectorStoreError("add() got duplicate ids in one batch")
    for record_id, metadata in zip(ids, metadatas, strict=True):
        for key, value in metadata.items():
            if not isinstance(key, str) or not isinstance(value, Scalar):
                raise VectorStoreError(
                    f"metadata of {record_id!r}: {key!r} must map a str to str/int/float/bool, "
                    f"got {type(value).__name__}"
                )
    return matrix


def check_query_vector(vector: np.ndarray) -> np.ndarray:
    """Return a query vector as 1-D float32."""
    array = np.asarray(vector, dtype=np.float32)
    if array.ndim != 1:
        raise VectorStoreError(f"query vector must be 1-D, got shape {array.shape}")
    return array


def normalise_where(where: dict[str, Any] | None) -> dict[str, Any] | None:
    """Rewrite a filter into the strict form Chroma accepts.

    ``{}`` becomes None (no filter), a dict with several fields becomes an ``$and`` of
    one-field dicts, and an ``$and``/``$or`` of a single clause becomes that clause.
    """
    if not where:
        return None
    if not isinstance(where, dict):
        raise VectorStoreError(f"where must be a dict, got {type(where).__name__}")
    if len(where) > 1:
        return normalise_where({"$and": [{key: value} for key, value in where.items()]})
    ((key, value),) = where.items()
    if key in ("$and", "$or"):
        if not isinstance(value, list) or not value:
            raise VectorStoreError(f"{key} needs a non-empty list of filters, got {value!r}")
        clauses = [clause for clause in (normalise_where(item) for item in value) if clause]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {key: clauses}
    return where
