"""The bilingual glossary: each Chinese label of the tables and headings with its English UN term."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ingest.labels import canonical
from ingest.manifest import CorpusError, read_text
from ingest.model import Document

COLUMNS = ("zh", "en", "kind")


@dataclass(frozen=True)
class Glossary:
    """Canonical Chinese label → English term."""

    terms: dict[str, str]

    def en(self, label: str) -> str | None:
        return self.terms.get(canonical(label))

    def path_en(self, path: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """An English header or row path; a label without a term stays in Chinese."""
        return tuple(self.en(p) or p for p in path)

    def missing(self, labels: set[str]) -> list[str]:
        return sorted(label for label in labels if canonical(label) not in self.terms)


def load_glossary(path: Path) -> Glossary:
    """Read corpus/glossary.csv (columns zh, en, kind); duplicate or empty entries are errors."""
    text = read_text(path)
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or list(reader.fieldnames[:2]) != list(COLUMNS[:2]):
        raise CorpusError(f"{path}: expected the header {','.join(COLUMNS)}")
    terms: dict[str, str] = {}
    for n, row in enumerate(reader, start=2):
        zh, en = canonical(row.get("zh") or ""), (row.get("en") or "").strip()
        if not zh or not en:
            raise CorpusError(f"{path}: line {n} needs both zh and en")
        if zh in terms and terms[zh] != en:
            raise CorpusError(f"{path}: line {n}: {zh} is already '{terms[zh]}'")
        terms[zh] = en
    return Glossary(terms)


def document_labels(doc: Document) -> dict[str, str]:
    """Every label that needs an English term, with the kind of place it is used."""
    labels: dict[str, str] = {}
    for unit in doc.units:
        if unit.kind == "heading":
            labels.setdefault(canonical(unit.title), "heading")
        if unit.kind in ("table", "deliverables") and unit.table:
            if unit.kind == "table":
                labels.setdefault(canonical(unit.title), "caption")
                if unit.table.unit:
                    labels.setdefault(unit.table.unit, "unit")
            for column in unit.table.columns:
                for part in column.path:
                    labels.setdefault(part, "column")
            for row in unit.table.rows:
                for part in row.group:
                    labels.setdefault(part, "row-group")
                labels.setdefault(row.label, "row" if unit.kind == "table" else "deliverable")
        if unit.kind == "mandates":
            for item in unit.items:
                if item["group"]:
                    labels.setdefault(item["group"], "mandate-group")
        if unit.kind == "performance":
            for item in unit.items:
                labels.setdefault(item["column"], "column")
    return labels
