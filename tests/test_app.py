"""The placeholder app: first start builds the index; a citation opens its unit in both languages."""

from streamlit.testing.v1 import AppTest

from tests.conftest import CORPUS, ROOT


def run_app(monkeypatch, data_dir) -> AppTest:
    monkeypatch.setenv("WPB_DATA_DIR", str(data_dir))
    monkeypatch.setenv("WPB_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("WPB_EMBEDDER", "fake")
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()


def test_first_start_builds_the_index(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "data")
    assert not at.exception
    assert (tmp_path / "data" / "CURRENT").is_file()
    assert any("130 paragraphs, 34 tables" in m.value for m in at.markdown)


def test_a_citation_opens_in_both_languages(monkeypatch, fake_index):
    at = run_app(monkeypatch, fake_index)
    at.text_input[0].set_value("第 59 段").run()
    assert at.subheader[0].value == "¶59"
    texts = [t.value for t in at.text]
    assert texts[0].startswith("59. 2020 年预计总收入为 2 080 万美元") and texts[1].startswith(
        "59. Total projected income"
    )
    assert "unofficial English rendering; the Chinese text is official" in [c.value for c in at.caption]
    at.text_input[0].set_value("Table 11.4").run()
    assert "is not in the document" in at.warning[0].value
    at.text_input[0].set_value("表 3.0").run()
    assert at.dataframe[0].value.loc["四、年终资金余额", "2017年"] == "(327)"
