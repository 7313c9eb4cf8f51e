"""Citation lookup without search: a reference ("¶59", "表 3.0", "Annex I") opens its unit."""

from __future__ import annotations

from ingest.model import Document, Unit
from retriever.references import parse_reference


def lookup(document: Document, reference: str) -> Unit | None:
    """The unit a reference names, or None; unit ids ("VI-SP4-deliverables") also work."""
    parsed = parse_reference(reference)
    if parsed is not None:
        unit = document.get(parsed.kind, parsed.id)
        if unit is not None:
            return unit
    key = reference.strip()
    return next((u for u in document.units if u.id == key and u.kind != "heading"), None) or next(
        (u for u in document.units if u.id == key), None
    )


def not_found_message(document: Document, reference: str) -> str:
    """Why a reference opens nothing, with what the document does contain."""
    paragraphs = [int(u.id) for u in document.by_kind("paragraph")]
    tables = [u.id for u in document.by_kind("table")]
    return (
        f"'{reference.strip()}' is not in the document (paragraphs ¶{min(paragraphs)}-¶{max(paragraphs)}; "
        f"tables {', '.join(tables)})"
    )
