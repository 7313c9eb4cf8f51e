"""MemoryStore: the conversation store in dictionaries, for tests and for `WPB_DATABASE_URL=memory`."""

from __future__ import annotations

import copy
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from conversations.base import (
    Conversation,
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


class MemoryStore:
    """Conversations in a dict, guarded by a lock; gone when the process ends."""

    def __init__(self) -> None:
        self._conversations: dict[str, Conversation] = {}
        self._lock = threading.Lock()
        self._last_turn = 0
        self._last_time = now()

    def _now(self) -> datetime:
        """The time, strictly increasing within this store so that `list` has a definite order."""
        self._last_time = max(now(), self._last_time + timedelta(microseconds=1))
        return self._last_time

    def _owned(self, owner: str, conversation_id: str) -> Conversation | None:
        found = self._conversations.get(conversation_id) if isinstance(conversation_id, str) else None
        return found if found is not None and found.owner == owner else None

    def create(self, owner: str, title: str, name: str | None = None) -> Conversation:
        owner, title, name = check_owner(owner), clean_title(title), clean_name(name)
        with self._lock:
            if name is not None and any(
                c.owner == owner and c.name == name for c in self._conversations.values()
            ):
                raise duplicate_name(name)
            when = self._now()
            made = Conversation(new_id(), owner, title, name, when, when, ())
            self._conversations[made.id] = made
            return made

    def list(self, owner: str) -> list[Summary]:
        with self._lock:
            mine = [c for c in self._conversations.values() if c.owner == owner]
        mine.sort(key=lambda c: (c.updated, c.created), reverse=True)
        return [Summary(c.id, c.title, c.name, c.updated, len(c.turns)) for c in mine]

    def get(self, owner: str, conversation_id: str) -> Conversation | None:
        with self._lock:
            found = self._owned(owner, conversation_id)
            return copy.deepcopy(found)

    def by_name(self, owner: str, name: str) -> Conversation | None:
        wanted = name.strip() if isinstance(name, str) else None
        with self._lock:
            for c in self._conversations.values():
                if c.owner == owner and c.name == wanted:
                    return copy.deepcopy(c)
        return None

    def add_turn(
        self, owner: str, conversation_id: str, question: str, read_as: str, payload: dict[str, Any]
    ) -> Turn:
        payload = json_payload(payload)
        with self._lock:
            found = self._owned(owner, conversation_id)
            if found is None:
                raise not_found(conversation_id)
            self._last_turn += 1
            turn = Turn(self._last_turn, question, read_as, payload, self._now())
            self._conversations[found.id] = replace(found, updated=turn.created, turns=(*found.turns, turn))
            return copy.deepcopy(turn)

    def rename(self, owner: str, conversation_id: str, title: str) -> None:
        title = clean_title(title)
        with self._lock:
            found = self._owned(owner, conversation_id)
            if found is None:
                raise not_found(conversation_id)
            self._conversations[found.id] = replace(found, title=title)

    def delete(self, owner: str, conversation_id: str) -> bool:
        with self._lock:
            found = self._owned(owner, conversation_id)
            if found is None:
                return False
            del self._conversations[found.id]
            return True

    def close(self) -> None:
        """Nothing to release."""
