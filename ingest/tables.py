"""Tab-separated table blocks turned into header columns and grouped rows.

The PDF conversion leaves the multi-level headers only roughly aligned with the data: upper
header lines are shifted, a subtotal heading spans two lines and is printed twice, a data
column has no heading of its own. The columns are recovered by two alignments, tried in order:
by position (every data column sits under a heading), then in reading order (as many headings
as data columns). A table neither fits is an error unless `corpus/table_columns.csv` gives
its columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.labels import canonical, footnote_marks
from ingest.model import Column, Row, TableData
from ingest.numbers import is_number_cell

SUBTOTAL = "小计"
TOTALS = frozenset({"共计", "总计"})
# Row labels that open a group at a given depth: "一、 资金" (0), "A. 工作方案" (1).
_NUMERAL_GROUP = re.compile(r"^[一二三四五六七八九十]+、")
_LETTER_GROUP = re.compile(r"^[A-Z]\.\s*\S")
_NUMERAL_TOTAL = re.compile(r"^共计[一二三四五六七八九十]")
_TOP_LEVEL_ROWS = ("资源总额",)
_DELIVERABLE_CLASS = re.compile(r"^(非|未)?量化的交付成果")
# The unnamed block of "员额 / 非员额 / 共计" rows that follows a table's total; Table 1.1 names it.
SUMMARY_GROUP = "主要支出类别"


class TableParseError(ValueError):
    """A table whose columns cannot be recovered without guessing."""


def split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def line_kind(cells: Sequence[str]) -> str:
    """'data' (has a number), 'group' (a label alone), 'header' (text headings) or 'empty'."""
    rest = [c for c in cells[1:] if c]
    if not rest:
        return "group" if cells and cells[0] else "empty"
    if any(is_number_cell(c) for c in rest):
        return "data"
    return "header"


def _leaves(header_rows: list[list[str]], width: int) -> list[tuple[int, tuple[str, ...]]]:
    """(position, header path) for every position that carries a heading of its own."""
    levels = [[canonical(c) for c in row] + [""] * (width - len(row)) for row in header_rows]
    last = len(levels) - 1
    leaves: list[tuple[int, tuple[str, ...]]] = []
    spans: list[str] = [""] * len(levels)  # the upper heading spanning rightwards, per level
    starts: list[int] = [0] * len(levels)
    for pos in range(1, width):
        for lvl in range(last):
            if levels[lvl][pos]:
                spans[lvl], starts[lvl] = levels[lvl][pos], pos
        if not any(levels[lvl][pos] for lvl in range(len(levels))):
            continue
        path: list[str] = []
        for lvl, level in enumerate(levels):
            label = level[pos] if lvl == last or level[pos] else spans[lvl]
            if label and (not path or path[-1] != label):
                path.append(label)
        leaf = path[-1]
        if leaf == SUBTOTAL and leaves:
            # A subtotal closes the group on its left, even when the group heading above it
            # was shifted onto it, or when it is printed as a one-line heading of its own.
            prev = leaves[-1][1]
            shifted = len(path) > 1 and starts[0] == pos
            if len(path) == 1 or shifted:
                path = [*prev[:-1], SUBTOTAL]
            if tuple(path) == prev:
                continue  # the same subtotal printed on both header lines
        leaves.append((pos, tuple(path)))
    # A total after a group that has its own subtotal is the grand total, outside every group.
    fixed = []
    for pos, path in leaves:
        if len(path) > 1 and path[-1] in TOTALS:
            group = path[:-1]
            if any(p[:-1] == group and p[-1] == SUBTOTAL for _, p in leaves):
                path = (path[-1],)
        fixed.append((pos, path))
    return fixed


def align_columns(header_rows: list[list[str]], data_rows: list[list[str]]) -> list[Column]:
    """Columns for the data positions, aligned by position or else in reading order."""
    width = max(len(r) for r in [*header_rows, *data_rows])
    occupied = sorted({p for row in data_rows for p, c in enumerate(row) if p > 0 and c})
    leaves = _leaves(header_rows, width)
    by_position = dict(leaves)
    if all(p in by_position for p in occupied):
        return [Column(p, path) for p, path in leaves]
    if len(leaves) == len(occupied):
        return [Column(p, path) for p, (_, path) in zip(occupied, leaves, strict=True)]
    raise TableParseError(
        f"{len(occupied)} data columns at positions {occupied} but {len(leaves)} headings "
        f"{[' › '.join(p) for _, p in leaves]}"
    )


def _group_depth(label: str) -> int | None:
    if _NUMERAL_GROUP.match(label) or _DELIVERABLE_CLASS.match(label):
        return 0
    if _LETTER_GROUP.match(label) or _NUMERAL_TOTAL.match(label):
        return 1
    if label in _TOP_LEVEL_ROWS:
        return 0
    return None


def build_rows(lines: list[tuple[int, list[str]]]) -> list[Row]:
    """Rows with their group paths, from the body lines of a table (headers already removed)."""
    rows: list[Row] = []
    group: list[tuple[int, str]] = []  # (depth, label)
    last_was_group = False
    for line_no, cells in lines:
        kind = line_kind(cells)
        if kind == "empty":
            continue
        raw_label = cells[0]
        label = canonical(raw_label)
        if kind == "group" and label.startswith("(") and rows and not last_was_group:
            rows[-1].label = f"{rows[-1].label} {label}"  # "三、 年终资金和储备金余额" + "(一-二)"
            rows[-1].raw_label = f"{rows[-1].raw_label} {raw_label}"
            continue
        depth = _group_depth(label)
        if kind == "group":
            depth = 2 if depth is None else depth
            group = [g for g in group if g[0] < depth]
            group.append((depth, label))
            last_was_group = True
            continue
        last_was_group = False
        if depth is not None:
            group = [g for g in group if g[0] < depth]
        path = tuple(g[1] for g in group)
        if any(r.group == path and r.label == label for r in rows):
            # A label repeats in its group: the unnamed posts / non-post / total block begins.
            group = [g for g in group if g[0] < 2] + [(2, SUMMARY_GROUP)]
            path = tuple(g[1] for g in group)
        cells_by_pos = {p: c for p, c in enumerate(cells) if p > 0 and c}
        rows.append(Row(label=label, group=path, cells=cells_by_pos, line=line_no, raw_label=raw_label))
    return rows


def parse_table(
    parts: list[list[tuple[int, str]]],
    unit: str = "",
    override: list[Column] | None = None,
) -> tuple[TableData, list[int]]:
    """A table from its parts (the first, then continuations after page breaks).

    Returns the table and the footnote numbers marked in its headings and labels.
    """
    header: list[list[str]] = []
    header_keys: list[list[str]] = []
    body: list[tuple[int, list[str]]] = []
    marks: list[int] = []
    for index, part in enumerate(parts):
        in_header = True
        for line_no, text in part:
            marks.extend(footnote_marks(text))
            cells = split_cells(text)
            kind = line_kind(cells)
            if in_header and kind == "header":
                key = [canonical(c) for c in cells]
                if index == 0:
                    header.append(cells)
                    header_keys.append(key)
                elif key not in header_keys:
                    raise TableParseError(f"line {line_no}: continuation header differs from the first part")
                continue
            in_header = False
            body.append((line_no, cells))
    rows = build_rows(body)
    if override is not None:
        columns, source = override, "override"
    else:
        if not header:
            raise TableParseError("table has no header line")
        data_cells = [
            [r.raw_label, *[r.cells.get(p, "") for p in range(1, max(r.cells, default=0) + 1)]] for r in rows
        ]
        columns, source = align_columns(header, data_cells), "header"
    known = {c.position for c in columns}
    for row in rows:
        stray = set(row.cells) - known
        if stray:
            raise TableParseError(f"line {row.line}: cells at positions {sorted(stray)} have no column")
    return TableData(columns=columns, rows=rows, unit=unit, column_source=source), marks
