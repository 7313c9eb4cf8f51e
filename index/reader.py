"""The index in use, read back: units, chunks, tidy tables and the vector store, with clear errors."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from index.layout import (
    BUILD_FILE,
    CALCULATOR_DIR,
    CHROMA_DIR,
    CHUNKS_FILE,
    FORMAT,
    GLOSSARY_FILE,
    REQUIRED_FILES,
    TABLES_FILE,
    UNITS_FILE,
    WIDE_DIR,
    BuildLease,
    DataDirError,
    Layout,
)
from index.vectors import StoreTarget
from ingest.glossary import Glossary, load_glossary
from ingest.manifest import CorpusError
from ingest.model import Document, Unit
from vectorstore import VectorStore, VectorStoreError

OPEN_ATTEMPTS = 3  # CURRENT read again when the build it named went away (an ingest swapped meanwhile)
REPAIR = "run `wpb ingest` to repair it"
# the files of each part of a build `check` opens (build.json "files" holds their sha256)
PART_FILES = {"units": (UNITS_FILE,), "chunks": (CHUNKS_FILE,), "tables": (TABLES_FILE, WIDE_DIR + "/")}
PART_FILES |= {"glossary": (GLOSSARY_FILE,), "calculator": (CALCULATOR_DIR + "/",)}


def file_digests(build_dir: Path) -> dict[str, str]:
    """The sha256 of every file of a build but build.json and the vector store, by relative path."""
    skip = {BUILD_FILE, CHROMA_DIR}
    return {
        path.relative_to(build_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(build_dir.rglob("*"))
        if path.is_file() and path.relative_to(build_dir).parts[0] not in skip
    }


class IndexUnavailable(RuntimeError):
    """There is no usable index; the message says why and what to run."""


class Index:
    """A complete build, opened read-only; no ingest removes it until `close` (or garbage collection)."""

    def __init__(self, data_dir: Path, target: StoreTarget | None = None):
        """Open the build CURRENT names, holding a lease on it so that no ingest removes it meanwhile."""
        self.layout = Layout(data_dir)
        self._lease: BuildLease | None = None
        for attempt in range(OPEN_ATTEMPTS):
            build_id = self._current_id()
            self._lease = BuildLease.take(self.layout.build_dir(build_id))
            if self._lease is not None:
                break
            time.sleep(0.02 * attempt)
        self._open(self.layout.build_dir(build_id), build_id, target)

    def _current_id(self) -> str:
        try:
            build_id = self.layout.current_id()
        except DataDirError as exc:
            raise IndexUnavailable(f"{exc}: {REPAIR}") from exc
        if build_id is None:
            raise IndexUnavailable(f"no index in {self.layout.data_dir}: run `wpb ingest` to build it")
        return build_id

    def close(self) -> None:
        """Let go of the build (an ingest may then remove it, once it is no longer current)."""
        if getattr(self, "_lease", None) is not None:
            self._lease.release()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def being_written(cls, build_dir: Path) -> Index:
        """A build ingest is writing, read before its vectors and build.json exist (to check its files
        before any embedding, and before it replaces the index in use)."""
        index = cls.__new__(cls)
        index.layout = Layout(build_dir.parent.parent)  # data/builds/<id>
        index._lease = None
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
                f"the index {self.dir} is incomplete or corrupt (missing {', '.join(missing)}): {REPAIR}"
            )
        self.build = self._json(BUILD_FILE) if written else {"format": FORMAT}
        if self.build.get("format") != FORMAT:
            raise IndexUnavailable(
                f"the index {self.dir} was built by another version of the WPB Assistant "
                f"(format {self.build.get('format')}, expected {FORMAT}): run `wpb ingest` to rebuild it"
            )

    def _json(self, name: str) -> dict:
        try:
            data = json.loads((self.dir / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexUnavailable(f"{self.dir / name} is corrupt ({exc}): {REPAIR}") from exc
        if not isinstance(data, dict):
            raise IndexUnavailable(f"{self.dir / name} is corrupt (not a JSON object): {REPAIR}")
        return data

    @cached_property
    def documents(self) -> list[Document]:
        data = self._json(UNITS_FILE)
        try:
            return [
                Document(d["symbol"], d["language"], [Unit.from_dict(u) for u in d["units"]])
                for d in data["documents"]
            ]
        except (KeyError, TypeError) as exc:
            raise IndexUnavailable(f"{self.dir / UNITS_FILE} is corrupt ({exc}): {REPAIR}") from exc

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
            chunks = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexUnavailable(f"{path} is corrupt ({exc}): {REPAIR}") from exc
        if not all(isinstance(chunk, dict) and "chunk_id" in chunk for chunk in chunks):
            raise IndexUnavailable(f"{path} is corrupt (a line is not a chunk): {REPAIR}")
        return chunks

    @cached_property
    def tables(self) -> pd.DataFrame:
        path = self.dir / TABLES_FILE
        try:
            return pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            raise IndexUnavailable(f"{path} is corrupt ({exc}): {REPAIR}") from exc

    @cached_property
    def glossary(self) -> Glossary:
        try:
            return load_glossary(self.dir / GLOSSARY_FILE)
        except CorpusError as exc:
            raise IndexUnavailable(f"{exc}: {REPAIR}") from exc

    @property
    def calculator_dir(self) -> Path:
        """The calculator's corpus files as this build was made with them."""
        return self.dir / CALCULATOR_DIR

    def vector_store(self) -> VectorStore:
        try:
            return self.target.open(self.dir, self.build_id, create=False)
        except VectorStoreError as exc:
            chroma = self.dir / CHROMA_DIR
            if self.target.host or not chroma.is_dir() or _writable(chroma):
                raise
            raise VectorStoreError(
                f"{chroma} is read-only: Chroma writes to its directory even to read, so the data "
                f"directory {self.layout.data_dir} must be writable"
            ) from exc

    def check(self) -> dict[str, str]:
        """Open every part of the build (units, chunks, tables, glossary, the calculator's files, the
        vectors, a probe query): "ok" or what is wrong, by part."""
        checks: dict[str, Callable[[], None]] = {
            "units": self._check_units,
            "chunks": self._check_chunks,
            "tables": self._check_tables,
            "glossary": lambda: self.glossary,
            "calculator": lambda: None,
            "vectors": self._check_vectors,
            "probe": self._check_probe,
        }
        digests = self.build.get("files") if isinstance(self.build.get("files"), dict) else {}
        report = {}
        for part, check in checks.items():
            try:
                self._check_digests(part, digests)
                check()
                report[part] = "ok"
            except (IndexUnavailable, VectorStoreError, CorpusError) as exc:
                report[part] = str(exc).removesuffix(f": {REPAIR}")
            except Exception as exc:  # a damaged store raises whatever its library raises
                report[part] = f"{type(exc).__name__}: {exc}"
        return report

    def _check_digests(self, part: str, digests: dict[str, str]) -> None:
        prefixes = PART_FILES.get(part, ())
        wanted = {name: sha for name, sha in digests.items() if name.startswith(prefixes)}
        for name, sha in sorted(wanted.items()):
            path = self.dir / name
            if not path.is_file():
                raise IndexUnavailable(f"{path} is missing")
            if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                raise IndexUnavailable(f"{path} was changed after the build was made")

    def _count(self, key: str) -> int | None:
        counts = self.build.get("counts")
        return counts.get(key) if isinstance(counts, dict) else None

    def _check_units(self) -> None:
        counts = self.build.get("counts")
        if isinstance(counts, dict):
            expected = sum(v for k, v in counts.items() if k != "table_cells")
            _expect(self.dir / UNITS_FILE, "units", len(self.document.units), expected)

    def _check_chunks(self) -> None:
        _expect(self.dir / CHUNKS_FILE, "chunks", len(self.chunks), self.build.get("chunks"))

    def _check_tables(self) -> None:
        _expect(self.dir / TABLES_FILE, "cells", len(self.tables), self._count("table_cells"))

    def _check_vectors(self) -> None:
        where = self.target.collection(self.build_id) if self.target.host else self.dir / CHROMA_DIR
        _expect(where, "vectors", self.vector_store().count(), self.build.get("vectors"))

    def _check_probe(self) -> None:
        """A query with a vector of the build's dimension finds chunks of the build."""
        dim = self.build.get("dim")
        if not isinstance(dim, int) or dim < 1 or not self.build.get("vectors"):
            return
        hits = self.vector_store().query(np.full(dim, dim**-0.5, dtype=np.float32), k=3)
        known = {chunk["chunk_id"] for chunk in self.chunks}
        if not hits or any(hit.id not in known for hit in hits):
            raise IndexUnavailable("a probe query found no chunk of the build")


def _expect(where: Path | str, what: str, found: int, expected: object) -> None:
    if expected is not None and found != expected:
        raise IndexUnavailable(f"{where} holds {found} {what}, not {expected}")


def _writable(directory: Path) -> bool:
    sqlite = directory / "chroma.sqlite3"
    return os.access(directory, os.W_OK) and (not sqlite.exists() or os.access(sqlite, os.W_OK))
