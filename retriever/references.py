"""References to units in a text: "¶59", "para 59", "第 59 段", "表 3.0", "Table 1.5A", "Annex I"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}

TABLE_NUMBER = r"\d{1,2}\s*\.\s*\d{1,2}(?:[A-Za-z](?![A-Za-z]))?"  # 1.5A, not the "s" of "3.0 shows"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("paragraph", re.compile(r"(?:¶|§)\s*(\d{1,4})")),
    ("paragraph", re.compile(r"\b(?:para(?:graph)?s?\.?)\s*(\d{1,4})\b", re.IGNORECASE)),
    ("paragraph", re.compile(r"第\s*(\d{1,4})\s*段")),
    (
        "table",
        re.compile(rf"(?:表|\btables?\b)\s*({TABLE_NUMBER})(?!\d|\.\d)", re.IGNORECASE),
    ),
    ("footnote", re.compile(r"(?:脚注|\bfootnote\b)\s*(\d{1,2})", re.IGNORECASE)),
    ("annex", re.compile(r"附件\s*([一二三四五六七]|\d)")),
    ("annex", re.compile(r"\bannex\s+(VII|VI|IV|V|III|II|I|\d)\b", re.IGNORECASE)),
    ("chapter", re.compile(r"\bchapter\s+(VII|VI|IV|V|III|II|I|\d)\b", re.IGNORECASE)),
    ("chapter", re.compile(r"第\s*([一二三四五六七])\s*章")),
]


@dataclass(frozen=True)
class Ref:
    """A reference to a unit: its model kind ("paragraph", "table", "footnote", "heading") and id."""

    kind: str
    id: str
    text: str  # the words that referred to it


def _number(token: str) -> int:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return _ZH_NUMERALS.get(token) or _ROMAN[token.upper()]


def _ref(kind: str, token: str, text: str) -> Ref:
    if kind == "paragraph":
        return Ref("paragraph", str(int(token)), text)
    if kind == "table":
        compact = re.sub(r"\s+", "", token)
        return Ref("table", compact.upper(), text)
    if kind == "footnote":
        return Ref("footnote", f"fn{int(token)}", text)
    if kind == "annex":
        return Ref("heading", f"annex{_number(token)}", text)
    roman = list(_ROMAN)[_number(token) - 1]
    return Ref("heading", roman, text)


def find_references(text: str) -> list[Ref]:
    """Every reference in a text, in the order they appear."""
    found: list[tuple[int, Ref]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), _ref(kind, match[1], match[0])))
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
