"""The calculator's own time per question, by kind of question, and its start-up time.

The system: `Calculator.handle` (read → interpret → execute → phrase) over the index in WPB_DATA_DIR.
The baseline, measured in the same run: reading alone (`Calculator.read`: the lexicon's tokenizer and
the binding of numbers to heads), the part every question pays. Each question is asked `--runs` times
after one warm-up pass; medians and 95th percentiles are printed per kind.

    python bench/bench_calculator.py [--runs 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.assistant import open_calculator  # noqa: E402
from assistant.language import detect_language  # noqa: E402
from index.reader import Index  # noqa: E402
from wpb.settings import Settings  # noqa: E402

QUESTIONS = {
    "lookup": ["What is the total budget of subprogramme two?", "次级方案4的技术合作资金是多少？"],
    "posts by grade": ["How many P-4 posts does subprogramme 4 have?", "第三个次级方案有多少个员额？"],
    "share": [
        "What share of subprogramme 4's posts are General Service?",
        "技术合作占预算总额的比例是多少？",
    ],
    "rank": ["Which subprogramme has the largest technical cooperation budget?", "哪种资金来源最多？"],
    "breakdown": [
        "How much goes to subprogramme 4, and from which funding sources?",
        "各次级方案的员额分别是多少？",
    ],
    "change over years": [
        "By what percentage did contributions change from 2018 to 2019?",
        "2014年至2018年基金会非专用账户年均捐款是多少？",
    ],
    "prose figure": [
        "What programme support charge does the Foundation levy?",
        "2020年基金会预计总收入是多少？",
    ],
    "question back": ["How many posts does the subprogramme have?", "该资金来源有多少员额？"],
    "not understood": ["What is the budget of subprogramme 2 in Kenya?", "次级方案2在肯尼亚的预算是多少？"],
}


def timed(call, question: str, language: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call(question, language)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    index = Index(Settings().data_dir)
    _ = (index.tables, index.document, index.glossary)  # read from disk before the clock starts
    started = time.perf_counter()
    calculator = open_calculator(index)
    load = time.perf_counter() - started
    if calculator is None:
        raise SystemExit("the index has no calculator configuration")
    print(
        f"start-up (config, lexicon, prose, cube of {len(calculator.cube.facts)} figures):"
        f" {load * 1000:.0f} ms"
    )
    print(f"{'kind':<20} {'median ms':>10} {'p95 ms':>8} {'reading ms':>11} {'× reading':>10}")
    every, reading_all = [], []
    for kind, questions in QUESTIONS.items():
        spent, read = [], []
        for question in questions:
            language = detect_language(question)
            calculator.handle(question, language)  # warm-up
            spent += timed(calculator.handle, question, language, args.runs)
            read += timed(calculator.read, question, language, args.runs)
        every += spent
        reading_all += read
        median, baseline = statistics.median(spent), statistics.median(read)
        p95 = float(np.percentile(spent, 95))
        print(f"{kind:<20} {median:>10.2f} {p95:>8.2f} {baseline:>11.2f} {median / baseline:>10.1f}")
    median, baseline = statistics.median(every), statistics.median(reading_all)
    print(
        f"{'all':<20} {median:>10.2f} {float(np.percentile(every, 95)):>8.2f} {baseline:>11.2f} "
        f"{median / baseline:>10.1f}"
    )


if __name__ == "__main__":
    main()
