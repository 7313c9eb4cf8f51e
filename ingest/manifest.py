"""The corpus manifest and the files it names, read with clear errors."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from index.layout import CALCULATOR_CONFIG, CALCULATOR_LEXICON, CALCULATOR_PROSE

MANIFEST = "manifest.json"
REQUIRED = ("file", "symbol", "language", "status", "date", "title")


class CorpusError(ValueError):
    """The corpus cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class SourceDocument:
    """One document of the corpus, as the manifest describes it."""

    path: Path
    symbol: str
    language: str
    status: str
    date: str
    title: str
    title_en: str = ""
    note: str = ""
    aligned_to: str = ""  # a rendering: the file of the official document it is aligned with

    @property
    def official(self) -> bool:
        return not self.aligned_to


@dataclass(frozen=True)
class Corpus:
    """The manifest's documents and the corpus-side annotations."""

    root: Path
    documents: tuple[SourceDocument, ...]
    glossary: Path
    table_columns: Path
    # the calculator's files (configuration, lexicon/<language>.toml, prose figures), each with its build name
    calculator: tuple[tuple[Path, str], ...] = ()

    def files(self) -> list[Path]:
        """Every file ingestion reads, in a stable order (for fingerprints)."""
        return [
            self.root / MANIFEST,
            *(d.path for d in self.documents),
            self.glossary,
            self.table_columns,
            *(path for path, _ in self.calculator),
        ]

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for path in self.files():
            digest.update(str(path.relative_to(self.root)).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()


def read_text(path: Path) -> str:
    """A corpus text file, or a CorpusError naming it: missing, empty, binary or not UTF-8."""
    if path.exists() and not path.is_file():
        raise CorpusError(f"{path}: not a regular file")
    if not path.is_file():
        raise CorpusError(f"{path}: file not found")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise CorpusError(f"{path}: file is empty")
    if b"\x00" in data:
        raise CorpusError(f"{path}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 text (byte {exc.start})") from exc


def load_corpus(root: Path) -> Corpus:
    """Read and check `root/manifest.json` and the files it names."""
    manifest_path = root / MANIFEST
    try:
        manifest = json.loads(read_text(manifest_path))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{manifest_path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    entries = manifest.get("documents") if isinstance(manifest, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{manifest_path}: needs a non-empty list 'documents'")
    documents = []
    for n, entry in enumerate(entries, 1):
        missing = [k for k in REQUIRED if not isinstance(entry, dict) or not entry.get(k)]
        if missing:
            raise CorpusError(f"{manifest_path}: document {n} lacks {', '.join(missing)}")
        path = root / entry["file"]
        read_text(path)  # fail early, naming the file
        documents.append(
            SourceDocument(
                path=path,
                symbol=entry["symbol"],
                language=entry["language"],
                status=entry["status"],
                date=entry["date"],
                title=entry["title"],
                title_en=entry.get("title_en", ""),
                note=entry.get("note", ""),
                aligned_to=entry.get("aligned_to", ""),
            )
        )
    files = {d.path.name for d in documents}
    if len(files) != len(documents):
        raise CorpusError(f"{manifest_path}: a file is listed more than once")
    for document in documents:
        if document.aligned_to and document.aligned_to not in files:
            raise CorpusError(
                f"{manifest_path}: {document.path.name} is aligned to {document.aligned_to}, "
                "which the manifest does not list"
            )
    annotations = {}
    for key, default in (("glossary", "glossary.csv"), ("table_columns", "table_columns.csv")):
        path = _inside(root, manifest.get(key, default), manifest_path, key)
        read_text(path)
        annotations[key] = path
    return Corpus(
        root=root, documents=tuple(documents), calculator=calculator_files(root, manifest), **annotations
    )


def calculator_files(root: Path, manifest: dict) -> tuple[tuple[Path, str], ...]:
    """The calculator's corpus files, each with its name in a build: its configuration, the lexicon of each
    language, the prose figures (none when the corpus has no configuration: numeric questions then go to
    the search). The manifest may name them otherwise; a build always holds them under the same names."""
    where = root / MANIFEST
    config = _inside(root, manifest.get("calculator", CALCULATOR_CONFIG), where, "calculator")
    if not config.exists():
        return ()
    read_text(config)
    lexicon = _inside(root, manifest.get("lexicon", CALCULATOR_LEXICON), where, "lexicon")
    languages = sorted(lexicon.glob("*.toml")) if lexicon.is_dir() else []
    if not languages:
        raise CorpusError(f"{lexicon}: the calculator needs a lexicon (<language>.toml files)")
    for path in languages:
        read_text(path)
    prose = _inside(root, manifest.get("prose_figures", CALCULATOR_PROSE), where, "prose_figures")
    return (
        (config, CALCULATOR_CONFIG),
        *((path, f"{CALCULATOR_LEXICON}/{path.name}") for path in languages),
        *([(prose, CALCULATOR_PROSE)] if prose.exists() else []),
    )


def _inside(root: Path, name: object, where: Path, key: str) -> Path:
    """A file the manifest names, which must be a path inside the corpus directory."""
    if not isinstance(name, str) or not name:
        raise CorpusError(f"{where}: '{key}' must be a file name")
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise CorpusError(f"{where}: '{key}' ({name}) is outside the corpus directory")
    return root / name
