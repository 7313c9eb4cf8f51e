"""Issue #15 (hardening): a bad corpus never replaces a good index, a damaged index is reported and
repaired, manifest paths stay in the corpus, a reader keeps its build through a swap, no tracebacks."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from embeddings.fake import FakeEmbedder
from index.layout import Layout
from index.reader import Index, IndexUnavailable
from ingest.pipeline import run_ingest
from tests.conftest import CORPUS
from vectorstore import VectorStoreError
from wpb.cli import app

runner = CliRunner()
ZH = "HSP-EB.1-2-Rev.1.zh.txt"
EN = "HSP-EB.1-2-Rev.1.en.jsonl"
SECRET = "secret-marker-4f1c"


def wpb(corpus: Path, data: Path, *args: str):
    env = {"WPB_CORPUS_DIR": str(corpus), "WPB_DATA_DIR": str(data), "WPB_EMBEDDER": "fake"}
    return runner.invoke(app, list(args), env=env)


def ingest(corpus: Path, data: Path, *args: str):
    return wpb(corpus, data, "ingest", "--quiet", *args)


@pytest.fixture(scope="module")
def good_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("good") / "data"
    run_ingest(CORPUS, data, FakeEmbedder())
    return data


@pytest.fixture
def data(good_data: Path, tmp_path: Path) -> Path:
    """A copy of a good index of the real corpus (the corpus copy is up to date with it)."""
    target = tmp_path / "data"
    shutil.copytree(good_data, target)
    return target


def build_dir(data: Path) -> Path:
    return Layout(data).build_dir(Layout(data).current_id())


def edit_manifest(corpus: Path, change: Callable[[dict], None]) -> None:
    path = corpus / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_with(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def assert_refused(result, data: Path, before: str, *expected: str) -> None:
    """Exit 1, a one-line message naming what is wrong, and the old index in use and whole."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "left unchanged" in result.output
    for text in expected:
        assert text in result.output, (text, result.output)
    assert Layout(data).current_id() == before
    assert [p.name for p in Layout(data).builds.iterdir()] == [before]
    index = Index(data)
    assert index.unit("paragraph", "130") is not None and index.vector_store().count() == 198


# -- 1. validate before the swap -------------------------------------------------------------------------
UNKNOWN_DIMENSION = [
    ("calculator.toml", "name_order = [", 'name_order = ["colour", ', "colour"),
    ("calculator.toml", 'posts_cost = "object=POSTS"', 'posts_cost = "colour=POSTS"', "colour"),
    ("calculator.toml", 'measures = ["money", "posts", "quantity"]', 'measures = ["colour"]', "colour"),
    ("lexicon/en.toml", "[names.component]", '[names.colour]\nRED = "Red"\n\n[names.component]', "colour"),
    ("prose_figures.csv", "item=PSCRATE", "colour=PSCRATE", "colour"),
    ("table_columns.csv", "4.1,1,", "99.9,1,", "99.9"),
]


@pytest.mark.parametrize(("name", "old", "new", "unknown"), UNKNOWN_DIMENSION)
def test_a_corpus_file_with_an_unknown_dimension_is_refused(corpus_copy, data, name, old, new, unknown):
    before = Layout(data).current_id()
    replace(corpus_copy / name, old, new)
    line = line_with(corpus_copy / name, new.splitlines()[0])
    result = ingest(corpus_copy, data)
    assert_refused(result, data, before, f"{corpus_copy / name}: line {line}", unknown)


def test_a_manifest_naming_a_missing_calculator_file_is_refused(corpus_copy, data):
    before = Layout(data).current_id()
    edit_manifest(corpus_copy, lambda m: m.update(prose_figures="figures-of-the-prose.csv"))
    result = ingest(corpus_copy, data)
    assert_refused(result, data, before, "figures-of-the-prose.csv: file not found")


def _swap_languages(manifest: dict) -> None:
    first, second = manifest["documents"]
    first["language"], second["language"] = second["language"], first["language"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["documents"][0].update(file=123), "document 1: 'file' must be a file name"),
        (lambda m: m["documents"][0].update(language=5), "document 1: 'language' must be"),
        (lambda m: m["documents"][1].update(symbol=["x"]), "document 2: 'symbol' must be"),
        (_swap_languages, f"{ZH} is declared 'en' but its text is Chinese"),
        (lambda m: m["documents"][1].update(aligned_to=EN), f"{EN} is aligned to itself"),
        (lambda m: m["documents"].reverse(), "the first document must be the official text"),
        (lambda m: m["documents"][0].update(expected_units=[130]), "'expected_units' must map"),
    ],
)
def test_manifest_types_are_checked(corpus_copy, data, change, expected):
    before = Layout(data).current_id()
    edit_manifest(corpus_copy, change)
    result = ingest(corpus_copy, data)
    assert_refused(result, data, before, f"{corpus_copy / 'manifest.json'}: line ", expected)


def test_a_cut_official_text_is_refused(corpus_copy, data):
    """The official text cut at half its lines parses (85 paragraphs): the manifest's expectations and
    the rendering's fidelity both refuse it."""
    source = corpus_copy / ZH
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    before = Layout(data).current_id()
    result = ingest(corpus_copy, data)
    line = line_with(corpus_copy / "manifest.json", '"paragraph": 130')
    assert_refused(
        result,
        data,
        before,
        f"manifest.json: line {line}: {ZH} has 85 paragraph units, the manifest expects 130",
    )


def test_a_smaller_official_text_needs_accept_smaller(corpus_copy, data):
    """Without expectations or a rendering, the index in use is the measure: fewer units are refused
    unless --accept-smaller."""

    def official_only(manifest: dict) -> None:
        manifest["documents"] = manifest["documents"][:1]
        manifest["documents"][0].pop("expected_units", None)

    edit_manifest(corpus_copy, official_only)
    source = corpus_copy / ZH
    text = source.read_text(encoding="utf-8")
    source.write_text(text[: text.rindex("\n附件二")] + "\n", encoding="utf-8")  # Annexes II and III cut
    before = Layout(data).current_id()
    result = ingest(corpus_copy, data)
    assert_refused(
        result,
        data,
        before,
        f"{source}: 268 units, fewer units than the index in use (270)",
        "--accept-smaller",
    )
    result = ingest(corpus_copy, data, "--accept-smaller")
    assert result.exit_code == 0, result.output
    assert Index(data).build["counts"]["heading"] == 72


def test_a_rendering_that_fails_the_fidelity_check_is_refused(corpus_copy, data, tmp_path):
    replace(corpus_copy / ZH, "13% 的方案支助费", "14% 的方案支助费")
    before = Layout(data).current_id()
    line = line_with(corpus_copy / EN, '"id": "59"')
    result = ingest(corpus_copy, data)
    assert_refused(
        result,
        data,
        before,
        f"{corpus_copy / EN}: line {line}: paragraph 59: 14 is in the Chinese but not in the English",
        "`wpb check`",
    )
    # the library call (tests, scripts) warns instead
    warned = run_ingest(corpus_copy, tmp_path / "lax", FakeEmbedder())
    assert any("paragraph 59: 14 is in the Chinese" in w for w in warned.warnings)


def test_glossary_coverage_is_checked(corpus_copy, data):
    glossary = corpus_copy / "glossary.csv"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if line.startswith("工作人员差旅费,"))
    glossary.write_text("".join(line for line in lines if line != dropped), encoding="utf-8")
    label = dropped.split(",")[0]
    before = Layout(data).current_id()
    result = ingest(corpus_copy, data)
    assert_refused(result, data, before, f"{glossary}: no English term for", label)


# -- 5. health and repair --------------------------------------------------------------------------------
def _garble(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _change_a_chunk(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    chunk = json.loads(lines[4])
    chunk["text"] = "nothing"  # still valid JSON
    lines[4] = json.dumps(chunk, ensure_ascii=False) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


DAMAGE = [
    ("zeroed chroma.sqlite3", lambda b: (b / "chroma" / "chroma.sqlite3").write_bytes(b""), "vectors"),
    ("garbled chroma.sqlite3", lambda b: _garble(b / "chroma" / "chroma.sqlite3"), "vectors"),
    ("deleted chroma.sqlite3", lambda b: (b / "chroma" / "chroma.sqlite3").unlink(), "vectors"),
    ("garbled chunks.jsonl", lambda b: _garble(b / "chunks.jsonl"), "chunks"),
    ("changed chunks.jsonl", lambda b: _change_a_chunk(b / "chunks.jsonl"), "chunks"),
    ("garbled units.json", lambda b: _garble(b / "units.json"), "units"),
    ("garbled tables.parquet", lambda b: _garble(b / "tables.parquet"), "tables"),
]


@pytest.mark.parametrize(("what", "damage", "part"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_status_check_reports_and_ingest_repairs_a_damaged_build(corpus_copy, data, what, damage, part):
    damage(build_dir(data))
    result = wpb(corpus_copy, data, "status", "--check")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "run `wpb ingest`" in result.output
    assert json.loads(result.stdout)["check"][part] != "ok"
    repaired = ingest(corpus_copy, data)
    assert repaired.exit_code == 0 and "repaired" in repaired.output, repaired.output
    after = wpb(corpus_copy, data, "status", "--check")
    assert after.exit_code == 0, after.output
    assert set(json.loads(after.stdout)["check"].values()) == {"ok"}
    index = Index(data)
    assert index.vector_store().count() == 198 and len(index.chunks) == 472


@pytest.mark.parametrize(
    ("what", "damage", "message"),
    [
        (
            "build.json = []",
            lambda d: (build_dir(d) / "build.json").write_text("[]", encoding="utf-8"),
            "build.json is corrupt",
        ),
        ("CURRENT a directory", lambda d: ((d / "CURRENT").unlink(), (d / "CURRENT").mkdir()), "CURRENT"),
        ("CURRENT garbled", lambda d: (d / "CURRENT").write_text("../../etc\n", encoding="utf-8"), "CURRENT"),
    ],
)
def test_a_damaged_pointer_or_build_file_is_reported_then_repaired(corpus_copy, data, what, damage, message):
    damage(data)
    for command in (["status"], ["status", "--check"], ["show", "59"]):
        result = wpb(corpus_copy, data, *command)
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output
    repaired = ingest(corpus_copy, data)
    assert repaired.exit_code == 0, repaired.output
    assert wpb(corpus_copy, data, "status", "--check").exit_code == 0


def test_status_check_on_a_healthy_index(corpus_copy, data):
    result = wpb(corpus_copy, data, "status", "--check")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["check"] == dict.fromkeys(
        ("units", "chunks", "tables", "glossary", "calculator", "vectors", "probe"), "ok"
    )
    assert report["counts"]["paragraph"] == 130
    unchanged = ingest(corpus_copy, data)
    assert unchanged.exit_code == 0 and "up to date" in unchanged.output


def test_a_corrupt_embedding_cache_is_rebuilt(corpus_copy, data):
    _garble(data / "cache" / "embeddings.sqlite")
    result = ingest(corpus_copy, data, "--force")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(data / "cache" / "embeddings.sqlite") as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 198


# -- 7. manifest paths stay inside the corpus ------------------------------------------------------------
def _outside_document(corpus: Path) -> None:
    outside = corpus.parent / "outside"
    outside.mkdir()
    shutil.copyfile(corpus / ZH, outside / "secret-zh.txt")
    with open(outside / "secret-zh.txt", "a", encoding="utf-8") as fh:
        fh.write(SECRET + "\n")

    def point(manifest: dict) -> None:
        manifest["documents"][0]["file"] = "../outside/secret-zh.txt"
        manifest["documents"][1]["aligned_to"] = "secret-zh.txt"

    edit_manifest(corpus, point)


def _secret_file(corpus: Path) -> Path:
    path = corpus.parent / "secret.toml"
    path.write_text(f'language = "fr"\n# {SECRET}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_outside_document, "'file' (../outside/secret-zh.txt) is outside the corpus directory"),
        (
            lambda c: edit_manifest(
                c, lambda m: m["documents"].append(dict(m["documents"][1], file="/etc/passwd"))
            ),
            "'file' (/etc/passwd) is outside the corpus directory",
        ),
        (
            lambda c: (c / "lexicon" / "fr.toml").symlink_to(_secret_file(c)),
            "is outside the corpus directory",
        ),
        (
            lambda c: ((c / "glossary.csv").unlink(), (c / "glossary.csv").symlink_to("/etc/passwd")),
            "is outside the corpus directory",
        ),
    ],
)
def test_manifest_paths_must_stay_in_the_corpus(corpus_copy, data, damage, expected):
    before = Layout(data).current_id()
    damage(corpus_copy)
    result = ingest(corpus_copy, data, "--force")
    assert_refused(result, data, before, expected)
    for path in data.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert SECRET.encode() not in content and b"root:x:0:0" not in content, path


# -- 8. a reader keeps its build through a swap ----------------------------------------------------------
def test_a_reader_keeps_its_build_through_a_swap(corpus_copy, data):
    reader = Index(data)
    old = reader.build_id
    new = run_ingest(corpus_copy, data, FakeEmbedder(), force=True).build_id
    assert Layout(data).current_id() == new != old
    # the reader opened the old build a moment before the swap: all of it is still there
    assert len(reader.chunks) == 472 and reader.unit("paragraph", "59") is not None
    assert reader.vector_store().count() == 198 and len(reader.tables) == 2500
    reader.close()
    newest = run_ingest(corpus_copy, data, FakeEmbedder(), force=True).build_id
    assert sorted(p.name for p in Layout(data).builds.iterdir()) == [newest]


def test_a_reader_opening_mid_swap_follows_current(corpus_copy, data, monkeypatch):
    """CURRENT read just before a swap names a build that is gone when it is opened: the reader reads
    CURRENT again instead of failing."""
    stale = Layout(data).current_id()
    new = run_ingest(corpus_copy, data, FakeEmbedder(), force=True).build_id
    assert not Layout(data).build_dir(stale).exists()
    answers = iter([stale])
    real = Layout.current_id
    monkeypatch.setattr(Layout, "current_id", lambda self: next(answers, None) or real(self))
    assert Index(data).build_id == new


# -- 4. no tracebacks ------------------------------------------------------------------------------------
def test_a_read_only_data_directory_is_named(corpus_copy, data, monkeypatch):
    lock = str(data / ".lock")
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path) == lock and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = ingest(corpus_copy, data, "--force")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{data}: cannot write to the data directory (Read-only file system)" in result.output


def test_a_read_only_vector_store_is_not_called_corrupt(data, monkeypatch):
    import index.vectors

    def refuse(self, build_dir, build_id, create=False):
        raise VectorStoreError(
            f"Chroma directory {build_dir} cannot be opened (corrupt or not a Chroma directory?): "
            "error returned from database: (code: 8) attempt to write a readonly database"
        )

    monkeypatch.setattr(index.vectors.StoreTarget, "open", refuse)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(VectorStoreError) as caught:
        Index(data).vector_store()
    assert "read-only" in str(caught.value) and "corrupt" not in str(caught.value)


def test_no_index_is_still_exit_2(tmp_path):
    with pytest.raises(IndexUnavailable, match="run `wpb ingest`"):
        Index(tmp_path / "nothing")
