"""The built index on disk: parsed units, chunks, tidy tables and the vector store, swapped atomically."""
