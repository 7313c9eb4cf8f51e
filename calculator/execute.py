"""An Intent carried out over the cube: each figure found (or summed from its members), checked against
the other tables and the prose that print it, then combined by the operation. No number is guessed:
a figure the document does not hold ends in a Stop that says what the document does have."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from calculator.config import Config
from calculator.cube import ALL, Cube, Fact, Want, make_key
from calculator.intent import MONEY, POSTS, YEAR, Intent, Stop

PERCENT, RATIO, COUNT, MIXED = "%", "ratio", "count", "mixed"
PASSES = {  # a figure compared with the question's number
    "above": lambda value, limit: value > limit,
    "at_least": lambda value, limit: value >= limit,
    "below": lambda value, limit: value < limit,
    "at_most": lambda value, limit: value <= limit,
    "equal": lambda value, limit: abs(value - limit) < 1e-6,
}


@dataclass(frozen=True)
class Figure:
    """A figure of the document: its value, the facts it is (one, or a group's members summed), the same
    figure printed differently elsewhere, prose that states it, and doubts about its table."""

    want: Want
    value: float
    facts: tuple[Fact, ...]
    others: tuple[Fact, ...] = ()  # the same coordinates elsewhere, with another value
    agree: tuple[Fact, ...] = ()  # prose that states it (within its rounding)
    summed: str = ""  # the dimension whose members were added up ("" when printed as such)
    scope: tuple[tuple[str, str], ...] = ()  # what the answering table is about that the question left out
    doubt: tuple[Fact, Fact] | None = None  # (its table's total, another table's figure for that total)
    lines: tuple[float, tuple[tuple[int, Fact], ...]] | None = (
        None  # its table's own lines give another figure
    )

    @property
    def unit(self) -> str:
        return self.facts[0].unit

    @property
    def whole(self) -> bool:
        """Printed without decimals (whole thousands, counts of posts)."""
        return all("." not in f.raw for f in self.facts) and all(
            f.source_kind != "paragraph" for f in self.facts
        )

    @property
    def raw(self) -> str:
        if len(self.facts) == 1:
            return self.facts[0].raw
        return "(" + " + ".join(f.raw for f in self.facts) + ")"


@dataclass(frozen=True)
class Operand:
    """A figure and what it is named in the answer (a member, a year, or the figure itself)."""

    key: str
    figure: Figure


@dataclass(frozen=True)
class Result:
    """What the calculator computed: the operation, the value, its unit and the operands."""

    intent: Intent
    operation: str
    value: float
    unit: str
    operands: tuple[Operand, ...]
    whole: Figure | None = None  # a share's whole; a breakdown's printed total
    winners: tuple[str, ...] = ()  # rank: the member(s) with the value
    years: tuple[int, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def figures(self) -> list[Figure]:
        found = [o.figure for o in self.operands]
        return found + ([self.whole] if self.whole is not None and self.whole not in found else [])


class Executor:
    """Finds figures in the cube and carries out intents."""

    def __init__(self, cube: Cube, config: Config):
        self.cube = cube
        self.config = config

    # -- figures -----------------------------------------------------------------------------------
    def want(self, intent: Intent, measure: str | None = None, **coords: str | int) -> Want:
        year = intent.year or self.config.budget_year
        measure = measure or intent.measure
        if not intent.measure_given and measure == intent.measure:
            measure = self.measure_of(intent) or measure
        given = intent.year is not None
        base = Want(
            measure,
            tuple(sorted(intent.fixed)),
            year,
            given,
            intent.prose,
            intent.future,
            intent.whole_said,
            intent.tables,
        )
        if intent.basis:
            base = base.with_(basis=intent.basis)
        return base.with_(**coords) if coords else base

    def measure_of(self, intent: Intent) -> str | None:
        """A measure no word named: the one measure the document gives for the items named (the
        line of accounts stated as a percentage), when there is one."""
        keyed = [(d, k) for d, k in intent.fixed]
        if not keyed:
            return None
        measures = set.intersection(*(self.cube.measures_of(d, k) for d, k in keyed))
        return measures.pop() if len(measures) == 1 else None

    def figure(self, want: Want, derive: bool = True) -> Figure | None:
        """The figure for `want`: printed, or the sum of a group's members, or (a year not given) the one
        year the document has it for, or the sum over the members of a dimension the document gives member by
        member; None when the document does not hold it. Parts are only ever printed figures."""
        facts, relaxed = self.cube.find(want)
        if facts:
            return self._printed(want, facts, relaxed)
        if not derive:
            return None
        for dim, key in want.coords:
            members = self.config.dimensions[dim].groups.get(key) if dim in self.config.dimensions else None
            if members:
                parts = [self.figure(want.with_(**{dim: m}), derive=False) for m in members]
                if all(parts) and not any(p.doubt for p in parts if p):  # no sum built on a doubtful table
                    return self._added(want, dim, [p for p in parts if p])
        if not want.year_given:
            years = self.cube.years(want)
            if len(years) == 1 and years[0] != want.year:
                return self.figure(replace(want, year=years[0], year_given=True))
        return self._in_place(want) or (self._over_members(want) if want.whole_said else None)

    def _in_place(self, want: Want) -> Figure | None:
        """Posts in place in a later year of a recruitment plan: all the posts of the plan by then, printed
        as such or the first year's posts and those added each year since (also when asked as all the
        plan's posts by a year that the plan prints no total for)."""
        basis = dict(want.coords).get("basis")
        if basis not in (None, "cumulative"):
            return None
        plain = want.with_(basis=ALL)
        printed = None if basis else self.figure(want.with_(basis="cumulative"), derive=False)
        if printed is not None:
            return replace(printed, want=want)
        years = [y for y in self.cube.years(replace(plain, year_given=False)) if y < want.year]
        added = self.cube.years(want.with_(basis="added"))
        if basis and not years and added and want.year < min(added):  # by the plan's first year: its posts
            own = self.figure(replace(plain, year_given=True), derive=False)
            return replace(own, want=want) if own is not None else None
        if not years or want.year not in added:
            return None
        first = max(years)
        parts = [self.figure(replace(plain, year=first, year_given=True), derive=False)]
        parts += [
            self.figure(replace(want.with_(basis="added"), year=y), derive=False)
            for y in range(first + 1, want.year + 1)
        ]
        if not all(parts):
            return None
        return self._added(want, "year", [p for p in parts if p])

    def _printed(self, want: Want, facts: list[Fact], relaxed: bool) -> Figure:
        tables = [f for f in facts if f.source_kind != "paragraph"]
        tables.sort(key=lambda f: f.source not in want.tables)  # (the tables named first, in their order)
        prose = [f for f in facts if f.source_kind == "paragraph"]
        doubts = {id(f): self._doubt(f) for f in tables}
        trusted = [f for f in tables if doubts[id(f)] is None]  # a table whose totals agree answers first
        first = prose[0] if want.prose and prose else (trusted or tables or facts)[0]
        others = {  # one per table and printed value
            (f.source, f.raw): f
            for f in facts
            if f is not first and not f.agrees(first) and f.raw != first.raw
        }
        agree = tuple(
            f for f in prose if first.source_kind != "paragraph" and f.agrees(first)
        )  # the prose stating the table's figure
        scope = tuple(sorted((d, first.coords[d]) for d in first.implicit if d not in dict(want.coords)))
        return Figure(
            want,
            first.value,
            (first,),
            tuple(others.values()),
            agree,
            "",
            scope if relaxed else (),
            doubts.get(id(first)),
            self._own_lines(first),
        )

    def _own_lines(self, fact: Fact) -> tuple[float, tuple[tuple[int, Fact], ...]] | None:
        """A line printed as the total of other lines of its table (or as one line net of others) whose
        lines, as printed in the same table and year, give another figure: (that figure, the signed lines).
        None when they agree (within the rounding of the lines) or are not all printed."""
        if fact.source_kind == "paragraph":
            return None
        for dim, key in fact.coords.items():
            spec = self.config.dimensions.get(dim)
            if spec is None:
                continue
            if key in spec.within:
                signed = [(1, part) for part in spec.within[key]]
            elif key in spec.net:
                whole, taken = spec.net[key]
                signed = [(1, whole)] + [(-1, part) for part in taken]
            else:
                continue
            lines = []
            for sign, part in signed:
                found, _ = self.cube.find_key(make_key(fact.measure, {**fact.coords, dim: part}, fact.year))
                same = [f for f in found if f.source == fact.source]
                if not same:
                    return None
                lines.append((sign, same[0]))
            expected = round(sum(sign * f.value for sign, f in lines), 6)
            step = 0.05 if any("." in f.raw for _, f in lines) else 0.5  # half the last printed digit
            if abs(expected - fact.value) > step * len(lines) + 1e-9:
                return expected, tuple(lines)
        return None

    def table_in_doubt(self, figure: Figure) -> bool:
        """The figure's table is in doubt as a whole: its grand total is not the one a preferred table gives
        for the same thing (a component's table that repeats another component's figures), not one line."""
        if figure.doubt is None or not figure.facts:
            return False
        grand = self.cube.table_total(figure.facts[0])
        return grand is not None and figure.doubt[0] is grand

    def _doubt(self, fact: Fact) -> tuple[Fact, Fact] | None:
        """A fact from a table whose own totals a preferred table gives differently: a component's table that
        repeats another component's figures (its total is not the summary's), a table with two columns swapped
        (a column adds up to another component's figure)."""
        if fact.source_kind == "paragraph" or not fact.implicit:
            return None
        totals = [t for t in (self.cube.table_total(fact), *self.cube.margins(fact)) if t is not None]
        for total in totals:
            facts, _ = self.cube.find_key(total.key)
            better = [f for f in facts if f.source != fact.source and f.source_kind != "paragraph"]
            if (
                better
                and not better[0].agrees(total)
                and self.config.rank(better[0].source) < self.config.rank(fact.source)
            ):
                return (total, better[0])
        return None

    def _added(self, want: Want, dim: str, parts: list[Figure]) -> Figure:
        facts = tuple(f for p in parts for f in p.facts)
        others = tuple(o for p in parts for o in p.others)
        value = round(sum(p.value for p in parts), 6)
        return Figure(
            want,
            value,
            facts,
            others,
            (),
            dim,
            parts[0].scope,
            next((p.doubt for p in parts if p.doubt), None),
        )

    def _over_members(self, want: Want) -> Figure | None:
        """ "All" of a dimension the document gives only member by member (planned quantities, one table per
        component): their sum, when every member that has this measure has the figure."""
        coords = dict(want.coords)
        for dim, spec in self.config.dimensions.items():
            if dim in coords or dim == "basis":
                continue
            having = [m for m in spec.members if want.measure in self.cube.measures_of(dim, m)]
            if len(having) < 2:
                continue
            parts = [self.figure(want.with_(**{dim: m}), derive=False) for m in having]
            if all(p is not None for p in parts) and all(
                p.facts[0].coords.get(dim) == m for p, m in zip(parts, having, strict=True) if p
            ):
                return self._added(want, dim, [p for p in parts if p])
        return None

    # -- operations --------------------------------------------------------------------------------
    def run(self, intent: Intent) -> Result | Stop:
        handler = getattr(self, f"_{intent.operation}")
        return handler(intent)

    def find(self, want: Want) -> Figure | Stop:
        if dict(want.coords).get("basis") == "plan":  # the plan's figure for a year: its row, or all by then?
            plain = want.with_(basis=ALL)
            bases = [f for b in ("added", "cumulative") if (f := self.figure(plain.with_(basis=b)))]
            if len({round(f.value, 6) for f in bases}) > 1:
                return Stop("clarify", "which_basis", {"want": plain, "hints": bases})
            return bases[0] if bases else self.absent(plain)
        if not want.year_given:  # a figure the document gives for several years: which one?
            years = self.cube.years(want)
            if len(years) > 1:
                return Stop("clarify", "which_year", {"want": want, "years": years})
        found = self.figure(want)
        if found is not None and want.future and not want.year_given and "basis" not in dict(want.coords):
            later = self.horizon(want)  # "how many will there be": this year's, or the plan's by its end?
            if later is not None and later.value != found.value:
                return Stop("clarify", "which_horizon", {"want": want, "hints": [found, later]})
        if found is None and (over := self._over_members(want)) is not None:  # "all" not said: which one?
            dim = over.summed
            members = [f.coords.get(dim, "") for f in over.facts]
            heads = self.config.dimensions[dim].heads
            head = next((h for h, listed in heads.items() if set(members) <= set(listed)), dim)
            return Stop(
                "clarify", "which_member_or_all", {"head": head, "dimension": dim, "members": members}
            )
        return found if found is not None else self.absent(want)

    def horizon(self, want: Want) -> Figure | None:
        """The figure at the end of a plan that runs past the budget year (all the plan's posts by then)."""
        cumulative = replace(want.with_(basis="cumulative"), year_given=False)
        later = [y for y in self.cube.years(cumulative) if y > want.year]
        if not later:
            return None
        return self.figure(replace(cumulative, year=later[-1], year_given=True))

    def absent(self, want: Want) -> Stop:
        """No such figure: say so, and what the document has nearby (another year, posts added...)."""
        hints: list[Figure] = []
        years = self.cube.years(want)
        bases = [f for b in ("added", "cumulative") if (f := self.figure(want.with_(basis=b), derive=False))]
        if bases and not dict(want.coords).get("basis"):  # "posts in <a later year>": added, or all by then?
            return Stop("clarify", "which_basis", {"want": want, "hints": bases})
        if years and want.year not in years:
            for year in years[-3:]:
                found = self.figure(replace(want, year=year))
                if found:
                    hints.append(found)
            return Stop("absent", "no_year", {"want": want, "years": years, "hints": hints})
        for basis in ("", "added", "cumulative"):
            if dict(want.coords).get("basis", "") != basis:
                found = self.figure(want.with_(basis=basis or ALL))
                if found:
                    hints.append(found)
        for dim, _ in want.coords:
            if dim != "basis":
                found = self.figure(want.with_(**{dim: ALL}))
                if found:
                    hints.append(found)
                    break
        return Stop("absent", "no_figure", {"want": want, "hints": hints[:3]})

    def operands(self, intent: Intent, base: Want) -> list[Operand] | Stop:
        assert intent.varying is not None
        dim, keys = intent.varying
        ranked = intent.operation in ("rank", "place")
        if ranked and dim == YEAR and not keys and dict(base.coords).get("basis") == "added":
            added = self.cube.years(base)
            every = self.cube.years(replace(base.with_(basis=ALL), year_given=False))
            first = [y for y in every if added and y < min(added)]
            if first:  # ("the year that recruits the most"): the plan's first year, all its posts, counted?
                return Stop("clarify", "first_year_apart", {"year": max(first), "years": added})
        if dim == YEAR:
            keys = tuple(keys) or tuple(self.cube.years(base))
            wants = [(str(y), replace(base, year=int(y), year_given=True)) for y in keys]
        else:
            wants = [(k, base.with_(**{dim: k})) for k in keys]
        found = []
        for key, want in wants:
            figure = self.find(want)
            if isinstance(figure, Stop):
                return figure
            found.append(Operand(key, figure))
        return found

    def _lookup(self, intent: Intent) -> Result | Stop:
        figure = self.find(self.want(intent))
        if isinstance(figure, Stop):
            return figure
        return Result(intent, "lookup", figure.value, figure.unit, (Operand("", figure),))

    def _many(self, intent: Intent, least: int = 2) -> list[Operand] | Stop:
        found = self.operands(intent, self.want(intent))
        if isinstance(found, Stop):
            return found
        if len(found) < least:
            return Stop("absent", "too_few", {"count": len(found), "want": self.want(intent)})
        return found

    def _sum(self, intent: Intent) -> Result | Stop:
        return self._combine(intent, "sum")

    def _breakdown(self, intent: Intent) -> Result | Stop:
        return self._combine(intent, "breakdown")

    def _list(self, intent: Intent) -> Result | Stop:  # each figure of the members named, no total
        found = self._many(intent, 2)
        if isinstance(found, Stop):
            return found
        return Result(intent, "list", 0.0, found[0].figure.unit, tuple(found))

    def _combine(self, intent: Intent, operation: str) -> Result | Stop:
        found = self._many(intent, 1 if operation == "breakdown" else 2)
        if isinstance(found, Stop):
            return found
        if len({o.figure.unit for o in found}) > 1:  # quantities of different units: listed, not added
            return Result(intent, "breakdown", 0.0, MIXED, tuple(found))  # (no total of days and projects)
        spec = self.config.dimensions.get(intent.varying[0]) if intent.varying else None
        if spec is not None and not spec.adds_up(tuple(o.key for o in found)):
            return Result(intent, "list", 0.0, found[0].figure.unit, tuple(found))  # (income, expenditure)
        value = round(sum(o.figure.value for o in found), 6)
        whole = None
        listed = {o.key for o in found}
        if (
            operation == "breakdown"
            and intent.varying
            and intent.varying[0] in self.config.dimensions
            and listed >= set(self.config.dimensions[intent.varying[0]].members)
        ):  # every member listed: the printed total is theirs, not of a head's few
            whole = self.figure(self.want(intent))
            if whole is not None and whole.summed:
                whole = None
        return Result(intent, operation, value, found[0].figure.unit, tuple(found), whole)

    def _difference(self, intent: Intent) -> Result | Stop:
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        first, second = found[:2]  # in the order named: "more in year A than in year B" is A − B
        if intent.reverse:
            first, second = second, first
        if intent.percent:  # ("<A> higher than <B>, in percent"): A's excess as a percentage of B
            if second.figure.value <= 0:
                return Stop("absent", "percent_of_negative", {})
            value = round((first.figure.value - second.figure.value) / second.figure.value * 100, 6)
            return Result(intent, "difference", value, PERCENT, (first, second))
        value = round(first.figure.value - second.figure.value, 6)
        return Result(intent, "difference", value, first.figure.unit, (first, second))

    def _change(self, intent: Intent) -> Result | Stop:
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        ordered = sorted(found, key=lambda o: int(o.key))
        start, end = ordered[0], ordered[-1]
        if intent.reverse:  # ("from <a later year> to <an earlier one>")
            start, end = end, start
        if intent.percent:
            if start.figure.value <= 0:  # (a change in percent of a negative or nil figure means nothing)
                return Stop("absent", "percent_of_negative", {})
            value = round((end.figure.value - start.figure.value) / abs(start.figure.value) * 100, 6)
            if intent.decrease and value <= 0:  # "by what percentage did it fall": the fall, in percent
                return Result(intent, "decrease", -value, PERCENT, (start, end))  # (a rise is said as one)
            return Result(intent, "change", value, PERCENT, (start, end))
        value = round(end.figure.value - start.figure.value, 6)
        if intent.decrease and value <= 0:  # "by how much did it fall": the fall, from start to end
            return Result(intent, "decrease", -value, end.figure.unit, (start, end))
        return Result(intent, "change", value, end.figure.unit, (start, end))

    def _ratio(self, intent: Intent) -> Result | Stop:
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        first, second = found[:2]
        if intent.reverse:
            first, second = second, first
        if second.figure.value == 0:
            return Stop("absent", "divide_by_zero", {})
        return Result(
            intent, "ratio", round(first.figure.value / second.figure.value, 6), RATIO, (first, second)
        )

    def _average(self, intent: Intent) -> Result | Stop:
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        value = round(sum(o.figure.value for o in found) / len(found), 6)
        return Result(intent, "average", value, found[0].figure.unit, tuple(found))

    def _rank(self, intent: Intent) -> Result | Stop:
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        ordered = sorted((o.figure.value for o in found), reverse=intent.largest)
        if intent.nth > len(ordered):
            return Stop("absent", "too_few", {"count": len(found), "want": self.want(intent)})
        best = ordered[intent.nth - 1]
        if intent.nth > 1 and ordered[intent.nth - 2] == best:  # tied with the place before: no single one
            return Stop("clarify", "rank_tied", {"nth": intent.nth})
        winners = tuple(o.key for o in found if o.figure.value == best)
        return Result(intent, "rank", best, found[0].figure.unit, tuple(found), winners=winners)

    def _place(self, intent: Intent) -> Result | Stop:
        """A member's place among the others: one more than the number of figures ahead of it."""
        found = self._many(intent)
        if isinstance(found, Stop):
            return found
        if all(o.figure.value == 0 for o in found):  # all nil: nothing to rank
            return Stop("absent", "all_nil", {"want": self.want(intent)})
        own = next(o.figure.value for o in found if o.key == intent.place_of)
        ahead = [o for o in found if (o.figure.value > own if intent.largest else o.figure.value < own)]
        tied = [o.key for o in found if o.figure.value == own and o.key != intent.place_of]
        return Result(
            intent,
            "place",
            float(len(ahead) + 1),
            COUNT,
            tuple(found),
            winners=(intent.place_of,),
            extra={"tied": tied},
        )

    def _filter(self, intent: Intent) -> Result | Stop:
        """The members whose figure passes the question's number, counted (every member's figure shown)."""
        assert intent.threshold is not None and intent.varying is not None
        found = self._many(intent)  # (one figure alone is no list to count in)
        if isinstance(found, Stop):
            return found
        if len({o.figure.unit for o in found}) > 1:  # days beside projects: no one number compares them
            return Stop("clarify", "which_measure", {})
        kind, limit = intent.threshold
        passing = tuple(o.key for o in found if PASSES[kind](o.figure.value, limit))
        return Result(intent, "filter", float(len(passing)), COUNT, tuple(found), winners=passing)

    def _count(self, intent: Intent) -> Result | Stop:
        assert intent.varying is not None
        dim, keys = intent.varying
        having = [k for k in keys if self.cube.measures_of(dim, k)]
        listed = [
            f
            for k in having[:1]
            for measure in sorted(self.cube.measures_of(dim, k))
            if (f := self.figure(self.want(intent, measure).with_(**{dim: k})))
        ]
        source = listed[0].facts[0] if listed else None  # a table listing them, to cite
        return Result(
            intent,
            "count",
            float(len(having)),
            COUNT,
            (),
            extra={"members": having, "dimension": dim, "source": source},
        )

    def _share(self, intent: Intent) -> Result | Stop:
        assert intent.whole is not None
        whole_want = Want(
            intent.measure,
            tuple(sorted(intent.whole)),
            intent.year or self.config.budget_year,
            intent.year is not None,
        )
        if intent.basis:
            whole_want = whole_want.with_(basis=intent.basis)
        if intent.varying:
            parts = self._many(intent, 1)
            if isinstance(parts, Stop):
                return parts
        else:
            part = self.find(self.want(intent))
            if isinstance(part, Stop):
                return part
            parts = [Operand("", part)]
        if len(parts) == 1 and parts[0].figure.unit == PERCENT:  # "what percentage is the <rate>": the rate
            return Result(
                replace(intent, operation="lookup", whole=None),
                "lookup",
                parts[0].figure.value,
                PERCENT,
                tuple(parts),
            )
        if not intent.whole and not intent.whole_word and not intent.measure_given:  # "<member>'s percentage"
            return Stop("clarify", "share_whole", {"total": True})
        if not intent.whole and not intent.whole_word and len(dict(intent.fixed)) > 1:
            return Stop("clarify", "share_whole", {"total": True})  # "<A>'s <B> as a share": of A, B or all?
        lines = set(self.config.role("line"))
        if (
            not intent.whole
            and not intent.whole_word
            and any(d in lines for o in parts for d in dict(o.figure.want.coords))
        ):
            return Stop("clarify", "share_whole", {})  # "<a line of accounts> as a percentage": of what?
        scope = {d: k for o in parts for d, k in o.figure.scope if d not in dict(whole_want.coords)}
        if scope:  # a fund's figure as a share of that fund's budget, not of all funds
            whole_want = whole_want.with_(**scope)
        whole = self._whole_over(intent, whole_want) if intent.whole_over else self.find(whole_want)
        if isinstance(whole, Stop):
            return whole
        if whole.value == 0:
            return Stop("absent", "divide_by_zero", {})
        value = round(sum(o.figure.value for o in parts) / whole.value * 100, 6)
        if len(parts) > 1 and abs(value - 100) < 1e-6:  # "the proportion of A and B": ratio, or each share?
            return Stop("clarify", "share_or_ratio", {})
        return Result(intent, "share", value, PERCENT, tuple(parts), whole)

    def _whole_over(self, intent: Intent, want: Want) -> Figure | Stop:
        """A share's whole that is the sum of some members ("of the four <heads> together"): each one's
        printed figure, added up; no whole when any of them is missing."""
        assert intent.whole_over is not None
        dim, members = intent.whole_over
        want = replace(want, coords=tuple((d, k) for d, k in want.coords if d != dim))  # (named: all of them)
        found = [self.figure(want.with_(**{dim: m}), derive=False) for m in members]
        if not all(found) or any(f.doubt for f in found if f):
            return Stop("absent", "no_figure", {"want": want})
        return replace(self._added(want, dim, [f for f in found if f]), scope=())

    def _per_post(self, intent: Intent) -> Result | Stop:
        cost_dim, cost_key = self.config.posts_cost
        coords = {d: k for d, k in intent.fixed if d != cost_dim}
        named = set(coords) | ({intent.varying[0]} - {cost_dim} if intent.varying else set())
        if any(not self.config.of(d, MONEY) for d in named):
            return Stop("absent", "money_by_grade", {})
        if intent.varying and intent.varying[0] != cost_dim:
            spec = self.config.dimensions.get(intent.varying[0])
            every = spec is not None and set(intent.varying[1]) == set(spec.members)
            if not (intent.whole_said and every):  # ("(all sources)": the total; else one at a time)
                return Stop("clarify", "two_questions", {})
        plain = replace(intent, fixed=tuple(sorted(coords.items())), varying=None, measure=MONEY, basis="")
        money = self.find(self.want(plain, MONEY, **{cost_dim: cost_key}))
        if isinstance(money, Stop):
            return money
        posts = self.find(self.want(plain, POSTS))
        if isinstance(posts, Stop):
            return posts
        if posts.value == 0:
            return Stop("absent", "divide_by_zero", {})
        value = round(money.value / posts.value, 6)
        return Result(
            intent,
            "per_post",
            value,
            self.config.unit_of(MONEY),
            (Operand("money", money), Operand("posts", posts)),
        )
