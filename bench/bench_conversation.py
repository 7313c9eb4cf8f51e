"""Answer time against the length of a conversation, in one app session (Streamlit's AppTest runs the
real app.py script; the time is the app's own work per question: answering, keeping the turn, and
drawing the page). The same ten questions are asked in turn; the baseline is the median of the first
ten turns, after a warm-up session (caches and the search engine loaded); the ratio of the last ten
turns' median to it should stay <= 1.2.

    python bench/bench_conversation.py [--turns 50]

Uses the index in WPB_DATA_DIR (default data/), and a fresh SQLite conversation store.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [  # figures, follow-ups and lookups, in turn
    "What is the 2020 budget of subprogramme 4?",
    "And for subprogramme 2?",
    "what about posts?",
    "次级方案 3 有多少个员额？",
    "那次级方案 1 呢？",
    "第 59 段",
    "How many P-4 posts does subprogramme 1 have?",
    "and P-3?",
    "show me that table",
    "Which subprogramme has the largest budget?",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=50)
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    os.environ["WPB_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='wpb-bench-')}/c.sqlite3"
    warm = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    for question in QUESTIONS:
        warm.chat_input[0].set_value(question)
        warm.run()
    time.sleep(5)  # the search engine finishes loading in the background
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    times = []
    for turn in range(args.turns):
        at.chat_input[0].set_value(QUESTIONS[turn % len(QUESTIONS)])
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise SystemExit(f"turn {turn + 1}: {at.exception}")
    n = len(QUESTIONS)
    early = statistics.median(times[:n])
    late = statistics.median(times[-n:])
    print(f"turns: {args.turns}; the same {n} questions in turn")
    print(f"median ms, turns 1-{n}: {early:.0f}")
    print(f"median ms, turns {args.turns - n + 1}-{args.turns}: {late:.0f}")
    print(f"ratio late / early: {late / early:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
