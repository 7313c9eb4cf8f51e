"""Regenerate the README's screenshots (docs/screenshots/*.png) from the running app in headless Chromium.

.venv/bin/python scripts/screenshots.py      # uses the index in WPB_DATA_DIR (wpb ingest first)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import ask, chromium_page, streamlit_server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with streamlit_server({}) as url, chromium_page(width=1400, height=1100) as page:
        page.goto(url)
        ask(page, "How much goes to subprogramme 4, and from which funding sources?")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        answer.get_by_test_id("stVegaLiteChart").first.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=OUT / "numeric-chart.png")
        answer.get_by_role("radio").first.click()
        answer.get_by_test_id("stDataFrame").last.wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=OUT / "numeric-answer.png")

        page.goto(url)
        ask(page, "方案支助费率是多少？")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        answer.get_by_role("radio", name="¶59").click()
        answer.get_by_text("Total projected income for 2020", exact=False).wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "citation-opened.png", full_page=True)
    print(f"screenshots written to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
