"""Does a table add up? Each printed total against the figures it totals (rows and columns, found from
the labels' coordinates), and each figure against the same figure in the other tables (the cube)."""

from __future__ import annotations

from dataclasses import dataclass

from calculator.cube import ALL, Cube, Fact, LabelReader, _axis
from calculator.phrase import cite_label, fmt
from messages import t

MAX_FINDINGS = 12  # listed in the answer; all of them are in the result
TOLERANCE = {"money": 0.15, "posts": 0.0}  # figures rounded to 0.1 may add up to a tenth or so apart


@dataclass(frozen=True)
class Finding:
    """A printed figure and what it should be: the sum of the figures it totals, or another table's."""

    fact: Fact
    expected: float
    against: tuple[Fact, ...]
    kind: str  # "total" (the figures it totals add up to something else) or "table" (another table differs)
    grand: int = 0  # how many of its row and column are totals (the bigger, the more it matters)

    def sentence(self, language: str, labels: dict) -> str:
        fact = self.fact
        where = f"{fact.row} × {fact.column}"
        cite = f"[{cite_label('table', fact.source, labels)}]"
        if self.kind == "total":
            parts = " + ".join(c.raw for c in self.against)
            return t(
                "audit.total",
                language,
                where=where,
                raw=fact.raw,
                added=fmt(self.expected, fact.unit),
                parts=parts,
                cite=cite,
            )
        other = self.against[0]
        return t(
            "audit.table",
            language,
            where=where,
            raw=fact.raw,
            cite=cite,
            other=f"{other.row} × {other.column}",
            other_raw=other.raw,
            other_cite=f"[{cite_label('table', other.source, labels)}]",
        )

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "table": self.fact.source,
            "row": self.fact.row,
            "column": self.fact.column,
            "value": self.fact.value,
            "expected": round(self.expected, 1),
            "against": [
                {"table": c.source, "row": c.row, "column": c.column, "value": c.value} for c in self.against
            ],
        }


class Auditor:
    """Checks the tables of the cube."""

    def __init__(self, cube: Cube, reader: LabelReader, long, labels: dict, trusted=lambda fact: True):
        self.cube = cube
        self.trusted = trusted  # whether a table's figure may be checked against (its totals agree)
        self.reader = reader
        self.long = long
        self.labels = labels

    def tables(self) -> list[str]:
        return list(dict.fromkeys(str(t) for t in self.long.table_id))

    def report(self, tables: list[str], language: str) -> tuple[str, dict, list[str]]:
        """The answer (a line per disagreement), the result and the tables to cite."""
        lines, found, cited, checked = [], [], list(tables), 0
        for table in tables:
            findings, count = self.audit(table)
            checked += count
            findings.sort(key=lambda f: (f.kind != "total", -f.grand))  # the totals, the grand totals first
            found += [f.to_dict() for f in findings]
            label = cite_label("table", table, self.labels)
            if not findings:
                lines.append(t("audit.agree", language, table=label, count=count))
                continue
            lines.append(t("audit.disagree", language, table=label, count=count, found=len(findings)))
            for finding in findings[:MAX_FINDINGS]:
                lines.append("- " + finding.sentence(language, self.labels))
                cited += [c.source for c in finding.against]
            if len(findings) > MAX_FINDINGS:
                lines.append("- " + t("audit.more", language, more=len(findings) - MAX_FINDINGS))
        result = {"tables": tables, "checked": checked, "disagreements": found}
        return "\n".join(lines), result, list(dict.fromkeys(cited))

    def audit(self, table: str) -> tuple[list[Finding], int]:
        """The findings and the number of figures checked."""
        facts = {f.order: f for f in self.cube.facts if f.source == table and f.source_kind != "paragraph"}
        part = self.long[self.long.table_id == table]
        printed = {
            (int(r.row_index), int(r.column_index)): facts.get((int(r.row_index), int(r.column_index)))
            or _printed(table, r, self.reader.config.units)
            for r in part.itertuples()
        }
        by_rows, n_rows = self.totals(table, part, printed, by_row=True)
        by_columns, n_columns = self.totals(table, part, printed, by_row=False)
        across, n_across = self.across(table, facts)
        return by_rows + by_columns + across, n_rows + n_columns + n_across

    # -- a table against its own totals ---------------------------------------------------------------
    def totals(self, table: str, part, printed: dict, by_row: bool) -> tuple[list[Finding], int]:
        """Each printed total (or subtotal) against the sum of the lines above it since the last total;
        every printed cell counts, those the cube does not locate (change columns) too."""
        along = "row" if by_row else "column"
        lines = _axis(part, along)
        coords = self.reader.axis(table, lines)
        kinds = self._line_kinds(lines, coords)
        findings, checked = [], 0
        for other in sorted({key[1 if by_row else 0] for key in printed}):
            items: list[Fact] = []
            subtotals: list[Fact] = []
            for index, _ in lines:
                fact = printed.get((index, other) if by_row else (other, index))
                kind = kinds.get(index, "")
                if fact is None or fact.measure not in TOLERANCE:
                    items = [] if kind else items
                    continue
                if not kind:
                    items.append(fact)
                    continue
                parts = items if kind == "subtotal" or not subtotals else items + subtotals
                if parts:
                    checked += 1
                    expected = sum(c.value for c in parts)
                    if abs(expected - fact.value) > TOLERANCE[fact.measure] + 1e-9:
                        grand = sum(1 for k in fact.coords.values() if k == ALL) + (kind == "total")
                        findings.append(Finding(fact, expected, tuple(parts), "total", grand))
                if kind == "subtotal":
                    subtotals.append(fact)
                else:
                    subtotals = []
                items = []
        return findings, checked

    def _line_kinds(self, lines, coords) -> dict[int, str]:
        """Which lines are totals ("total") or subtotals ("subtotal"): a line without a member of the
        dimension its siblings name (a "Total" line, or a column for the budget after the members it
        sums), or with a group of members (a subtotal)."""
        kinds: dict[int, str] = {}
        groups = {g for dim in self.reader.config.dimensions.values() for g in dim.groups}
        by_parent: dict[tuple, list[int]] = {}
        for index, levels in lines:
            by_parent.setdefault(tuple(levels[:-1]), []).append(index)
        for _, members in by_parent.items():
            named = [coords.get(i) or {} for i in members]
            dims = {
                d for c in named for d, k in c.items() if k not in (ALL, "") and d not in ("year", "estimate")
            }
            seen: set[tuple[str, str]] = set()
            for index, c in zip(members, named, strict=True):
                if coords.get(index) is None:
                    continue
                spec = self.reader.config.dimensions
                # a group after its members is their subtotal (a group not preceded by its members is not)
                if any(
                    k in groups and seen & {(d, m) for m in spec[d].groups.get(k, ())}
                    for d, k in c.items()
                    if d in dims and d in spec
                ):
                    kinds[index] = "subtotal"
                elif any(
                    c.get(d, ALL) == ALL for d in dims if sum(1 for o in named if o.get(d, ALL) != ALL) >= 2
                ):
                    kinds[index] = "total"
                seen |= {(d, k) for d, k in c.items()}
        axis = [coords.get(i) or {} for i, _ in lines]
        for index, levels in lines:  # a "Total" whose siblings sit under other headings (one per column)
            c = coords.get(index)
            if index in kinds or c is None or not self.reader.label(levels[-1]).total:
                continue
            named = {d for o in axis for d, k in o.items() if k != ALL and d not in ("year", "estimate")}
            if any(c.get(d, ALL) == ALL and sum(1 for o in axis if o.get(d, ALL) != ALL) >= 2 for d in named):
                kinds[index] = "total"
        return kinds

    # -- a table against the others --------------------------------------------------------------------
    def across(self, table: str, facts: dict) -> tuple[list[Finding], int]:
        """Each figure against the same figure (the same coordinates) in the tables that answer before this
        one and whose totals agree: the later table is the one reported (a table with swapped columns, not the
        summary it contradicts)."""
        findings, checked = [], 0
        for fact in facts.values():
            if fact.measure not in TOLERANCE:
                continue
            found, _ = self.cube.find_key(fact.key)
            rank = self.cube.config.rank(table)
            others = [
                f
                for f in found
                if f.source != table
                and f.source_kind != "paragraph"
                and self.cube.config.rank(f.source) < rank
                and self.trusted(f)
            ]
            if not others:
                continue
            checked += len({o.source for o in others})
            wrong = [o for o in others if abs(o.value - fact.value) > 1e-6]
            if wrong:
                labelled = sum(1 for d, k in fact.coords.items() if k != ALL and d not in fact.implicit)
                findings.append(Finding(fact, wrong[0].value, (wrong[0],), "table", -labelled))
        return findings, checked


def _printed(table: str, row, units: dict[str, str]) -> Fact:
    """A printed cell the cube does not locate, for adding up."""
    return Fact.of_cell(row, table, units.get(str(row.unit), ""), {}, 0)
