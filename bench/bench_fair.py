"""Fair sharing: short questions alone, and while one abusive user asks long questions concurrently.

One `Assistant` over the index in WPB_DATA_DIR, shared by threads as the app shares one between its
sessions. `--users` well-behaved users (threads) each ask the first `--short` questions of
eval/questions.jsonl one after another, each after a random pause (mean `--think` seconds, so that
questions arrive independently of the abuser, as real users' do): first alone, then, pass after pass
until the abuser has asked `--cycles` questions, while an abusive user (one more thread) asks a long
Chinese question in a loop without pause. Two abusers: a question as long as the one reported in
issue #15 (1,999 characters: a Chinese question of the set, repeated) and the longest prefix of it
that the input checks accept. Prints the short questions' median (and p90, max) latency alone and
with each abuser, the ratio (target <= 2x), and what the abuser's questions cost.

    python bench/bench_fair.py [--users 4] [--short 40] [--think 1.0] [--cycles 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.assistant import Assistant  # noqa: E402
from assistant.validate import problem  # noqa: E402
from index.reader import Index  # noqa: E402
from retriever.evaluate import load_questions  # noqa: E402
from wpb.settings import Settings  # noqa: E402

REPORTED_CHARS = 1999
TARGET_RATIO = 2.0


def long_question(questions: list[dict], chars: int) -> str:
    """The first Chinese question of the set, repeated to `chars` characters: its cost is the embedding
    (a long question of unknown words would spend its time in the calculator instead)."""
    first = next(q["question"] for q in questions if q["lang"] == "zh")
    return (first * (chars // len(first) + 1))[:chars]


def longest_accepted(text: str) -> str:
    """The longest prefix of `text` the input checks accept (they are monotone in length)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if problem(text[:middle], "zh") is None:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def timed(assistant: Assistant, question: str) -> float:
    started = time.perf_counter()
    assistant.ask(question)
    return (time.perf_counter() - started) * 1000


def users(
    assistant: Assistant, questions: list[str], count: int, think: float, more: Callable[[], bool]
) -> list[float]:
    """`count` threads, each asking every question (from its own starting point) after a random pause
    (exponential, mean `think` seconds: a person reading the last answer), pass after pass while
    `more()`; the milliseconds of every question asked. The pauses make the questions arrive at
    times that do not depend on the abuser, as real users' do."""
    times: list[float] = []
    lock = threading.Lock()

    def user(n: int) -> None:
        pauses = random.Random(n)
        offset = n * len(questions) // count
        order = questions[offset:] + questions[:offset]
        while True:
            for question in order:
                time.sleep(pauses.expovariate(1 / think) if think > 0 else 0.0)
                took = timed(assistant, question)
                with lock:
                    times.append(took)
            if not more():
                return

    threads = [threading.Thread(target=user, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


class Abuser(threading.Thread):
    """Asks the same long question again and again until stopped; records each question's time."""

    def __init__(self, assistant: Assistant, question: str) -> None:
        super().__init__(daemon=True)
        self.assistant, self.question = assistant, question
        self.stop = threading.Event()
        self.times: list[float] = []
        self.route = ""

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            self.route = self.assistant.ask(self.question).route
            self.times.append((time.perf_counter() - started) * 1000)


def with_abuser(
    assistant: Assistant, questions: list[str], count: int, think: float, long: str, cycles: int
) -> tuple[list[float], Abuser]:
    abuser = Abuser(assistant, long)
    abuser.start()
    time.sleep(0.2)  # let the abuser's first question start
    times = users(assistant, questions, count, think, lambda: len(abuser.times) < cycles)
    abuser.stop.set()
    abuser.join()
    return times, abuser


def summary(times: list[float]) -> str:
    p90 = statistics.quantiles(times, n=10)[-1]
    return (
        f"n={len(times)}, median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, max {max(times):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=4, help="well-behaved users (threads), default 4")
    parser.add_argument("--short", type=int, default=40, help="short questions per user pass, default 40")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause before a question (s), default 1"
    )
    parser.add_argument("--cycles", type=int, default=3, help="long questions the abuser asks, default 3")
    args = parser.parse_args()
    settings = Settings()
    assistant = Assistant(Index(settings.data_dir, settings.store_target()))
    assistant.warm()
    items = load_questions()
    questions = [q["question"] for q in items][: args.short]
    users(assistant, questions, 1, 0.0, lambda: False)  # warm-up
    alone = users(assistant, questions, args.users, args.think, lambda: False)
    base = statistics.median(alone)
    print(f"{args.users} users, short questions alone: {summary(alone)}")
    reported = long_question(items, REPORTED_CHARS)
    worst = 0.0
    for name, long in [("reported", reported), ("longest accepted", longest_accepted(reported))]:
        if not long:
            print(f"abuser ({name}): every prefix is refused; skipped")
            continue
        times, abuser = with_abuser(assistant, questions, args.users, args.think, long, args.cycles)
        ratio = statistics.median(times) / base
        worst = max(worst, ratio)
        cost = statistics.median(abuser.times)
        print(
            f"with an abuser ({name}: {len(long)} characters, route {abuser.route}, "
            f"{len(abuser.times)} asked, {cost:.1f} ms each): {summary(times)}; ratio {ratio:.2f}x"
        )
    verdict = "meets" if worst <= TARGET_RATIO else "misses"
    print(f"worst ratio {worst:.2f}x ({verdict} the target of <= {TARGET_RATIO:.0f}x)")


if __name__ == "__main__":
    main()
