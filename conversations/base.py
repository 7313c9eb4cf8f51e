"""The conversation store's records, its error and its interface."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

TITLE_MAX = 200
NAME_MAX = 200
OWNER_MAX = 255


class ConversationError(RuntimeError):
    """A request the store refuses (unknown or not-owned id, bad title, duplicate name) or cannot serve."""


@dataclass(frozen=True)
class Turn:
    """One question and the answer's JSON payload, stored whole."""

    id: int
    question: str
    read_as: str
    payload: dict[str, Any]
    created: datetime


@dataclass(frozen=True)
class Conversation:
    id: str
    owner: str
    title: str
    name: str | None
    created: datetime
    updated: datetime
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Summary:
    """A conversation as listed: no turns, only their number."""

    id: str
    title: str
    name: str | None
    updated: datetime
    turns: int


@runtime_checkable
class ConversationStore(Protocol):
    """Conversations per owner; another owner's conversation is never visible, as if it did not exist."""

    def create(self, owner: str, title: str, name: str | None = None) -> Conversation: ...

    def list(self, owner: str) -> list[Summary]:
        """The owner's conversations, most recently updated first."""
        ...

    def get(self, owner: str, conversation_id: str) -> Conversation | None: ...

    def by_name(self, owner: str, name: str) -> Conversation | None: ...

    def add_turn(
        self, owner: str, conversation_id: str, question: str, read_as: str, payload: dict[str, Any]
    ) -> Turn: ...

    def rename(self, owner: str, conversation_id: str, title: str) -> None:
        """A new title; `updated` (the list's order) only moves with new turns."""
        ...

    def delete(self, owner: str, conversation_id: str) -> bool:
        """True when the owner's conversation existed and is gone, with its turns."""
        ...

    def close(self) -> None: ...


def new_id() -> str:
    """An unguessable conversation id: 32 hex digits of a random uuid4."""
    return uuid.uuid4().hex


def now() -> datetime:
    return datetime.now(UTC)


def check_owner(owner: str) -> str:
    if not isinstance(owner, str) or not owner or len(owner) > OWNER_MAX:
        raise ConversationError(f"an owner must be 1-{OWNER_MAX} characters")
    return owner


def clean_title(title: str) -> str:
    """The title stripped; ConversationError unless it is 1-200 characters."""
    cleaned = title.strip() if isinstance(title, str) else ""
    if not 1 <= len(cleaned) <= TITLE_MAX:
        raise ConversationError(f"a conversation title must be 1-{TITLE_MAX} characters, got {title!r:.60}")
    return cleaned


def clean_name(name: str | None) -> str | None:
    """The name stripped (None stays None); ConversationError unless it is 1-200 characters."""
    if name is None:
        return None
    cleaned = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(cleaned) <= NAME_MAX:
        raise ConversationError(f"a conversation name must be 1-{NAME_MAX} characters, got {name!r:.60}")
    return cleaned


def json_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the database gives it back (a JSON round trip); ConversationError if it is not JSON."""
    if not isinstance(payload, dict):
        raise ConversationError(f"a turn's payload must be a dict, got {type(payload).__name__}")
    try:
        return json.loads(json.dumps(payload, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError) as e:
        raise ConversationError(f"a turn's payload must be plain JSON: {e}") from e


def not_found(conversation_id: str) -> ConversationError:
    """The same error for a missing and for another owner's conversation."""
    return ConversationError(f"no conversation {conversation_id!r:.80}")


def duplicate_name(name: str) -> ConversationError:
    return ConversationError(f"a conversation named {name!r} already exists")
