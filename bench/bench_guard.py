"""LLM guard benchmark: how often it accepts faithful answers and rejects unfaithful ones, offline.

Two stand-in chat models answer every question of eval/questions.jsonl through `Assistant.ask`
(index in WPB_DATA_DIR, built with `wpb ingest`):

- the parrot is faithful: the first sentence of each passage it is given (a table's first row),
  each followed by that passage's marker. Every one of its answers should be accepted.
- the liar is the parrot with one error: its first number changed by one unit in the last digit
  (13% -> 14%, 2 949.4 -> 2 949.5), or, when it states no number, a marker for ¶999. Every one of
  its answers should be rejected; those accepted changed a number into another that the given
  passages also contain (2019 -> 2020): the guard's blind spot.

    python bench/bench_guard.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from langchain_core.language_models.chat_models import SimpleChatModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.assistant import Assistant  # noqa: E402
from assistant.extract import sentences  # noqa: E402
from index.reader import Index  # noqa: E402
from wpb.settings import Settings  # noqa: E402

_PASSAGE = re.compile(r"^\[([^\]\n]+)\]\n(.*?)(?=\n\n\[|\n\nQuestion:)", re.S | re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class Parrot(SimpleChatModel):
    @property
    def _llm_type(self) -> str:
        return "parrot"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        claims = []
        for label, text in _PASSAGE.findall(messages[-1].content)[:3]:
            lines = text.splitlines()
            if "\t" in text and len(lines) > 2:
                cells = lines[2].split("\t")
                claims.append(f"{cells[0]}: {cells[1]} [{label}]")
            elif first := sentences(text):
                claims.append(f"{first[0]} [{label}]")
        return " ".join(claims)


def one_off(number: str) -> str:
    whole, _, decimals = number.partition(".")
    step = 10 ** -len(decimals) if decimals else 1
    return f"{float(number) + step:.{len(decimals)}f}"


class Liar(Parrot):
    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        parts = re.split(r"(\[[^\]]*\])", super()._call(messages))
        for i, part in enumerate(parts):
            if not part.startswith("[") and (m := _NUMBER.search(part)):
                parts[i] = part[: m.start()] + one_off(m[0]) + part[m.end() :]
                return "".join(parts)
        return "".join(parts).replace("[", "[¶999] [", 1)


def main() -> None:
    index = Index(Settings().data_dir)
    questions = [json.loads(line)["question"] for line in (ROOT / "eval/questions.jsonl").open()]
    for name, model in (("parrot (faithful)", Parrot()), ("liar (one error)", Liar())):
        assistant = Assistant(index, llm=model)
        counts: Counter[str] = Counter()
        for question in questions:
            answer = assistant.ask(question)
            if answer.composer == "llm":
                counts["accepted"] += 1
            elif answer.notices:
                failed = any(words in answer.notices[0] for words in ("did not answer", "未能回答"))
                counts["failed" if failed else "rejected"] += 1
            else:
                counts["not sent (other route, numeric question or nothing found)"] += 1
        print(f"{name}: {len(questions)} questions: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
