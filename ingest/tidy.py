"""Tables as pandas: one tidy long frame for every table, and a wide view of any one."""

from __future__ import annotations

import pandas as pd

from ingest.deliverables import subcategory_unit
from ingest.glossary import Glossary
from ingest.model import Document, Unit
from ingest.numbers import parse_number

PATH_SEP = " › "
UNIT_EN = {"千美元": "thousand USD", "员额数": "posts"}
PERCENT_LABEL = "百分比"
POSTS_COLUMN = "员额"
LONG_COLUMNS = [
    "table_id",
    "table_kind",
    "row_index",
    "row_path",
    "row_label",
    "row_path_en",
    "column_index",
    "column_path",
    "column_path_en",
    "value",
    "raw",
    "nil",
    "unit",
    "source_line",
]


class TableCellError(ValueError):
    """A table cell that is neither a number nor a nil mark."""


def _cell_unit(unit: Unit, row_path: tuple[str, ...], column_path: tuple[str, ...], percent: bool) -> str:
    table = unit.table
    assert table is not None
    if percent or any(PERCENT_LABEL in p for p in (*row_path, *column_path)):
        return "%"
    if unit.kind == "deliverables":
        for label in reversed(row_path):
            found = subcategory_unit(label)
            if found:
                return found
        return "count"
    if table.unit == "千美元" and column_path and column_path[0] == POSTS_COLUMN:
        return "posts"  # the posts columns of Tables 1.4 and 3.3 count posts beside the dollars
    return UNIT_EN.get(table.unit, table.unit)


def long_frame(doc: Document, glossary: Glossary) -> pd.DataFrame:
    """Every numeric cell of every table: where it is, what it says, and the raw string."""
    records = []
    for unit in doc.units:
        if unit.table is None:
            continue
        columns = {c.position: c.path for c in unit.table.columns}
        for row_index, row in enumerate(unit.table.rows):
            for position, raw in sorted(row.cells.items()):
                parsed = parse_number(raw)
                if parsed is None:
                    raise TableCellError(f"{unit.id} line {row.line}: cell '{raw}' is not a number")
                column_path = columns[position]
                records.append(
                    {
                        "table_id": unit.id,
                        "table_kind": unit.kind,
                        "row_index": row_index,
                        "row_path": PATH_SEP.join(row.path),
                        "row_label": row.label,
                        "row_path_en": PATH_SEP.join(glossary.path_en(row.path)),
                        "column_index": position,
                        "column_path": PATH_SEP.join(column_path),
                        "column_path_en": PATH_SEP.join(glossary.path_en(column_path)),
                        "value": parsed.value,
                        "raw": raw,
                        "nil": parsed.nil,
                        "unit": _cell_unit(unit, row.path, column_path, parsed.percent),
                        "source_line": row.line,
                    }
                )
    frame = pd.DataFrame.from_records(records, columns=LONG_COLUMNS)
    return frame.astype({"row_index": "int32", "column_index": "int32", "source_line": "int32", "nil": bool})


def wide_view(long: pd.DataFrame, table_id: str, values: str = "value", lang: str = "zh") -> pd.DataFrame:
    """One table as printed: rows by row path, columns by header path, in source order.

    values: "value" (numbers; nil marks are 0) or "raw" (the strings as printed).
    lang: "zh" or "en" labels.
    """
    part = long[long["table_id"] == table_id]
    if part.empty:
        raise KeyError(table_id)
    row_key, col_key = ("row_path", "column_path") if lang == "zh" else ("row_path_en", "column_path_en")
    rows = part.drop_duplicates("row_index").sort_values("row_index")
    cols = part.drop_duplicates("column_index").sort_values("column_index")
    wide = part.pivot_table(index="row_index", columns="column_index", values=values, aggfunc="first")
    wide = wide.reindex(index=rows["row_index"], columns=cols["column_index"])
    wide.index = pd.Index(rows[row_key].tolist(), name="")
    wide.columns = pd.Index(cols[col_key].tolist(), name="")
    if values == "raw":
        wide = wide.fillna("")
    return wide
