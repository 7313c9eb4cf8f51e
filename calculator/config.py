"""The document facts the calculator needs (corpus/calculator.toml): dimensions and their members, the
budget year, what each table is about and which table answers first. Checked on load."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.manifest import CorpusError, read_text

YEAR_HEAD = "year"
MONEY, POSTS, QUANTITY = "money", "posts", "quantity"  # the measures


@dataclass(frozen=True)
class Dimension:
    """A dimension a figure is located by: its members, the heads that range over some of them, the
    numbers that name members after a head, and the keys that stand for several members."""

    name: str
    members: tuple[str, ...]
    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbered: dict[str, int] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    measures: tuple[str, ...] = ()  # what its figures are of (empty: any)
    role: str = ""  # "whom" | "qualifier" | "line" | ""
    # a member printed net of others: key → (the member it is taken from, the members taken out of it)
    net: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # a member printed as the total of others that are members too (income and its lines): key → its parts
    within: dict[str, tuple[str, ...]] = field(default_factory=dict)
    additive: bool = True  # its members add up to something (lines of accounts: only the parts of one line)
    stocks: tuple[str, ...] = ()  # members that are positions at a date (balances): never added over years

    def adds_up(self, keys: tuple[str, ...]) -> bool:
        """Whether the members' figures can be summed: never a line with its own part; in a dimension that
        is not additive, only the parts of one line (two lines of one total, not two totals)."""
        if any(self.part_of(a, b) for a in keys for b in keys):
            return False
        return self.additive or any(set(keys) <= set(parts) for parts in self.within.values())

    def part_of(self, part: str, whole: str) -> bool:
        """Whether one member is printed as a part of another (a line of income within income)."""
        return part in self.within.get(whole, ())

    def netted(self, key: str, without: set[str]) -> str | None:
        """The member that is `key` with `without` taken out, as printed ("<line> after <other lines>"):
        `key` itself when it is already net of them, the net member when `key` is what it is taken from."""
        for net, (whole, taken) in self.net.items():
            if without == set(taken) and key in (net, whole):
                return net
        return None

    def of(self, measure: str) -> bool:
        return not self.measures or measure in self.measures

    @property
    def keys(self) -> set[str]:
        return set(self.members) | set(self.groups)

    def numbered_member(self, head: str, number: int) -> str | None:
        """The member a head and a number name (a head + 2 → its member numbered 2)."""
        for key, n in self.numbered.items():
            if n == number and key in self.heads.get(head, ()):
                return key
        return None

    def group_of(self, keys: set[str]) -> str | None:
        """The smallest group holding all these members (a group among them counts as its members)."""
        keys = {m for k in keys for m in self.groups.get(k, (k,))}
        holding = [(len(m), g) for g, m in self.groups.items() if keys <= set(m)]
        return min(holding)[1] if holding else None


@dataclass(frozen=True)
class Config:
    """corpus/calculator.toml, read and checked."""

    budget_year: int
    estimate_mark: str
    units: dict[str, str]  # cell unit → measure
    prose_only: frozenset[str]  # measures not read from tables
    dimensions: dict[str, Dimension]
    preference: tuple[str, ...]
    context: dict[str, dict[str, str]]
    plan_tables: frozenset[str]
    labels: dict[str, dict[str, dict[str, str]]]  # table → English label → coordinates
    # an ambiguous word, beside members of only the `when_only` dimensions, is read as `prefer[0]`
    prefer: tuple[str, ...] = ()
    when_only: frozenset[str] = frozenset()
    posts_cost: tuple[str, str] = ("", "")  # (dimension, key) whose money is the cost of the posts counted
    name_order: tuple[str, ...] = ()  # how a figure's name lists its members
    overview: dict = field(default_factory=dict)  # [overview]: the questions an overview is built from

    def role(self, role: str) -> list[str]:
        """The dimensions with this role."""
        return [d.name for d in self.dimensions.values() if d.role == role]

    def only(self, measure: str) -> list[str]:
        """The dimensions whose figures are of this measure only (a grade: posts)."""
        return [d.name for d in self.dimensions.values() if d.measures == (measure,)]

    def of(self, dimension: str, measure: str) -> bool:
        """Whether a dimension has figures of this measure."""
        spec = self.dimensions.get(dimension)
        return spec is None or spec.of(measure)

    def unit_of(self, measure: str) -> str:
        """The cell unit of a measure ("money" → the tables' money unit)."""
        return next((unit for unit, m in self.units.items() if m == measure), measure)

    def head_dimensions(self) -> dict[str, str]:
        """Every head → the dimension it names (and "year")."""
        heads = {YEAR_HEAD: YEAR_HEAD}
        for dim in self.dimensions.values():
            heads.update({head: dim.name for head in dim.heads})
        return heads

    def members_by_dimension(self) -> dict[str, set[str]]:
        return {name: dim.keys for name, dim in self.dimensions.items()}

    def rank(self, table: str) -> int:
        """A table's place in the preference order (unlisted tables last)."""
        try:
            return self.preference.index(table)
        except ValueError:
            return len(self.preference)

    @classmethod
    def load(cls, path: Path) -> Config:
        try:
            data = tomllib.loads(read_text(path))
        except tomllib.TOMLDecodeError as exc:
            raise CorpusError(f"{path}: not valid TOML ({exc})") from exc

        def need(value: object, kind: type | tuple[type, ...], where: str):
            if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
                raise CorpusError(f"{path}: {where} is missing or of the wrong type")
            return value

        dimensions = {}
        for name, spec in need(data.get("dimensions"), dict, "[dimensions]").items():
            spec = need(spec, dict, f"dimensions.{name}")
            members = tuple(need(spec.get("members"), list, f"dimensions.{name}.members"))
            heads = {h: tuple(m) for h, m in need(spec.get("heads", {}), dict, f"{name}.heads").items()}
            groups = {g: tuple(m) for g, m in need(spec.get("groups", {}), dict, f"{name}.groups").items()}
            numbered = need(spec.get("numbered", {}), dict, f"dimensions.{name}.numbered")
            known = set(members) | set(groups)
            for where, keys in [*(("heads." + h, m) for h, m in heads.items()), ("numbered", list(numbered))]:
                unknown = [k for k in keys if k not in known]
                if unknown:
                    raise CorpusError(f"{path}: dimensions.{name}.{where} names unknown keys {unknown}")
            for group, keys in groups.items():
                if not set(keys) <= set(members):
                    raise CorpusError(f"{path}: dimensions.{name}.groups.{group} must list members")
            measures = tuple(need(spec.get("measures", []), list, f"dimensions.{name}.measures"))
            role = str(spec.get("role", ""))
            if role not in ("", "whom", "qualifier", "line"):
                raise CorpusError(f"{path}: dimensions.{name}.role must be whom, qualifier or line")
            net = {}
            for key, spec_net in need(spec.get("net", {}), dict, f"dimensions.{name}.net").items():
                spec_net = need(spec_net, dict, f"dimensions.{name}.net.{key}")
                whole = need(spec_net.get("of"), str, f"dimensions.{name}.net.{key}.of")
                taken = tuple(need(spec_net.get("without"), list, f"dimensions.{name}.net.{key}.without"))
                if not {key, whole, *taken} <= known:
                    raise CorpusError(f"{path}: dimensions.{name}.net.{key} names keys not in its members")
                net[key] = (whole, taken)
            within = {k: tuple(v) for k, v in need(spec.get("within", {}), dict, f"{name}.within").items()}
            for key, parts in within.items():
                if not {key, *parts} <= set(members):
                    raise CorpusError(f"{path}: dimensions.{name}.within.{key} must list members")
            additive = need(spec.get("additive", True), bool, f"dimensions.{name}.additive")
            stocks = tuple(need(spec.get("stocks", []), list, f"dimensions.{name}.stocks"))
            if not set(stocks) <= set(members):
                raise CorpusError(f"{path}: dimensions.{name}.stocks must list members")
            dimensions[name] = Dimension(
                name, members, heads, numbered, groups, measures, role, net, within, additive, stocks
            )
        tables = need(data.get("tables", {}), dict, "[tables]")
        context = {t: dict(c) for t, c in need(tables.get("context", {}), dict, "tables.context").items()}
        labels = {}
        for table, mapping in need(tables.get("labels", {}), dict, "tables.labels").items():
            labels[table] = {label: parse_coords(text, path) for label, text in mapping.items()}
        for table, coords in [*context.items(), *((t, c) for m in labels.values() for t, c in m.items())]:
            for dim, key in coords.items():
                if dim != "basis" and (dim not in dimensions or key not in dimensions[dim].keys):
                    raise CorpusError(f"{path}: tables: {table} names {dim}={key}, not in [dimensions]")
        units = need(data.get("units", {}), dict, "[units]")
        overview = need(data.get("overview", {}), dict, "[overview]")
        if overview.get("dimension") and overview["dimension"] not in dimensions:
            raise CorpusError(f"{path}: overview.dimension {overview['dimension']!r} is not in [dimensions]")
        return cls(
            budget_year=need(data.get("budget_year"), int, "budget_year"),
            estimate_mark=str(data.get("estimate_mark", "*")),
            units={str(k): str(v) for k, v in units.items()},
            prose_only=frozenset(need(data.get("prose_only", []), list, "prose_only")),
            dimensions=dimensions,
            preference=tuple(need(tables.get("preference", []), list, "tables.preference")),
            context=context,
            plan_tables=frozenset(
                t for t, on in need(tables.get("plan", {}), dict, "tables.plan").items() if on
            ),
            labels=labels,
            prefer=tuple(need(data.get("ambiguity", {}), dict, "[ambiguity]").get("prefer", [])),
            when_only=frozenset(need(data.get("ambiguity", {}), dict, "[ambiguity]").get("when_only", [])),
            posts_cost=next(iter(parse_coords(str(data.get("posts_cost", "")), path).items()), ("", "")),
            name_order=tuple(need(data.get("name_order", list(dimensions)), list, "name_order")),
            overview=overview,
        )


def parse_coords(text: str, path: Path | str = "") -> dict[str, str]:
    """ "dim=KEY year=YYYY" → {"dim": "KEY", "year": "YYYY"}."""
    coords = {}
    for part in str(text).split():
        name, sep, value = part.partition("=")
        if not sep or not name or not value:
            raise CorpusError(f"{path}: '{text}' must be space-separated dimension=key pairs")
        coords[name] = value
    return coords
