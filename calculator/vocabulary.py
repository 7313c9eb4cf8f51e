"""What a question names: components, funding sources, objects of expenditure, grades, Table 3.0 items,
quantified deliverables, the plan period of the staggered posts (corpus/synonyms.csv)."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.manifest import CorpusError, read_text

DIMENSIONS = ("component", "funding", "object", "grade", "trend", "deliverable", "period")


@dataclass(frozen=True)
class Entity:
    """A thing a question names: its dimension, key (SP4, TC, ...), English table label, the words used."""

    dimension: str
    key: str
    label: str
    words: str
    start: int


@dataclass(frozen=True)
class Term:
    dimension: str
    key: str
    label: str
    phrase: str
    pattern: re.Pattern[str]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


class Vocabulary:
    """Phrases → entities, longest phrase first, each stretch of the question used once."""

    def __init__(self, terms: list[Term]):
        self.terms = sorted(terms, key=lambda t: -len(t.phrase))
        self.labels: dict[str, dict[str, str]] = {
            d: {} for d in DIMENSIONS
        }  # dimension → key → English label
        self.chinese: dict[tuple[str, str], str] = {}  # (dimension, key) → the first Chinese phrase listed
        for term in terms:
            self.labels[term.dimension].setdefault(term.key, term.label)
            if not term.phrase.isascii():
                self.chinese.setdefault((term.dimension, term.key), term.phrase)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        terms = []
        for n, row in enumerate(csv.DictReader(read_text(path).splitlines()), start=2):
            try:
                dimension, key, label = row["dimension"], row["key"], row["en_label"]
                phrases = [p.strip() for p in row["phrases"].split("|") if p.strip()]
            except (KeyError, AttributeError) as exc:
                raise CorpusError(f"{path}: line {n} needs dimension, key, en_label and phrases") from exc
            if dimension not in DIMENSIONS or not phrases:
                raise CorpusError(f"{path}: line {n}: dimension must be one of {DIMENSIONS}, with phrases")
            for phrase in phrases:
                text = normalise(phrase)
                body = re.escape(text).replace(r"\ ", r"\s*")
                pattern = rf"(?<![a-z0-9]){body}(?![a-z0-9])" if text.isascii() else body
                if text[-1].isdigit():  # "次级方案2" is not the start of "次级方案2020年"
                    pattern += r"(?![0-9])"
                terms.append(Term(dimension, key, label, text, re.compile(pattern)))
        return cls(terms)

    def find(self, question: str) -> list[Entity]:
        """The entities a question names, in the order they appear."""
        text = normalise(question)
        taken = [False] * len(text)
        spans: set[tuple[int, int]] = set()
        seen: set[tuple[tuple[int, int], str]] = set()
        found: list[Entity] = []
        for term in self.terms:
            for match in term.pattern.finditer(text):
                span = match.span()
                if (span, term.key) in seen:
                    continue
                seen.add((span, term.key))
                # a phrase with two readings ("programme support": component or funding) yields both
                if any(taken[span[0] : span[1]]) and span not in spans:
                    continue
                for i in range(*span):
                    taken[i] = True
                spans.add(span)
                found.append(Entity(term.dimension, term.key, term.label, match.group(), match.start()))
        return sorted(found, key=lambda e: (e.start, e.dimension))
