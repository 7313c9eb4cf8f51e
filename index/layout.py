"""Where a build lives in the data directory, and the CURRENT pointer that selects one.

data/
  CURRENT                 the id of the build in use (replaced atomically)
  builds/<id>/            one complete build: build.json, units.json, chunks.jsonl, tables.parquet,
                          tables/<table>.csv, glossary.csv, calculator/ (the calculator's
                          corpus files), chroma/ (embedded store)
                          (a build without build.json is one in progress, or an interrupted
                          ingest's leftover, which the next ingest removes)
  cache/embeddings.sqlite embeddings by (embedder, text hash), so unchanged text is never re-embedded
  .lock                   held while an ingest runs

A reader holds a shared lock on its build's build.json (a BuildLease) for as long as it uses the build;
ingest removes an old build only when it can take that lock exclusively, so a build is never pulled
from under a reader: it goes with the first ingest after its last reader let go.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
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
BUILD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # a name inside builds/, never a path


class DataDirError(RuntimeError):
    """The data directory's CURRENT pointer cannot be read; the message names it."""


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
        """The build in use; None when there is none; DataDirError when CURRENT is damaged."""
        path = self.current_file
        try:
            text = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except IsADirectoryError as exc:
            raise DataDirError(f"{path} is a directory, not the index pointer") from exc
        except UnicodeDecodeError as exc:
            raise DataDirError(f"{path} is corrupt (not text)") from exc
        except OSError as exc:
            raise DataDirError(f"{path} cannot be read ({exc.strerror})") from exc
        if text and not BUILD_ID.fullmatch(text):
            raise DataDirError(f"{path} is corrupt (it names {text[:40]!r}, not a build)")
        return text or None

    def set_current(self, build_id: str) -> None:
        """Point CURRENT at a build, atomically: a reader sees the old id or the new one."""
        if self.current_file.is_dir():
            self.current_file.rmdir()  # a damaged pointer (an empty directory); OSError if not empty
        tmp = self.current_file.with_name(f"CURRENT.tmp-{os.getpid()}")
        tmp.write_text(build_id + "\n", encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.current_file)


class BuildLease:
    """A shared lock on a build, held by a reader: ingest leaves the build alone while it is held."""

    def __init__(self, fd: int):
        self._fd: int | None = fd

    @classmethod
    def take(cls, build_dir: Path) -> BuildLease | None:
        """A lease on a complete build, or None when it is gone or being removed."""
        try:
            fd = os.open(build_dir / BUILD_FILE, os.O_RDONLY)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            if os.fstat(fd).st_nlink == 0:  # removed after we opened it
                raise BlockingIOError
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __del__(self) -> None:
        self.release()


@contextmanager
def unused(build_dir: Path) -> Iterator[bool]:
    """Whether no reader holds a build; while True, an exclusive lock keeps new readers out (they read
    CURRENT again). A build without build.json (an interrupted ingest's) has no readers."""
    try:
        fd = os.open(build_dir / BUILD_FILE, os.O_RDONLY)
    except FileNotFoundError:
        yield True
        return
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
        else:
            yield True
    finally:
        os.close(fd)
