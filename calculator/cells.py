"""Cells of the tidy tables found by their English labels, and the tables that hold each figure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SEP = " › "
TOTAL = "Total"
PROPOSED_2020 = "2020 proposed budget"
# Each component's own tables: X.1 money by object, X.2 money by object × funding source, X.3 posts by
# grade × funding source.
COMPONENT_TABLES = {"SP1": "6", "SP2": "7", "SP3": "8", "SP4": "9", "PMO": "4", "EDM": "5", "PS": "10"}


@dataclass(frozen=True)
class Cell:
    """One operand: where it is and what it says."""

    table: str
    row: str
    column: str
    value: float
    raw: str
    unit: str

    @property
    def nil(self) -> bool:
        return self.raw.strip() in ("—", "–", "-", "")

    def ref(self) -> dict:
        return {"table": self.table, "row": self.row, "column": self.column}


def _matches(path_en: pd.Series, label: str) -> pd.Series:
    """A path that is the label, ends with it as its last level, or as a prefixed label ("S/P1 <label>")."""
    return (path_en == label) | path_en.str.endswith(SEP + label) | path_en.str.endswith(" " + label)


def find_cell(
    long: pd.DataFrame, table: str, row_label: str | tuple[str, ...], column_label: str | tuple[str, ...]
) -> Cell | None:
    """The cell of `table` whose row and column paths end with these English labels (or with one of
    them, tried in order); the first row wins: a label printed again in a table's summary block is the
    same figure."""
    part = long[long.table_id == table]
    if part.empty:
        return None
    rows = (row_label,) if isinstance(row_label, str) else row_label
    columns = (column_label,) if isinstance(column_label, str) else column_label
    for row in rows:
        for column in columns:
            hit = part[_matches(part.row_path_en, row) & _matches(part.column_path_en, column)]
            if not hit.empty:
                first = hit.sort_values(["row_index", "column_index"]).iloc[0]
                return Cell(
                    table,
                    first.row_path,
                    first.column_path,
                    float(first.value),
                    str(first.raw),
                    str(first.unit),
                )
    return None
