"""An aligned rendering (the English) built on the official document's units.

The rendering file holds one JSON object per unit: {"kind", "id", "en"} (mandate lists and the
performance measure also carry "items"). Units keep their ids, sections and source lines; their
text is replaced. Tables are not retyped: their labels come from the glossary, their numbers
from the parsed Chinese tables, so they cannot drift.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from ingest.glossary import Glossary
from ingest.manifest import CorpusError, read_text
from ingest.model import Column, Document, Row, TableData, Unit

RENDERED_KINDS = ("text", "heading", "paragraph", "footnote", "figure", "mandates", "performance")


def read_rendering(path: Path) -> dict[tuple[str, str], dict]:
    """The rendering's entries by (kind, id); malformed lines are errors naming the line."""
    entries: dict[tuple[str, str], dict] = {}
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            key = (entry["kind"], str(entry["id"]))
            text = entry["en"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}: line {n} is not a {{kind, id, en}} JSON object ({exc})") from exc
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{path}: line {n} ({key[0]} {key[1]}) has no text")
        if key in entries:
            raise CorpusError(f"{path}: line {n}: {key[0]} {key[1]} appears twice")
        entries[key] = entry
    return entries


def _table(table: TableData, glossary: Glossary) -> TableData:
    return TableData(
        columns=[Column(c.position, glossary.path_en(c.path)) for c in table.columns],
        rows=[
            Row(
                glossary.en(r.label) or r.label, glossary.path_en(r.group), dict(r.cells), r.line, r.raw_label
            )
            for r in table.rows
        ],
        unit=table.unit,
        notes=list(table.notes),
        column_source=table.column_source,
    )


def render_aligned(
    base: Document, entries: dict[tuple[str, str], dict], glossary: Glossary, language: str
) -> Document:
    """The document in the rendering's language; units the rendering lacks are left out."""
    headings = {
        u.title: entries[("heading", u.id)]["en"]
        for u in base.units
        if u.kind == "heading" and ("heading", u.id) in entries
    }
    units: list[Unit] = []
    for unit in base.units:
        rendered = copy.deepcopy(unit)
        rendered.section = [headings.get(title, glossary.en(title) or title) for title in unit.section]
        if unit.table is not None:
            rendered.table = _table(unit.table, glossary)
            rendered.title = glossary.en(unit.title) or unit.title
            rendered.text = rendered.title
        elif unit.kind in RENDERED_KINDS:
            entry = entries.get((unit.kind, unit.id))
            if entry is None:
                continue
            rendered.text = entry["en"]
            rendered.title = (
                entry["en"].splitlines()[0][:80] if unit.kind != "paragraph" else f"Paragraph {unit.id}"
            )
            if "items" in entry:
                rendered.items = [dict(item) for item in entry["items"]]
        else:
            continue  # the table of contents is not rendered
        units.append(rendered)
    return Document(symbol=base.symbol, language=language, units=units)
