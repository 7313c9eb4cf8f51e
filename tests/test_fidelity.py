"""The fidelity check of the English rendering catches what a translation can get wrong."""

import json

import pytest
from typer.testing import CliRunner

from ingest.fidelity import check_rendering, numbers
from ingest.rendering import read_rendering
from tests.conftest import CORPUS
from wpb.cli import app

RENDERING = CORPUS / "HSP-EB.1-2-Rev.1.en.jsonl"
runner = CliRunner()


@pytest.fixture
def entries():
    return read_rendering(RENDERING)


def test_the_rendering_is_faithful(document, entries):
    assert check_rendering(document, entries) == []


def test_cli_check(monkeypatch, tmp_path):
    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    result = runner.invoke(app, ["check", "--rendering", str(RENDERING)])
    assert result.exit_code == 0 and "227 units, 0 mismatches" in result.output
    broken = tmp_path / "en.jsonl"
    broken.write_text(
        RENDERING.read_text(encoding="utf-8").replace("US$ 20.8 million", "US$ 20.9 million"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--rendering", str(broken)])
    assert (
        result.exit_code == 1
        and "paragraph 59: 20800000 is in the Chinese but not in the English" in result.output
    )


def test_a_changed_number_is_caught(document, entries):
    entries[("paragraph", "60")] = {
        **entries[("paragraph", "60")],
        "en": entries[("paragraph", "60")]["en"].replace("10%", "12%"),
    }
    problems = [str(m) for m in check_rendering(document, entries)]
    assert problems == [
        "paragraph 60: 10 is in the Chinese but not in the English",
        "paragraph 60: 12 is in the English but not in the Chinese",
    ]


def test_a_missing_paragraph_is_caught(document, entries):
    del entries[("paragraph", "101")]
    assert [str(m) for m in check_rendering(document, entries)] == [
        "paragraph 101: is missing from the English"
    ]


def test_a_dropped_resolution_number_is_caught(document, entries):
    key = ("mandates", "annex1-mandates")
    items = [dict(i) for i in entries[key]["items"]]
    items[9]["resolution"] = ""  # 71/256, the New Urban Agenda
    entries[key] = {**entries[key], "items": items}
    problems = [str(m) for m in check_rendering(document, entries)]
    assert problems == ["mandates annex1-mandates: item 10: resolution 71/256 is '' in the English"]
    items.pop(9)
    assert "has 23 items in the Chinese, 22 in the English" in str(check_rendering(document, entries)[0])


def test_a_resolution_number_dropped_from_a_paragraph_is_caught(document, entries):
    key = ("paragraph", "15")
    entries[key] = {**entries[key], "en": entries[key]["en"].replace("73/239", "a resolution")}
    problems = [str(m) for m in check_rendering(document, entries)]
    assert "paragraph 15: 239 is in the Chinese but not in the English" in problems


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("2 080 万美元", "US$ 20.8 million"),
        ("1 893 000 美元", "US$ 1,893,000"),
        ("16 多亿人", "more than 1.6 billion people"),
        ("2.482 亿美元", "US$ 248.2 million"),
        ("2018 年 3 月", "March 2018"),
        ("21 世纪", "the 21st century"),
        ("第 73/239 号决议", "resolution 73/239"),
        ("13% 的方案支助费", "a 13% programme support charge"),
    ],
)
def test_numbers_are_compared_as_values(zh, en):
    assert numbers(zh) == numbers(en)


def test_may_is_a_month_only_beside_a_date():
    assert numbers("as may be necessary") == set()
    assert numbers("27 to 31 May 2019") == {"27", "31", "5", "2019"}


def test_rendering_entries_are_json_objects():
    for line in RENDERING.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["en"].strip() and "\ufffd" not in entry["en"]
