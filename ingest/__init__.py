"""Ingestion: the corpus parsed into a citable document model, tidy tables, chunks and an index."""
