"""Numbers as the document writes them: "2 949.4", "(327)", "—", "15.6%"."""

from __future__ import annotations

import re
from dataclasses import dataclass

NIL_MARKS = frozenset({"—", "–", "-", "--"})
_NUMBER = re.compile(
    r"^(?P<neg>\()?(?P<digits>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?P<frac>\.\d+)?(?(neg)\))(?P<pct>%)?$"
)


@dataclass(frozen=True)
class ParsedNumber:
    """A cell value: the raw string beside what it means."""

    raw: str
    value: float
    nil: bool = False
    percent: bool = False


def parse_number(raw: str) -> ParsedNumber | None:
    """Parse one table cell; None when the cell is not a number or a nil mark."""
    text = raw.strip()
    if text in NIL_MARKS:
        return ParsedNumber(raw=raw, value=0.0, nil=True)
    match = _NUMBER.match(text)
    if not match:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match["digits"])
    value = float(digits + (match["frac"] or ""))
    if match["neg"]:
        value = -value
    return ParsedNumber(raw=raw, value=value, percent=bool(match["pct"]))


def is_number_cell(raw: str) -> bool:
    """True when a cell holds a number or a nil mark."""
    return parse_number(raw) is not None
