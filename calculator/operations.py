"""The arithmetic of an answer: operands (one cell, or the sum of a few) and what is done with them."""

from __future__ import annotations

from dataclasses import dataclass

from calculator.cells import Cell
from calculator.phrasing import fmt


@dataclass
class Operand:
    """A named figure: one cell, or the sum of several ("core": Foundation non-earmarked + regular budget)."""

    name: str
    cells: list[Cell]

    @property
    def value(self) -> float:
        return round(sum(c.value for c in self.cells), 1)

    @property
    def whole(self) -> bool:
        """Printed without decimals (Table 3.0, counts of posts)."""
        return all("." not in c.raw for c in self.cells)

    @property
    def raw(self) -> str:
        if len(self.cells) == 1:
            return self.cells[0].raw
        return "(" + " + ".join(c.raw for c in self.cells) + ")"


@dataclass
class Computed:
    """A value with its unit and the formula that gives it."""

    value: float
    unit: str
    formula: str


def total(operands: list[Operand], unit: str) -> Computed:
    value = round(sum(o.value for o in operands), 1)
    whole = all(o.whole for o in operands)
    return Computed(value, unit, " + ".join(o.raw for o in operands) + f" = {fmt(value, unit, whole)}")


def difference(first: Operand, second: Operand, unit: str) -> Computed:
    value = round(first.value - second.value, 1)
    whole = first.whole and second.whole
    return Computed(value, unit, f"{first.raw} − {second.raw} = {fmt(value, unit, whole)}")


def ratio(first: Operand, second: Operand) -> Computed | None:
    if second.value == 0:
        return None
    value = round(first.value / second.value, 2)
    return Computed(value, "ratio", f"{first.raw} ÷ {second.raw} = {value:.2f}")


def share(part: Operand, whole: Operand) -> Computed | None:
    if whole.value == 0:
        return None
    value = round(part.value / whole.value * 100, 1)
    return Computed(value, "%", f"{part.raw} ÷ {whole.raw} = {value:.1f}%")


def change(start: Operand, end: Operand, unit: str, percent: bool) -> Computed | None:
    """From start to end: the difference, or the difference as a percentage of the start."""
    if not percent:
        return difference(end, start, unit)
    if start.value == 0:
        return None
    value = round((end.value - start.value) / abs(start.value) * 100, 1)
    return Computed(value, "%", f"({end.raw} − {start.raw}) ÷ {start.raw} = {value:.1f}%")


def mean(operands: list[Operand], unit: str) -> Computed:
    value = round(sum(o.value for o in operands) / len(operands), 1)
    listing = " + ".join(o.raw for o in operands)
    return Computed(value, unit, f"({listing}) ÷ {len(operands)} = {fmt(value, unit)}")


def per(money: Operand, count: Operand, unit: str) -> Computed | None:
    if count.value == 0:
        return None
    value = round(money.value / count.value, 1)
    return Computed(value, unit, f"{money.raw} ÷ {count.raw} = {fmt(value, unit)}")


def extreme(operands: list[Operand], unit: str, largest: bool) -> tuple[Operand, Computed]:
    best = (max if largest else min)(operands, key=lambda o: o.value)
    whole = all(o.whole for o in operands)
    listing = ", ".join(o.raw for o in operands)
    word = "max" if largest else "min"
    return best, Computed(best.value, unit, f"{word}({listing}) = {fmt(best.value, unit, whole)}")
