"""A new build checked by what answers from it, before it replaces the index in use."""

from __future__ import annotations

from pathlib import Path

from assistant.assistant import open_calculator
from index.reader import Index
from ingest.manifest import CorpusError


def check_build(build_dir: Path) -> None:
    """Build the calculator from a written build (its tables, its document, its corpus files); a file it
    cannot read raises CorpusError naming it, and the ingest keeps the old index."""
    calculator = open_calculator(Index.being_written(build_dir))
    if calculator is not None and not calculator.cube.facts:
        raise CorpusError(f"{build_dir}: the calculator's configuration locates no figure of the tables")
