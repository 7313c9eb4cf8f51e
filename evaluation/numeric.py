"""Scoring numeric question sets: each answer is right (the expected figure), a question back, a
refusal ("not in the document", "could not read"), or wrong (a number that is not the expected one, or a
number where none should be given). Wrong is the number to keep at 0."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMERIC_QUESTIONS = ROOT / "eval" / "numeric.jsonl"
PARAPHRASES = ROOT / "eval" / "numeric_paraphrases.jsonl"
# Written from the document alone by someone who saw neither the code nor the lexicon (see eval/README.md).
# Each was scored once as it came, then tuned on (eval/README.md gives the first scores).
HELDOUT = {
    name: ROOT / "eval" / f"numeric_heldout_{name}.jsonl"
    for name in [*"abcdefghijklmnopqrstuvwxyz", "aa", "ac", "ad", "ae", "af"]
}
# Units a set may state its figures in → the calculator's units that answer it and the factor to them
# (any other: the same unit). "count": a number of planned deliverables or of members.
UNITS = {
    "USD million": (("thousand USD",), 1000.0),
    "million USD": (("thousand USD",), 1000.0),  # (set Q spells it so)
    "USD": (("thousand USD",), 0.001),
    "thousand USD per post": (("thousand USD",), 1.0),
    "percent": (("%",), 1.0),
    "count": (("count", "projects", "publications", "technical materials", "days"), 1.0),
    "rank": (("count",), 1.0),  # a place in a ranking ("number 3 of 4")
}


@dataclass(frozen=True)
class Case:
    """One question and what it must get: a figure ("answer", with the values accepted), a question back
    ("clarify") or no figure ("none")."""

    id: str
    question: str
    language: str
    expect: str  # "answer" | "clarify" | "none"
    values: tuple[float, ...] = ()
    unit: str = ""
    operation: str = ""  # when set, the answer's operation must be this one
    note: str = ""
    # why the project answers otherwise than the set's writer expected (eval/README.md): a figure given
    # where the writer wanted a question back is then counted as disputed, not wrong
    disputed: str = ""


@dataclass
class Score:
    """How a set fared, by outcome."""

    counts: Counter = field(default_factory=Counter)
    wrong: list[dict] = field(default_factory=list)
    disputed: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # expected a figure, got none (not wrong)
    quoted: list[str] = field(default_factory=list)  # no computed figure; the first passage quoted states it

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + len(self.wrong) + len(self.disputed)

    def line(self) -> str:
        c = self.counts
        answerable = (
            c["right"] + c["quoted"] + c["missed"] + len([w for w in self.wrong if w["expect"] == "answer"])
        )
        share = f" ({c['right'] / answerable:.1%} of {answerable} answerable)" if answerable else ""
        quoted = ""
        if c["quoted"]:
            both = (c["right"] + c["quoted"]) / answerable
            quoted = f", {c['quoted']} quoted (the first passage quoted states it; {both:.1%} with them)"
        return (
            f"{self.total} questions: {c['right']} right{share}{quoted}, {c['clarified']} clarified, "
            f"{c['refused']} refused, {c['missed']} unanswered, {len(self.wrong)} wrong"
            + (f" ({len(self.disputed)} more disputed)" if self.disputed else "")
        )


def matches(value: float, case: Case, unit: str) -> bool:
    """The answer's value and unit against each accepted figure, in the set's unit (USD million,
    thousands...) to the precision it is written in (a tenth of that unit; two decimals for ratios). A
    figure in another unit (47 posts for 47 thousand dollars) never matches."""
    wanted, factor = UNITS.get(case.unit, ((case.unit,), 1.0))
    if case.unit and unit and unit not in wanted:
        return False
    tolerance = 0.051 if unit in ("%", "ratio") or {"%", "ratio"} & set(wanted) else 0.051 * factor
    return any(
        abs(value - expected * factor) <= tolerance + abs(expected * factor) * 1e-9
        for expected in case.values
    )


# A figure as a passage writes it: digits (spaces or commas between thousands), then a word that scales it.
_FIGURE = re.compile(r"(\d{1,3}(?:[ ,]\d{3})+|\d+)(\.\d+)?\s*(万|亿|million|billion)?")
_SCALE = {"万": 1e4, "亿": 1e8, "million": 1e6, "billion": 1e9}


def passage_figures(text: str) -> set[float]:
    """Every figure a passage writes, as written and scaled by its word (440 万 → 440 and 4 400 000)."""
    found: set[float] = set()
    for whole, decimals, scale in _FIGURE.findall(text):
        number = float(re.sub(r"[ ,]", "", whole) + decimals)
        found.add(number)
        if scale:
            found.add(number * _SCALE[scale])
    return found


def states(case: Case, data: dict) -> bool:
    """The answer gives no computed figure, and the first passage it quotes writes the expected one (a
    figure only the text states, quoted and cited): in the set's unit, or in dollars for a money unit."""
    citations = data.get("citations") or []
    if not citations or citations[0].get("kind") != "paragraph" or not case.values:
        return False
    figures = passage_figures(str(citations[0].get("quote", "")))
    dollars = {"USD million": 1e6, "thousand USD": 1e3, "USD": 1.0}.get(case.unit)
    wanted = {round(v, 6) for v in case.values} | (
        {round(v * dollars, 6) for v in case.values} if dollars else set()
    )
    return any(round(f, 6) in wanted for f in figures)


def score(cases: list[Case], answer: Callable[[str, str], dict | None]) -> Score:
    """`answer(question, language)` gives the ask contract's dict (None: the calculator declined)."""
    result = Score()
    for case in cases:
        data = answer(case.question, case.language) or {}
        figure = data.get("result") if data.get("route", "calculator") in ("calculator", "") else None
        value = figure.get("value") if figure else None
        status = data.get("status", "")
        if value is None:
            kind = "clarified" if status == "clarify" else "refused"
            if case.expect == "answer" and states(case, data):
                kind = "quoted"
                result.quoted.append(case.id)
            elif case.expect == "answer":
                kind = "missed"
                result.missed.append(
                    {
                        "id": case.id,
                        "question": case.question,
                        "status": status,
                        "answer": data.get("answer", "")[:200],
                    }
                )
            result.counts[kind] += 1
            continue
        good = (
            case.expect == "answer"
            and matches(float(value), case, figure.get("unit", ""))
            and (not case.operation or case.operation == figure.get("operation"))
        )
        if good:
            result.counts["right"] += 1
        else:
            found = result.disputed if case.disputed and case.expect != "answer" else result.wrong
            found.append(
                {
                    "id": case.id,
                    "question": case.question,
                    "expect": case.expect,
                    "expected": list(case.values),
                    "got": value,
                    "unit": figure.get("unit"),
                    "formula": figure.get("formula"),
                    "answer": data.get("answer", "")[:300],
                }
            )
    return result


def load_cases(path: Path) -> list[Case]:
    """A numeric set: the held-out format ({"expect", "value", "accept", "unit"}) or the older one
    ({"expected": {"value", "unit", "refuse"}})."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        language = item.get("lang", "en")
        if "expect" in item:
            expect = {"answer": "answer", "clarify": "clarify"}.get(item["expect"], "none")
            values = tuple(
                v for v in [item.get("value"), *(item.get("accept") or [])] if isinstance(v, int | float)
            )
            unit, disputed = item.get("unit") or "", item.get("disputed", "")
            cases.append(Case(item["id"], item["question"], language, expect, values, unit, "", "", disputed))
            continue
        expected = item["expected"]
        if expected.get("refuse"):
            cases.append(Case(item["id"], item["question"], language, "none"))
        else:
            cases.append(
                Case(
                    item["id"],
                    item["question"],
                    language,
                    "answer",
                    (expected["value"],),
                    expected["unit"],
                    expected.get("operation", ""),
                )
            )
    return cases


def calculator_answers(calculator) -> Callable[[str, str], dict | None]:
    """The scorer's `answer` over the calculator alone (None: it leaves the question to the search)."""

    def answer(question: str, language: str) -> dict | None:
        outcome = calculator.handle(question, language) if calculator is not None else None
        if outcome is None:
            return None
        return {"result": outcome.result, "status": outcome.status, "answer": outcome.answer}

    return answer
