"""References to units in a text: "¶59", "para 59", "第 59 段", "第四十二段", "paragraphs 12-14", "表 3.0",
"Table 1.5A", "Annex I", "chapter 6"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
MAX_RANGE = 20  # "paragraphs 12-14" names each paragraph; a longer range only its two ends

ZH_NUMBER = r"[零〇一二两三四五六七八九十百千]+"
ROMAN = r"[IVXLC]+"
_RANGE = r"(?:-|–|—|~|～|至|到|\bto\b)"
_LIST = r"(?:,|，|、|&|和|及|\band\b)"
# After the first number, a range or list goes on with numbers of at most three digits (a year is no
# paragraph) that are not the start of a decimal or a percentage ("¶59, 13%").
_NEXT = rf"\s*(?:{_RANGE}|{_LIST})\s*(?:\d{{1,3}}(?!\d|\.\d|%)|{ZH_NUMBER})"
PARAGRAPHS = rf"(?:\d{{1,4}}(?!\d)|{ZH_NUMBER})(?:{_NEXT})*"

TABLE_NUMBER = r"\d{1,2}\s*\.\s*\d{1,2}(?:[A-Za-z](?![A-Za-z]))?"  # 1.5A, not the "s" of "3.0 shows"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("paragraph", re.compile(rf"(?:¶|§){{1,2}}\s*({PARAGRAPHS})")),
    ("paragraph", re.compile(rf"\b(?:para(?:graph)?s?\.?)\s*({PARAGRAPHS})", re.IGNORECASE)),
    ("paragraph", re.compile(rf"第\s*({PARAGRAPHS})\s*段")),
    (
        "table",
        re.compile(
            rf"(?:表|\b(?:tables?|tbls?|tab)\b\.?)\s*[(（]?\s*({TABLE_NUMBER})(?!\d|\.\d)(?:\s*[)）])?",
            re.IGNORECASE,
        ),
    ),
    ("footnote", re.compile(r"(?:脚注|\bfootnote\b)\s*(\d{1,2})", re.IGNORECASE)),
    ("annex", re.compile(rf"附件\s*({ZH_NUMBER}|\d{{1,2}})")),
    ("annex", re.compile(rf"\bannex\s+({ROMAN}|\d{{1,2}})\b", re.IGNORECASE)),
    ("chapter", re.compile(rf"\bchapter\s+({ROMAN}|\d{{1,2}})\b", re.IGNORECASE)),
    ("chapter", re.compile(rf"第\s*({ZH_NUMBER}|\d{{1,2}})\s*章")),
]


@dataclass(frozen=True)
class Ref:
    """A reference to a unit: its model kind ("paragraph", "table", "footnote", "heading") and id."""

    kind: str
    id: str
    text: str  # the words that referred to it


def zh_number(token: str) -> int | None:
    """The value of a number in Chinese numerals ("四十二" 42, "一百零五" 105, "十二" 12), else None."""
    total, digit = 0, None
    for char in token:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            total += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def roman_number(token: str) -> int | None:
    """The value of a Roman numeral ("VII" 7, "XII" 12), else None."""
    values = [_ROMAN.get(char) for char in token.upper()]
    if not values or None in values:
        return None
    total = 0
    for value, following in zip(values, [*values[1:], 0], strict=True):
        total += -value if value < following else value
    return total if total > 0 else None


def to_roman(number: int) -> str:
    """1 -> "I", 12 -> "XII" (numbers below 400); 0 and below stay as digits."""
    if number < 1:
        return str(number)
    out = []
    for value, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _number(token: str) -> int:
    token = token.strip()
    if token.isdigit():
        return int(token)
    value = zh_number(token)
    if value is None:
        value = roman_number(token)
    return -1 if value is None else value


def paragraph_numbers(spec: str) -> list[int]:
    """The paragraphs a "12-14" / "12 and 13" / "十二至十四" names, in order."""
    parts = re.findall(rf"\d+|{ZH_NUMBER}|{_RANGE}", spec)
    numbers: list[int] = []
    pending_range = False
    for part in parts:
        if re.fullmatch(_RANGE, part):
            pending_range = bool(numbers)
            continue
        number = _number(part)
        if pending_range and 0 < number - numbers[-1] < MAX_RANGE:
            numbers.extend(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
        pending_range = False
    return numbers


def _refs(kind: str, token: str, text: str) -> list[Ref]:
    if kind == "paragraph":
        numbers = paragraph_numbers(token)
        if len(numbers) == 1:
            return [Ref("paragraph", str(numbers[0]), text)]
        return [Ref("paragraph", str(n), f"¶{n}") for n in numbers]
    if kind == "table":
        compact = re.sub(r"\s+", "", token)
        return [Ref("table", compact.upper(), text)]
    if kind == "footnote":
        return [Ref("footnote", f"fn{int(token)}", text)]
    if kind == "annex":
        return [Ref("heading", f"annex{_number(token)}", text)]
    return [Ref("heading", to_roman(_number(token)), text)]  # a chapter: I ... VII in this document


def find_references(text: str) -> list[Ref]:
    """Every reference in a text, in the order they appear."""
    found: list[tuple[int, Ref]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            found += [(match.start(), ref) for ref in _refs(kind, match[1], match[0])]
    seen, refs = set(), []
    for _, ref in sorted(found, key=lambda item: item[0]):
        if (ref.kind, ref.id) not in seen:
            seen.add((ref.kind, ref.id))
            refs.append(ref)
    return refs


def parse_reference(text: str) -> Ref | None:
    """The one unit a short reference names ("59", "¶59", "表 3.0", "Table 1.5A"), else None."""
    stripped = text.strip()
    if re.fullmatch(r"\d{1,4}", stripped):
        return Ref("paragraph", str(int(stripped)), stripped)
    if re.fullmatch(r"\d{1,2}\.\d{1,2}[A-Za-z]?", stripped):
        return Ref("table", stripped.upper(), stripped)
    refs = find_references(stripped)
    return refs[0] if len(refs) == 1 else None
