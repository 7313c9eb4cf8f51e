"""A build checked by what answers from it: before a new build replaces the index in use, and by
`wpb status --check` on the build in use."""

from __future__ import annotations

from pathlib import Path

from assistant.assistant import open_calculator
from calculator.calculator import Calculator
from index.layout import CALCULATOR_CONFIG, CALCULATOR_LEXICON
from index.reader import Index, IndexUnavailable
from ingest.manifest import CorpusError, line_of, read_text


def check_build(build_dir: Path) -> None:
    """Build the calculator from a written build (its tables, its document, its corpus files) and check
    that its files agree with each other and with the tables; a problem raises CorpusError naming the
    file and line, and the ingest keeps the old index."""
    check_calculator(Index.being_written(build_dir))


def check_index(index: Index) -> dict[str, str]:
    """Every part of the build in use opened (Index.check), and the calculator built from it: "ok" or
    what is wrong, by part."""
    report = index.check()
    if report.get("calculator") == "ok":
        try:
            check_calculator(index)
        except (CorpusError, IndexUnavailable) as exc:
            report["calculator"] = str(exc)
        except Exception as exc:  # a damaged part surfaces as whatever its reader raises
            report["calculator"] = f"{type(exc).__name__}: {exc}"
    return report


def check_calculator(index: Index) -> None:
    calculator = open_calculator(index)
    if calculator is None:
        return
    if not calculator.cube.facts:
        raise CorpusError(f"{index.dir}: the calculator's configuration locates no figure of the tables")
    _check_config(calculator, index.calculator_dir / CALCULATOR_CONFIG)
    _check_lexicon(calculator, index.calculator_dir / CALCULATOR_LEXICON)
    tables = index.tables
    _check_tables(
        calculator, index.calculator_dir / CALCULATOR_CONFIG, set(tables["table_id"]), set(tables["unit"])
    )


def _fail(path: Path, problem: str, *needles: str) -> None:
    line = line_of(read_text(path), *needles) if needles else None
    raise CorpusError(f"{path}: line {line}: {problem}" if line else f"{path}: {problem}")


def _check_config(calculator: Calculator, path: Path) -> None:
    """Every dimension and measure calculator.toml names is one it defines."""
    config = calculator.config
    dimensions = set(config.dimensions)
    measures = set(config.units.values())
    for name in config.name_order:
        if name not in dimensions:
            _fail(path, f"name_order names {name}, not a dimension in [dimensions]", "name_order")
    dim, key = config.posts_cost
    if dim and (dim not in dimensions or key not in config.dimensions[dim].keys):
        _fail(path, f"posts_cost names {dim}={key}, not a member in [dimensions]", "posts_cost")
    for name in (*config.prefer, *config.when_only):
        if name not in dimensions:
            _fail(path, f"[ambiguity] names {name}, not a dimension in [dimensions]", "[ambiguity]", name)
    for dimension in config.dimensions.values():
        for measure in dimension.measures:
            if measure not in measures:
                where = (f"[dimensions.{dimension.name}]", "measures")
                _fail(
                    path,
                    f"dimensions.{dimension.name}.measures names {measure}, not a measure in [units]",
                    *where,
                )
    for measure in config.prose_only:
        if measure not in measures:
            _fail(path, f"prose_only names {measure}, not a measure in [units]", "prose_only")


def _check_lexicon(calculator: Calculator, directory: Path) -> None:
    """Every dimension a lexicon names is one calculator.toml defines."""
    dimensions = set(calculator.config.dimensions)
    for path in sorted(directory.glob("*.toml")):
        text = read_text(path)
        for dims in calculator.lexicon.names.values():
            for dim in dims:
                if dim not in dimensions and f"names.{dim}" in text:
                    _fail(path, f"names.{dim} is not a dimension in calculator.toml", f"names.{dim}")


def _check_tables(calculator: Calculator, path: Path, tables: set[str], units: set[str]) -> None:
    """Every table calculator.toml names is a table of the document; every unit of the tables is in
    calculator.toml [units]."""
    config = calculator.config
    named = [
        *((t, ("preference", f'"{t}"')) for t in config.preference),
        *((t, ("[tables.context]", f'"{t}"')) for t in config.context),
        *((t, ("[tables.plan]", f'"{t}"')) for t in config.plan_tables),
        *((t, (f'[tables.labels."{t}"]',)) for t in config.labels),
    ]
    for table, needles in named:
        if table not in tables:
            _fail(path, f"tables: {table} is not a table of the document", *needles)
    for unit in sorted(u for u in units - set(config.units) if isinstance(u, str) and u):
        _fail(path, f"the tables' unit '{unit}' is not in [units]", "[units]")
