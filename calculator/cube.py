"""The document's figures indexed by what they are. Every table cell (and every figure the prose states,
calculator/prose.py) gets coordinates: measure × component × funding × object × grade × item ×
deliverable × basis × year, read from its row and column labels with the lexicon, and from what the
table is about (corpus/calculator.toml). A figure asked for is found by its coordinates; several
tables printing it are ordered by the configured preference, the first answers, the others check it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import pandas as pd

from calculator.config import Config
from calculator.lexicon import Lexicon, normalise

ALL = "*"
SEP = " › "
ENUMERATOR = re.compile(r"^(?:[A-Z]|[IVX]{1,4})\.\s*")
Key = tuple  # (measure, ((dimension, key), ...) sorted, year): a dimension left out is "all"


@dataclass(frozen=True)
class Fact:
    """A figure as the document prints it, and where."""

    source_kind: str  # "table" | "deliverables" | "paragraph"
    source: str  # a table id, a deliverables table id, a paragraph number
    row: str  # the official (Chinese) row path; a paragraph's quoted sentence
    column: str  # the official column path; "" for a paragraph
    raw: str  # as printed: "2 949.4", "(327)", "–", an amount in words
    value: float
    unit: str  # "thousand USD", "posts", "%", "days", ...
    measure: str
    coords: dict[str, str]  # dimension → key or ALL
    year: int
    implicit: frozenset[str] = frozenset()  # dimensions set by the table's context, not its labels
    estimate: bool = False
    tolerance: float = 0.0  # a prose figure's rounding
    order: tuple[int, int] = (0, 0)  # row and column index in the table
    row_en: str = ""  # the row and column paths in the English rendering, where the table has them
    column_en: str = ""

    def labels(self, language: str) -> tuple[str, str]:
        """The row and column paths in a language: the official ones, or the rendering's where it has them."""
        if language != "zh" and self.row_en and self.column_en:
            return self.row_en, self.column_en
        return self.row, self.column

    @property
    def key(self) -> Key:
        return make_key(self.measure, self.coords, self.year)

    @property
    def nil(self) -> bool:
        return self.raw.strip() in ("—", "–", "-", "--")

    def agrees(self, other: Fact) -> bool:
        return abs(self.value - other.value) <= max(self.tolerance, other.tolerance) + 1e-6

    @classmethod
    def of_cell(cls, cell, table: str, measure: str, coords: dict[str, str], year: int, **more) -> Fact:
        """A printed cell of tables.parquet (a row of the tidy frame) as a Fact at these coordinates."""
        return cls(
            source_kind=str(cell.table_kind),
            source=table,
            row=str(cell.row_path),
            column=str(cell.column_path),
            raw=str(cell.raw),
            value=float(cell.value),
            unit=str(cell.unit),
            measure=measure,
            coords=coords,
            year=year,
            order=(int(cell.row_index), int(cell.column_index)),
            row_en=str(getattr(cell, "row_path_en", "") or ""),
            column_en=str(getattr(cell, "column_path_en", "") or ""),
            **more,
        )


@dataclass(frozen=True)
class Want:
    """A figure asked for: the measure, the members (a missing dimension is "all"), the year."""

    measure: str
    coords: tuple[tuple[str, str], ...]
    year: int
    year_given: bool = True
    prose: bool = False  # the prose's figure is asked for first ("the narrative says")
    future: bool = False  # asked in the future tense, with no year
    whole_said: bool = False  # "all", "in total" said: the sum of members printed one by one may be given
    tables: tuple[str, ...] = ()  # the tables named: a figure they print is taken from them first

    @property
    def key(self) -> Key:
        return make_key(self.measure, dict(self.coords), self.year)

    def with_(self, **changes: str | int) -> Want:
        coords = dict(self.coords)
        year = self.year
        for dim, value in changes.items():
            if dim == "year":
                year = int(value)
            elif value == ALL:
                coords.pop(dim, None)
            else:
                coords[dim] = str(value)
        return replace(self, coords=tuple(sorted(coords.items())), year=year)


@dataclass
class Cube:
    """Facts by coordinates; `unmapped` lists the cells whose labels could not be read (not answerable)."""

    config: Config
    facts: list[Fact]
    unmapped: list[tuple[str, str, str, str]] = field(default_factory=list)  # table, row, column, why

    def __post_init__(self) -> None:
        self.exact: dict[Key, list[Fact]] = defaultdict(list)
        self.relaxed: dict[Key, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            self.exact[fact.key].append(fact)
            if fact.implicit:
                loose = {d: k for d, k in fact.coords.items() if d not in fact.implicit}
                self.relaxed[replace(fact, coords=loose).key].append(fact)
        for found in (*self.exact.values(), *self.relaxed.values()):
            found.sort(key=self._order)
        self._years = sorted({f.year for f in self.facts})
        self._measures: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_source: dict[str, list[Fact]] = defaultdict(list)
        self._in_table: dict[tuple[str, Key], Fact] = {}
        for fact in sorted(self.facts, key=lambda f: f.order):
            self._in_table.setdefault((fact.source, fact.key), fact)
        for fact in self.facts:
            self._by_source[fact.source].append(fact)
            for dim, key in fact.coords.items():
                self._measures[(dim, key)].add(fact.measure)

    def _order(self, fact: Fact) -> tuple:
        kind = 1 if fact.source_kind == "paragraph" else 0
        return (kind, self.config.rank(fact.source), fact.order)

    def find(self, want: Want) -> tuple[list[Fact], bool]:
        """The facts for a figure, the answering one first; and whether they matched only by leaving out
        what a table is about (the fund a whole table is of)."""
        exact = self.exact.get(want.key, [])
        if exact:
            return exact, False
        loose = self.relaxed.get(want.key, [])
        scopes = {tuple(sorted((d, f.coords[d]) for d in f.implicit)) for f in loose}
        if len(scopes) != 1:
            return [], True  # several scopes (each component's own table): not that figure
        (scope,) = scopes
        return self.exact.get(want.with_(**dict(scope)).key, loose), True  # with the prose that states it

    def find_key(self, key: Key) -> tuple[list[Fact], bool]:
        return self.exact.get(key, []), False

    def years(self, want: Want) -> list[int]:
        """The years the document gives this figure for."""
        found = set()
        for year in self._years:
            facts, _ = self.find(replace(want, year=year))
            if facts:
                found.add(year)
        return sorted(found)

    def measures_of(self, dimension: str, key: str) -> set[str]:
        return self._measures.get((dimension, key), set())

    def margins(self, fact: Fact) -> list[Fact]:
        """The totals of the row and the column a fact is in (its table's figures with one of the members
        its labels name set to "all")."""
        found = []
        for dim, key in fact.coords.items():
            if dim in fact.implicit or key == ALL:
                continue
            coords = {d: k for d, k in fact.coords.items() if d != dim}
            margin = self._in_table.get((fact.source, replace(fact, coords=coords).key))
            if margin is not None:
                found.append(margin)
        return found

    def table_total(self, fact: Fact) -> Fact | None:
        """The grand total of the table a fact is in (every dimension its labels name set to all)."""
        if fact.source_kind == "paragraph":
            return None
        best = None
        for other in self._by_source[fact.source]:
            if other.measure == fact.measure:
                named = {d for d, k in other.coords.items() if k != ALL and d not in other.implicit}
                if not named and other.year == fact.year and (best is None or other.order < best.order):
                    best = other
        return best

    # -- building --------------------------------------------------------------------------------
    @classmethod
    def build(cls, long: pd.DataFrame, config: Config, lexicon: Lexicon, extra: list[Fact] = ()) -> Cube:
        reader = LabelReader(lexicon, config)
        facts: list[Fact] = []
        unmapped: list[tuple[str, str, str, str]] = []
        for table, part in long.groupby("table_id", sort=False):
            made, missed = reader.table(str(table), part)
            facts += made
            unmapped += missed
        return cls(config, facts + list(extra), unmapped)


@dataclass(frozen=True)
class Label:
    """What one level of a row or column label says."""

    readings: frozenset[tuple[str, str]] = frozenset()  # (dimension, key) candidates
    year: int | None = None
    estimate: bool = False
    total: bool = False
    subtotal: bool = False
    percent: bool = False
    change: bool = False
    understood: bool = False  # every word known, and something located (a member, a year, a total)


class LabelReader:
    """Reads table labels (their English paths) with the lexicon, then locates each cell."""

    def __init__(self, lexicon: Lexicon, config: Config):
        self.lexicon = lexicon
        self.config = config
        self.cache: dict[str, Label] = {}

    def label(self, text: str) -> Label:
        if text in self.cache:
            return self.cache[text]
        from calculator.reading import read  # the same reading as a question's

        stripped = normalise(ENUMERATOR.sub("", text.strip()))
        reading = read(stripped, "en", self.lexicon, self.config, label=True)
        tokens = reading.tokens
        readings = frozenset(r for m in reading.mentions for r in m.readings)
        kinds = {t.value for tok in tokens for t in tok.tags if t.kind == "label"}
        year = reading.years[0] if reading.years else None
        unknown = bool(reading.unknown) or bool(reading.missing)
        found = Label(
            readings=readings,
            year=year,
            estimate=any(t.has("estimate") for t in tokens),
            total="total" in kinds,
            subtotal=stripped.startswith("subtotal"),
            percent="percent" in kinds,
            change="change" in kinds,
            understood=not unknown and bool(readings or year or kinds & {"total", "percent"}),
        )
        self.cache[text] = found
        return found

    def table(self, table: str, part: pd.DataFrame) -> tuple[list[Fact], list[tuple[str, str, str, str]]]:
        rows = _axis(part, "row")
        columns = _axis(part, "column")
        row_coords = self.axis(table, rows)
        column_coords = self.axis(table, columns)
        context = self.config.context.get(table, {})
        plan = table in self.config.plan_tables
        plan_years = sorted(
            {
                int(c["year"])
                for c in (*row_coords.values(), *column_coords.values())
                if c and c.get("year", ALL) != ALL
            }
        )
        facts, missed = [], []
        for cell in part.itertuples():
            r, c = row_coords.get(cell.row_index), column_coords.get(cell.column_index)
            if r is None or c is None:
                why = "row" if r is None else "column"
                missed.append(
                    (table, str(cell.row_path), str(cell.column_path), f"{why} label not understood")
                )
                continue
            coords: dict[str, str] = {}
            conflict = False
            for source in (r, c):
                for dim, key in source.items():
                    if dim in coords and coords[dim] != key and ALL not in (coords[dim], key):
                        conflict = True
                    if dim not in coords or coords[dim] == ALL:
                        coords[dim] = key
            if conflict:
                missed.append((table, str(cell.row_path), str(cell.column_path), "labels name two members"))
                continue
            measure = self.config.units.get(str(cell.unit))
            if measure is None or measure in self.config.prose_only:
                missed.append((table, str(cell.row_path), str(cell.column_path), f"unit {cell.unit}"))
                continue
            estimate = coords.pop("estimate", "") == "1"
            percent = coords.pop("percent", "") == "1"
            if percent and measure != "percent":
                missed.append(
                    (table, str(cell.row_path), str(cell.column_path), "percentage of a money label")
                )
                continue
            year_text = coords.pop("year", "")
            implicit = set()
            for dim, key in context.items():
                if coords.get(dim, ALL) == ALL:
                    coords[dim] = key
                    implicit.add(dim)
            for dim in [d for d in coords if not self.config.of(d, measure)]:
                coords.pop(dim)  # "Posts" over a count of posts is the measure, not a thing money buys
            if plan and plan_years:
                year, basis = self.plan_year(year_text, coords.get("basis"), plan_years)
                coords["basis"] = basis
            elif year_text and year_text != ALL:
                year = int(year_text)
            else:
                year = self.config.budget_year
                implicit.add("year")
            coords = {d: k for d, k in coords.items() if k not in (ALL, "")}
            facts.append(
                Fact.of_cell(
                    cell,
                    table,
                    measure,
                    coords,
                    year,
                    implicit=frozenset(implicit - {"year"}),
                    estimate=estimate,
                )
            )
        return facts, missed

    @staticmethod
    def plan_year(year_text: str, basis: str | None, years: list[int]) -> tuple[int, str]:
        """A plan's first year: the posts in place; a later year: the posts added that year; the total
        over the years (or a "cumulative" label): every post of the plan by its last year."""
        if basis == "cumulative" or year_text in ("", ALL):
            return years[-1], "cumulative"
        year = int(year_text)
        return year, "" if year == years[0] else "added"

    def axis(self, table: str, lines: list[tuple[int, list[str]]]) -> dict[int, dict[str, str] | None]:
        """Coordinates of each row (or column): its levels read, totals set to "all" of the dimension
        their siblings name, a subtotal to the group its preceding siblings make up."""
        overrides = self.config.labels.get(table, {})
        read = {i: [self.label(level) for level in levels] for i, levels in lines}
        sibling_dims: dict[tuple, set[str]] = defaultdict(set)
        axis_dims: set[str] = set()
        for i, levels in lines:
            for depth, label in enumerate(read[i]):
                dims = {d for d, _ in label.readings} if len(label.readings) == 1 else set()
                if label.year is not None:
                    dims.add("year")
                parent = tuple(levels[:depth])
                sibling_dims[(depth, parent)] |= dims
                axis_dims |= dims
        for i, levels in lines:  # an ambiguous label takes its siblings' dimension
            for depth, label in enumerate(read[i]):
                if len(label.readings) > 1:
                    dims = sibling_dims[(depth, tuple(levels[:depth]))]
                    kept = frozenset(r for r in label.readings if r[0] in dims)
                    kept = kept or frozenset(r for r in label.readings if r[0] in axis_dims) or label.readings
                    read[i][depth] = replace(label, readings=kept)
        result: dict[int, dict[str, str] | None] = {}
        previous: list[tuple[str, str]] = []  # members since the last subtotal (this axis, in order)
        for i, levels in lines:
            coords: dict[str, str] = {}
            ok = True
            for depth, (text, label) in enumerate(zip(levels, read[i], strict=True)):
                leaf = depth == len(levels) - 1
                if text in overrides:
                    coords.update(overrides[text])
                    continue
                if label.change:
                    ok = False
                    break
                if leaf and not label.understood:
                    ok = False
                    break
                if len(label.readings) == 1:
                    ((dim, key),) = label.readings
                    coords[dim] = key  # the deepest level wins
                elif len(label.readings) > 1 and leaf:
                    ok = False
                    break
                if label.year is not None:
                    coords["year"] = str(label.year)
                if label.estimate:
                    coords["estimate"] = "1"
                if label.percent:
                    coords["percent"] = "1"
                if label.total:
                    dims = sibling_dims[(depth, tuple(levels[:depth]))] or axis_dims
                    if len(dims) != 1:
                        ok = False
                        break
                    (dim,) = dims
                    group = None
                    if label.subtotal and dim in self.config.dimensions:
                        members = {k for d, k in previous if d == dim}
                        group = self.config.dimensions[dim].group_of(members) if members else None
                    parent_key = coords.get(dim)
                    coords[dim] = group or (parent_key if parent_key and not leaf else None) or ALL
                    if label.subtotal:
                        previous = []
            result[i] = coords if ok else None
            if ok:
                leaf = read[i][-1]
                previous += [r for r in leaf.readings] if not leaf.total else []
        return result


def make_key(measure: str, coords: dict[str, str], year: int) -> Key:
    return (measure, tuple(sorted((d, k) for d, k in coords.items() if k != ALL)), year)


def _axis(part: pd.DataFrame, name: str) -> list[tuple[int, list[str]]]:
    lines = part.drop_duplicates(f"{name}_index").sort_values(f"{name}_index")
    return [
        (int(getattr(r, f"{name}_index")), [s.strip() for s in str(getattr(r, f"{name}_path_en")).split(SEP)])
        for r in lines.itertuples()
    ]
