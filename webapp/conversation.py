"""The conversation a delegate takes away: questions, answers, formulas and citations as Markdown."""

from __future__ import annotations

from datetime import datetime


def to_markdown(
    turns: list[dict], title: str = "WPB Assistant — conversation", when: datetime | None = None
) -> str:
    """Each turn is {"question": str, "answer": Answer.to_dict()}; the Markdown quotes every citation."""
    when = when or datetime.now()
    lines = [
        f"# {title}",
        "",
        f"UN-Habitat Work Programme and Budget for 2020 (HSP/EB.1/2/Rev.1) · exported {when:%Y-%m-%d %H:%M}",
        "",
    ]
    for n, turn in enumerate(turns, 1):
        answer = turn["answer"]
        lines += [f"## {n}. {turn['question'].strip()}", ""]
        lines += [answer["answer"], ""]
        result = answer.get("result")
        if result and "formula" in result:
            lines += [f"Formula: `{result['formula']}` ({result['unit']})", ""]
            for cell in result.get("cells", []):
                lines.append(f"- Table {cell['table']}: {cell['row']} × {cell['column']}")
            lines.append("")
        for notice in answer.get("notices") or []:
            lines += [f"> {notice}", ""]
        if answer.get("citations"):
            lines += ["Sources:", ""]
            for citation in answer["citations"]:
                quote = " ".join(citation["quote"].split())
                section = f" — {citation['section']}" if citation["section"] else ""
                lines.append(f"- **{citation['label']}**{section}: “{quote}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
