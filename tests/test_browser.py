"""End to end in a real browser: headless Chromium drives `streamlit run app.py` on localhost.

Needs Debian's chromium (scripts/setup.sh --test installs it when it can). Set WPB_SKIP_BROWSER=1 to
skip on a machine without it; otherwise a missing browser is a failure, not a silent skip.
The screenshots are saved under artifacts/browser/."""

import os

import pytest

from tests.browser import ROOT, ask, chromium_page, chromium_path, streamlit_server
from tests.conftest import CORPUS

ARTIFACTS = ROOT / "artifacts" / "browser"

if os.environ.get("WPB_SKIP_BROWSER") == "1":
    pytest.skip("WPB_SKIP_BROWSER=1", allow_module_level=True)


@pytest.fixture(scope="module")
def app_url(fake_index, tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = {
        "WPB_DATA_DIR": str(fake_index),
        "WPB_CORPUS_DIR": str(CORPUS),
        "WPB_EMBEDDER": "fake",
        "WPB_LLM": "none",
        "WPB_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('conversations') / 'c.sqlite3'}",
    }
    with streamlit_server(env, log=ARTIFACTS / "streamlit.log") as url:
        yield url


def test_chromium_is_installed():
    assert chromium_path(), (
        "Chromium is not installed: run scripts/setup.sh --test (as root) or apt-get install chromium"
    )


def test_a_question_in_the_browser_gets_an_answer_whose_citation_opens(app_url):
    with chromium_page() as page:
        page.goto(app_url)
        ask(page, "方案支助费率是多少？")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        assert "13%" in answer.inner_text()
        chip = answer.get_by_role("radio", name="¶59")  # Streamlit pills are a radio group
        chip.wait_for()
        chip.click()
        answer.get_by_text("Total projected income for 2020", exact=False).wait_for(timeout=30_000)
        text = answer.inner_text()
        assert "2020 年预计总收入为 2 080 万美元" in text  # the official Chinese
        assert "unofficial English rendering" in text  # and the rendering, marked as such
        page.screenshot(path=ARTIFACTS / "citation-opened.png", full_page=True)


def test_a_numeric_question_shows_the_formula_and_a_chart(app_url):
    with chromium_page() as page:
        page.goto(app_url)
        ask(page, "Compare the 2020 budget of each subprogramme")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        assert "54 402.3 + 56 158.6 + 38 627.5 + 84 136.1" in answer.inner_text()
        answer.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=30_000)
        page.screenshot(path=ARTIFACTS / "numeric-answer.png", full_page=True)


def test_a_reload_finds_the_conversation_and_a_follow_up_is_read_against_it(app_url):
    with chromium_page() as page:
        page.goto(app_url)
        ask(page, "What is the 2020 budget of subprogramme 4?")
        ask(page, "And for subprogramme 2?", answers=2)
        follow_up = page.get_by_test_id("stChatMessage").nth(3).inner_text()
        assert "Read as:" in follow_up and "56 158.6" in follow_up
        page.wait_for_url("**?c=*", timeout=30_000)
        page.reload()
        page.get_by_test_id("stChatMessage").nth(3).wait_for(timeout=60_000)
        assert "56 158.6" in page.get_by_test_id("stChatMessage").nth(3).inner_text()
        page.get_by_test_id("stSidebar").wait_for(timeout=30_000)  # drawn fully before the screenshot
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1_500)
        page.screenshot(path=ARTIFACTS / "conversation-restored.png", full_page=True)
