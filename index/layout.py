"""Where a build lives in the data directory, and the CURRENT pointer that selects one.

data/
  CURRENT                 the id of the build in use (replaced atomically)
  builds/<id>/            one complete build: build.json, units.json, chunks.jsonl, tables.parquet,
                          tables/<table>.csv, glossary.csv, calculator/ (the calculator's
                          corpus files), chroma/ (embedded store)
  builds/.tmp-<uuid>/     a build in progress; removed if an ingest was interrupted
  cache/embeddings.sqlite embeddings by (embedder, text hash), so unchanged text is never re-embedded
  .lock                   held while an ingest runs
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FORMAT = 4  # bump when the files of a build change shape; older builds must be re-ingested
BUILD_FILE = "build.json"
UNITS_FILE = "units.json"
CHUNKS_FILE = "chunks.jsonl"
TABLES_FILE = "tables.parquet"
WIDE_DIR = "tables"
CHROMA_DIR = "chroma"
GLOSSARY_FILE = "glossary.csv"
CALCULATOR_DIR = "calculator"  # the calculator's corpus files as the build was made with, under these names:
CALCULATOR_CONFIG = "calculator.toml"
CALCULATOR_LEXICON = "lexicon"  # <language>.toml
CALCULATOR_PROSE = "prose_figures.csv"
REQUIRED_FILES = (BUILD_FILE, UNITS_FILE, CHUNKS_FILE, TABLES_FILE, GLOSSARY_FILE)


@dataclass(frozen=True)
class Layout:
    """Paths inside one data directory."""

    data_dir: Path

    @property
    def current_file(self) -> Path:
        return self.data_dir / "CURRENT"

    @property
    def builds(self) -> Path:
        return self.data_dir / "builds"

    @property
    def cache(self) -> Path:
        return self.data_dir / "cache"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".lock"

    def build_dir(self, build_id: str) -> Path:
        return self.builds / build_id

    def current_id(self) -> str | None:
        try:
            text = self.current_file.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return text or None

    def set_current(self, build_id: str) -> None:
        """Point CURRENT at a build, atomically: a reader sees the old id or the new one."""
        tmp = self.current_file.with_name(f"CURRENT.tmp-{os.getpid()}")
        tmp.write_text(build_id + "\n", encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.current_file)
