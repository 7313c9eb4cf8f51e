"""A new build checked by what answers from it, before it replaces the index in use."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from calculator.calculator import CONFIG_FILE, Calculator
from index.layout import CALCULATOR_DIR, TABLES_FILE, UNITS_FILE
from ingest.manifest import CorpusError
from ingest.model import Document, Unit


def check_build(build_dir: Path) -> None:
    """Build the calculator from a written build (its tables, its document, its corpus files); a file it
    cannot read raises CorpusError naming it, and the ingest keeps the old index."""
    directory = build_dir / CALCULATOR_DIR
    if not (directory / CONFIG_FILE).exists():
        return
    tables = pd.read_parquet(build_dir / TABLES_FILE)
    official = json.loads((build_dir / UNITS_FILE).read_text(encoding="utf-8"))["documents"][0]
    document = Document(
        official["symbol"], official["language"], [Unit.from_dict(u) for u in official["units"]]
    )
    calculator = Calculator(tables, document, directory)
    if not calculator.cube.facts:
        raise CorpusError(f"{directory}: the calculator's configuration locates no figure of the tables")
