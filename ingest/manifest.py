"""The corpus manifest and the files it names, read with clear errors."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from index.layout import CALCULATOR_CONFIG, CALCULATOR_LEXICON, CALCULATOR_PROSE

MANIFEST = "manifest.json"
REQUIRED = ("file", "symbol", "language", "status", "date", "title")
OPTIONAL = ("title_en", "note", "aligned_to")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
IDEOGRAPHIC = ("zh", "ja")  # languages written mostly in CJK ideographs


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
    # the official text's structure as the manifest declares it: (unit kind, count, manifest line)
    expected_units: tuple[tuple[str, int, int], ...] = ()
    language_at: str = ""  # "manifest.json: line N" of its language, for messages

    def check_script(self) -> None:
        """A document declared Chinese (or Japanese) is written in ideographs; one declared otherwise is
        not (checked once the official text has parsed, whose messages are clearer)."""
        letters = [c for c in read_text(self.path) if c.isalpha()]
        share = sum("\u3400" <= c <= "\u9fff" for c in letters) / max(len(letters), 1)
        ideographic = self.language.split("-")[0] in IDEOGRAPHIC
        where = self.language_at or self.path
        if letters and ideographic and share < 0.3:
            raise CorpusError(
                f"{where}: {self.path.name} is declared '{self.language}' but its text is not Chinese"
            )
        if letters and not ideographic and share > 0.1:
            raise CorpusError(
                f"{where}: {self.path.name} is declared '{self.language}' but its text is Chinese"
            )

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
    """Read and check `root/manifest.json` and the files it names (every one inside `root`)."""
    manifest_path = root / MANIFEST
    text = read_text(manifest_path)
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{manifest_path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    entries = manifest.get("documents") if isinstance(manifest, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{manifest_path}: needs a non-empty list 'documents'")
    spans = entry_spans(text)
    wheres = [
        _Where(manifest_path, text, spans[n] if n < len(spans) else (1, len(text)))
        for n in range(len(entries))
    ]
    documents = [_document(root, entry, n, wheres[n - 1]) for n, entry in enumerate(entries, 1)]
    _check_documents(documents, wheres)
    annotations = {}
    for key, default in (("glossary", "glossary.csv"), ("table_columns", "table_columns.csv")):
        path = _inside(root, manifest.get(key, default), _key_where(manifest_path, text, key), key)
        read_text(path)
        annotations[key] = path
    calculator = calculator_files(root, manifest, text)
    return Corpus(root=root, documents=tuple(documents), calculator=calculator, **annotations)


@dataclass(frozen=True)
class _Where:
    """A place in the manifest, for messages: the file, its text and the lines of one entry."""

    path: Path
    text: str
    span: tuple[int, int]

    def line(self, key: str = "") -> int:
        """The line of `key` in the entry (or the entry's first line)."""
        first, last = self.span
        found = line_of(self.text, f'"{key}"', start=first) if key else None
        return found if found and found <= last else first

    def at(self, key: str = "") -> str:
        """ "manifest.json: line N", N the line of `key` in the entry."""
        return f"{self.path}: line {self.line(key)}"


def _document(root: Path, entry: object, n: int, where: _Where) -> SourceDocument:
    """One entry of 'documents', its fields typed and its file read (inside the corpus)."""
    if not isinstance(entry, dict):
        raise CorpusError(f"{where.at()}: document {n} must be a JSON object")
    missing = [k for k in REQUIRED if entry.get(k) in (None, "")]
    if missing:
        raise CorpusError(f"{where.at()}: document {n} lacks {', '.join(missing)}")
    if not isinstance(entry["file"], str):
        raise CorpusError(
            f"{where.at('file')}: document {n}: 'file' must be a file name, not {entry['file']!r}"
        )
    for key in (*REQUIRED, *OPTIONAL):
        if key in entry and not isinstance(entry[key], str):
            raise CorpusError(f"{where.at(key)}: document {n}: '{key}' must be a string, not {entry[key]!r}")
    if not LANGUAGE.fullmatch(entry["language"]):
        raise CorpusError(f"{where.at('language')}: document {n}: 'language' must be a code such as zh or en")
    path = _inside(root, entry["file"], f"{where.at('file')}: document {n}", "file")
    read_text(path)  # fail early, naming the file
    return SourceDocument(
        path=path,
        symbol=entry["symbol"],
        language=entry["language"],
        status=entry["status"],
        date=entry["date"],
        title=entry["title"],
        title_en=entry.get("title_en", ""),
        note=entry.get("note", ""),
        aligned_to=entry.get("aligned_to", ""),
        expected_units=_expected_units(entry.get("expected_units", {}), n, where),
        language_at=where.at("language"),
    )


def _expected_units(value: object, n: int, where: _Where) -> tuple[tuple[str, int, int], ...]:
    """'expected_units': {"paragraph": 130, ...}: how many units of each kind the official text has."""
    valid = isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
        for k, v in value.items()
    )
    if not valid:
        raise CorpusError(
            f"{where.at('expected_units')}: document {n}: 'expected_units' must map unit kinds to counts"
        )
    first = where.line("expected_units")
    return tuple(
        (kind, count, line_of(where.text, f'"{kind}"', start=first) or first) for kind, count in value.items()
    )


def _check_documents(documents: list[SourceDocument], wheres: list[_Where]) -> None:
    """Across the entries: each file once, each language once, the official text first, each rendering
    aligned to an official text of the manifest."""
    files = {d.path.name: d for d in documents}
    if len(files) != len(documents):
        raise CorpusError(f"{wheres[0].path}: a file is listed more than once")
    if len({d.language for d in documents}) != len(documents):
        raise CorpusError(f"{wheres[0].path}: a language is listed more than once")
    if not documents[0].official:
        raise CorpusError(
            f"{wheres[0].at('aligned_to')}: the first document must be the official text, not a rendering"
        )
    for document, where in zip(documents, wheres, strict=True):
        base = files.get(document.aligned_to)
        if not document.aligned_to:
            continue
        if base is None:
            raise CorpusError(
                f"{where.at('aligned_to')}: {document.path.name} is aligned to {document.aligned_to}, "
                "which the manifest does not list"
            )
        if base is document:
            raise CorpusError(f"{where.at('aligned_to')}: {document.path.name} is aligned to itself")
        if not base.official:
            raise CorpusError(
                f"{where.at('aligned_to')}: {document.path.name} is aligned to {base.path.name}, "
                "another rendering"
            )
        if document.expected_units:
            raise CorpusError(f"{where.at('expected_units')}: only the official text takes 'expected_units'")


def entry_spans(text: str) -> list[tuple[int, int]]:
    """The first and last line of each entry of the manifest's 'documents' list ([] if not found)."""
    match = re.search(r'"documents"\s*:\s*\[', text)
    spans: list[tuple[int, int]] = []
    if match is None:
        return spans
    decoder, pos = json.JSONDecoder(), match.end()
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return spans
        try:
            _, end = decoder.raw_decode(text, pos)
        except ValueError:
            return spans
        spans.append((text.count("\n", 0, pos) + 1, text.count("\n", 0, end) + 1))
        pos = end


def line_of(text: str, *needles: str, start: int = 1) -> int | None:
    """The line (from 1) of the last needle, each found on or after the line of the one before."""
    lines = text.splitlines()
    line = start
    for needle in needles:
        line = next((n for n in range(line, len(lines) + 1) if needle in lines[n - 1]), 0)
        if not line:
            return None
    return line


def calculator_files(root: Path, manifest: dict, text: str = "") -> tuple[tuple[Path, str], ...]:
    """The calculator's corpus files, each with its name in a build: its configuration, the lexicon of each
    language, the prose figures (none when the corpus has no configuration: numeric questions then go to
    the search). The manifest may name them otherwise (then they must exist); a build always holds them
    under the same names."""
    where = root / MANIFEST
    config = _inside(
        root, manifest.get("calculator", CALCULATOR_CONFIG), _key_where(where, text, "calculator")
    )
    if not config.exists() and "calculator" not in manifest:
        return ()
    read_text(config)
    lexicon = _inside(root, manifest.get("lexicon", CALCULATOR_LEXICON), _key_where(where, text, "lexicon"))
    languages = sorted(lexicon.glob("*.toml")) if lexicon.is_dir() else []
    if not languages:
        raise CorpusError(f"{lexicon}: the calculator needs a lexicon (<language>.toml files)")
    for path in languages:
        _inside(root, str(path.relative_to(root)), str(path))
        read_text(path)
    prose = _inside(
        root, manifest.get("prose_figures", CALCULATOR_PROSE), _key_where(where, text, "prose_figures")
    )
    if "prose_figures" in manifest:
        read_text(prose)
    return (
        (config, CALCULATOR_CONFIG),
        *((path, f"{CALCULATOR_LEXICON}/{path.name}") for path in languages),
        *([(prose, CALCULATOR_PROSE)] if prose.exists() else []),
    )


def _key_where(manifest_path: Path, text: str, key: str) -> str:
    """Where a top-level key of the manifest is ("manifest.json: line N"), or the manifest alone."""
    line = line_of(text, f'"{key}"') if text else None
    return f"{manifest_path}: line {line}" if line else str(manifest_path)


def _inside(root: Path, name: object, where: str, key: str = "") -> Path:
    """A file the manifest names, which must be a path inside the corpus directory (links resolved)."""
    what = f"'{key}' ({name}) is" if key else "is"
    if not isinstance(name, str) or not name:
        raise CorpusError(f"{where}: '{key}' must be a file name, not {name!r}")
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise CorpusError(f"{where}: {what} outside the corpus directory (it resolves to {path})")
    return root / name
