"""Figures the prose states (corpus/prose_figures.csv): each printed figure of a paragraph with the
coordinates it is a figure for, so that a question finds it beside (or instead of) the tables'."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from calculator.config import Config, parse_coords
from calculator.cube import Fact
from calculator.lexicon import Lexicon, normalise
from ingest.manifest import CorpusError, read_text
from ingest.model import Document

AMOUNT = re.compile(r"(?P<number>\d{1,3}(?:[ \u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<word>\S.*)?$")
SENTENCE_END = "。；;！？!?"


def load_prose(path: Path, document: Document, lexicon: Lexicon, config: Config) -> list[Fact]:
    """The prose figures, each checked: its paragraph exists and prints it, its amount and its
    coordinates can be read."""
    if not path.exists():
        return []
    facts = []
    lines = config.role("line")
    for n, row in enumerate(csv.DictReader(read_text(path).splitlines()), start=2):
        where = f"{path}: line {n}"
        try:
            paragraph, printed, coordinates = row["paragraph"], row["printed"], row["coordinates"]
        except KeyError as exc:
            raise CorpusError(f"{where}: needs paragraph, printed and coordinates") from exc
        unit = document.get("paragraph", str(paragraph))
        if unit is None:
            raise CorpusError(f"{where}: there is no paragraph {paragraph}")
        at = unit.text.find(printed)
        if at < 0:
            raise CorpusError(f"{where}: paragraph {paragraph} does not print '{printed}'")
        value, unit_name, tolerance = amount(printed, lexicon)
        coords = parse_coords(coordinates, where)
        year = int(coords.pop("year", config.budget_year))
        for dim, key in coords.items():
            if dim not in config.dimensions or key not in config.dimensions[dim].keys:
                raise CorpusError(f"{where}: {dim}={key} is not in calculator.toml")
        measure = config.units.get(unit_name)
        if measure is None:
            raise CorpusError(f"{where}: unit {unit_name} is not in calculator.toml [units]")
        facts.append(
            Fact(
                source_kind="paragraph",
                source=str(paragraph),
                row=sentence(unit.text, at),
                column="",
                raw=printed,
                value=value,
                unit=unit_name,
                measure=measure,
                coords=coords,
                year=year,
                # a line of the accounts is the figure; its other coordinates say whose (which fund's)
                implicit=frozenset(d for d in coords if d not in lines)
                if set(coords) & set(lines)
                else frozenset(),
                tolerance=tolerance,
            )
        )
    return facts


def amount(printed: str, lexicon: Lexicon) -> tuple[float, str, float]:
    """A printed amount ("208 <ten-thousands> dollars") → (value in the tables' unit, unit, half the step of
    its last significant digit: prose rounds, "190 <ten-thousands>" is 1.85 to 1.95 million)."""
    match = AMOUNT.match(printed.strip())
    word = normalise(match.group("word") or "") if match else ""
    if not match or word not in lexicon.amounts:
        raise CorpusError(
            f"cannot read the amount '{printed}' (number, then one of {sorted(lexicon.amounts)})"
        )
    factor, unit = lexicon.amounts[word]
    digits = match.group("number").replace(" ", "").replace("\u00a0", "")
    value = float(digits) * factor
    if "." in digits:
        step = 10 ** -len(digits.split(".")[1])
    else:
        stripped = digits.rstrip("0")
        step = 10 ** (len(digits) - len(stripped)) if stripped else 1
    return round(value, 6), unit, step * factor / 2


def sentence(text: str, at: int) -> str:
    """The sentence of `text` around position `at`."""
    start = max(text.rfind(c, 0, at) for c in SENTENCE_END) + 1
    ends = [i for c in SENTENCE_END if (i := text.find(c, at)) >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()
