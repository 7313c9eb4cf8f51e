"""Retrieval: citation lookup without search, and (next) bilingual hybrid search over the index."""
