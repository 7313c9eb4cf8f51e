"""What the app shows, tested without Streamlit: unit views, highlighted cells, charts, the chapters,
CSV and the Markdown export."""

import io
from datetime import datetime

import pandas as pd
import pytest

from index.reader import Index
from webapp.conversation import to_markdown
from webapp.views import (
    HIGHLIGHT,
    audit_frame,
    chapters,
    chart_frame,
    highlighted_positions,
    markdown_text,
    result_cells,
    result_table,
    styled_table,
    table_csv,
    table_frame,
    unit_for,
    unit_name,
    unit_view,
)


@pytest.fixture(scope="module")
def index(fake_index) -> Index:
    return Index(fake_index)


def test_markdown_text_shows_dollars_and_brackets_as_typed():
    shown = markdown_text("59. US$ 4.4 million [¶59]\n(a) *x*")
    assert shown == r"59\. US\$ 4.4 million \[¶59\]  " + "\n" + r"\(a\) \*x\*"


def test_a_citation_names_its_unit(index):
    assert unit_for(index.document, "paragraph", "59").text.startswith("59. 2020 年预计总收入")
    assert unit_for(index.document, "table", "3.0").table is not None
    assert unit_for(index.document, "table", "VI-SP4-deliverables").kind == "deliverables"
    assert unit_for(index.document, "list", "annex1-mandates").kind == "mandates"
    assert unit_for(index.document, "paragraph", "999") is None


def test_a_paragraph_view_has_the_official_text_and_the_rendering(index):
    view = unit_view(index, unit_for(index.document, "paragraph", "45"))
    assert view.label == "¶45" and view.table_id is None
    assert [v.language for v in view.versions] == ["zh", "en"]
    assert view.versions[1].note.startswith("unofficial")
    assert any(note.startswith("[") for note in view.notes)  # ¶45 carries a footnote


def test_the_cells_a_result_used_are_highlighted(index):
    cells = [
        {"table": "1.1", "row": "资金来源 › 技术合作", "column": "有效预防和应对城市危机"},
        {"table": "9.2", "row": "anything", "column": "else"},  # another table: not here
    ]
    positions = highlighted_positions(index, "1.1", cells)
    assert len(positions) == 1
    for language in ("zh", "en"):
        frame = table_frame(index, "1.1", language)
        (r, c) = next(iter(positions))
        assert frame.iat[r, c] == "59 531.6"
        html = styled_table(frame, positions).to_html()
        assert html.count(HIGHLIGHT.split(";")[0]) == 1
    assert styled_table(frame, set()) is frame


def test_every_table_opens_with_unique_labels(index):
    for unit in index.document.units:
        if unit.table is None:
            continue
        for language in ("zh", "en"):
            frame = table_frame(index, unit.id, language)
            assert frame.index.is_unique and frame.columns.is_unique, (unit.id, language)


def test_a_table_downloads_as_csv(index):
    data = table_csv(index, "3.0", "en")
    assert data.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", index_col=0, dtype=str)
    assert "(327)" in frame.to_string()


def test_a_comparison_charts_and_a_single_value_does_not():
    result = {"table": {"columns": ["", "thousand USD"], "rows": [["SP1", 54402.3], ["SP2", 56158.6]]}}
    chart = chart_frame(result)
    assert chart.to_dict() == {"thousand USD": {"SP1": 54402.3, "SP2": 56158.6}}
    assert chart_frame({"table": {"columns": ["", "x"], "rows": [["SP1", 1.0]]}}) is None
    assert chart_frame(None) is None
    assert chart_frame({"table": {"columns": ["", "note"], "rows": [["a", "x"], ["b", "y"]]}}) is None


def test_chapters_hold_every_paragraph_once_in_order(index):
    parts = chapters(index.document)
    paragraphs = [int(u.id) for c in parts for u in c.units if u.kind == "paragraph"]
    assert paragraphs == list(range(1, 131))
    assert parts[1].title.startswith("一")
    tables = [u.id for c in parts for u in c.units if u.kind == "table"]
    assert len(tables) == 34 and tables[0] == "1.1"


def test_the_conversation_exports_with_its_citations_and_formulas():
    turns = [
        {
            "question": "SP4 TC?",
            "answer": {
                "answer": "59 531.6 thousand US dollars [表 1.1 / Table 1.1].",
                "citations": [
                    {
                        "kind": "table",
                        "id": "1.1",
                        "label": "表 1.1 / Table 1.1",
                        "section": "II",
                        "quote": "a\nb",
                    }
                ],
                "result": {
                    "formula": "59 531.6",
                    "unit": "thousand USD",
                    "cells": [
                        {"table": "1.1", "row": "资金来源 › 技术合作", "column": "有效预防和应对城市危机"}
                    ],
                },
            },
        }
    ]
    text = to_markdown(turns, when=datetime(2026, 11, 24, 9, 30))
    assert "exported 2026-11-24 09:30" in text
    assert "## 1. SP4 TC?" in text
    assert "Formula: `59 531.6` (thousand USD)" in text
    assert "- Table 1.1: 资金来源 › 技术合作 × 有效预防和应对城市危机" in text
    assert "- **表 1.1 / Table 1.1** — II: “a b”" in text


def test_an_audit_highlights_its_disagreeing_cells_and_lists_them():
    own = {"table": "7.1", "row": "r", "column": "c", "value": 2.0, "expected": 1.0, "kind": "total"}
    other = {"table": "7.2", "row": "r2", "column": "c2", "value": 3.0, "expected": 4.0, "kind": "table"}
    other["against"] = [{"table": "1.1", "row": "x", "column": "y", "value": 4.0}]
    result = {"tables": ["7.1"], "checked": 9, "disagreements": [own, other]}
    cells = result_cells(result)
    assert [c["table"] for c in cells] == ["7.1", "7.2", "1.1"]
    frame = audit_frame(result)
    assert frame["check"].tolist() == ["its own total", "another table"]
    assert frame["against"].tolist() == ["", "Table 1.1"]
    assert audit_frame({"disagreements": []}) is None and audit_frame(None) is None
    assert result_cells({"cells": [{"table": "1.1"}]}) == [{"table": "1.1"}]


def test_a_result_table_writes_figures_as_the_document_does():
    result = {"table": {"columns": ["", "thousand USD"], "rows": [["TC", 59531.6], ["RB", 1578.2]]}}
    assert result_table(result).values.tolist() == [["TC", "59 531.6"], ["RB", "1 578.2"]]
    posts = {"table": {"columns": ["", "posts"], "rows": [["P-4", 12.0], ["P-3", 9.0]]}}
    assert result_table(posts).values.tolist() == [["P-4", "12"], ["P-3", "9"]]
    assert result_table(None) is None


def test_a_result_table_names_its_unit_in_the_answers_language():
    result = {"table": {"columns": ["", "thousand USD"], "rows": [["TC", 59531.6]]}}
    assert list(result_table(result, "zh").columns) == [" ", "千美元"]
    assert list(result_table(result, "en").columns) == [" ", "thousand US dollars"]
    assert unit_name("count", "en") == "" and unit_name("count", "zh") == "个"
    assert unit_name("an unknown unit", "zh") == "an unknown unit"


def test_a_view_in_english_has_the_renderings_section_and_the_glossarys_title(index):
    table = unit_view(index, unit_for(index.document, "table", "1.1"), "en")
    assert table.section == "II. Overall orientation › Overall financial resource requirements"
    assert table.title.startswith("Resource requirements for 2020")
    assert table.table_unit.startswith("Thousands")
    paragraph = unit_view(index, unit_for(index.document, "paragraph", "59"), "zh")
    assert paragraph.section.startswith("三、") and [v.language for v in paragraph.versions] == ["zh", "en"]


def _rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


def test_the_export_escapes_what_users_and_models_wrote():
    question = 'What is the charge? <img src="x" onerror="alert(1)">\n# Forged heading\n[click](https://evil.example)'
    answer = {
        "answer": "The charge is 13% [¶59].\n## Not a heading\n<script>alert(1)</script>\n"
        "See [the form](https://evil.example/pay) or https://evil.example/pay\n===",
        "notices": ["LLM answer rejected: it contains HTML: <b>x</b>; showing the extractive answer."],
        "citations": [
            {
                "kind": "paragraph",
                "id": "59",
                "label": "¶59",
                "section": "",
                "quote": "收取 13% 的方案支助费 (a) <ul>",
            }
        ],
    }
    text = to_markdown([{"question": question, "answer": answer}], title="<b>Budget</b>\n# Forged title")
    html = _rendered(text)
    assert "<img" not in html and "<script" not in html and "<b>" not in html and "&lt;ul&gt;" in html
    assert "<a " not in html and "](" not in text.replace("\\](", "")
    assert (
        html.count("<h1>") == 1
        and html.count("<h2>") == 1
        and "<h" not in html.replace("<h1>", "").replace("<h2>", "")
    )
    assert "https://evil" not in text  # no bare link for a viewer to make clickable
    # what was written is still there to read
    assert "Forged heading" in html and "alert(1)" in html and "收取 13% 的方案支助费 (a) " in text
    assert "&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;" in html
    assert text.startswith("# \\<b\\>Budget\\</b\\> \\# Forged title\n")
