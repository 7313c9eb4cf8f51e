"""The conversation a delegate takes away: questions, answers, formulas and citations as Markdown."""

from __future__ import annotations

import re
from datetime import datetime

_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")  # what could start HTML, a heading, a link, code or a table
_LINE_START = re.compile(r"^([-+=]|\d+[.)])", re.MULTILINE)  # a list, a rule or a heading's underline
_AUTOLINK = re.compile(
    r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)", re.IGNORECASE
)  # https://, www. made clickable


def escape(text: str) -> str:
    """Text a user or a model wrote, shown as written: it cannot make HTML, a heading, a link or a list."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text)
    return _AUTOLINK.sub(lambda m: "\\" + (m[1] or m[2]), text)


def one_line(text: str) -> str:
    return escape(" ".join(text.split()))


def _quoted(text: str) -> str:
    """The document's own words: readable as they are, with no HTML of their own."""
    return re.sub(r"([<>])", r"\\\1", " ".join(text.split()))


def to_markdown(
    turns: list[dict], title: str = "WPB Assistant — conversation", when: datetime | None = None
) -> str:
    """Each turn is {"question": str, "answer": Answer.to_dict()}; the Markdown quotes every citation.
    What the user and the model wrote is escaped; the document's words are kept as they are."""
    when = when or datetime.now()
    lines = [
        f"# {one_line(title)}",
        "",
        f"UN-Habitat Work Programme and Budget for 2020 (HSP/EB.1/2/Rev.1) · exported {when:%Y-%m-%d %H:%M}",
        "",
        turns_markdown(turns),
    ]
    return "\n".join(lines).rstrip() + "\n"


def turns_markdown(turns: list[dict]) -> str:
    """The turns alone (no title or export line), as to_markdown writes them."""
    lines: list[str] = []
    for n, turn in enumerate(turns, 1):
        answer = turn["answer"]
        lines += [f"## {n}. {one_line(turn['question'])}", ""]
        lines += ["  \n".join(escape(line.strip()) for line in answer["answer"].strip().splitlines()), ""]
        result = answer.get("result")
        if result and result.get("formula"):
            lines += [f"Formula: `{result['formula']}` ({_quoted(result['unit'])})", ""]
            for cell in result.get("cells", []):
                lines.append(f"- Table {cell['table']}: {_quoted(cell['row'])} × {_quoted(cell['column'])}")
            lines.append("")
        for notice in answer.get("notices") or []:
            lines += [f"> {one_line(notice)}", ""]
        if answer.get("citations"):
            lines += ["Sources:", ""]
            for citation in answer["citations"]:
                section = f" — {_quoted(citation['section'])}" if citation["section"] else ""
                lines.append(f"- **{_quoted(citation['label'])}**{section}: “{_quoted(citation['quote'])}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
