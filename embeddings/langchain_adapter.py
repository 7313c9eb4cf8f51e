"""Any Embedder as a LangChain Embeddings object (imported on demand: langchain_core is slow to load)."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from embeddings.base import Embedder


class LangChainEmbeddings(Embeddings):
    """Expose any Embedder as a ``langchain_core`` Embeddings object."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed documents with the wrapped embedder's passage encoding."""
        return self.embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a query with the wrapped embedder's query encoding."""
        return self.embedder.embed_query(text).tolist()
