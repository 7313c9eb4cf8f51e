"""How each unit is cited: "¶59", "表 3.0 / Table 3.0", "附件一 / Annex I"."""

from __future__ import annotations

import re

from ingest.glossary import Glossary
from ingest.model import Unit

_SP = re.compile(r"SP(\d+)")
_ANNEX_EN = {"annex1": "Annex I", "annex2": "Annex II", "annex3": "Annex III"}
_ANNEX_ZH = {"annex1": "附件一", "annex2": "附件二", "annex3": "附件三"}


def _owner(unit_id: str) -> tuple[str, str]:
    """("附件一 次级方案 1", "Annex I, subprogramme 1") for ids such as annex1-SP1-deliverables."""
    zh, en = [], []
    head = unit_id.split("-")[0]
    if head in _ANNEX_ZH:
        zh.append(_ANNEX_ZH[head])
        en.append(_ANNEX_EN[head])
    if m := _SP.search(unit_id):
        zh.append(f"次级方案 {m[1]}")
        en.append(f"subprogramme {m[1]}" if en else f"Subprogramme {m[1]}")
    return " ".join(zh), ", ".join(en)


def citation_label(unit: Unit, glossary: Glossary | None = None) -> str:
    """The label a citation shows for a unit."""
    if unit.kind == "paragraph":
        return f"¶{unit.id}"
    if unit.kind == "table":
        return f"表 {unit.id} / Table {unit.id}"
    if unit.kind == "footnote":
        n = unit.id.removeprefix("fn")
        return f"脚注 {n} / Footnote {n}"
    if unit.kind in ("deliverables", "mandates", "performance"):
        zh, en = _owner(unit.id)
        names = {
            "deliverables": ("交付成果", "deliverables"),
            "mandates": ("任务规定清单", "list of mandates"),
            "performance": ("业绩计量", "performance measure"),
        }[unit.kind]
        zh_label = f"{zh} {names[0]}".strip()
        en_label = f"{en} {names[1]}".strip() if en else names[1].capitalize()
        return f"{zh_label} / {en_label[0].upper()}{en_label[1:]}"
    if unit.kind == "heading" and unit.id in _ANNEX_ZH:
        return f"{_ANNEX_ZH[unit.id]} / {_ANNEX_EN[unit.id]}"
    if unit.kind == "figure":
        n = unit.id.removeprefix("fig")
        return f"图 {n} / Figure {n}"
    english = glossary.en(unit.title) if glossary else None
    return f"{unit.title} / {english}" if english else unit.title
