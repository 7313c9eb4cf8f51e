"""Retrieval evaluation on the project's question set: hit@1, hit@5 and MRR per language."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import CITATION_KIND

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"


@dataclass
class Score:
    """Hit@1, hit@5 and MRR over a set of questions."""

    n: int = 0
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0
    misses: list[dict] = field(default_factory=list)

    def add(self, question: dict, ranked: list[tuple[str, str]]) -> None:
        expected = {(CITATION_KIND.get(k, k), i) for k, i in (e.split(":", 1) for e in question["expected"])}
        ranks = [n for n, key in enumerate(ranked[:5], 1) if key in expected]
        self.n += 1
        self.hit1 += bool(ranks and ranks[0] == 1)
        self.hit5 += bool(ranks)
        self.rr += 1 / ranks[0] if ranks else 0.0
        if not ranks or ranks[0] != 1:
            self.misses.append(
                {
                    "id": question["id"],
                    "question": question["question"],
                    "expected": question["expected"],
                    "got": [f"{k}:{i}" for k, i in ranked[:5]],
                }
            )

    def row(self) -> dict:
        n = max(self.n, 1)
        return {"n": self.n, "hit@1": self.hit1 / n, "hit@5": self.hit5 / n, "mrr": self.rr / n}


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(
    rank: Callable[[str], list[tuple[str, str]]], questions: Iterable[dict]
) -> dict[str, dict[str, Score]]:
    """Scores by split ("tune", "holdout", "all") and language ("zh", "en", "all")."""
    scores: dict[str, dict[str, Score]] = {}
    for question in questions:
        ranked = rank(question["question"])
        for split in (question.get("split", "tune"), "all"):
            for lang in (question["lang"], "all"):
                scores.setdefault(split, {}).setdefault(lang, Score()).add(question, ranked)
    return scores
