"""The answer to a question: the JSON contract of `wpb ask --json`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.dialogue import Context


@dataclass
class Citation:
    """A cited unit: {"kind", "id", "label", "section", "quote"}."""

    kind: str
    id: str
    label: str
    section: str
    quote: str


@dataclass
class Answer:
    """One answered question (see the README for the contract)."""

    question: str
    language: str
    route: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    result: dict[str, Any] | None = None
    elapsed_ms: float = 0.0
    notices: list[str] = field(default_factory=list)
    composer: str = "extractive"  # "llm": an LLM wrote the text from the citations and the guard passed it
    # The calculator's outcome: "answered" (a figure), "clarify" (a question back, with `options`),
    # "absent" (the document has no such figure), "unread" (words it could not read); "" for other routes.
    status: str = ""
    options: list[dict[str, str]] = field(default_factory=list)  # {"label", "question"} to click or ask
    # The question as resolved: what a follow-up was read as ("total resources for Subprogramme 2"),
    # equal to the question when it stood on its own.
    read_as: str = ""
    # What the next question may refer to (not part of the JSON contract; a conversation keeps it).
    context: Context = field(default_factory=Context, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("context")
        data["elapsed_ms"] = round(self.elapsed_ms, 1)
        return data
