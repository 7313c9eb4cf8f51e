"""Scoring answers to descriptive, overview, "which table" and out-of-scope questions (eval/answers.jsonl):
an answerable question is right when the answer cites one of the units that answer it and every fact
it must carry is in the answer (its words or its quotes; a number also counts in the other language's
way of writing it, as the fidelity check compares them); an out-of-scope one is right when it is
refused (no passage offered as the answer, or the calculator says the document has no such figure)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.fidelity import numbers

ANSWERS = Path(__file__).resolve().parents[1] / "eval" / "answers.jsonl"


@dataclass(frozen=True)
class Question:
    id: str
    language: str
    kind: str
    question: str
    expect: str  # "answer" | "refuse"
    units: tuple[str, ...]
    facts: tuple[str, ...]
    split: str


def load(path: Path = ANSWERS) -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(
                Question(
                    d["id"],
                    d["lang"],
                    d["kind"],
                    d["question"],
                    d["expect"],
                    tuple(d.get("units", [])),
                    tuple(d.get("facts", [])),
                    d.get("split", "tune"),
                )
            )
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cites(data: dict, unit: str) -> bool:
    labels = [_squash(c["label"]) for c in data.get("citations") or []]
    wanted = _squash(unit)
    return any(
        label == wanted or label.startswith(wanted + "/") or wanted in label.split("/") for label in labels
    )


def has_fact(data: dict, fact: str) -> bool:
    shown = " ".join([data.get("answer", "")] + [c.get("quote", "") for c in data.get("citations") or []])
    if _squash(fact) in _squash(shown):
        return True
    wanted = numbers(fact)
    return bool(wanted) and wanted <= numbers(shown)


def refused(data: dict) -> bool:
    if data.get("route") == "refuse" or data.get("status") == "absent":
        return True
    return not data.get("citations") and not (data.get("result") or {}).get("value")


@dataclass
class Score:
    counts: Counter = field(default_factory=Counter)  # (kind, split, "right" | "total")
    misses: list[dict] = field(default_factory=list)

    def add(self, q: Question, right: bool, data: dict) -> None:
        for split in (q.split, "all"):
            self.counts[(q.kind, split, "total")] += 1
            self.counts[(q.kind, split, "right")] += right
        if not right:
            self.misses.append(
                {
                    "id": q.id,
                    "question": q.question,
                    "route": data.get("route"),
                    "answer": data.get("answer", "")[:240],
                }
            )

    def lines(self) -> list[str]:
        kinds = sorted({k for k, _, _ in self.counts})
        out = []
        for split in ("all", "tune", "holdout"):
            parts = []
            for kind in kinds:
                total = self.counts[(kind, split, "total")]
                if total:
                    parts.append(f"{kind} {self.counts[(kind, split, 'right')]}/{total}")
            out.append(f"{split}: " + ", ".join(parts))
        return out


def score(questions: list[Question], ask: Callable[[str], dict]) -> Score:
    result = Score()
    for q in questions:
        data = ask(q.question)
        if q.expect == "refuse":
            right = refused(data)
        else:
            right = (not q.units or any(_cites(data, u) for u in q.units)) and all(
                has_fact(data, f) for f in q.facts
            )
        result.add(q, right, data)
    return result
