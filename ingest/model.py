"""The document model: the units the parser recovers, each with its section path and line span."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Unit kinds, and the citation kind each one is cited as.
CITATION_KIND = {
    "heading": "section",
    "paragraph": "paragraph",
    "footnote": "footnote",
    "table": "table",
    "deliverables": "table",
    "performance": "table",
    "mandates": "list",
    "figure": "section",
    "text": "section",
    "toc": "section",
}


@dataclass
class Column:
    """One column of a table: its position in the source cells and its header path."""

    position: int
    path: tuple[str, ...]


@dataclass
class Row:
    """One row of a table: label, grouping and the raw cells by position."""

    label: str
    group: tuple[str, ...]
    cells: dict[int, str]
    line: int
    raw_label: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.group, self.label)


@dataclass
class TableData:
    """A table as the document prints it: header columns, grouped rows, raw cells."""

    columns: list[Column]
    rows: list[Row]
    unit: str = ""  # e.g. "千美元", "员额数", "" when the document prints none
    notes: list[str] = field(default_factory=list)
    column_source: str = "header"  # "header", or "override" when corpus/table_columns.csv supplies it


@dataclass
class Unit:
    """A citable unit of the document."""

    kind: str
    id: str
    title: str
    text: str
    section: list[str]
    line_start: int
    line_end: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    table: TableData | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    level: int = 0  # headings only

    @property
    def citation_kind(self) -> str:
        return CITATION_KIND[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Unit:
        data = dict(data)
        table = data.pop("table", None)
        if table is not None:
            table = TableData(
                columns=[Column(c["position"], tuple(c["path"])) for c in table["columns"]],
                rows=[
                    Row(
                        label=r["label"],
                        group=tuple(r["group"]),
                        cells={int(k): v for k, v in r["cells"].items()},
                        line=r["line"],
                        raw_label=r.get("raw_label", ""),
                    )
                    for r in table["rows"]
                ],
                unit=table.get("unit", ""),
                notes=list(table.get("notes", [])),
                column_source=table.get("column_source", "header"),
            )
        data["spans"] = [tuple(s) for s in data.get("spans", [])]
        return cls(table=table, **data)


@dataclass
class Document:
    """A parsed corpus document: its units in source order."""

    symbol: str
    language: str
    units: list[Unit]

    def by_kind(self, kind: str) -> list[Unit]:
        return [u for u in self.units if u.kind == kind]

    def get(self, kind: str, unit_id: str) -> Unit | None:
        for unit in self.units:
            if unit.kind == kind and unit.id == unit_id:
                return unit
        return None
