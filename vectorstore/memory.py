"""In-process brute-force VectorStore on numpy: the fake for tests, same contract as Chroma."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from vectorstore.base import Hit, VectorStoreError, check_query_vector, check_records, normalise_where

_MISSING = object()
_ORDER_OPS = {
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
}


def _same(a: Any, b: Any) -> bool:
    """Chroma equality: bools only equal bools, numbers compare numerically, strs equal strs."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


def _field_matches(value: Any, condition: Any) -> bool:
    op, operand = next(iter(condition.items())) if isinstance(condition, dict) else ("$eq", condition)
    if isinstance(condition, dict) and len(condition) != 1:
        raise VectorStoreError(f"expected exactly one operator, got {condition!r}")
    if op in ("$in", "$nin"):
        if not isinstance(operand, list) or not operand or len({type(x) for x in operand}) != 1:
            raise VectorStoreError(f"{op} needs a non-empty list of values of one type, got {operand!r}")
        found = value is not _MISSING and any(_same(value, x) for x in operand)
        return found if op == "$in" else not found
    if op in ("$eq", "$ne"):
        equal = value is not _MISSING and _same(value, operand)
        return equal if op == "$eq" else not equal
    if op in _ORDER_OPS:
        if isinstance(operand, bool) or not isinstance(operand, int | float):
            raise VectorStoreError(f"{op} needs an int or float operand, got {operand!r}")
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return numeric and _ORDER_OPS[op](value, operand)
    raise VectorStoreError(f"unsupported filter operator {op!r}")


def matches(metadata: dict, where: dict) -> bool:
    """True if ``metadata`` satisfies a normalised Chroma-style ``where`` filter."""
    if len(where) != 1:
        raise VectorStoreError(f"expected exactly one field or operator, got {where!r}")
    ((key, value),) = where.items()
    if key == "$and":
        return all(matches(metadata, clause) for clause in value)
    if key == "$or":
        return any(matches(metadata, clause) for clause in value)
    if key.startswith("$"):
        raise VectorStoreError(f"unsupported logical operator {key!r}")
    return _field_matches(metadata.get(key, _MISSING), value)


class InMemoryStore:
    """Records kept in process memory; exact cosine search over all of them."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._ids: list[str] = []
        self._vectors: list[np.ndarray] = []
        self._documents: list[str] = []
        self._metadatas: list[dict] = []
        self._matrix: np.ndarray | None = None  # stacked _vectors, rebuilt lazily after add()

    def add(
        self, ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str], metadatas: Sequence[dict]
    ) -> None:
        """Add records; an id already present is replaced."""
        matrix = check_records(ids, vectors, documents, metadatas)
        dim = self._vectors[0].shape[0] if self._vectors else matrix.shape[1] if len(matrix) else None
        if dim is not None and matrix.shape[1] != dim:
            raise VectorStoreError(f"collection expects vectors of dimension {dim}, got {matrix.shape[1]}")
        for record_id, row, document, metadata in zip(ids, matrix, documents, metadatas, strict=True):
            norm = float(np.linalg.norm(row))
            record = (row / norm if norm > 0 else row.copy(), str(document), dict(metadata))
            position = self._index.get(record_id)
            if position is None:
                self._index[record_id] = len(self._ids)
                self._ids.append(record_id)
                self._vectors.append(record[0])
                self._documents.append(record[1])
                self._metadatas.append(record[2])
            else:
                self._vectors[position], self._documents[position], self._metadatas[position] = record
        self._matrix = None

    def query(self, vector: np.ndarray, k: int = 10, where: dict | None = None) -> list[Hit]:
        """Return up to ``k`` records matching ``where``, most similar first."""
        query = check_query_vector(vector)
        where = normalise_where(where)
        if k < 1 or not self._ids:
            return []
        if self._matrix is None:
            self._matrix = np.stack(self._vectors)
        if query.shape[0] != self._matrix.shape[1]:
            raise VectorStoreError(
                f"query has dimension {query.shape[0]}, collection {self._matrix.shape[1]}"
            )
        norm = float(np.linalg.norm(query))
        scores = self._matrix @ (query / norm) if norm > 0 else np.zeros(len(self._ids), np.float32)
        allowed = [i for i, meta in enumerate(self._metadatas) if where is None or matches(meta, where)]
        best = sorted(allowed, key=lambda i: -scores[i])[:k]
        return [
            Hit(self._ids[i], float(scores[i]), self._documents[i], dict(self._metadatas[i])) for i in best
        ]

    def count(self) -> int:
        """Number of records."""
        return len(self._ids)

    def get(self, ids: Sequence[str]) -> list[Hit]:
        """Records with these ids, in the order asked, skipping unknown ids."""
        positions = [self._index[i] for i in dict.fromkeys(ids) if i in self._index]
        return [Hit(self._ids[p], 1.0, self._documents[p], dict(self._metadatas[p])) for p in positions]

    def drop(self) -> None:
        """Forget every record."""
        for part in (self._index, self._ids, self._vectors, self._documents, self._metadatas):
            part.clear()
        self._matrix = None
