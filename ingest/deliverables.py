"""Deliverables tables: planned quantities by category, from tab rows, **bold** runs and lists.

Chapter VI prints them as tab tables; annex I mixes tab rows, "label 10" lines, runs wrapped in
"**...**" and HTML lists. All become rows of one table: the deliverable classes (quantified or
not), the lettered categories, the subcategories (projects, days, publications, technical
materials; advisory services, databases, outreach, ...), and the items under them.
"""

from __future__ import annotations

import re

from ingest.labels import canonical, footnote_marks
from ingest.model import Column, Row, TableData
from ingest.numbers import parse_number
from ingest.tables import line_kind, split_cells

PLANNED_2020 = "2020年计划交付"
_CLASS = re.compile(r"^(非|未)?量化的交付成果")
_LETTER = re.compile(r"^[A-Z]\.\s*\S")
# Quantified subcategories and the unit their figures count.
QUANTIFIED = (
    (re.compile(r"^(实地和)?技术合作项目"), "projects"),
    (re.compile(r"^研讨会、讲习班"), "days"),
    (re.compile(r"^出版物"), "publications"),
    (re.compile(r"^技术材料"), "technical materials"),
)
_NON_QUANTIFIED = re.compile(
    r"^((磋商|协商)、咨询和宣传|咨询服务|数据库和实质性数字材料|外联方案、特别活动和信息|对外和媒体关系|数字平台)"
)
_ITEM_WITH_VALUE = re.compile(r"^(?P<label>.*\S)\s+(?P<value>\d+)$")
_RULE = re.compile(r"^[-\s\t]+$")


def subcategory_unit(label: str) -> str | None:
    """The unit a quantified subcategory counts, or None for other labels."""
    for pattern, unit in QUANTIFIED:
        if pattern.match(label):
            return unit
    return None


def _depth(label: str) -> int | None:
    if _CLASS.match(label):
        return 0
    if _LETTER.match(label):
        return 1
    if subcategory_unit(label) or _NON_QUANTIFIED.match(label):
        return 2
    return None


class _Builder:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.group: list[tuple[int, str]] = []
        self.header: list[str] | None = None
        self.marks: list[int] = []

    def open_group(self, label: str, depth: int) -> None:
        self.group = [g for g in self.group if g[0] < depth] + [(depth, label)]

    def add(self, raw: str, value: str | None, line: int) -> None:
        label = canonical(raw)
        depth = _depth(label)
        if value is None and depth is not None:
            self.open_group(label, depth)
            return
        if depth == 2:  # a subcategory with its total: a row, and the group of the items below
            self.group = [g for g in self.group if g[0] < 2]
        path = tuple(g[1] for g in self.group)
        cells = {1: value} if value is not None else {}
        self.rows.append(Row(label=label, group=path, cells=cells, line=line, raw_label=raw))
        if depth == 2:
            self.open_group(label, 2)

    def tab_line(self, text: str, line: int) -> None:
        cells = split_cells(text)
        kind = line_kind(cells)
        if kind == "header" or (cells[0] == "交付成果" and kind == "group"):
            return  # the header, printed again after page breaks
        if kind == "group":
            self.add(cells[0], None, line)
            return
        values = [c for c in cells[1:] if c]
        self.add(cells[0], values[-1] if values else None, line)

    def bold_line(self, text: str, line: int) -> None:
        segments = [s.strip() for s in text.split("**") if s.strip()]
        for n, segment in enumerate(segments):
            if parse_number(segment):
                continue
            following = segments[n + 1] if n + 1 < len(segments) else ""
            self.add(segment, following if parse_number(following) else None, line)

    def plain_line(self, text: str, line: int) -> None:
        if text.startswith("<ul"):
            items = [i.strip() for i in re.sub(r"<[^>]+>", "", text).split("●")]
            for item in filter(None, items):
                self.add(item, None, line)
            return
        match = _ITEM_WITH_VALUE.match(text)
        if match and not _LETTER.match(text):
            self.add(match["label"], match["value"], line)
            return
        label = canonical(text)
        depth = _depth(label)
        if depth is not None:
            self.open_group(label, depth)
        else:
            self.add(text, None, line)


def parse_deliverables(lines: list[tuple[int, str]]) -> tuple[TableData, list[int]]:
    """A deliverables table from its source lines; also the footnote numbers marked in it."""
    builder = _Builder()
    for line_no, text in lines:
        stripped = text.strip()
        if not stripped or _RULE.match(text):
            continue
        builder.marks.extend(footnote_marks(text))
        if "\t" in text:
            builder.tab_line(text, line_no)
        elif "**" in stripped:
            builder.bold_line(stripped, line_no)
        else:
            builder.plain_line(stripped, line_no)
    table = TableData(
        columns=[Column(1, (PLANNED_2020,))], rows=builder.rows, unit="", column_source="header"
    )
    return table, builder.marks
