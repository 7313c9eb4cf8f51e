"""The tidy long frame and wide views, checked cell by cell against the document."""

import pandas as pd
import pytest

from ingest.tidy import LONG_COLUMNS, long_frame, wide_view

SP1 = "减少城乡连续体各个社区中的空间不平等和贫困现象"
SP4 = "有效预防和应对城市危机"

CELLS = [  # (table, row path, column path, value, raw, unit)
    ("1.1", "资金来源 › 技术合作", SP4, 59531.6, "59 531.6", "thousand USD"),
    ("1.1", "资金来源 › 基金会非专用", SP1, 2949.4, "2 949.4", "thousand USD"),
    ("1.1", "资金来源 › 共计", "共计", 251602.3, "251 602.3", "thousand USD"),
    ("1.1", "资金来源 › 基金会专用", "决策机构", 0.0, "–", "thousand USD"),
    ("1.1", "主要支出类别 › 员额", "行政领导和管理", 4201.6, "4 201.6", "thousand USD"),
    ("1.2", "支出分项 › 工作人员差旅费", "共计", 15272.0, "15 272.0", "thousand USD"),
    ("1.2", "主要支出类别 › 员额", "行政领导和管理", 201.6, "201.6", "thousand USD"),  # as printed
    ("1.2", "主要支出类别 › 百分比", SP4, 33.4, "33.4%", "%"),
    ("1.3", "支出分项 › 赠款和捐款(对外)", "技术合作", 53340.3, "53 340.3", "thousand USD"),
    ("1.3", "主要支出类别 › 百分比", "基金会专用", 25.2, "25.2%", "%"),
    ("1.4", "资源总额 › 员额", "员额 › 2020年", 255.0, "255", "posts"),
    (
        "1.4",
        "A.工作方案 › 次级方案4:有效预防和应对城市危机 › 小计",
        "2020年拟议预算",
        84136.1,
        "84 136.1",
        "thousand USD",
    ),
    ("1.5A", "共计", "P-3", 74.0, "74", "posts"),
    ("1.5B", "共计", "每年员额数 › 共计", 316.0, "316", "posts"),
    ("1.5B", "行政领导和管理", "每年员额数 › 2023年", 1.0, "1", "posts"),
    ("2.1", "资金来源 › 基金会非专用", "S/P4 › 有效预防和应对城市危机", 27.0, "27", "posts"),
    ("2.2", "经常预算", "专业及以上职类 › 小计", 49.0, "49", "posts"),
    ("2.3", "战略优先事项 › 方案支助", "专业及以上职类 › P-3", 23.0, "23", "posts"),
    ("2.3", "战略优先事项 › 共计", "一般事务及有关职类 › 当地雇员", 87.0, "87", "posts"),
    ("3.0", "四、年终资金余额", "2017年", -327.0, "(327)", "thousand USD"),
    ("3.0", "四、年终资金余额", "2018年", -23.0, "(23)", "thousand USD"),
    ("3.0", "一、资金 › B.收入 › 捐款", "2020年*", 17817.0, "17 817", "thousand USD"),
    ("3.0", "二、支出 › 用品和消耗品", "2016年", -5.0, "(5)", "thousand USD"),
    ("3.0", "业务准备金", "2020年*", 1893.0, "1 893", "thousand USD"),
    (
        "3.1",
        "主要支出类别 › 百分比",
        "S/P1减少城乡连续体各个社区中的空间不平等和贫困现象",
        15.6,
        "15.6%",
        "%",
    ),
    ("3.2", "员额职等 › P-5", "PMO决策机构", 5.0, "5", "posts"),
    ("3.3", "资源总额 › 员额", "员额 › 2020年", 135.0, "135", "posts"),
    ("4.2", "支出分项 › 共计", "2020年拟议预算", 1116.9, "1 116.9", "thousand USD"),
    ("5.2", "支出分项 › 顾问", "基金会专用", 258.0, "258.0", "thousand USD"),
    ("6.1", "主要支出类别 › 非员额", "2020年拟议预算", 49224.4, "49 224.4", "thousand USD"),
    ("6.1", "支出分项 › 员额", "资源变动 › 百分比变动", 100.0, "100.0", "%"),
    ("7.2", "支出分项 › 共计", "2020年拟议预算", 38627.5, "38 627.5", "thousand USD"),  # SP3's figures
    ("9.2", "支出类别 › 共计", "技术合作", 59531.6, "59 531.6", "thousand USD"),
    ("9.3", "共计", "专业及以上职类 › D-1", 3.0, "3", "posts"),
    ("10.1", "支出分项 › 订约承办事务", "2020年拟议预算", 2888.6, "2 888.6", "thousand USD"),
    ("10.3", "方案支助", "专业及以上职类 › P-3", 12.0, "12", "posts"),
    (
        "VI-SP2-deliverables",
        "量化的交付成果 › B.生成和转让知识 › 研讨会、讲习班和培训活动(天数)",
        "2020年计划交付",
        74.0,
        "74",
        "days",
    ),
    (
        "annex1-SP4-deliverables",
        "量化的交付成果 › B.生成和转让知识 › 技术合作项目(项目数)",
        "2020年计划交付",
        28.0,
        "28",
        "projects",
    ),
]


@pytest.fixture(scope="module")
def long(document, glossary):
    return long_frame(document, glossary)


@pytest.mark.parametrize(("table", "row", "column", "value", "raw", "unit"), CELLS)
def test_cells(long, table, row, column, value, raw, unit):
    hit = long[(long.table_id == table) & (long.row_path == row) & (long.column_path == column)]
    assert len(hit) == 1, f"{table} / {row} / {column}: {len(hit)} cells"
    cell = hit.iloc[0]
    assert (cell.value, cell.raw, cell.unit) == (pytest.approx(value), raw, unit)


def test_long_frame_shape_and_types(long):
    assert list(long.columns) == LONG_COLUMNS
    assert long["value"].dtype == float and long["nil"].dtype == bool
    assert set(long.table_id) >= {"1.1", "10.3", "VI-SP1-deliverables", "annex1-SP1-deliverables"}
    assert long[long.raw.isin(["—", "–", "-"])].nil.all()
    assert not long.duplicated(["table_id", "row_index", "column_index"]).any()
    source_line = long[(long.table_id == "3.0") & (long.raw == "(327)")].source_line.iloc[0]
    assert source_line == 491


def test_english_labels_beside_chinese(long):
    cell = long[(long.table_id == "1.1") & (long.raw == "59 531.6")].iloc[0]
    assert cell.row_path_en == "Source of funding › Technical cooperation"
    assert cell.column_path_en == "Effective urban crisis prevention and response"


def test_wide_view_as_printed(long):
    wide = wide_view(long, "1.1", values="raw")
    assert wide.shape == (9, 8)
    assert wide.loc["资金来源 › 技术合作", "共计"] == "147 397.4"
    numbers = wide_view(long, "1.1")
    assert numbers.loc["资金来源 › 共计"].iloc[:7].sum() == pytest.approx(
        numbers.loc["资金来源 › 共计", "共计"]
    )
    english = wide_view(long, "1.1", lang="en")
    assert "Technical cooperation" in " ".join(english.index)
    assert wide_view(long, "1.4").loc["资源总额 › 小计", "员额 › 2020年"] == 255
    with pytest.raises(KeyError):
        wide_view(long, "11.4")


def test_table_with_rows_that_do_not_add_up_is_kept_as_printed(long):
    wide = wide_view(long, "1.2")
    posts = wide.loc["主要支出类别 › 员额"]
    assert posts.iloc[:7].sum() != pytest.approx(posts["共计"])  # the printed 201.6 where 4 201.6 is meant
    assert isinstance(wide, pd.DataFrame)
