"""The prompt that asks an LLM to answer from numbered passages only, with a marker after each claim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.model import Unit

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

MAX_SOURCE_CHARS = 2000
LANGUAGE_NAMES = {"zh": "Chinese (简体中文)", "en": "English"}

SYSTEM = """You answer questions about {document} using ONLY the passages given with the question. Rules:
1. Answer in {language_name}, in at most five sentences of plain prose, with no preamble.
2. State only what the passages say. Do not add facts, opinions or general knowledge.
3. After every sentence, put the marker of the passage it comes from, exactly as given, for example {example}.
   Cite only passages you were given.
4. Use only numbers that appear in the passages. Do not calculate, round or estimate.
5. If the passages do not answer the question, say so in one sentence."""


@dataclass(frozen=True)
class Source:
    """A passage given to the LLM: the marker label it must cite ("¶59", "表 3.0") and its text."""

    label: str
    text: str


def unit_text(unit: Unit) -> str:
    """What the LLM reads of a unit: its text, or a table as title, header paths and labelled rows."""
    table = unit.table
    if table is None:
        return unit.text
    lines = [f"{unit.title} ({table.unit})" if table.unit else unit.title]
    lines.append("\t".join(["", *(" › ".join(c.path) for c in table.columns)]))
    for row in table.rows:
        cells = [row.cells.get(c.position, "") for c in table.columns]
        lines.append("\t".join([" › ".join([*row.group, row.label]), *cells]))
    return "\n".join(lines)


def marker_label(label: str, language: str) -> str:
    """A citation label in the question's language: "表 4.2 / Table 4.2" -> "表 4.2" or "Table 4.2"."""
    parts = label.split(" / ")
    if len(parts) != 2:
        return label
    return parts[0] if language == "zh" else parts[1]


def clip(text: str) -> str:
    return text if len(text) <= MAX_SOURCE_CHARS else text[:MAX_SOURCE_CHARS] + "…"


def messages(question: str, language: str, sources: list[Source], symbol: str) -> list[BaseMessage]:
    """The system and user messages for one question (at least one source)."""
    system = SYSTEM.format(
        document=f"the United Nations document {symbol}" if symbol else "a United Nations document",
        language_name=LANGUAGE_NAMES.get(language, "the language of the question"),
        example=f"[{sources[0].label}]",
    )
    passages = "\n\n".join(f"[{s.label}]\n{s.text}" for s in sources)
    user = f"Passages:\n\n{passages}\n\nQuestion: {question}"
    from langchain_core.messages import HumanMessage, SystemMessage  # slow to import; only with an LLM

    return [SystemMessage(content=system), HumanMessage(content=user)]
