"""`wpb show` and `wpb table`: a citation opens the exact text or table."""

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from wpb.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("ref", "label", "expected"),
    [
        ("59", "¶59", "13% 的方案支助费"),
        ("¶59", "¶59", "1 940 万美元"),
        ("第 59 段", "¶59", "按预计 1 000 万美元的方案支助收入算"),
        ("para 39", "¶39", "次级方案1突出强调的 2020 年计划成果"),
        ("表 3.0", "表 3.0 / Table 3.0", "(327)"),
        ("Table 1.5A", "表 1.5A / Table 1.5A", "按职等分列的交错员额征聘"),
        ("table 1.5b", "表 1.5B / Table 1.5B", "316"),
        ("Annex I", "附件一 / Annex I", "方案计划的补充资料和绩效信息"),
        ("footnote 5", "脚注 5 / Footnote 5", "缩略语"),
        (
            "annex1-SP2-mandates",
            "附件一 次级方案 2 任务规定清单 / Annex I, subprogramme 2 list of mandates",
            "65/10",
        ),
    ],
)
def test_show_prints_the_unit_with_its_label_and_section(cli_env, ref, label, expected):
    result = runner.invoke(app, ["show", ref])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(label)
    assert expected in result.output


def test_show_section_path_and_footnotes(cli_env):
    out = runner.invoke(app, ["show", "45"]).output
    assert "二、 总体方向 › 所需财政资源总额" in out.splitlines()[0]
    assert "[1] 先前称基金通用。" in out


def test_show_json(cli_env):
    result = runner.invoke(app, ["show", "¶70", "--json"])
    data = json.loads(result.output)
    assert data["label"] == "¶70" and data["kind"] == "paragraph" and data["lines"] == [681, 683]
    assert "外部评价人员予以支持" in data["text"].replace("\n", "")


@pytest.mark.parametrize("ref", ["999", "¶999", "Table 11.4", "表 0.9", "nonsense"])
def test_show_unknown_reference(cli_env, ref):
    result = runner.invoke(app, ["show", ref])
    assert result.exit_code == 1
    assert "is not in the document" in result.output and "¶1-¶130" in result.output


def test_table_as_printed_and_as_csv_and_json(cli_env):
    printed = runner.invoke(app, ["table", "1.1"])
    assert printed.exit_code == 0 and "59 531.6" in printed.output and "技术合作" in printed.output
    english = runner.invoke(app, ["table", "Table 1.1", "--lang", "en"]).output
    assert "Technical cooperation" in english
    csv_out = runner.invoke(app, ["table", "9.2", "--csv", "--values"]).output
    frame = pd.read_csv(io.StringIO(csv_out), index_col=0)
    assert frame.loc["支出类别 › 共计", "技术合作"] == pytest.approx(59531.6)
    records = [
        json.loads(line) for line in runner.invoke(app, ["table", "3.0", "--json"]).output.splitlines()
    ]
    cell = next(r for r in records if r["raw"] == "(327)")
    assert cell["value"] == -327 and cell["column_path"] == "2017年" and cell["unit"] == "thousand USD"


def test_table_unknown(cli_env):
    result = runner.invoke(app, ["table", "11.4"])
    assert result.exit_code == 1 and "no table '11.4'" in result.output and "10.3" in result.output


def test_commands_without_an_index(tmp_path, monkeypatch):
    monkeypatch.setenv("WPB_DATA_DIR", str(tmp_path / "empty"))
    for args in (["show", "59"], ["table", "1.1"], ["status"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "run `wpb ingest`" in result.output


def test_status(cli_env):
    data = json.loads(runner.invoke(app, ["status"]).output)
    assert data["counts"]["paragraph"] == 130 and data["embedder"] == "fake:64"


def test_show_gives_the_english_rendering_with_its_notice(cli_env):
    out = runner.invoke(app, ["show", "59"]).output
    assert out.index("13% 的方案支助费") < out.index(
        "en: unofficial English rendering; the Chinese text is official"
    )
    assert "III. Foundation non-earmarked resources › Financial overview" in out
    assert "a programme support charge of 13%" in out


def test_check_uses_the_manifest(monkeypatch):
    from tests.conftest import CORPUS

    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0 and "HSP-EB.1-2-Rev.1.en.jsonl: 227 units, 0 mismatches" in result.output


def test_eval_prints_both_corpora(cli_env, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {"id": "a", "lang": "zh", "question": "第 59 段", "expected": ["paragraph:59"], "split": "tune"}
        )
        + "\n"
        + json.dumps(
            {"id": "b", "lang": "en", "question": "¶60", "expected": ["paragraph:60"], "split": "holdout"}
        )
        + "\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["eval", "--questions", str(questions)]).output
    assert (
        "corpus: all documents" in out and "corpus: official text only (zh), as before the rendering" in out
    )
    totals = [line.split() for line in out.splitlines() if line.startswith("all      all")]
    assert totals == [["all", "all", "2", "1.000", "1.000", "1.000"]] * 2
