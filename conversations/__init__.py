"""Conversations kept between visits: a small store interface, an in-memory fake and a SQL database."""

from conversations.base import Conversation, ConversationError, ConversationStore, Summary, Turn
from conversations.memory import MemoryStore
from conversations.sql import SqlStore, open_store

__all__ = [
    "Conversation",
    "ConversationError",
    "ConversationStore",
    "MemoryStore",
    "SqlStore",
    "Summary",
    "Turn",
    "open_store",
]
