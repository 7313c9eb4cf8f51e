"""A conversation continued across questions, processes and app restarts: the last answer's context
is read back from the store, the question answered with it, and the turn saved with its full answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer
from assistant.dialogue import Context
from conversations import Conversation, ConversationError, ConversationStore

if TYPE_CHECKING:
    from assistant.assistant import Assistant

LOCAL_OWNER = "local"  # who owns conversations when the app runs without login (and from the shell)
TITLE_CHARS = 200


def check_text(text: str, what: str) -> None:
    """Text that cannot be stored (invalid UTF-8 from the shell): ValueError with a clear message."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{what} is not valid UTF-8 (at character {exc.start + 1})") from None


def shown(name: str, limit: int = 60) -> str:
    """A name as an error message quotes it: cut, and printable whatever bytes it came from."""
    safe = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return repr(safe if len(safe) <= limit else safe[: limit - 1] + "…")


def last_context(conversation: Conversation | None) -> Context:
    """What the last turn leaves for a follow-up (an empty context for a new conversation)."""
    if conversation is None or not conversation.turns:
        return Context()
    return Context.from_dict(conversation.turns[-1].payload.get("context"))


def title_of(question: str) -> str:
    """A conversation's first title: its first question, on one line, cut at a word."""
    text = " ".join(question.split()) or "…"
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class Sessions:
    """One owner's conversations with the assistant."""

    store: ConversationStore
    assistant: Assistant
    owner: str = LOCAL_OWNER

    def start(self, question: str, name: str | None = None) -> Conversation:
        return self.store.create(self.owner, title_of(question), name)

    def named(self, name: str, first_question: str) -> Conversation:
        """The conversation with this id (as `wpb sessions` lists the app's), or called `name`, started
        with this question when there is none yet."""
        check_text(name, "the session name")
        check_text(first_question, "the question")
        return (
            self.store.get(self.owner, name)
            or self.store.by_name(self.owner, name)
            or self.start(first_question, name)
        )

    def ask(self, conversation_id: str, question: str, **options: Any) -> Answer:
        """Answer with what the conversation's last turn left, and keep the turn."""
        check_text(question, "the question")
        conversation = self.store.get(self.owner, conversation_id)
        if conversation is None:
            raise ConversationError(f"no conversation {conversation_id!r}")
        answer = self.assistant.ask(question, context=last_context(conversation), **options)
        payload = {"answer": answer.to_dict(), "context": answer.context.to_dict()}
        self.store.add_turn(self.owner, conversation_id, question, answer.read_as, payload)
        return answer


def turns_for_export(conversation: Conversation) -> list[dict]:
    """The turns as webapp/conversation.to_markdown takes them."""
    return [{"question": turn.question, "answer": turn.payload["answer"]} for turn in conversation.turns]
