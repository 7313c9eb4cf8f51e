"""The source text parsed into units: headings, numbered paragraphs, footnotes, tables, lists.

One pass over the lines with a small state: the heading path, the next paragraph number, the
unit that can still take lines (a paragraph broken by a page break, a list under its
paragraph), the last numbered table (it may continue after a page break or a footnote), and a
mode for the deliverables and mandate blocks, whose lines look like headings but are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.deliverables import parse_deliverables
from ingest.labels import canonical, footnote_marks
from ingest.mandates import parse_mandates
from ingest.model import Column, Document, Unit
from ingest.tables import TableParseError, parse_table, split_cells

CHAPTER = re.compile(r"^(?P<num>[一二三四五六七八九十]+)、\s*(?P<title>\S.*)$")
ANNEX = re.compile(r"^附件(?P<num>[一二三四五六七八九十]+)\s*$")
SUBPROGRAMME = re.compile(r"^次级方案\s*(?P<num>\d+)\s*[：:]\s*\S")
CAPTION = re.compile(r"^表\s*(?P<id>\d+\.\d+[A-Z]?)\s*$")
PARAGRAPH = re.compile(r"^(?P<num>\d{1,3})\.\s+\S")
FOOTNOTE = re.compile(r"^(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹])\s*(?P<text>\S.*)$")
FIGURE = re.compile(r"^图\s*(?P<num>\d+)$")
LETTERED = re.compile(r"^(?P<letter>[A-Z])\.\s*(?P<title>\S.*)$")
UNIT_LINE = re.compile(r"^[（(](?P<unit>[^()（）]+)[)）]$")
LIST_ITEM = re.compile(r"^(-\s*)?[（(][a-z]{1,3}[)）]")
TABLE_NOTE = re.compile(r"^(\*|缩略语)")
TERMINAL = tuple("。；;：:！？!?”」）)")
NUMERALS = "一二三四五六七八九十"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TABLE_UNITS = ("千美元", "员额数")
RESOURCES = "所需资源"
DELIVERABLES_TITLE = "期间的交付成果"
MANDATE_HEADINGS = ("任务规定清单", "联大决议")
PERFORMANCE_TITLE = "业绩计量"
MAX_HEADING_CHARS = 40


class ParseError(ValueError):
    """The text does not have the structure of a work programme and budget document."""


def _numeral(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + NUMERALS.index(text[1]) + 1
    return NUMERALS.index(text[0]) + 1


def _join(text: str, piece: str) -> str:
    """Join a piece broken off by a page break: no space between Chinese characters."""
    if not text:
        return piece
    if text[-1].isascii() or piece[0].isascii():
        return f"{text} {piece}"
    return text + piece


class Parser:
    """Parses the lines of one document into units."""

    def __init__(self, lines: list[str], column_overrides: dict[str, list[Column]] | None = None):
        self.lines = [line.rstrip("\r\n") for line in lines]
        self.overrides = column_overrides or {}
        self.units: list[Unit] = []
        self.path: list[Unit] = []  # heading units, outermost first
        self.next_paragraph = 1
        self.open: Unit | None = None  # the paragraph or text that takes following body lines
        self.last_table: tuple[Unit, list[list[tuple[int, str]]]] | None = None
        self.mode: str | None = None  # "deliverables" | "mandates"
        self.block: list[tuple[int, str]] = []
        self.table_meta: dict[str, tuple[str, list[str]]] = {}  # table id -> (unit, notes)

    # -- helpers -------------------------------------------------------------------------------
    def text(self, i: int) -> str:
        return self.lines[i].strip() if 0 <= i < len(self.lines) else ""

    def section(self) -> list[str]:
        return [h.title for h in self.path]

    def heading_id(self, level: int) -> str:
        parents = [h for h in self.path if h.level < level]
        return parents[-1].id if parents else ""

    def add(self, unit: Unit) -> Unit:
        self.units.append(unit)
        return unit

    def new_unit(self, kind: str, unit_id: str, title: str, text: str, line: int, **kw) -> Unit:
        if any(u.kind == kind and u.id == unit_id for u in self.units):
            unit_id = f"{unit_id}-L{line}"
        return self.add(
            Unit(
                kind=kind,
                id=unit_id,
                title=title,
                text=text,
                section=self.section(),
                line_start=line,
                line_end=line,
                spans=[(line, line)],
                **kw,
            )
        )

    def is_heading_line(self, i: int) -> bool:
        s = self.text(i)
        if (
            "\t" in self.lines[i]
            or len(s) > MAX_HEADING_CHARS
            or s.endswith(("。", "；", ";", "，", ",", "、"))
        ):
            return False
        if s.startswith(("(", "（", "-", "“", "*", "<", "•", "●")):
            return False
        return not self.text(i - 1) and not self.text(i + 1)

    def in_subprogramme(self) -> Unit | None:
        for h in self.path:
            if h.id.split("-")[-1].startswith("SP"):
                return h
        return None

    # -- units ---------------------------------------------------------------------------------
    def heading(self, level: int, unit_id: str, title: str, line: int) -> Unit:
        self.close_block()
        self.path = [h for h in self.path if h.level < level]
        unit = self.new_unit("heading", unit_id, title, title, line, level=level)
        unit.section = self.section()
        self.path.append(unit)
        self.open = None
        self.last_table = None
        return unit

    def append_line(self, unit: Unit, i: int, joined: bool) -> None:
        line = i + 1
        piece = self.text(i)
        unit.text = _join(unit.text, piece) if joined else f"{unit.text}\n{piece}"
        if unit.spans and unit.spans[-1][1] >= line - 1:
            unit.spans[-1] = (unit.spans[-1][0], line)
        else:
            unit.spans.append((line, line))
        unit.line_end = line
        unit.footnotes.extend(m for m in footnote_marks(piece) if m not in unit.footnotes)

    def close_block(self) -> None:
        """Finish the deliverables or mandate block being collected."""
        if self.mode and self.block:
            sp = self.in_subprogramme()
            owner = sp.id if sp else (self.path[0].id if self.path else "doc")
            first, last = self.block[0][0], self.block[-1][0]
            text = "\n".join(t for _, t in self.block if t.strip())
            if self.mode == "deliverables":
                table, marks = parse_deliverables(self.block)
                unit = self.new_unit(
                    "deliverables", f"{owner}-deliverables", self.block_title(), text, first, table=table
                )
            else:
                items, marks = parse_mandates(self.block)
                unit = self.new_unit(
                    "mandates", f"{owner}-mandates", self.block_title(), text, first, items=items
                )
            unit.line_end = last
            unit.spans = self.spans_of([n for n, t in self.block if t.strip()])
            unit.footnotes = sorted(set(marks))
        self.mode = None
        self.block = []

    def spans_of(self, numbers: list[int]) -> list[tuple[int, int]]:
        """Line numbers as spans; lines separated only by blank lines belong to one span."""
        spans: list[tuple[int, int]] = []
        for n in numbers:
            if spans and all(not self.text(k - 1) for k in range(spans[-1][1] + 1, n)):
                spans[-1] = (spans[-1][0], n)
            else:
                spans.append((n, n))
        return spans

    def block_title(self) -> str:
        sp = self.in_subprogramme()
        name = sp.title if sp else ""
        kind = "交付成果" if self.mode == "deliverables" else "任务规定清单"
        return f"{name} {kind}".strip()

    def table(self, i: int, table_id: str) -> int:
        """A numbered table from its caption at line i; returns the index after it."""
        self.close_block()
        self.open = None
        caption_line = i + 1
        title: list[str] = []
        unit_name, notes = "", []
        j = i + 1
        while j < len(self.lines) and "\t" not in self.lines[j]:
            s = self.text(j)
            if s:
                m = UNIT_LINE.match(s)
                if m and canonical(m["unit"]) in TABLE_UNITS:
                    unit_name = canonical(m["unit"])
                elif m:
                    notes.append(s)
                else:
                    title.append(s)
            j += 1
            if j - i > 8:
                raise ParseError(f"line {caption_line}: 表 {table_id} has no table lines after its caption")
        caption = "".join(title)
        if not unit_name and ("员额" in caption or "人力资源" in caption):
            unit_name = "员额数"  # posts tables without a printed unit line
        unit = self.new_unit("table", table_id, caption, "", caption_line)
        self.table_meta[unit.id] = (unit_name, notes)
        self.last_table = (unit, [])
        return self.continuation(j)

    def continues_table(self, i: int) -> bool:
        if not self.last_table:
            return False
        parts = self.last_table[1]
        first_header = [canonical(c) for c in split_cells(parts[0][0][1])]
        return [canonical(c) for c in split_cells(self.lines[i])] == first_header

    def continuation(self, i: int) -> int:
        """Read the table lines from line i as the next part of the last table."""
        unit, parts = self.last_table  # type: ignore[misc]
        part: list[tuple[int, str]] = []
        j = i
        while j < len(self.lines) and "\t" in self.lines[j]:
            part.append((j + 1, self.lines[j]))
            j += 1
        if not part:
            raise ParseError(f"line {unit.line_start}: 表 {unit.id} has no table lines")
        parts.append(part)
        unit_name, notes = self.table_meta[unit.id]
        try:
            table, marks = parse_table(parts, unit=unit_name, override=self.overrides.get(unit.id))
        except TableParseError as exc:
            raise ParseError(f"表 {unit.id} (line {unit.line_start}): {exc}") from exc
        table.notes = notes
        unit.table = table
        unit.footnotes = sorted(set(marks))
        unit.text = "\n".join([f"表 {unit.id}", unit.title, *(t for p in parts for _, t in p)])
        unit.spans = [(unit.line_start, parts[0][-1][0])] + [(p[0][0], p[-1][0]) for p in parts[1:]]
        unit.line_end = max(end for _, end in unit.spans)
        return j

    # -- the pass ------------------------------------------------------------------------------
    def parse(self) -> list[Unit]:
        start = self.front_matter()
        i = start
        while i < len(self.lines):
            i = self.step(i)
        self.close_block()
        self.check()
        return self.units

    def front_matter(self) -> int:
        """Cover page, summary and table of contents: everything before chapter 一."""
        first = next(
            (
                i
                for i, line in enumerate(self.lines)
                if CHAPTER.match(line.strip())
                and "\t" not in line
                and i > 0
                and self.text(i - 1) == ""
                and self.text(i + 1) == ""
            ),
            None,
        )
        if first is None:
            raise ParseError("no chapter heading (一、 ...) found")
        marks = {self.text(i): i for i in range(first) if self.text(i) in ("摘要", "目录")}
        anchors = sorted(marks.items(), key=lambda kv: kv[1])
        bounds = [(0, "cover", "封面")] + [
            (idx, {"摘要": "summary", "目录": "toc"}[name], name) for name, idx in anchors
        ]
        for n, (begin, unit_id, title) in enumerate(bounds):
            end = bounds[n + 1][0] if n + 1 < len(bounds) else first
            body = [
                (k + 1, self.text(k)) for k in range(begin, end) if self.text(k) and self.text(k) != title
            ]
            if not body:
                continue
            kind = "toc" if unit_id == "toc" else "text"
            first_line = begin + 1 if self.text(begin) == title else body[0][0]  # owns its title line
            unit = self.new_unit(kind, unit_id, title, "\n".join(t for _, t in body), first_line)
            unit.line_end = body[-1][0]
            unit.spans = [(first_line, body[-1][0])]
        return first

    def step(self, i: int) -> int:
        s = self.text(i)
        line = i + 1
        raw = self.lines[i]
        if not s:
            return i + 1
        tab = "\t" in raw
        if not tab and (m := CHAPTER.match(s)) and self.is_heading_line(i):
            n = _numeral(m["num"])
            self.heading(1, ROMAN[n - 1], s, line)
            return i + 1
        if not tab and (m := ANNEX.match(s)):
            j = i + 1
            while j < len(self.lines) and not self.text(j):
                j += 1
            unit = self.heading(1, f"annex{_numeral(m['num'])}", f"{s} {self.text(j)}", line)
            unit.line_end = j + 1
            unit.spans = [(line, line), (j + 1, j + 1)]
            return j + 1
        if not tab and (m := SUBPROGRAMME.match(s)) and self.is_heading_line(i):
            self.heading(2, f"{self.heading_id(2)}-SP{m['num']}", s, line)
            return i + 1
        if m := CAPTION.match(s):
            return self.table(i, m["id"])
        if not tab and (m := PARAGRAPH.match(s)) and int(m["num"]) == self.next_paragraph:
            if self.mode == "mandates":
                self.close_block()
            self.next_paragraph += 1
            title = f"第 {m['num']} 段"
            self.open = self.new_unit("paragraph", m["num"], title, s, line, footnotes=footnote_marks(s))
            self.last_table = None
            return i + 1
        if not tab and (m := FOOTNOTE.match(s)):
            self.new_unit(
                "footnote",
                f"fn{footnote_marks(m['mark'])[0]}",
                f"脚注 {footnote_marks(m['mark'])[0]}",
                m["text"],
                line,
            )
            return i + 1
        if not tab and (m := FIGURE.match(s)):
            self.close_block()
            unit = self.new_unit("figure", f"fig{m['num']}", s, s, line)
            j = i + 1
            while j < len(self.lines) and self.text(j):
                self.append_line(unit, j, joined=False)
                j += 1
            unit.title = " ".join(unit.text.splitlines()[:2])
            self.open = None
            return j
        if self.mode:
            if self.mode_ends(i):
                self.close_block()
            else:
                self.block.append((line, raw))
                return i + 1
        if tab:
            return self.tab_block(i)
        if self.last_table and TABLE_NOTE.match(s):
            unit = self.last_table[0]
            self.table_meta[unit.id][1].append(s)  # the same list as unit.table.notes
            unit.spans.append((line, line))
            unit.line_end = max(unit.line_end, line)
            unit.text += f"\n{s}"
            return i + 1
        if self.is_heading_line(i) and not self.open_for_continuation():
            return self.unnumbered_heading(i)
        return self.body(i)

    def mode_ends(self, i: int) -> bool:
        s = self.text(i)
        if self.mode == "deliverables":
            return canonical(s) == RESOURCES and self.is_heading_line(i)
        return bool(LETTERED.match(s)) and self.is_heading_line(i)

    def open_for_continuation(self) -> bool:
        return (
            self.open is not None and self.open.kind == "paragraph" and not self.open.text.endswith(TERMINAL)
        )

    def tab_block(self, i: int) -> int:
        if self.continues_table(i):
            return self.continuation(i)
        if self.path and canonical(self.path[-1].title) == PERFORMANCE_TITLE:
            j = i
            rows = []
            while j < len(self.lines) and "\t" in self.lines[j]:
                rows.append(split_cells(self.lines[j]))
                j += 1
            header, *body = rows
            items = [
                {"column": canonical(h), "text": cell}
                for row in body
                for h, cell in zip(header, row, strict=False)
            ]
            sp = self.in_subprogramme()
            unit = self.new_unit(
                "performance",
                f"{sp.id if sp else 'doc'}-performance",
                f"{sp.title if sp else ''} {PERFORMANCE_TITLE}".strip(),
                "\n".join(self.text(k) for k in range(i, j)),
                i + 1,
                items=items,
            )
            unit.line_end = j
            unit.spans = [(i + 1, j)]
            return j
        raise ParseError(f"line {i + 1}: a table without a caption outside a deliverables or mandate block")

    def unnumbered_heading(self, i: int) -> int:
        s = self.text(i)
        line = i + 1
        title = canonical(s)
        annex = self.path and self.path[0].id.startswith("annex")
        if annex and title in MANDATE_HEADINGS:
            if title == MANDATE_HEADINGS[0]:
                level = 3 if self.in_subprogramme() else 2
                self.heading(level, f"{self.heading_id(level)}-L{line}", s, line)
                self.block = []
            else:
                self.close_block()
                self.block = [(line, s)]
            self.mode = "mandates"
            self.open = None
            return i + 1
        m = LETTERED.match(s)
        sp = self.in_subprogramme()
        if m and sp:
            level = 3
            unit_id = f"{sp.id}-{m['letter']}"
        elif title == RESOURCES:
            level = 3 if sp else 2
            unit_id = f"{self.heading_id(level)}-L{line}"
        else:
            deepest = self.path[-1].level if self.path else 0
            level = 4 if deepest >= 3 else (3 if sp else 2)
            unit_id = f"{self.heading_id(level)}-L{line}"
        self.heading(level, unit_id, s, line)
        if DELIVERABLES_TITLE in title:
            self.mode = "deliverables"
            self.block = []
        return i + 1

    def body(self, i: int) -> int:
        s = self.text(i)
        if self.open_for_continuation():
            self.append_line(self.open, i, joined=True)  # type: ignore[arg-type]
        elif self.takes_body_line(s, i):
            self.append_line(self.open, i, joined=False)  # type: ignore[arg-type]
        else:
            title = s if len(s) <= MAX_HEADING_CHARS else s[:MAX_HEADING_CHARS] + "…"
            self.open = self.new_unit("text", f"text-L{i + 1}", title, s, i + 1, footnotes=footnote_marks(s))
        return i + 1

    def takes_body_line(self, s: str, i: int) -> bool:
        """A list item or quote under a paragraph, or the next line of a text block."""
        if self.open is None:
            return False
        if LIST_ITEM.match(s) or s.startswith(("“", '"')):
            return True
        return self.open.kind == "text" and bool(self.text(i - 1))

    def check(self) -> None:
        numbers = [int(u.id) for u in self.units if u.kind == "paragraph"]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ParseError(f"paragraph numbers are not 1..N in order: {numbers}")


def parse_document(
    text: str,
    symbol: str,
    language: str,
    column_overrides: dict[str, list[Column]] | None = None,
    on_unit: Callable[[Unit], None] | None = None,
) -> Document:
    """Parse a document's text into its units."""
    units = Parser(text.splitlines(), column_overrides).parse()
    if on_unit:
        for unit in units:
            on_unit(unit)
    return Document(symbol=symbol, language=language, units=units)
