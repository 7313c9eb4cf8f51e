"""First-answer benchmark: how long after `streamlit run app.py` (on an existing index) the first
answer is on the screen, driven by a real headless Chromium, over several fresh server processes.

Each run: start the server, open the page, type the question once the chat input shows, wait until
the answer is rendered. The baseline, measured in the same run the same way, is a minimal Streamlit
chat app that echoes the question: the part of the time that Streamlit and the browser cost anyway.

    python bench/bench_app.py [--runs 5] [--question "..."]

Uses the index in WPB_DATA_DIR (default data/; build it first with `wpb ingest`) and the embedder
it was built with. Needs Debian's chromium (scripts/setup.sh --test installs it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.reader import Index  # noqa: E402
from tests.browser import chromium_page, streamlit_server  # noqa: E402
from wpb.settings import Settings  # noqa: E402

BASELINE_APP = """
import streamlit as st
question = st.chat_input("Ask")
if question:
    with st.chat_message("user"):
        st.write(question)
    with st.chat_message("assistant"):
        st.write("echo: " + question)
"""


def first_answer(page, app: Path, question: str) -> dict[str, float]:
    """Seconds from launching the server to: health check, chat input shown, first answer shown."""
    started = time.perf_counter()
    with streamlit_server({}, app=app) as url:
        healthy = time.perf_counter()
        page.goto(url)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(timeout=120_000)
        ready = time.perf_counter()
        box.fill(question)
        box.press("Enter")
        page.get_by_test_id("stChatMessage").nth(1).wait_for(timeout=120_000)
        page.get_by_test_id("stSpinner").wait_for(state="detached", timeout=120_000)
        answered = time.perf_counter()
    return {
        "server up": healthy - started,
        "chat input shown": ready - started,
        "first answer shown": answered - started,
        "question → answer": answered - ready,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--question", default="How much goes to subprogramme 4, and from which funding sources?"
    )
    args = parser.parse_args()

    settings = Settings()
    index = Index(settings.data_dir, settings.store_target())  # fails clearly when there is no index
    print(f"index {index.build_id} (embedder {index.build['embedder']}); question: {args.question!r}")
    results: dict[str, list[dict[str, float]]] = {"app": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp, chromium_page() as page:
        baseline = Path(tmp) / "baseline_app.py"
        baseline.write_text(BASELINE_APP)
        for run in range(args.runs):
            for name, app in (("app", ROOT / "app.py"), ("baseline", baseline)):
                results[name].append(first_answer(page, app, args.question))
                page.goto("about:blank")
            print(
                f"run {run + 1}: app {results['app'][-1]['first answer shown']:.2f} s, "
                f"baseline {results['baseline'][-1]['first answer shown']:.2f} s"
            )

    print(f"\nmedians over {args.runs} runs (seconds from `streamlit run`):")
    print(f"{'':22} {'app':>8} {'baseline':>9} {'ratio':>7}")
    for key in results["app"][0]:
        app = statistics.median(r[key] for r in results["app"])
        base = statistics.median(r[key] for r in results["baseline"])
        print(f"{key:22} {app:8.2f} {base:9.2f} {app / base:7.1f}")
    verdict = statistics.median(r["first answer shown"] for r in results["app"])
    print(f"\nfirst answer within 5 s: {'yes' if verdict <= 5 else 'NO'} ({verdict:.2f} s)")


if __name__ == "__main__":
    main()
