"""The calculator on the numeric question set: answered right, refused, or wrong (the number to keep at 0)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

NUMERIC_QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "numeric.jsonl"
# The same kinds of question phrased as delegates ask them; half held out ("split": "holdout").
PARAPHRASES = NUMERIC_QUESTIONS.with_name("numeric_paraphrases.jsonl")


@dataclass
class NumericScore:
    """How the numeric questions fared."""

    right: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # no number given: not a wrong number
    wrong: list[dict] = field(default_factory=list)  # a number that is not the expected one
    missed_refusal: list[dict] = field(default_factory=list)  # a number where the set expects a refusal


def matches(value: float, expected: float, unit: str) -> bool:
    tolerance = 0.051 if unit in ("%", "ratio") else 1e-6 + abs(expected) * 1e-9
    return abs(value - expected) <= tolerance


def evaluate_numeric(answer, questions: list[dict]) -> NumericScore:
    """`answer(question)` returns the ask contract (a dict); each question is scored."""
    score = NumericScore()
    for q in questions:
        data = answer(q["question"])
        result = data.get("result")
        expected = q["expected"]
        if expected.get("refuse"):
            (
                score.missed_refusal.append(
                    {"id": q["id"], "question": q["question"], "got": result["value"]}
                )
                if result
                else score.refused.append(q["id"])
            )
            continue
        if not result:
            score.refused.append(q["id"])
        elif (
            result["unit"] == expected["unit"]
            and matches(result["value"], expected["value"], expected["unit"])
            and expected.get("operation", result.get("operation")) == result.get("operation")
        ):
            score.right.append(q["id"])
        else:
            score.wrong.append(
                {
                    "id": q["id"],
                    "question": q["question"],
                    "expected": expected["value"],
                    "unit": expected["unit"],
                    "got": result["value"],
                    "got_unit": result["unit"],
                    "operation": result.get("operation"),
                    "formula": result.get("formula"),
                }
            )
    return score


def load_numeric(path: Path = NUMERIC_QUESTIONS, split: str | None = None) -> list[dict]:
    """The questions of a numeric set; with `split`, only those marked so ("tune", "holdout")."""
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [q for q in questions if split is None or q.get("split") == split]
