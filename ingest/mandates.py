"""Mandate lists: resolution number → title, grouped by the body that adopted them."""

from __future__ import annotations

import re

from ingest.labels import canonical, footnote_marks, strip_footnote_marks

_DASH_ITEM = re.compile(r"^-\s*(?P<number>\S+)\s+(?P<title>.+)$")


def parse_mandates(lines: list[tuple[int, str]], group: str = "") -> tuple[list[dict], list[int]]:
    """Items {group, resolution, title, line} and the footnote numbers marked in them."""
    items: list[dict] = []
    marks: list[int] = []
    for line_no, text in lines:
        stripped = text.strip()
        if not stripped:
            continue
        marks.extend(footnote_marks(text))
        if "\t" in text:
            number, _, title = text.partition("\t")
            title = title.strip()
            if not title:
                group = canonical(number)
                continue
            items.append(_item(group, number, title, line_no))
        elif match := _DASH_ITEM.match(stripped):
            items.append(_item(group, match["number"], match["title"], line_no))
        else:
            group = canonical(stripped)
    return items, marks


def _item(group: str, number: str, title: str, line: int) -> dict:
    return {
        "group": group,
        "resolution": number.strip(),
        "title": strip_footnote_marks(title.strip()),
        "line": line,
    }
