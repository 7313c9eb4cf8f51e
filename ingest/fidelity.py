"""The fidelity check: every unit of the official text in the rendering, every number carried over.

Numbers are compared as values, after normalising how each language writes them: "2 080 万美元"
and "US$ 20.8 million" are both 20800000; "1 893 000" and "1,893,000" are 1893000; "3 月" and
"March" are 3; "21 世纪" and "21st century" are 21. Resolution numbers (73/239) and rule numbers
(302.1(a)) are compared by their parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.model import Document
from ingest.rendering import RENDERED_KINDS

_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_COMMA_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ZH_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*多?\s*(万|亿)")
_EN_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(million|billion)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NAME = "|".join(m.capitalize() for m in MONTHS)
# a month only beside a day or a year ("6 September 2019", "March 2018"), not "as may be necessary"
_MONTH = re.compile(rf"(?<=\d )({_MONTH_NAME})\b|\b({_MONTH_NAME})(?= \d{{4}})")
_SCALE = {"万": 10**4, "亿": 10**8, "million": 10**6, "billion": 10**9}


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between the official unit and its rendering."""

    kind: str
    id: str
    problem: str

    def __str__(self) -> str:
        return f"{self.kind} {self.id}: {self.problem}"


def _value(text: str) -> str:
    return format(Decimal(text).normalize(), "f")


def _months(text: str) -> set[str]:
    return {str(MONTHS.index((a or b).lower()) + 1) for a, b in _MONTH.findall(text)}


def numbers(text: str) -> set[str]:
    """Every number of a text as a value, read the Chinese and the English ways alike ("2 080 万" and
    "20.8 million", "1 893 000" and "1,893,000", "3 月" and "March 2018", "21 世纪" and "21st")."""
    text = _COMMA_THOUSANDS.sub("", _SPACED_THOUSANDS.sub("", text))
    found: set[str] = set()
    for amount in (_ZH_AMOUNT, _EN_AMOUNT):
        found |= {_value(str(Decimal(m[1]) * _SCALE[m[2].lower()])) for m in amount.finditer(text)}
        text = amount.sub(" ", text)
    found |= _months(text)
    text = _ORDINAL.sub(r"\1", text)
    return found | {_value(n) for n in _NUMBER.findall(text)}


def _compare(kind: str, unit_id: str, zh: str, en: str, where: str = "") -> list[Mismatch]:
    only_zh, only_en = numbers(zh) - numbers(en), numbers(en) - numbers(zh)
    out = [
        Mismatch(kind, unit_id, f"{where}{n} is in the Chinese but not in the English")
        for n in sorted(only_zh)
    ]
    out += [
        Mismatch(kind, unit_id, f"{where}{n} is in the English but not in the Chinese")
        for n in sorted(only_en)
    ]
    return out


def check_rendering(official: Document, entries: dict[tuple[str, str], dict]) -> list[Mismatch]:
    """Every mismatch between the official document and a rendering's entries; [] when faithful."""
    mismatches: list[Mismatch] = []
    expected = [(u.kind, u.id) for u in official.units if u.kind in RENDERED_KINDS]
    for key in entries:
        if key not in expected:
            mismatches.append(Mismatch(key[0], key[1], "is in the English but not in the official text"))
    for unit in official.units:
        if unit.kind not in RENDERED_KINDS:
            continue
        entry = entries.get((unit.kind, unit.id))
        if entry is None:
            mismatches.append(Mismatch(unit.kind, unit.id, "is missing from the English"))
            continue
        if unit.kind == "mandates":
            items = entry.get("items", [])
            if len(items) != len(unit.items):
                mismatches.append(
                    Mismatch(
                        unit.kind,
                        unit.id,
                        f"has {len(unit.items)} items in the Chinese, {len(items)} in the English",
                    )
                )
                continue
            for n, (zh, en) in enumerate(zip(unit.items, items, strict=True), 1):
                if zh["resolution"] != en.get("resolution"):
                    mismatches.append(
                        Mismatch(
                            unit.kind,
                            unit.id,
                            f"item {n}: resolution {zh['resolution']} "
                            f"is {en.get('resolution')!r} in the English",
                        )
                    )
                mismatches += _compare(unit.kind, unit.id, zh["title"], en.get("title", ""), f"item {n}: ")
        elif unit.kind == "performance":
            items = entry.get("items", [])
            zh_text = "\n".join(i["text"] for i in unit.items)
            mismatches += _compare(unit.kind, unit.id, zh_text, "\n".join(i.get("text", "") for i in items))
        else:
            mismatches += _compare(unit.kind, unit.id, unit.text, entry["en"])
    return mismatches
