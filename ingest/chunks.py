"""Chunks for the index: one per paragraph (long ones split at sentence ends), table, list, note."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass

from ingest.citation import citation_label
from ingest.glossary import Glossary
from ingest.labels import SUPERSCRIPT_DIGITS
from ingest.model import Document, Unit

MAX_CHARS = 500  # about 350 XLM-R tokens of Chinese; multilingual-e5 reads at most 512
EMBED_CHARS = 600  # what the dense embedder sees of a chunk; its cost grows with length
TABLE_EMBED_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")
_CHUNKED = ("paragraph", "table", "deliverables", "performance", "mandates", "footnote", "text", "figure")


@dataclass(frozen=True)
class Chunk:
    """A piece of text to embed, with the metadata that cites it."""

    chunk_id: str
    text: str  # what is shown and quoted: the unit's own text (a table: its rendering)
    search_text: str  # what keyword search reads: section path, label and text (a table: its labels)
    embed_text: str  # what the dense embedder reads: the start of search_text (a table: a summary)
    kind: str  # citation kind: paragraph | table | list | section | footnote
    unit_kind: str
    unit_id: str
    label: str
    section: str
    language: str
    doc: str
    line_start: int
    line_end: int
    part: int

    @property
    def sha(self) -> str:
        return hashlib.sha256(self.embed_text.encode()).hexdigest()

    def metadata(self) -> dict:
        data = asdict(self)
        del data["text"], data["chunk_id"], data["embed_text"], data["search_text"]
        return data


def split_sentences(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Pieces of at most `limit` characters, cut at sentence ends where possible."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for sentence in filter(None, _SENTENCE_END.split(text)):
        while len(sentence) > limit:  # a sentence longer than the limit: cut it hard
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return pieces


def render_table(unit: Unit, glossary: Glossary) -> str:
    """Caption, unit, columns and rows, each label in Chinese and English."""
    table = unit.table
    assert table is not None

    def both(label: str) -> str:
        en = glossary.en(label)
        return f"{label} ({en})" if en and en != label else label

    lines = [f"{citation_label(unit)} {both(unit.title)}".strip()]
    if table.unit:
        lines.append(f"({both(table.unit)})")
    columns = {c.position: c.path for c in table.columns}
    lines.append("列 / Columns: " + "; ".join(" › ".join(both(p) for p in path) for path in columns.values()))
    for row in table.rows:
        values = "; ".join(f"{' › '.join(columns[p])}: {v}" for p, v in sorted(row.cells.items()))
        lines.append(f"{' › '.join(both(p) for p in row.path)}: {values}" if values else " › ".join(row.path))
    lines.extend(table.notes)
    return "\n".join(lines)


def table_labels(unit: Unit, glossary: Glossary) -> str:
    """A table for keyword search: caption, section and every label once, in both languages."""
    table = unit.table
    assert table is not None
    labels = [*(p for c in table.columns for p in c.path), *(p for r in table.rows for p in r.path)]
    unique = list(dict.fromkeys(labels))
    english = [glossary.en(label) or "" for label in unique]
    return "\n".join(
        [
            f"{citation_label(unit)} {unit.title}",
            glossary.en(unit.title) or "",
            "；".join(unique),
            "; ".join(e for e in english if e),
            *table.notes,
        ]
    )


def table_summary(unit: Unit, glossary: Glossary) -> str:
    """A table for the dense embedder: label, caption in both languages, its section, its columns.

    No numbers and no row-by-row text: embedding cost grows with length, and the figures are
    answered from the tidy tables, not from vectors.
    """
    table = unit.table
    assert table is not None
    caption_en = glossary.en(unit.title) or ""
    owner = unit.section[1] if len(unit.section) > 1 else (unit.section[0] if unit.section else "")
    columns = "；".join(dict.fromkeys(c.path[-1] for c in table.columns))
    parts = [f"{citation_label(unit)} {unit.title}", caption_en, owner, columns]
    return "\n".join(p for p in parts if p)[:TABLE_EMBED_CHARS]


def render_items(unit: Unit) -> str:
    if unit.kind == "mandates":
        body = [f"{i['resolution']} {i['title']}" for i in unit.items]
    else:
        body = [f"{i['column']}: {i['text']}" for i in unit.items]
    return "\n".join([unit.title, *body])


def unit_text(unit: Unit, glossary: Glossary) -> str:
    if unit.table is not None:
        return render_table(unit, glossary)
    if unit.kind in ("mandates", "performance"):
        return render_items(unit)
    return unit.text


def footnote_contexts(doc: Document) -> dict[str, str]:
    """What each footnote annotates: the words before its marker ("基金会专用³" → "…基金会专用")."""
    contexts: dict[str, str] = {}
    for unit in doc.units:
        for n in unit.footnotes:
            mark = SUPERSCRIPT_DIGITS[n]
            before = unit.text.split(mark)[0] if mark in unit.text else unit.title
            contexts.setdefault(f"fn{n}", f"{citation_label(unit)}: {before[-40:].strip()}")
    return contexts


def make_chunks(doc: Document, glossary: Glossary) -> list[Chunk]:
    """The document's chunks, in source order."""
    chunks = []
    notes = footnote_contexts(doc)
    for unit in doc.units:
        if unit.kind not in _CHUNKED:
            continue
        section = " › ".join(unit.section)
        text = unit_text(unit, glossary)
        pieces = split_sentences(text) if unit.kind in ("paragraph", "text", "footnote") else [text]
        context = " › ".join(unit.section[1:] or unit.section)  # the chapter adds little; the rest locates
        for part, piece in enumerate(pieces):
            chunk_id = f"{doc.language}:{unit.kind}:{unit.id}" + (f"#{part}" if part else "")
            if unit.table is not None:
                search, embed = table_labels(unit, glossary), table_summary(unit, glossary)
            else:
                search = f"{context}\n{piece}" if context else piece
                if unit.kind == "footnote" and unit.id in notes:
                    search = f"{search}\n{notes[unit.id]}"
                embed = search[:EMBED_CHARS]
            chunks.append(
                Chunk(
                    chunk_id=chunk_id,
                    text=piece,
                    search_text=search,
                    embed_text=embed,
                    kind=unit.citation_kind,
                    unit_kind=unit.kind,
                    unit_id=unit.id,
                    label=citation_label(unit, glossary),
                    section=section,
                    language=doc.language,
                    doc=doc.symbol,
                    line_start=unit.line_start,
                    line_end=unit.line_end,
                    part=part,
                )
            )
    return chunks
