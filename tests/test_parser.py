"""The document model recovered from the official Chinese text."""

import pytest

from ingest.parser import ParseError, parse_document

TABLE_SHAPES = {  # (rows, columns), counted in the source
    "1.1": (9, 8),
    "1.2": (16, 8),
    "1.3": (16, 6),
    "1.4": (24, 6),
    "1.5A": (5, 13),
    "1.5B": (8, 9),
    "2.1": (9, 8),
    "2.2": (4, 14),
    "2.3": (8, 14),
    "3.0": (19, 7),
    "3.1": (16, 8),
    "3.2": (14, 8),
    "3.3": (24, 6),
    "4.1": (15, 7),
    "4.2": (12, 6),
    "4.3": (4, 14),
    "5.1": (15, 7),
    "5.2": (12, 6),
    "5.3": (4, 14),
    "6.1": (15, 7),
    "6.2": (12, 6),
    "6.3": (4, 14),
    "7.1": (15, 5),
    "7.2": (12, 6),
    "7.3": (4, 14),
    "8.1": (15, 7),
    "8.2": (12, 6),
    "8.3": (4, 14),
    "9.1": (15, 7),
    "9.2": (12, 6),
    "9.3": (4, 14),
    "10.1": (15, 7),
    "10.2": (12, 6),
    "10.3": (4, 14),
}


def test_paragraphs_are_exactly_1_to_130_in_order(document):
    assert [u.id for u in document.by_kind("paragraph")] == [str(n) for n in range(1, 131)]
    lines = [u.line_start for u in document.by_kind("paragraph")]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("number", "joined", "pieces"),
    [
        ("19", "不让任何人和任何地方掉队”。鉴于新战略计划", 2),
        ("25", "结合起来。人居署在城市", 1),
        ("39", "例如，次级方案1突出强调的 2020 年计划成果", 2),
        ("65", "增强人居署的问责制、透明度、效率和效力", 2),
        ("70", "将由该小组管理，外部评价人员予以支持", 2),
    ],
)
def test_paragraphs_broken_by_page_breaks_are_whole(document, number, joined, pieces):
    unit = document.get("paragraph", number)
    assert joined.replace(" ", "") in unit.text.replace(" ", "").replace("\n", "")
    assert len(unit.spans) >= pieces


def test_lists_and_quotes_stay_with_their_paragraph(document):
    p40 = document.get("paragraph", "40")
    assert p40.text.count("\n(") == 10 and p40.text.rstrip().endswith(
        "非洲葡语国家城市减少风险和培养抗灾能力项目。"
    )
    assert "“ 执行主任应为基金会及其他预算外资源编制拟议方案预算" in document.get("paragraph", "44").text
    assert "(d) 第 35 款" in document.get("paragraph", "47").text
    assert document.get("paragraph", "48").text.startswith("48. 对联合国生境和人类住区基金会的捐款有两种")


def test_footnotes_are_units_linked_from_their_markers(document):
    assert [u.id for u in document.by_kind("footnote")] == [f"fn{n}" for n in range(1, 8)]
    assert document.get("footnote", "fn1").text == "先前称基金通用。"
    assert document.get("paragraph", "45").footnotes == [1, 2, 3]
    assert document.get("paragraph", "76").footnotes == [6]
    assert document.get("table", "2.1").footnotes == [4]
    assert document.get("table", "3.2").footnotes == [5]
    assert document.get("mandates", "annex1-SP3-mandates").footnotes == [7]
    assert "⁴" not in " ".join(" ".join(c.path) for c in document.get("table", "2.1").table.columns)


def test_every_source_line_belongs_to_exactly_one_unit(document, source_lines):
    owner: dict[int, str] = {}
    for unit in document.units:
        for start, end in unit.spans:
            for n in range(start, end + 1):
                if source_lines[n - 1].strip():
                    assert n not in owner, f"line {n} in {owner[n]} and {unit.id}"
                    owner[n] = unit.id
    uncovered = [n for n, line in enumerate(source_lines, 1) if line.strip() and n not in owner]
    assert uncovered == []


def test_headings_give_section_paths(document):
    chapters = [u.title for u in document.by_kind("heading") if u.level == 1]
    assert chapters == [
        "一、 序言",
        "二、 总体方向",
        "三、 基金会非专用资源",
        "四、决策机关",
        "五、行政领导和管理",
        "六、 工作方案",
        "七、 方案支助",
        "附件一 方案计划的补充资料和绩效信息",
        "附件二 2020年组织结构和员额配置（2020-2023年所需员额）",
        "附件三 2020年组织结构和员额配置（2020年所需员额）",
    ]
    assert document.get("paragraph", "121").section == [
        "六、 工作方案",
        "次级方案 4：有效预防和应对城市危机",
        "C. 2020 年的重点计划成果",
        "伊拉克摩苏尔弱势家庭的复原和住房修复",
    ]
    assert document.get("paragraph", "59").section == ["三、 基金会非专用资源", "财务概览"]
    assert document.get("paragraph", "124").section[-1] == "所需资源"
    assert document.get("table", "9.2").section == [
        "六、 工作方案",
        "次级方案 4：有效预防和应对城市危机",
        "所需资源",
    ]
    assert document.get("paragraph", "130").section[:2] == [
        "附件一 方案计划的补充资料和绩效信息",
        "次级方案 4：有效预防和应对城市危机",
    ]


def test_all_numbered_tables_with_their_shapes(document):
    tables = {u.id: (len(u.table.rows), len(u.table.columns)) for u in document.by_kind("table")}
    assert tables == TABLE_SHAPES
    assert len(tables) == 34  # 1.1-10.3, counting 1.5A and 1.5B


def test_captions_and_units(document):
    t11 = document.get("table", "1.1")
    assert t11.title == "按资金来源和战略优先事项分列的 2020 年所需资源" and t11.table.unit == "千美元"
    assert document.get("table", "4.3").table.unit == "员额数"  # printed "(员额数)"
    assert document.get("table", "2.2").table.unit == "员额数"  # no unit line: a posts table by its caption
    assert document.get("table", "3.3").table.notes == ["(只列出基金会非专用资金)"]
    assert document.get("table", "3.0").table.notes == ["* 预计金额"]


def test_continued_tables_are_joined(document):
    t33 = document.get("table", "3.3")
    assert len(t33.spans) == 2
    labels = [" › ".join(r.path) for r in t33.table.rows]
    assert "A.工作方案 › 次级方案4:有效预防和应对城市危机 › 小计" in labels
    assert "资源总额 › 小计" in labels
    t42 = document.get("table", "4.2")
    assert len(t42.spans) == 2
    assert [r.label for r in t42.table.rows][-2:] == ["赠款和捐款(对外)", "共计"]


def test_multi_level_headers_and_row_groups(document):
    cols = [" › ".join(c.path) for c in document.get("table", "2.2").table.columns]
    assert (
        cols[8] == "专业及以上职类 › 小计" and cols[12] == "一般事务及有关职类 › 小计" and cols[13] == "共计"
    )
    assert [" › ".join(c.path) for c in document.get("table", "1.5B").table.columns][4] == "每年员额数 › 共计"
    assert [" › ".join(c.path) for c in document.get("table", "1.4").table.columns][-1] == "员额 › 2020年"
    groups = {r.group for r in document.get("table", "1.2").table.rows}
    assert groups == {("支出分项",), ("主要支出类别",)}  # the unnamed posts/non-post block
    t30 = [" › ".join(r.path) for r in document.get("table", "3.0").table.rows]
    assert "一、资金 › B.收入 › 捐款" in t30 and "三、年终资金和储备金余额 (一-二)" in t30


def test_garbled_headers_use_the_corpus_annotation(document):
    sources = {u.id: u.table.column_source for u in document.by_kind("table")}
    assert sorted(t for t, s in sources.items() if s == "override") == ["10.1", "4.1", "6.1", "8.1", "9.1"]
    row = document.get("table", "10.1").table.rows[0]
    columns = {c.position: " › ".join(c.path) for c in document.get("table", "10.1").table.columns}
    assert {columns[p]: v for p, v in row.cells.items()}["2020年拟议预算"] == "6 177.3"


def test_deliverables_tables(document):
    chapter = document.get("deliverables", "VI-SP4-deliverables").table
    assert [(r.label, r.cells[1]) for r in chapter.rows] == [
        ("实地和技术合作项目(项目数)", "28"),
        ("研讨会、讲习班和培训活动(天数)", "42"),
        ("出版物(出版物数目)", "2"),
        ("技术材料(份数)", "9"),
    ]
    annex = document.get("deliverables", "annex1-SP4-deliverables").table
    totals = {r.label: r.cells[1] for r in annex.rows if len(r.group) == 2}
    assert totals["研讨会、讲习班、研究金和培训活动(天数)"] == "42"
    items = [r for r in annex.rows if r.group and r.group[-1] == "技术合作项目(项目数)"]
    assert [r.cells[1] for r in items] == ["10", "10", "8"]
    sp1 = document.get("deliverables", "annex1-SP1-deliverables").table
    assert sum(int(r.cells[1]) for r in sp1.rows if r.group == ("技术合作项目",)) == 32
    assert len(document.by_kind("deliverables")) == 8


def test_mandate_lists(document):
    mandates = {u.id: u.items for u in document.by_kind("mandates")}
    assert {k: len(v) for k, v in mandates.items()} == {
        "annex1-mandates": 23,
        "annex1-SP1-mandates": 13,
        "annex1-SP2-mandates": 3,
        "annex1-SP3-mandates": 12,
        "annex1-SP4-mandates": 12,
    }
    first = mandates["annex1-mandates"][0]
    assert (first["group"], first["resolution"], first["title"]) == (
        "联大决议",
        "3327 (XXIX)",
        "设立联合国生境和人类住区基金会",
    )
    assert {i["group"] for i in mandates["annex1-mandates"]} == {
        "联大决议",
        "经济及社会理事会决议、决定和商定结论",
        "理事会决议",
    }
    assert ("65/10", "联大决议") in [(i["resolution"], i["group"]) for i in mandates["annex1-SP2-mandates"]]
    assert mandates["annex1-SP3-mandates"][0]["title"].endswith("之间的合作")  # footnote mark removed


def test_performance_measure_of_subprogramme_4(document):
    unit = document.get("performance", "VI-SP4-performance")
    assert [i["column"] for i in unit.items] == ["2018年", "2019年", "2020年"]
    assert unit.items[0]["text"].startswith("没有国家自主的摩苏尔重建协调机制")


def test_text_that_is_not_this_document_is_refused():
    with pytest.raises(ParseError, match="chapter heading"):
        parse_document("just a line\n\nanother line\n", "X", "zh")
    broken = "\n\n一、 序言\n\n1. 第一段。\n\n3. 第三段。\n"
    doc = parse_document(broken, "X", "zh")  # "3." is not the next paragraph: it stays text of ¶1's section
    assert [u.id for u in doc.by_kind("paragraph")] == ["1"]
