"""Contract tests for the vector stores: in-memory, Chroma on disk and a real Chroma server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import numpy as np
import pytest

from tests.browser import free_port
from vectorstore import (
    ChromaStore,
    Hit,
    InMemoryStore,
    VectorStore,
    VectorStoreError,
    drop_collection,
    list_collections,
)

ROOT = Path(__file__).resolve().parents[1]
IDS = ["p1", "p2", "t1", "h1"]
VECTORS = np.array([[1, 0, 0, 0], [0.8, 0.6, 0, 0], [0.6, 0, 0.8, 0], [0, 0, 0, 1]], dtype=np.float32)
DOCS = ["first paragraph", "second paragraph", "a table", "a heading"]
METAS = [
    {"kind": "paragraph", "page": 1, "lang": "zh"},
    {"kind": "paragraph", "page": 2, "lang": "en"},
    {"kind": "table", "page": 2, "draft": True},
    {"kind": "heading", "page": 3, "weight": 0.5},
]
QUERY = np.array([1, 0.1, 0.1, 0], dtype=np.float32)
_names = count()


@pytest.fixture(params=["memory", "chroma-disk", "chroma-http"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VectorStore]:
    if request.param == "memory":
        made: VectorStore = InMemoryStore()
    elif request.param == "chroma-disk":
        made = ChromaStore.persistent(tmp_path / "db", "contract")
    else:
        port = request.getfixturevalue("chroma_server")
        made = ChromaStore.http("127.0.0.1", port, f"contract-{next(_names)}")
    yield made
    made.drop()


@pytest.fixture
def filled(store: VectorStore) -> VectorStore:
    store.add(IDS, VECTORS, DOCS, METAS)
    return store


def ids_of(hits: list[Hit]) -> list[str]:
    return [hit.id for hit in hits]


# --- the contract, for every store ------------------------------------------------------------


def test_is_a_vector_store(store: VectorStore) -> None:
    assert isinstance(store, VectorStore)
    assert store.count() == 0
    assert store.query(QUERY, k=3) == []


def test_query_orders_by_cosine_similarity(filled: VectorStore) -> None:
    hits = filled.query(QUERY, k=3)
    assert ids_of(hits) == ["p1", "p2", "t1"]
    expected = VECTORS[:3] @ QUERY / np.linalg.norm(QUERY)
    assert [hit.score for hit in hits] == pytest.approx(expected.tolist(), abs=1e-4)
    assert hits[0] == Hit("p1", hits[0].score, "first paragraph", METAS[0])
    exact = filled.query(VECTORS[3] * 5, k=1)  # cosine ignores length
    assert ids_of(exact) == ["h1"] and exact[0].score == pytest.approx(1.0, abs=1e-5)
    assert len(filled.query(QUERY, k=10)) == 4
    assert filled.query(QUERY, k=0) == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"kind": "paragraph"}, ["p1", "p2"]),
        ({"kind": {"$in": ["paragraph", "table"]}}, ["p1", "p2", "t1"]),
        ({"$and": [{"kind": {"$in": ["paragraph", "table"]}}, {"page": {"$gte": 2}}]}, ["p2", "t1"]),
        ({"$or": [{"kind": "heading"}, {"lang": "zh"}]}, ["p1", "h1"]),
        ({"kind": "paragraph", "page": 2}, ["p2"]),  # several fields: an implicit $and
        ({"$and": [{"page": {"$lt": 3}}]}, ["p1", "p2", "t1"]),  # a one-clause $and
        ({"lang": {"$ne": "zh"}}, ["p2", "t1", "h1"]),  # records without the field match $ne
        ({"kind": {"$nin": ["paragraph"]}}, ["t1", "h1"]),
        ({"draft": True}, ["t1"]),
        ({"page": 1.0}, ["p1"]),  # ints and floats compare numerically
        ({"weight": {"$gt": 0.25}}, ["h1"]),
        ({}, ["p1", "p2", "t1", "h1"]),
        ({"kind": "figure"}, []),
    ],
)
def test_where_filters(filled: VectorStore, where: dict, expected: list[str]) -> None:
    assert ids_of(filled.query(QUERY, k=10, where=where)) == expected


def test_fractional_bound_on_int_field(request: pytest.FixtureRequest, filled: VectorStore) -> None:
    if isinstance(filled, ChromaStore):
        # Chroma 1.5.9 truncates a float operand towards zero when comparing int metadata
        # ({"page": {"$lt": 2.5}} acts as page < 2); float fields are compared exactly.
        request.applymarker(
            pytest.mark.xfail(strict=True, reason="chroma truncates float bounds on int fields")
        )
    assert ids_of(filled.query(QUERY, k=10, where={"page": {"$lt": 2.5}})) == ["p1", "p2", "t1"]


@pytest.mark.parametrize("where", [{"page": {"$gt": "2"}}, {"kind": {"$in": []}}, {"kind": {"$regex": "x"}}])
def test_invalid_filters_raise(filled: VectorStore, where: dict) -> None:
    with pytest.raises(VectorStoreError):
        filled.query(QUERY, where=where)


def test_count_get_and_replace(filled: VectorStore) -> None:
    assert filled.count() == 4
    got = filled.get(["t1", "missing", "p1", "t1"])
    assert ids_of(got) == ["t1", "p1"]
    assert got[0] == Hit("t1", 1.0, "a table", METAS[2])
    assert filled.get([]) == []
    filled.add(["p1", "x1"], VECTORS[[3, 1]], ["replaced", "extra"], [{}, {"kind": "extra"}])
    assert filled.count() == 5
    assert filled.get(["p1"]) == [Hit("p1", 1.0, "replaced", {})]
    assert ids_of(filled.query(VECTORS[3], k=2)) in (["h1", "p1"], ["p1", "h1"])


@pytest.mark.parametrize(
    ("ids", "vectors", "metas"),
    [
        (["a", "b"], VECTORS[:1], [{}, {}]),  # length mismatch
        (["a", "a"], VECTORS[:2], [{}, {}]),  # duplicate ids
        (["a"], VECTORS[:1], [{"tags": ["x"]}]),  # non-scalar metadata
        (["a"], VECTORS[:1, :3], [{}]),  # wrong dimension
        (["a"], VECTORS[0], [{}]),  # 1-D vectors
    ],
)
def test_bad_batches_raise(
    filled: VectorStore, ids: list[str], vectors: np.ndarray, metas: list[dict]
) -> None:
    with pytest.raises(VectorStoreError):
        filled.add(ids, vectors, ["doc"] * len(ids), metas)
    assert filled.count() == 4


def test_query_dimension_mismatch_raises(filled: VectorStore) -> None:
    with pytest.raises(VectorStoreError):
        filled.query(np.ones(3, dtype=np.float32))


# --- drop -------------------------------------------------------------------------------------


def test_memory_drop_forgets_everything() -> None:
    store = InMemoryStore()
    store.add(IDS, VECTORS, DOCS, METAS)
    store.drop()
    assert store.count() == 0 and store.query(QUERY) == [] and store.get(IDS) == []


def test_chroma_drop_deletes_the_collection(tmp_path: Path) -> None:
    store = ChromaStore.persistent(tmp_path, "to-drop")
    store.add(IDS, VECTORS, DOCS, METAS)
    keep = ChromaStore.persistent(tmp_path, "to-keep")
    assert list_collections(path=tmp_path) == ["to-drop", "to-keep"]
    store.drop()
    store.drop()  # idempotent
    assert list_collections(path=tmp_path) == ["to-keep"]
    with pytest.raises(VectorStoreError, match="not found"):
        store.count()
    with pytest.raises(VectorStoreError, match="'to-drop' not found"):
        ChromaStore.open_existing("to-drop", path=tmp_path)
    assert keep.count() == 0


# --- Chroma specifics -------------------------------------------------------------------------


def test_chroma_persists_across_processes(tmp_path: Path) -> None:
    store = ChromaStore.persistent(tmp_path / "db", "persisted", metadata={"embedder": "fake:4"})
    store.add(IDS, VECTORS, DOCS, METAS)
    reopened = ChromaStore.open_existing("persisted", path=tmp_path / "db")
    assert reopened.count() == 4 and reopened.metadata == {"embedder": "fake:4"}
    code = (
        "import json, sys; from vectorstore import ChromaStore; "
        "s = ChromaStore.open_existing('persisted', path=sys.argv[1]); "
        "print(json.dumps([s.count(), [[h.id, h.metadata] for h in s.query([1, 0.1, 0.1, 0], k=2)]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == [4, [["p1", METAS[0]], ["p2", METAS[1]]]]


def test_open_existing_never_creates(tmp_path: Path) -> None:
    ChromaStore.persistent(tmp_path / "db", "present")
    with pytest.raises(VectorStoreError, match="collection 'absent' not found"):
        ChromaStore.open_existing("absent", path=tmp_path / "db")
    with pytest.raises(VectorStoreError, match="not found"):
        ChromaStore.persistent(tmp_path / "db", "absent", create=False)
    assert list_collections(path=tmp_path / "db") == ["present"]
    with pytest.raises(VectorStoreError, match="does not exist"):
        ChromaStore.open_existing("present", path=tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_build_aside_then_swap(tmp_path: Path) -> None:
    """The ingest pattern: build a new collection, drop the live one, rename the new one into place."""
    old = ChromaStore.persistent(tmp_path, "wpb-index")
    old.add(IDS[:1], VECTORS[:1], ["old"], [{}])
    new = ChromaStore.persistent(tmp_path, "wpb-index-new", metadata={"embedder": "fake:4"})
    new.add(IDS, VECTORS, DOCS, METAS)
    assert drop_collection("wpb-index", path=tmp_path) is True
    assert drop_collection("wpb-index", path=tmp_path) is False
    new.rename("wpb-index")
    live = ChromaStore.open_existing("wpb-index", path=tmp_path)
    assert live.count() == 4 and live.metadata == {"embedder": "fake:4"}
    assert list_collections(path=tmp_path) == ["wpb-index"]


def test_refuses_a_non_cosine_collection(tmp_path: Path) -> None:
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(tmp_path), settings=Settings(anonymized_telemetry=False))
    client.create_collection("euclid", embedding_function=None)  # chroma's default space is l2
    with pytest.raises(VectorStoreError, match="'l2' distance, not cosine"):
        ChromaStore.open_existing("euclid", path=tmp_path)


def test_corrupt_directory_raises(tmp_path: Path) -> None:
    (tmp_path / "chroma.sqlite3").write_bytes(b"this is not a database")
    with pytest.raises(VectorStoreError, match="cannot be opened"):
        ChromaStore.persistent(tmp_path, "anything")


def test_chroma_adds_in_batches_beyond_the_client_limit(tmp_path: Path) -> None:
    store = ChromaStore.persistent(tmp_path, "big")
    store._max_batch = 7  # the real limit (~5461) would make this test slow; the code path is the same
    n = 30
    vectors = np.random.default_rng(0).normal(size=(n, 8)).astype(np.float32)
    store.add(
        [f"id{i}" for i in range(n)], vectors, [f"doc {i}" for i in range(n)], [{"i": i} for i in range(n)]
    )
    assert store.count() == n
    assert ids_of(store.query(vectors[17], k=1)) == ["id17"]


def test_chroma_batch_limit_is_read_from_the_client(tmp_path: Path) -> None:
    store = ChromaStore.persistent(tmp_path, "limit")
    store.add(IDS[:1], VECTORS[:1], DOCS[:1], METAS[:1])
    assert store._max_batch is not None and store._max_batch > 100


def test_http_round_trip_on_a_real_server(chroma_server: int) -> None:
    store = ChromaStore.http("127.0.0.1", chroma_server, "round-trip")
    try:
        store.add(IDS, VECTORS, DOCS, METAS)
        reader = ChromaStore.open_existing("round-trip", host="127.0.0.1", port=chroma_server)
        assert reader.count() == 4
        assert ids_of(reader.query(QUERY, k=2, where={"kind": {"$in": ["paragraph", "table"]}})) == [
            "p1",
            "p2",
        ]
        assert reader.get(["h1"]) == [Hit("h1", 1.0, "a heading", METAS[3])]
        with pytest.raises(VectorStoreError, match="'nope' not found"):
            ChromaStore.open_existing("nope", host="127.0.0.1", port=chroma_server)
    finally:
        store.drop()
    assert "round-trip" not in list_collections(host="127.0.0.1", port=chroma_server)


def test_unreachable_server_raises_quickly() -> None:
    port = free_port()  # nothing listens there once the probe socket is closed
    started = time.monotonic()
    with pytest.raises(VectorStoreError, match=f"Chroma server at 127.0.0.1:{port} is not reachable"):
        ChromaStore.http("127.0.0.1", port, "whatever")
    assert time.monotonic() - started < 10
