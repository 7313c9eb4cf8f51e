"""Vector stores behind one small protocol: Chroma (on disk or server) and an in-memory fake."""

from vectorstore.base import Hit, VectorStore, VectorStoreError
from vectorstore.chroma import ChromaStore, drop_collection, list_collections
from vectorstore.memory import InMemoryStore

__all__ = [
    "ChromaStore",
    "Hit",
    "InMemoryStore",
    "VectorStore",
    "VectorStoreError",
    "drop_collection",
    "list_collections",
]
