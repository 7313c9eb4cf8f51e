"""Words the lexicon does not know that name a row printed below a figure ("<component>'s <deliverables> on
<a theme>"): the rest of the question names the figure; the row under it whose label holds the words is
the one asked for. Only when one row's label holds (nearly) all of those words and no other row's does
as well; otherwise the question stays unread."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import snowballstemmer

from calculator.cube import Fact
from calculator.lexicon import normalise

PATH_SEP = " › "
COVERED = 0.75  # the share of the words not understood that a row's label must hold
_WORD = re.compile(r"[a-z][a-z'\-]{3,}")
_STEM = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Row:
    """A row printed below a figure's row, in the same column."""

    label: str  # in the question's language when the table has it, else the official one
    path: str  # the official row path
    column: str
    raw: str
    value: float
    unit: str


class RowsBelow:
    """The rows printed directly below each row of the tables, per table and column, indexed once."""

    def __init__(self, tables: pd.DataFrame) -> None:
        self.below: dict[tuple[str, str, str], list[tuple[str, str, str, str, float, str]]] = {}
        columns = ("table_id", "row_path", "row_path_en", "column_path", "raw", "value", "unit", "nil")
        for table, path, rendered, column, raw, value, unit, nil in zip(
            *(tables[c] for c in columns), strict=True
        ):
            parent, sep, rest = str(path).rpartition(PATH_SEP)
            if sep and not bool(nil):
                english = str(rendered).split(PATH_SEP)[-1] if isinstance(rendered, str) and rendered else ""
                row = (rest, english, str(path), str(raw), float(value), str(unit))
                self.below.setdefault((str(table), str(column), parent), []).append(row)

    def of(self, fact: Fact, language: str) -> list[Row]:
        """The rows directly below a printed figure's row, in its column (none for a paragraph's figure)."""
        if fact.source_kind == "paragraph":
            return []
        found = self.below.get((fact.source, fact.column, fact.row), [])
        return [
            Row(english if language == "en" and english else rest, path, fact.column, raw, value, unit)
            for rest, english, path, raw, value, unit in found
        ]


def terms(words: list[str]) -> set[str]:
    """What must be found in a row's label: each pair of Chinese characters written together (a
    character alone when it stands alone), each English word's stem ("adapting" and "adaptation" are
    both "adapt"; "producing" is not "productivity")."""
    found: set[str] = set()
    for word in words:
        for run in re.findall(r"[\u3400-\u9fff]+", word):
            found |= {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
        found |= set(_STEM.stemWords(_WORD.findall(normalise(word))))
    longer = {term for term in found if len(term) > 1}
    return longer or found  # a character left alone beside words is a fragment, not what is named


def holds(label: str, term: str) -> bool:
    """Whether a row's label holds a term of `terms`: Chinese characters written in it, or a word of
    it with that stem."""
    return term in _stems(label) if term.isascii() else term in normalise(label)


@lru_cache(maxsize=4096)
def _stems(label: str) -> frozenset[str]:
    return frozenset(_STEM.stemWords(_WORD.findall(normalise(label))))


def named_row(rows: list[Row], words: list[str]) -> Row | None:
    """The one row whose label holds the words (COVERED of them at least), better than any other, and
    whose label lacks no word of them that another row's label holds (a theme naming two rows, "<A> and
    <B>", or one row's words and a word only another holds, names no one row)."""
    wanted = terms(words)
    if not wanted or not rows or all(len(w) < 2 for w in wanted):  # (a character alone names nothing)
        return None
    scored = sorted(
        ((sum(1 for w in wanted if holds(r.label, w)) / len(wanted), n) for n, r in enumerate(rows)),
        reverse=True,
    )
    best, n = scored[0]
    if best < COVERED or len(scored) > 1 and scored[1][0] >= best:
        return None
    lacking = [w for w in wanted if not holds(rows[n].label, w)]
    if any(sum(_weight(w) for w in lacking if holds(r.label, w)) >= 1 for r in rows):
        return None
    return rows[n]


def _weight(term: str) -> float:
    """How much of a word a term is: an English stem is one; a pair of Chinese characters half of one (a
    pair across two words, "<word> and <word>", is often none)."""
    return 1.0 if term.isascii() else 0.5
