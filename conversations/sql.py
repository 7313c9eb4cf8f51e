"""SqlStore: conversations in a database through SQLAlchemy 2 (SQLite by default, PostgreSQL shared)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    exc,
    func,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from conversations.base import (
    NAME_MAX,
    OWNER_MAX,
    TITLE_MAX,
    Conversation,
    ConversationError,
    ConversationStore,
    Summary,
    Turn,
    check_owner,
    clean_name,
    clean_title,
    duplicate_name,
    json_payload,
    new_id,
    not_found,
    now,
)
from conversations.memory import MemoryStore

CONNECT_TIMEOUT = 10  # seconds, for a database reached over the network
SQLITE_BUSY_TIMEOUT = 30  # seconds a writer waits for another writer's lock
SQLITE_FILE = "conversations.sqlite3"


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp, also on SQLite (which stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class ConversationRow(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("owner", "name", name="uq_conversations_owner_name"),
        Index("ix_conversations_owner_updated", "owner", "updated"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(OWNER_MAX))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    name: Mapped[str | None] = mapped_column(String(NAME_MAX))
    created: Mapped[datetime] = mapped_column(UtcDateTime())
    updated: Mapped[datetime] = mapped_column(UtcDateTime())


class TurnRow(Base):
    __tablename__ = "turns"
    __table_args__ = {"sqlite_autoincrement": True}  # a deleted turn's id is never reused

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(Text)
    read_as: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(UtcDateTime())


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers go on while one thread writes; foreign keys make the turns' cascade hold."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _normalise(url: URL) -> URL:
    """`postgres://` and `postgresql://` use psycopg 3, the driver this project installs."""
    if url.drivername in ("postgres", "postgresql"):
        return url.set(drivername="postgresql+psycopg")
    return url


def _one_line(error: BaseException, password: str | None) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    if password:
        text = text.replace(password, "***")
    return text[:300]


class SqlStore:
    """The conversation store in a SQL database; one short session per call, so threads may share it."""

    def __init__(self, url: str | URL) -> None:
        try:
            parsed = _normalise(make_url(url))
        except exc.ArgumentError as e:
            raise ConversationError(
                "not a database URL (expected e.g. sqlite:///path/conversations.sqlite3 "
                "or postgresql+psycopg://user@host/dbname)"
            ) from e
        self.url = parsed.render_as_string(hide_password=True)
        self._password = parsed.password
        sqlite = parsed.get_backend_name() == "sqlite"
        options: dict[str, Any] = {"pool_pre_ping": True, "json_serializer": _dumps}
        if sqlite:
            options["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT}
            database = parsed.database or ""
            if database in ("", ":memory:"):
                options["poolclass"] = StaticPool  # one in-memory database, not one per thread
            elif not database.startswith("file:"):
                try:
                    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as e:
                    raise ConversationError(f"conversation store {self.url}: {_one_line(e, None)}") from e
        elif parsed.get_backend_name() in ("postgresql", "mysql", "mariadb"):
            options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT}
        try:
            self._engine = create_engine(parsed, **options)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as e:
            raise ConversationError(f"cannot open conversation store {self.url}: {_one_line(e, None)}") from e
        if sqlite:
            event.listen(self._engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        try:
            Base.metadata.create_all(self._engine)
        except exc.SQLAlchemyError as e:
            self._engine.dispose()
            raise self._failure(e) from e

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session in one transaction; a database failure becomes a one-line ConversationError."""
        try:
            with self._sessions.begin() as session:
                yield session
        except exc.SQLAlchemyError as e:
            raise self._failure(e) from e

    def _failure(self, error: exc.SQLAlchemyError) -> ConversationError:
        """One line naming the URL without its password, and the driver's reason."""
        cause = getattr(error, "orig", None) or error
        return ConversationError(f"conversation store {self.url} failed: {_one_line(cause, self._password)}")

    def create(self, owner: str, title: str, name: str | None = None) -> Conversation:
        owner, title, name = check_owner(owner), clean_title(title), clean_name(name)
        when = now()
        row = ConversationRow(id=new_id(), owner=owner, title=title, name=name, created=when, updated=when)
        with self._session() as session:
            session.add(row)
            try:
                session.flush()
            except exc.IntegrityError as e:
                if name is None:
                    raise
                raise duplicate_name(name) from e
        return Conversation(row.id, owner, title, name, when, when, ())

    def list(self, owner: str) -> list[Summary]:
        c = ConversationRow
        count = select(func.count(TurnRow.id)).where(TurnRow.conversation_id == c.id).scalar_subquery()
        query = (
            select(c.id, c.title, c.name, c.updated, count)
            .where(c.owner == owner)
            .order_by(c.updated.desc(), c.created.desc(), c.id)
        )
        with self._session() as session:
            return [Summary(*row) for row in session.execute(query)]

    def _load(self, session: Session, row: ConversationRow | None) -> Conversation | None:
        if row is None:
            return None
        query = select(TurnRow).where(TurnRow.conversation_id == row.id).order_by(TurnRow.id)
        turns = tuple(Turn(t.id, t.question, t.read_as, t.payload, t.created) for t in session.scalars(query))
        return Conversation(row.id, row.owner, row.title, row.name, row.created, row.updated, turns)

    def get(self, owner: str, conversation_id: str) -> Conversation | None:
        query = select(ConversationRow).where(
            ConversationRow.id == conversation_id, ConversationRow.owner == owner
        )
        with self._session() as session:
            return self._load(session, session.scalar(query))

    def by_name(self, owner: str, name: str) -> Conversation | None:
        wanted = name.strip() if isinstance(name, str) else None
        query = select(ConversationRow).where(ConversationRow.owner == owner, ConversationRow.name == wanted)
        with self._session() as session:
            return self._load(session, session.scalar(query))

    def _update(self, session: Session, owner: str, conversation_id: str, **values: Any) -> None:
        """Update the owner's conversation, as the transaction's first statement (on SQLite it takes the
        write lock at once, waiting for other writers rather than failing to upgrade a read)."""
        statement = (
            update(ConversationRow)
            .where(ConversationRow.id == conversation_id, ConversationRow.owner == owner)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if session.execute(statement).rowcount == 0:
            raise not_found(conversation_id)

    def add_turn(
        self, owner: str, conversation_id: str, question: str, read_as: str, payload: dict[str, Any]
    ) -> Turn:
        payload = json_payload(payload)
        when = now()
        with self._session() as session:
            self._update(session, owner, conversation_id, updated=when)
            row = TurnRow(
                conversation_id=conversation_id,
                question=question,
                read_as=read_as,
                payload=payload,
                created=when,
            )
            session.add(row)
            session.flush()
            return Turn(row.id, question, read_as, payload, when)

    def rename(self, owner: str, conversation_id: str, title: str) -> None:
        title = clean_title(title)
        with self._session() as session:
            self._update(session, owner, conversation_id, title=title)

    def delete(self, owner: str, conversation_id: str) -> bool:
        mine = select(ConversationRow.id).where(
            ConversationRow.id == conversation_id, ConversationRow.owner == owner
        )
        with self._session() as session:
            session.execute(delete(TurnRow).where(TurnRow.conversation_id.in_(mine)))
            gone = session.execute(
                delete(ConversationRow)
                .where(ConversationRow.id == conversation_id, ConversationRow.owner == owner)
                .execution_options(synchronize_session=False)
            )
            return gone.rowcount > 0

    def close(self) -> None:
        self._engine.dispose()


def open_store(url: str | None, data_dir: Path) -> ConversationStore:
    """None (or blank): a SQLite file in data_dir; "memory": a MemoryStore; otherwise a database URL."""
    if url is None or not url.strip():
        return SqlStore(URL.create("sqlite", database=str(Path(data_dir) / SQLITE_FILE)))
    if url.strip() == "memory":
        return MemoryStore()
    return SqlStore(url.strip())
