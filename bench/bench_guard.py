"""LLM guard benchmark: how often it accepts faithful answers and rejects unfaithful ones, offline.

Stand-in chat models answer through `Assistant.ask` (index in WPB_DATA_DIR, built with `wpb ingest`):

- eval: every question of eval/questions.jsonl, answered by
  - the parrot, faithful: the first sentence of each passage it is given (a table's first row), each
    followed by that passage's marker. Every one of its answers should be accepted;
  - the liar, the parrot with one error: its first number changed by one unit in the last digit
    (13% -> 14%, 2 949.4 -> 2 949.5), or, when it states no number, a marker for ¶999. Every one of its
    answers should be rejected.
- crafted: pairs of a faithful answer and the same answer with one error of a known kind (a number
  swapped for another the passages hold, numbers in words, a wrong unit, scale or sign, invisible
  characters, list numbers, the document symbol, a paragraph's own number, a claim with no marker, a
  reference in words, HTML, a link), each given as the model's reply to a question whose passages it cites.

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

from assistant.answer import Answer  # noqa: E402
from assistant.assistant import Assistant  # noqa: E402
from assistant.extract import sentences  # noqa: E402
from index.reader import Index  # noqa: E402
from wpb.settings import Settings  # noqa: E402

_PASSAGE = re.compile(r"^\[([^\]\n]+)\]\n(.*?)(?=\n\n\[|\n\nQuestion:)", re.S | re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

CHARGE_EN = "Why does the Foundation levy a programme support charge?"  # ¶59 and tables
CHARGE_ZH = "基金会为什么要向项目组合收取方案支助费？"
FORUM = "Where was the ninth World Urban Forum held and what declaration did it adopt?"  # ¶14
GOVERNANCE = "联大第73/239号决议给人居署定了什么样的治理结构？"  # ¶15, ¶64 (72/226)
COMMITTEE = "How often will the Committee of Permanent Representatives meet, and for what purpose?"  # ¶66
ARAB_LAND = "What is the Arab Land Initiative and who helped set it up?"  # ¶78, ¶75
UNITS = "Which units make up executive direction and management?"  # Table 2.1
EN = "The Foundation will levy a programme support charge of {} on the project portfolio [¶59]."
ZH = "基金会将向项目组合收取{}的方案支助费 [¶59]。"
INCOME = "Total projected income for 2020 is {} [¶59]."
RECOVERY = "Cost recovery for 2020 is projected at {} [¶59]."
LAND = "From {} and through 2020, UN-Habitat will build capacity through the Arab Land Initiative [¶78]."
SET_UP = "From 2016 to {}, UN-Habitat facilitated the establishment of the Arab Land Initiative [¶75]."

# (kind of error, question, faithful reply, the reply with one error)
CRAFTED = [
    ("swap", CHARGE_EN, EN.format("13%"), EN.format("15%")),
    ("swap", CHARGE_EN, EN.format("13%"), EN.format("10%")),
    ("swap", CHARGE_ZH, ZH.format(" 13% "), ZH.format(" 15% ")),
    ("swap in passage", CHARGE_EN, INCOME.format("US$ 20.8 million"), INCOME.format("US$ 19.4 million")),
    ("swap in passage", CHARGE_ZH, "预计总收入为 2 080 万美元 [¶59]。", "预计总收入为 1 940 万美元 [¶59]。"),
    ("words", CHARGE_EN, EN.format("thirteen per cent"), EN.format("fifteen per cent")),
    ("words", CHARGE_ZH, ZH.format("百分之十三"), ZH.format("百分之十五")),
    (
        "words",
        CHARGE_ZH,
        "2020 年预计总收入为二千零八十万美元 [¶59]。",
        "2020 年预计总收入为二千零九十万美元 [¶59]。",
    ),
    (
        "words",
        COMMITTEE,
        "The Committee will meet twice every four years in Nairobi [¶66].",
        "The Committee will meet twice every five years in Nairobi [¶66].",
    ),
    ("words", GOVERNANCE, "执行局有三十六个成员 [¶15]。", "执行局有三十七个成员 [¶15]。"),
    (
        "words",
        FORUM,
        "The Forum held its ninth session in Kuala Lumpur [¶14].",
        "The Forum held its tenth session in Kuala Lumpur [¶14].",
    ),
    ("scale", CHARGE_EN, RECOVERY.format("US$ 1.3 million"), RECOVERY.format("US$ 1.3 thousand")),
    ("scale", CHARGE_EN, RECOVERY.format("US$ 1.3 million"), RECOVERY.format("US$ 1.3 billion")),
    (
        "scale",
        CHARGE_ZH,
        "预计 2020 年收回成本为 130 万美元 [¶59]。",
        "预计 2020 年收回成本为 1.3 千美元 [¶59]。",
    ),
    ("unit", CHARGE_EN, EN.format("13 per cent"), EN.format("US$ 13")),
    ("sign", CHARGE_EN, EN.format("13 percent"), EN.format("-13%")),
    ("sign", CHARGE_EN, RECOVERY.format("US$ 1.3 million"), RECOVERY.format("US$ -1.3 million")),
    ("invisible", CHARGE_EN, EN.format("1\u200b3%"), EN.format("1\u200b2%")),
    ("invisible", CHARGE_EN, EN.format("1\u00ad3%"), EN.format("1\u00ad2%")),
    (
        "line start",
        CHARGE_EN,
        "The Foundation levies a programme support charge of\n13 per cent [¶59].",
        "The Foundation levies a programme support charge of\n15) per cent [¶59].",
    ),
    (
        "symbol",
        CHARGE_EN,
        "Under HSP/EB.1/2/Rev.1 the charge is 13% [¶59].",
        "Under HSP/EB.1/2/Rev.1 the charge is 2% [¶59].",
    ),
    ("own number", CHARGE_EN, "59. " + INCOME.format("US$ 20.8 million"), EN.format("59%")),
    (
        "no marker",
        CHARGE_EN,
        EN.format("13%") + " " + INCOME.format("US$ 20.8 million"),
        EN.format("13%") + " " + INCOME.format("US$ 20.8 million").replace(" [¶59]", ""),
    ),
    (
        "no marker",
        CHARGE_ZH,
        ZH.format(" 13% ") + "预计总收入为 2 080 万美元 [¶59]。",
        ZH.format(" 13% ") + "预计总收入为 2 080 万美元。",
    ),
    (
        "reference",
        CHARGE_ZH,
        "如第五十九段所述，" + ZH.format(" 13% "),
        "如第九十九段所述，" + ZH.format(" 13% "),
    ),
    (
        "reference",
        CHARGE_EN,
        "As paragraph 59 says, the charge is 13% [¶59].",
        "As paragraph ninety-nine says, the charge is 13% [¶59].",
    ),
    (
        "date",
        FORUM,
        "The Forum met in Kuala Lumpur in February 2018 [¶14].",
        "The Forum met in Kuala Lumpur in February 2019 [¶14].",
    ),
    (
        "date",
        GOVERNANCE,
        "2018年12月，联大通过了第73/239号决议 [¶15]。",
        "2019年12月，联大通过了第73/239号决议 [¶15]。",
    ),
    (
        "resolution",
        GOVERNANCE,
        "联大第73/239号决议为人居署确立了新的治理结构 [¶15]。",
        "联大第72/239号决议为人居署确立了新的治理结构 [¶15]。",
    ),
    ("repeated", ARAB_LAND, LAND.format(2019), LAND.format(2020)),
    ("swap", ARAB_LAND, SET_UP.format(2018), SET_UP.format(2019)),
    (
        "same row",
        UNITS,
        "Regular budget: 13 posts in subprogramme 1 [Table 2.1].",
        "Regular budget: 16 posts in subprogramme 1 [Table 2.1].",
    ),
    ("html", CHARGE_EN, EN.format("13%"), EN.format("13%") + ' <img src="x" onerror="alert(1)">'),
    ("html", CHARGE_ZH, ZH.format(" 13% "), ZH.format(" 13% ") + "<script>alert(1)</script>"),
    (
        "link",
        CHARGE_EN,
        EN.format("13%"),
        EN.format("13%") + " Pay it at https://unhabitat-refund.example.com/pay [¶59].",
    ),
    (
        "link",
        CHARGE_EN,
        EN.format("13%"),
        EN.format("13%") + " Details: www.unhabitat-refund.example.com [¶59].",
    ),
]


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


class Scripted(SimpleChatModel):
    """Replies with whatever `reply` holds."""

    reply: str = ""

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        return self.reply


def outcome(answer: Answer) -> str:
    if answer.composer == "llm":
        return "accepted"
    if answer.notices:
        failed = any(words in answer.notices[0] for words in ("did not answer", "未能回答"))
        return "failed" if failed else "rejected"
    return "not sent"


def main() -> None:
    index = Index(Settings().data_dir)
    questions = [json.loads(line)["question"] for line in (ROOT / "eval/questions.jsonl").open()]
    totals: dict[str, Counter[str]] = {"faithful": Counter(), "one error": Counter()}
    for name, model, kind in (("parrot", Parrot(), "faithful"), ("liar", Liar(), "one error")):
        assistant = Assistant(index, llm=model)
        counts = Counter(outcome(assistant.ask(question)) for question in questions)
        totals[kind] += counts
        print(
            f"eval {name} ({kind}): {len(questions)} questions: "
            + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
    scripted = Scripted()
    assistant = Assistant(index, llm=scripted)
    crafted: dict[str, Counter[str]] = {"faithful": Counter(), "one error": Counter()}
    for error, question, faithful, wrong in CRAFTED:
        for kind, reply in (("faithful", faithful), ("one error", wrong)):
            scripted.reply = reply
            result = outcome(assistant.ask(question))
            crafted[kind][result] += 1
            if result != ("accepted" if kind == "faithful" else "rejected"):
                print(f"  crafted {kind} {result} ({error}): {reply!r}")
    for kind, counts in crafted.items():
        totals[kind] += counts
        print(
            f"crafted ({kind}): {len(CRAFTED)} answers: " + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
    faithful, wrong = totals["faithful"], totals["one error"]
    print(
        f"total: faithful accepted {faithful['accepted']}/{faithful.total() - faithful['not sent']}, "
        f"one-error rejected {wrong['rejected']}/{wrong.total() - wrong['not sent']} "
        "(answers the Assistant sent to the model)"
    )


if __name__ == "__main__":
    main()
