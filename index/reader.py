"""The index in use, read back: units, chunks, tidy tables and the vector store, with clear errors."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

import pandas as pd

from index.layout import (
    BUILD_FILE,
    CALCULATOR_DIR,
    CHUNKS_FILE,
    FORMAT,
    GLOSSARY_FILE,
    REQUIRED_FILES,
    TABLES_FILE,
    UNITS_FILE,
    Layout,
)
from index.vectors import StoreTarget
from ingest.glossary import Glossary, load_glossary
from ingest.manifest import CorpusError
from ingest.model import Document, Unit
from vectorstore import VectorStore


class IndexUnavailable(RuntimeError):
    """There is no usable index; the message says why and what to run."""


class Index:
    """A complete build, opened read-only."""

    def __init__(self, data_dir: Path, target: StoreTarget | None = None):
        self.layout = Layout(data_dir)
        build_id = self.layout.current_id()
        if build_id is None:
            raise IndexUnavailable(f"no index in {data_dir}: run `wpb ingest` to build it")
        self._open(self.layout.build_dir(build_id), build_id, target)

    @classmethod
    def being_written(cls, build_dir: Path) -> Index:
        """A build ingest is writing, read before its vectors and build.json exist (to check its files
        before any embedding, and before it replaces the index in use)."""
        index = cls.__new__(cls)
        index.layout = Layout(build_dir.parent.parent)  # data/builds/<id>
        index._open(build_dir, build_dir.name, None, written=False)
        return index

    def _open(self, build_dir: Path, build_id: str, target: StoreTarget | None, written: bool = True) -> None:
        self.target = target or StoreTarget()
        self.build_id = build_id
        self.dir = build_dir
        required = REQUIRED_FILES if written else tuple(n for n in REQUIRED_FILES if n != BUILD_FILE)
        missing = [name for name in required if not (self.dir / name).is_file()]
        if missing:
            raise IndexUnavailable(
                f"the index {self.dir} is incomplete or corrupt (missing {', '.join(missing)}): "
                "run `wpb ingest --force` to rebuild it"
            )
        self.build = self._json(BUILD_FILE) if written else {"format": FORMAT}
        if self.build.get("format") != FORMAT:
            raise IndexUnavailable(
                f"the index {self.dir} was built by another version of the WPB Assistant "
                f"(format {self.build.get('format')}, expected {FORMAT}): run `wpb ingest` to rebuild it"
            )

    def _json(self, name: str) -> dict:
        try:
            return json.loads((self.dir / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexUnavailable(f"{self.dir / name} is corrupt ({exc}): run `wpb ingest --force`") from exc

    @cached_property
    def documents(self) -> list[Document]:
        data = self._json(UNITS_FILE)
        try:
            return [
                Document(d["symbol"], d["language"], [Unit.from_dict(u) for u in d["units"]])
                for d in data["documents"]
            ]
        except (KeyError, TypeError) as exc:
            raise IndexUnavailable(
                f"{self.dir / UNITS_FILE} is corrupt ({exc}): run `wpb ingest --force`"
            ) from exc

    @property
    def document(self) -> Document:
        """The official document (the first in the manifest)."""
        return self.documents[0]

    def unit(self, kind: str, unit_id: str, language: str | None = None) -> Unit | None:
        """A unit of the official document, or of the document in `language` when there is one."""
        document = self.in_language(language) if language else self.document
        return document.get(kind, unit_id) if document else None

    def in_language(self, language: str) -> Document | None:
        return next((d for d in self.documents if d.language == language), None)

    def status(self, language: str) -> str:
        """The manifest's status of the document in a language ("official", "unofficial ...")."""
        for entry in self.build.get("documents", []):
            if entry.get("language") == language:
                return entry.get("status", "")
        return ""

    @cached_property
    def chunks(self) -> list[dict]:
        path = self.dir / CHUNKS_FILE
        try:
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexUnavailable(f"{path} is corrupt ({exc}): run `wpb ingest --force`") from exc

    @cached_property
    def tables(self) -> pd.DataFrame:
        path = self.dir / TABLES_FILE
        try:
            return pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            raise IndexUnavailable(f"{path} is corrupt ({exc}): run `wpb ingest --force`") from exc

    @cached_property
    def glossary(self) -> Glossary:
        try:
            return load_glossary(self.dir / GLOSSARY_FILE)
        except CorpusError as exc:
            raise IndexUnavailable(f"{exc}: run `wpb ingest --force`") from exc

    @property
    def calculator_dir(self) -> Path:
        """The calculator's corpus files as this build was made with them."""
        return self.dir / CALCULATOR_DIR

    def vector_store(self) -> VectorStore:
        return self.target.open(self.dir, self.build_id, create=False)
