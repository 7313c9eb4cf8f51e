"""What the app shows, as plain data: a cited unit in both languages, a table with highlighted cells,
the chart of a computed result, the document's chapters. No Streamlit here, so it is tested directly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from calculator.phrase import fmt
from index.reader import Index
from ingest.chunks import unit_text
from ingest.citation import citation_label
from ingest.model import CITATION_KIND, Document, Unit
from ingest.tidy import wide_view
from messages import catalog

HIGHLIGHT = "background-color: #ffe08a; font-weight: bold"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|$~])")
_LIST_NUMBER = re.compile(r"^(\d+)\.", re.MULTILINE)  # "59. 2020 年…" is a paragraph, not a list


def markdown_text(text: str) -> str:
    """Plain text shown through st.markdown as typed: specials escaped ("US$ 4.4" is not LaTeX),
    line breaks kept."""
    escaped = _LIST_NUMBER.sub(r"\1\\.", _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return escaped.replace("\n", "  \n")


def unit_for(document: Document, kind: str, unit_id: str) -> Unit | None:
    """The unit a citation ({"kind", "id"}) names."""
    kinds = [k for k, cited_as in CITATION_KIND.items() if cited_as == kind] or [kind]
    for unit_kind in kinds:
        unit = document.get(unit_kind, unit_id)
        if unit is not None:
            return unit
    return None


@dataclass
class Version:
    """The unit's text in one language, with a note on its standing."""

    language: str
    note: str
    section: str
    text: str


@dataclass
class UnitView:
    """A cited or browsed unit: its label, where it is, its text in each language, or its table."""

    label: str
    title: str
    section: str
    lines: str
    versions: list[Version] = field(default_factory=list)
    table_id: str | None = None
    table_unit: str = ""
    notes: list[str] = field(default_factory=list)  # table notes and the footnotes the unit carries


def unit_view(index: Index, unit: Unit, language: str | None = None) -> UnitView:
    """The unit, its section path and title in `language` where the corpus has it (default: official)."""
    glossary = index.glossary
    shown = index.unit(unit.kind, unit.id, language) if language else None
    shown = shown or unit
    title = shown.title
    if unit.table is not None and language and language != index.document.language:
        title = glossary.en(unit.title) or shown.title
    view = UnitView(
        label=citation_label(unit, glossary),
        title=title,
        section=" › ".join(shown.section),
        lines=str(unit.line_start)
        if unit.line_start == unit.line_end
        else f"{unit.line_start}-{unit.line_end}",
    )
    if unit.table is not None:
        view.table_id = unit.id
        english = language and language != index.document.language
        view.table_unit = (glossary.en(unit.table.unit) if english else None) or unit.table.unit
        view.notes = list(unit.table.notes)
    else:
        official = index.document
        view.versions.append(
            Version(official.language, index.status(official.language), view.section, _text(unit, glossary))
        )
        for document in index.documents[1:]:
            rendered = document.get(unit.kind, unit.id)
            if rendered is not None:
                view.versions.append(
                    Version(
                        document.language,
                        index.status(document.language),
                        " › ".join(rendered.section),
                        _text(rendered, glossary),
                    )
                )
    for n in unit.footnotes:
        note = index.unit("footnote", f"fn{n}")
        if note is not None:
            view.notes.append(f"[{n}] {note.text}")
    return view


def _text(unit: Unit, glossary) -> str:
    if unit.kind == "heading":
        return " › ".join([*unit.section, unit.title])
    return unit_text(unit, glossary) if unit.kind in ("mandates", "performance") else unit.text


def table_frame(index: Index, table_id: str, language: str) -> pd.DataFrame:
    """A table as printed (cells as strings), labelled in Chinese ("zh") or English."""
    return wide_view(index.tables, table_id, values="raw", lang="zh" if language == "zh" else "en")


def table_csv(index: Index, table_id: str, language: str) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese)."""
    return table_frame(index, table_id, language).to_csv().encode("utf-8-sig")


def highlighted_positions(index: Index, table_id: str, cells: list[dict]) -> set[tuple[int, int]]:
    """(row, column) positions in table_frame of the cells a calculator result used in this table."""
    part = index.tables[index.tables["table_id"] == table_id]
    rows = part.drop_duplicates("row_index").sort_values("row_index")
    cols = part.drop_duplicates("column_index").sort_values("column_index")
    row_pos = {path: n for n, path in enumerate(rows["row_path"])}
    col_pos = {path: n for n, path in enumerate(cols["column_path"])}
    found = set()
    for cell in cells:
        if cell.get("table") != table_id:
            continue
        r, c = row_pos.get(cell.get("row", "")), col_pos.get(cell.get("column", ""))
        if r is not None and c is not None:
            found.add((r, c))
    return found


def styled_table(frame: pd.DataFrame, positions: set[tuple[int, int]]):
    """The frame, with the given cells highlighted (a pandas Styler), or the frame itself."""
    if not positions:
        return frame

    def paint(data: pd.DataFrame) -> pd.DataFrame:
        colours = pd.DataFrame("", index=range(data.shape[0]), columns=range(data.shape[1]))
        for r, c in positions:
            colours.iat[r, c] = HIGHLIGHT
        colours.index, colours.columns = data.index, data.columns
        return colours

    return frame.style.apply(paint, axis=None)


def chart_frame(result: dict | None) -> pd.DataFrame | None:
    """A bar chart's data for a computed result that compares two or more items, else None."""
    table = (result or {}).get("table")
    if not table or len(table.get("rows", [])) < 2:
        return None
    columns = table["columns"]
    frame = pd.DataFrame(table["rows"], columns=[c or "item" for c in columns])
    frame = frame.set_index(frame.columns[0])
    numeric = frame.apply(pd.to_numeric, errors="coerce")
    numeric = numeric.loc[:, numeric.notna().all()]
    return numeric if not numeric.empty else None


def unit_name(unit: str, language: str) -> str:
    """A result's unit in the answer's language ("thousand USD" → "千美元"); "" for a bare count."""
    return catalog(language).get(f"unit.{unit}", catalog("en").get(f"unit.{unit}", unit))


def result_table(result: dict | None, language: str = "en") -> pd.DataFrame | None:
    """The small table a computed result carries, as a frame, its figures written as the document
    writes them ("3 062.1"), its unit named in the answer's language."""
    table = (result or {}).get("table")
    if not table or not table.get("rows"):
        return None
    unit = table["columns"][-1] if len(table["columns"]) == 2 else ""
    rows = [[fmt(v, unit) if isinstance(v, float | int) else v for v in row] for row in table["rows"]]
    columns = [*table["columns"][:-1], unit_name(unit, language)] if unit else table["columns"]
    return pd.DataFrame(rows, columns=[c or " " for c in columns])


def result_cells(result: dict | None) -> list[dict]:
    """The cells to highlight for a result: a computation's operands, or an audit's disagreeing cells
    (with, for a disagreement between tables, the other table's cell)."""
    result = result or {}
    if "disagreements" not in result:
        return list(result.get("cells", []))
    cells = []
    for item in result["disagreements"]:
        cells.append(item)
        if item.get("kind") == "table":
            cells.extend(item.get("against", []))
    return cells


def audit_frame(result: dict | None) -> pd.DataFrame | None:
    """An audit's disagreements, one per row: where, what is printed, and what it should be."""
    items = (result or {}).get("disagreements")
    if not items:
        return None
    return pd.DataFrame(
        [
            {
                "table": item["table"],
                "row": item["row"],
                "column": item["column"],
                "printed": item["value"],
                "expected": item["expected"],
                "check": "its own total" if item.get("kind") == "total" else "another table",
                "against": ", ".join(sorted({f"Table {c['table']}" for c in item.get("against", [])})),
            }
            for item in items
        ]
    )


@dataclass
class Chapter:
    id: str
    title: str
    units: list[Unit]


BROWSABLE = ("paragraph", "table", "deliverables", "mandates", "performance", "footnote", "figure", "text")


def chapters(document: Document) -> list[Chapter]:
    """The document's chapters (its top-level headings, the cover first) with the units under each."""
    found: list[Chapter] = [Chapter("front", "", [])]
    for unit in document.units:
        if unit.kind == "heading" and not unit.section:
            found.append(Chapter(unit.id, unit.title, []))
        elif unit.kind in BROWSABLE:
            found[-1].units.append(unit)
    return [c for c in found if c.units]


def unit_choice(unit: Unit, glossary, language: str) -> str:
    """How a unit is listed in the browser: its label and the start of its text or title."""
    label = citation_label(unit, glossary)
    if unit.kind == "paragraph":
        body = unit.text.split(".", 1)[-1].strip()
    else:
        body = (
            unit.title if language == "zh" or unit.title.isascii() else glossary.en(unit.title) or unit.title
        )
    body = " ".join(body.split())
    return f"{label} {body[:48]}{'…' if len(body) > 48 else ''}"
