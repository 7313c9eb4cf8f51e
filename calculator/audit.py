"""Does a table add up? Its rows and columns against its own printed totals, and each of its figures
against the same figure in the other tables (summary tables 1.1-2.3, the components' own tables)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from calculator.cells import COMPONENT_TABLES, SEP, Cell
from calculator.locate import (
    CATEGORIES,
    GRADE_ALIASES,
    MONEY,
    POSTS,
    STAGGERED_COMPONENTS,
    STAGGERED_GRADES,
    TREND_TABLE,
    Locator,
)
from calculator.phrasing import fmt, label

AUDIT = re.compile(
    r"\b(?:match|matches|add up|adds up|agree|agrees|tally|tallies|consistent|correct|check|audit|verify)\b|"
    r"相符|一致|核对|加起来|对得上|是否正确|有没有错",
    re.IGNORECASE,
)
TOTALS = ("Total", "Subtotal", "Total:")
PROPOSED = "2020 proposed budget"
FOUNDATION_TABLES = ("3.1", "3.2", "3.3")  # the Foundation non-earmarked budget only
STAGGERED = (STAGGERED_GRADES, STAGGERED_COMPONENTS)
MAX_FINDINGS = 12  # listed in the answer; all of them are in the result
TOLERANCE = {MONEY: 0.15, POSTS: 0.0}  # figures rounded to 0.1 may add up to a tenth or so apart


@dataclass(frozen=True)
class Finding:
    """A printed figure and what it should be: the sum of the cells it totals, or another table's figure."""

    cell: Cell
    expected: float
    against: tuple[Cell, ...]
    kind: str  # "total" (rows or columns do not add up) or "table" (another table prints another figure)

    @property
    def of_totals(self) -> int:
        """How many of its row and column are printed totals (the cells carry the official labels)."""
        return sum(
            last(path).rstrip("：:") in ("共计", "小计") or last(path).endswith("拟议预算")
            for path in (self.cell.row, self.cell.column)
        )

    def sentence(self, zh: bool) -> str:
        cell = self.cell
        where = f"{cell.row} × {cell.column}"
        if self.kind == "total":
            parts = " + ".join(c.raw for c in self.against)
            added = fmt(self.expected, cell.unit)
            if zh:
                return f"{where} 印为 {cell.raw}，但所列各项相加为 {added}（{parts}）[{label(cell.table)}]"
            return (
                f"{where} is printed {cell.raw}, but the figures it totals add up to {added} ({parts})"
                f" [{label(cell.table)}]"
            )
        other = self.against[0]
        if zh:
            return (
                f"{where} 印为 {cell.raw} [{label(cell.table)}]，而 {other.row} × {other.column} 为"
                f" {other.raw} [{label(other.table)}]"
            )
        return (
            f"{where} is printed {cell.raw} [{label(cell.table)}], but {other.row} × {other.column} is"
            f" {other.raw} [{label(other.table)}]"
        )

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            **self.cell.ref(),
            "value": self.cell.value,
            "expected": round(self.expected, 1),
            "against": [{**c.ref(), "value": c.value} for c in self.against],
        }


def last(path: str) -> str:
    return path.split(SEP)[-1].strip()


class Auditor:
    """Checks one table of the tidy long frame."""

    def __init__(self, long: pd.DataFrame, locator: Locator, labels: dict[str, dict[str, str]]):
        self.long = long
        self.locator = locator
        self.labels = labels

    def report(self, tables: list[str], language: str) -> tuple[str, dict, list[str]]:
        """The answer (a line per disagreement), the result and the tables to cite."""
        zh = language == "zh"
        lines, found, cited, checked = [], [], list(tables), 0
        for table in tables:
            findings, count = self.audit(table)
            checked += count
            findings.sort(key=lambda f: (f.kind != "total", -f.of_totals))  # the totals first
            found += [f.to_dict() for f in findings]
            if not findings:
                lines.append(
                    f"{label(table)}：核对了 {count} 个数字，均与本表合计和其他表格一致。"
                    if zh
                    else f"{label(table)}: {count} figures checked; all agree with its totals and the other"
                    " tables."
                )
                continue
            lines.append(
                f"{label(table)}：核对了 {count} 个数字，{len(findings)} 处不一致："
                if zh
                else f"{label(table)}: {count} figures checked, {len(findings)} disagreements:"
            )
            for finding in findings[:MAX_FINDINGS]:
                lines.append("- " + finding.sentence(zh))
                cited += [c.table for c in finding.against]
            if len(findings) > MAX_FINDINGS:
                more = len(findings) - MAX_FINDINGS
                lines.append(f"- ……另有 {more} 处（见 result）" if zh else f"- … {more} more (see result)")
        result = {"tables": tables, "checked": checked, "disagreements": found}
        return "\n".join(lines), result, list(dict.fromkeys(cited))

    def tables(self) -> list[str]:
        return list(dict.fromkeys(self.long.table_id))

    def audit(self, table: str) -> tuple[list[Finding], int]:
        """The findings and the number of figures checked."""
        frame = self.long[self.long.table_id == table]
        cells = {
            (r.row_index, r.column_index): Cell(
                table, r.row_path, r.column_path, float(r.value), str(r.raw), str(r.unit)
            )
            for r in frame.itertuples()
        }
        by_rows, checked_rows = self.totals(frame, cells, by_row=True)
        by_columns, checked_columns = self.totals(frame, cells, by_row=False)
        findings, checked = by_rows + by_columns, checked_rows + checked_columns
        if table != TREND_TABLE:
            other, count = self.across(frame, cells, table)
            findings += other
            checked += count
        return findings, checked

    # -- a table against its own totals -------------------------------------------------------------
    def totals(self, frame: pd.DataFrame, cells: dict, by_row: bool) -> tuple[list[Finding], int]:
        """Each printed total (or subtotal) against the sum of the rows (columns) above it."""
        along, across = ("row", "column") if by_row else ("column", "row")
        order = frame.drop_duplicates(f"{along}_index").sort_values(f"{along}_index")
        lines = [(getattr(r, f"{along}_index"), getattr(r, f"{along}_path_en")) for r in order.itertuples()]
        proposed_is_total = not by_row and self.funding_columns(lines)
        findings, checked = [], 0
        for other in sorted(frame[f"{across}_index"].unique()):
            items: list[Cell] = []
            subtotals: list[Cell] = []
            for index, path in lines:
                cell = cells.get((index, other) if by_row else (other, index))
                label = last(path)
                is_total = label in TOTALS or (proposed_is_total and label == PROPOSED)
                if cell is None or cell.unit not in TOLERANCE:
                    items = [] if is_total else items
                    continue
                if not is_total:
                    items.append(cell)
                    continue
                parts = items if label == "Subtotal" or not subtotals else items + subtotals
                if parts:
                    checked += 1
                    expected = sum(c.value for c in parts)
                    if abs(expected - cell.value) > TOLERANCE[cell.unit] + 1e-9:
                        findings.append(Finding(cell, expected, tuple(parts), "total"))
                if label == "Subtotal":
                    subtotals.append(cell)
                else:
                    subtotals = []
                items = []
        return findings, checked

    def funding_columns(self, lines: list[tuple[int, str]]) -> bool:
        """Columns that are sources of funding and their total ("2020 proposed budget"), as in X.2."""
        names = set(self.labels["funding"].values())
        labels = [last(p) for _, p in lines if last(p) != PROPOSED]
        return bool(labels) and all(label in names for label in labels)

    # -- a table against the others -----------------------------------------------------------------
    def across(self, frame: pd.DataFrame, cells: dict, table: str) -> tuple[list[Finding], int]:
        """Each figure against the same figure in another table (the summary table, or the component's)."""
        component = next((k for k, n in COMPONENT_TABLES.items() if table.split(".")[0] == n), None)
        rows = {r.row_index: r.row_path_en for r in frame.itertuples()}
        columns = {r.column_index: r.column_path_en for r in frame.itertuples()}
        row_siblings = {last(p) for p in rows.values()}
        column_siblings = {last(p) for p in columns.values()}
        findings, checked = [], 0
        for (row, column), cell in cells.items():
            measure = cell.unit if cell.unit in TOLERANCE else None
            if measure is None:
                continue
            coords: dict[str, str] = {"component": component} if component else {}
            if table in FOUNDATION_TABLES:
                coords["funding"] = "FNE"
            if table in STAGGERED and not {last(rows[row]), last(columns[column])} & {"2020"}:
                continue  # the staggered plan's other years and totals are not in the 2020 tables
            named = self.read(rows[row], row_siblings, coords)
            named = named and self.read(columns[column], column_siblings, coords)
            if not named or (measure == MONEY and "grade" in coords):
                continue
            seen = set()
            for other in (self.locator.cell(measure, coords), self.locator.twin(measure, coords)):
                if other is None or other.table == table or other.table in seen:
                    continue
                seen.add(other.table)
                checked += 1
                if abs(other.value - cell.value) > 1e-6:
                    findings.append(Finding(cell, other.value, (other,), "table"))
        return findings, checked

    def read(self, path: str, siblings: set[str], coords: dict[str, str]) -> bool:
        """Add what a row or column path names to coords; False when it names something else."""
        levels = [level.strip() for level in path.split(SEP)]
        found = [self.component(level) for level in levels[:-1]]  # "A. Programme of work › Subprogramme 1: …"
        named = [("component", key) for key in found if key]
        label = levels[-1]
        category = next((k for k, (_, subtotal) in CATEGORIES.items() if path == subtotal), None)
        if category:
            named.append(("grade", category))
        elif label == "Subtotal":
            return False  # the subtotal of what? (Table 3.2 has two under one heading)
        elif label not in TOTALS and label not in (PROPOSED, "2020"):
            item = self.name(label, siblings)
            if item is None:
                return False
            named.append(item)
        return all(coords.setdefault(dimension, key) == key for dimension, key in named)

    def component(self, label: str) -> str | None:
        for key, name in self.labels["component"].items():
            if label == name or label.endswith(" " + name) or label == f"Subprogramme {key[-1]}":
                return key
        return None

    def name(self, label: str, siblings: set[str]) -> tuple[str, str] | None:
        for key, (category, _) in CATEGORIES.items():
            if label == category:
                return "grade", key
        fundings = {v: k for k, v in self.labels["funding"].items() if k != "CORE"}
        if label in fundings and (self.component(label) is None or siblings & (set(fundings) - {label})):
            return "funding", fundings[label]
        if (key := self.component(label)) is not None:
            return "component", key
        for dimension in ("object", "grade"):
            for key, name in self.labels[dimension].items():
                if label in (name, *GRADE_ALIASES.get(key, ())):
                    return dimension, key
        return None
