"""Contract tests for the conversation stores: in memory, SQLite on a file and a real PostgreSQL server.

The PostgreSQL server is Debian's `postgresql` package (scripts/setup.sh --test installs it), started once
per session; when it is not installed the tests fail unless WPB_SKIP_POSTGRES=1 is set."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from conversations import (
    ConversationError,
    ConversationStore,
    MemoryStore,
    SqlStore,
    open_store,
)
from conversations.sql import Base, TurnRow
from tests.browser import free_port
from tests.postgres import postgres_bin, postgres_server

PAYLOAD = {
    "answer": "2020年核定经常预算为 1,234.5 万美元（较2019年增加 3.2%）。",
    "language": "zh",
    "figures": [1234.5, 0.1, -3e-7, 12345678.901234, 2, 0],
    "formula": {"text": "a − b", "operands": [{"label": "经常预算", "value": 1.5, "unit": None}]},
    "citations": [{"page": 12, "quote": "“工作方案”", "flags": [True, False]}],
    "empty": {"list": [], "dict": {}, "text": ""},
}


def _drop_tables(url: str) -> None:
    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole session; yields a SQLAlchemy URL to an empty database."""
    if postgres_bin() is None:
        if os.environ.get("WPB_SKIP_POSTGRES") == "1":
            pytest.skip("PostgreSQL is not installed and WPB_SKIP_POSTGRES=1")
        pytest.fail(
            "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: install Debian's postgresql "
            "(bash scripts/setup.sh --test does) or set WPB_SKIP_POSTGRES=1 to skip these tests"
        )
    with postgres_server() as url:
        yield url


def _database_url(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'not' / 'yet' / 'conversations.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConversationStore]:
    if request.param == "memory":
        made: ConversationStore = MemoryStore()
    else:
        url = _database_url(request.param, request, tmp_path)
        made = SqlStore(url)
    yield made
    made.close()
    if request.param == "postgres":
        _drop_tables(url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for tests that open several stores on the same data."""
    url = _database_url(request.param, request, tmp_path)
    yield url
    if request.param == "postgres":
        _drop_tables(url)


def test_stores_implement_the_interface(store: ConversationStore) -> None:
    assert isinstance(store, ConversationStore)


def test_create_list_get_add_turn_round_trip(store: ConversationStore) -> None:
    made = store.create("alice", "  2020年预算问答 \n", name="budget")
    assert made.title == "2020年预算问答" and made.name == "budget" and made.owner == "alice"
    assert made.turns == () and made.created == made.updated
    assert made.created.utcoffset() == timedelta(0)
    [summary] = store.list("alice")
    assert (summary.id, summary.title, summary.name, summary.turns) == (made.id, made.title, "budget", 0)

    sent = {**PAYLOAD, "figures": list(PAYLOAD["figures"])}
    first = store.add_turn("alice", made.id, "2020年经常预算是多少？", "regular budget 2020", sent)
    sent["figures"].append(999)  # the caller's dict changing afterwards does not change the stored turn
    second = store.add_turn("alice", made.id, "What changed?", "change", {"answer": "Nothing."})

    got = store.get("alice", made.id)
    assert got is not None and got.id == made.id and got.title == made.title and got.created == made.created
    assert got.turns == (first, second)
    assert got.turns[0].payload == PAYLOAD
    assert got.turns[0].question == "2020年经常预算是多少？" and got.turns[0].read_as == "regular budget 2020"
    assert first.id != second.id
    assert all(t.created.utcoffset() == timedelta(0) for t in got.turns)
    assert got.updated == second.created >= first.created >= made.created
    [summary] = store.list("alice")
    assert summary.turns == 2 and summary.updated == got.updated
    assert store.by_name("alice", "budget") == got


def test_payload_must_be_plain_json(store: ConversationStore) -> None:
    made = store.create("alice", "t")
    for bad in ({"x": float("nan")}, {"x": object()}, ["not", "a", "dict"]):
        with pytest.raises(ConversationError, match="payload"):
            store.add_turn("alice", made.id, "q", "q", bad)  # type: ignore[arg-type]
    assert store.get("alice", made.id) == made


def test_list_is_newest_updated_first_and_per_owner(store: ConversationStore) -> None:
    a, b, c = (store.create("alice", title) for title in ("a", "b", "c"))
    store.create("bob", "b's")
    assert [s.id for s in store.list("alice")] == [c.id, b.id, a.id]
    store.add_turn("alice", a.id, "q", "q", {"answer": 1})
    assert [s.id for s in store.list("alice")] == [a.id, c.id, b.id]
    store.add_turn("alice", b.id, "q", "q", {"answer": 2})
    assert [s.id for s in store.list("alice")] == [b.id, a.id, c.id]
    store.rename("alice", c.id, "c renamed")  # a new title does not reorder the list
    assert [s.title for s in store.list("alice")] == ["b", "a", "c renamed"]
    assert [s.title for s in store.list("bob")] == ["b's"]
    assert store.list("carol") == []


def test_rename_and_titles(store: ConversationStore) -> None:
    made = store.create("alice", "old")
    store.rename("alice", made.id, "  新的标题  ")
    assert store.get("alice", made.id).title == "新的标题"  # type: ignore[union-attr]
    for bad in ("", "   \n\t", "x" * 201):
        with pytest.raises(ConversationError, match="title"):
            store.rename("alice", made.id, bad)
        with pytest.raises(ConversationError, match="title"):
            store.create("alice", bad)
    assert store.get("alice", made.id).title == "新的标题"  # type: ignore[union-attr]
    assert store.create("alice", "y" * 200).title == "y" * 200
    with pytest.raises(ConversationError):
        store.rename("alice", uuid.uuid4().hex, "title")


def test_delete_removes_the_conversation_and_its_turns(store: ConversationStore) -> None:
    gone, kept = store.create("alice", "gone", name="n"), store.create("alice", "kept")
    for i in range(3):
        store.add_turn("alice", gone.id, f"q{i}", "q", {"i": i})
    store.add_turn("alice", kept.id, "q", "q", {"kept": True})
    assert store.delete("alice", gone.id) is True
    assert store.get("alice", gone.id) is None and store.by_name("alice", "n") is None
    assert [s.id for s in store.list("alice")] == [kept.id]
    assert store.delete("alice", gone.id) is False
    with pytest.raises(ConversationError):
        store.add_turn("alice", gone.id, "q", "q", {})
    assert [t.payload for t in store.get("alice", kept.id).turns] == [{"kept": True}]  # type: ignore[union-attr]
    if isinstance(store, SqlStore):
        with store._engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(TurnRow)) == 1
    assert store.create("alice", "again", name="n").name == "n"  # the name is free again


def test_names_are_unique_per_owner(store: ConversationStore) -> None:
    first = store.create("alice", "first", name="budget")
    with pytest.raises(ConversationError, match="budget"):
        store.create("alice", "second", name=" budget ")
    bobs = store.create("bob", "bob's", name="budget")  # another owner may reuse the name
    assert store.by_name("alice", "budget").id == first.id  # type: ignore[union-attr]
    assert store.by_name("bob", "budget").id == bobs.id  # type: ignore[union-attr]
    assert store.by_name("carol", "budget") is None and store.by_name("alice", "other") is None
    unnamed = [store.create("alice", "unnamed") for _ in range(2)]  # any number without a name
    assert all(c.name is None for c in unnamed)
    with pytest.raises(ConversationError, match="name"):
        store.create("alice", "t", name="  ")
    assert len(store.list("alice")) == 3


def test_an_owner_cannot_touch_another_owners_conversation(store: ConversationStore) -> None:
    theirs = store.create("bob", "bob's plans", name="secret")
    store.add_turn("bob", theirs.id, "q", "q", PAYLOAD)
    before = store.get("bob", theirs.id)

    assert store.list("alice") == []
    assert store.get("alice", theirs.id) is None
    assert store.by_name("alice", "secret") is None
    with pytest.raises(ConversationError) as added:
        store.add_turn("alice", theirs.id, "q", "q", {"injected": True})
    with pytest.raises(ConversationError):
        store.rename("alice", theirs.id, "mine now")
    assert store.delete("alice", theirs.id) is False

    assert store.get("bob", theirs.id) == before
    assert [s.title for s in store.list("bob")] == ["bob's plans"]
    # The refusal reads the same as for an id that does not exist: it does not reveal that the id is in use.
    missing = uuid.uuid4().hex
    with pytest.raises(ConversationError) as unknown:
        store.add_turn("alice", missing, "q", "q", {})
    assert str(added.value).replace(theirs.id, "ID") == str(unknown.value).replace(missing, "ID")
    assert "bob" not in str(added.value)


def test_ids_are_unguessable(store: ConversationStore) -> None:
    ids = [store.create("alice", f"t{i}").id for i in range(50)]
    assert len(set(ids)) == 50
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) and uuid.UUID(i).version == 4 for i in ids)


def test_concurrent_turns_are_all_kept(store: ConversationStore) -> None:
    made = store.create("alice", "busy")
    threads, turns = 8, 20
    start, errors = threading.Barrier(threads), []

    def ask(worker: int) -> None:
        try:
            start.wait()
            for i in range(turns):
                store.add_turn("alice", made.id, f"{worker}:{i}", "q", {"worker": worker, "i": i})
        except BaseException as e:  # reported below
            errors.append(e)

    workers = [threading.Thread(target=ask, args=(w,)) for w in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not errors, errors
    got = store.get("alice", made.id)
    assert got is not None and len(got.turns) == threads * turns
    assert len({t.id for t in got.turns}) == threads * turns
    for worker in range(threads):  # each thread's turns, in the order it added them
        assert [t.payload["i"] for t in got.turns if t.payload["worker"] == worker] == list(range(turns))
    assert store.list("alice")[0].turns == threads * turns


def test_conversations_survive_reopening(database_url: str) -> None:
    first = SqlStore(database_url)
    made = first.create("alice", "kept across restarts", name="kept")
    first.add_turn("alice", made.id, "问题", "question", PAYLOAD)
    before = first.get("alice", made.id)
    first.close()

    second = SqlStore(database_url)
    try:
        assert second.get("alice", made.id) == before
        assert second.by_name("alice", "kept") == before
        assert second.get("alice", made.id).turns[0].payload == PAYLOAD  # type: ignore[union-attr]
    finally:
        second.close()
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        connection.close()


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql"])
def test_unreachable_database_fails_quickly_without_the_password(scheme: str) -> None:
    port = free_port()  # nothing listens there
    url = f"{scheme}://wpb:s3cret-pw@127.0.0.1:{port}/wpb"
    began = time.monotonic()
    with pytest.raises(ConversationError) as raised:
        SqlStore(url)
    assert time.monotonic() - began < 15
    message = str(raised.value)
    assert f"postgresql+psycopg://wpb:***@127.0.0.1:{port}/wpb" in message
    assert "s3cret" not in message and "\n" not in message


def test_open_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    default = open_store(None, data_dir)
    try:
        assert isinstance(default, SqlStore) and (data_dir / "conversations.sqlite3").exists()
        default.create("alice", "t")
    finally:
        default.close()
    again = open_store("", data_dir)
    try:
        assert [s.title for s in again.list("alice")] == ["t"]
    finally:
        again.close()
    assert isinstance(open_store("memory", data_dir), MemoryStore)
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}", data_dir)
    assert isinstance(other, SqlStore) and other.list("alice") == []
    other.close()
    for bad in ("not a url", "nosuchdatabase://host/db"):
        with pytest.raises(ConversationError):
            open_store(bad, data_dir)
