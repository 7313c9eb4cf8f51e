"""The bilingual glossary covers every label of the tables and headings."""

import pytest

from ingest.glossary import document_labels, load_glossary
from ingest.manifest import CorpusError


def test_every_table_and_heading_label_has_an_english_term(document, glossary):
    labels = document_labels(document)
    assert len(labels) > 300
    assert glossary.missing(set(labels)) == []


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("基金会非专用", "Foundation non-earmarked"),
        ("经常预算", "Regular budget"),
        ("方案支助", "Programme support"),
        ("基金会专用", "Foundation earmarked"),
        ("技术合作", "Technical cooperation"),
        ("员额", "Posts"),
        ("工作人员差旅费", "Travel of staff"),
        ("决策机构", "Policymaking organs"),
        ("行政领导和管理", "Executive direction and management"),
        ("赠款和捐款 （对外）", "Grants and contributions (external)"),
        ("加强城市 and 区域的共同繁荣", "Enhanced shared prosperity of cities and regions"),
    ],
)
def test_un_terms(glossary, zh, en):
    assert glossary.en(zh) == en


def test_paths_translate_part_by_part(glossary):
    assert glossary.path_en(("资金来源", "技术合作")) == ("Source of funding", "Technical cooperation")
    assert glossary.path_en(("未知标签",)) == ("未知标签",)


def test_a_label_without_a_term_is_reported(glossary):
    assert glossary.missing({"基金会非专用", "新的标签"}) == ["新的标签"]


def test_bad_glossary_files(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("zh,en,kind\n员额,Posts,row\n员额,Staff,row\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="already"):
        load_glossary(path)
    path.write_text("zh,en,kind\n员额,,row\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        load_glossary(path)
    path.write_text("chinese,english\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="header"):
        load_glossary(path)
