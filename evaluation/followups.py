"""Generated conversations: a first question, then follow-ups that change one thing ("and for
<member>?", "what about posts?", "那<member>呢？"), each with the figure the tidy frame gives for the
question as a whole (the same independent oracle as evaluation/generator.py: no calculator code). Some
follow-ups must get no number: a member the document does not have, words it does not hold.

This is evaluation code: it names the document's tables and labels, as tests do.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pandas as pd

from evaluation.generator import (
    GRADE_COLUMNS,
    SUBPROGRAMMES,
    Names,
    Oracle,
    subprogramme_spellings,
)
from evaluation.numeric import Case, Score, score

Conversation = list[Case]

AND_FOR = {
    "en": ["And for {x}?", "and {x}?", "What about {x}?", "how about {x}?", "And {x}, then?"],
    "zh": ["那{x}呢？", "{x}呢？", "那么{x}呢？", "换成{x}呢？"],
}
POSTS = {
    "en": ["What about posts?", "and the posts?", "How about the number of posts?"],
    "zh": ["员额呢？", "那员额数呢？"],
}
NOT_THERE = {
    "en": ["And for subprogramme 7?", "what about the regional office in Nairobi?", "and for UNICEF?"],
    "zh": ["那次级方案 7 呢？", "那内罗毕区域办事处呢？", "那儿童基金会呢？"],
}
FIRST_MONEY = {
    "en": ["What is the 2020 budget of {c}?", "How much money does {c} get?"],
    "zh": ["{c} 的 2020 年预算是多少？", "{c}获得多少资金？"],
}
FIRST_FUNDING = {
    "en": ["How much {f} money does {c} get?", "What is the {f} budget of {c}?"],
    "zh": ["{c}的{f}资金是多少？"],
}
FIRST_GRADE = {"en": ["How many {g} posts does {c} have?"], "zh": ["{c}有多少个{g}员额？"]}
FIRST_POSTS = {"en": ["How many posts does {c} have?"], "zh": ["{c}有多少个员额？"]}
TOTAL = {
    "en": ["What is the total budget?", "What is UN-Habitat's total 2020 budget?"],
    "zh": ["2020 年预算总额是多少？"],
}
GRADES = ("D-1", "P-5", "P-4", "P-3", "P-2")
FUNDINGS = ("FNE", "RB", "FE", "TC")


class FollowUps:
    """Builds the conversations; `seed` picks a spread of spellings."""

    def __init__(self, tables: pd.DataFrame, names: Names, seed: int = 11):
        self.oracle = Oracle(tables)
        self.names = names
        self.rng = random.Random(seed)
        self.n = 0

    def case(self, question: str, language: str, value: float | None, unit: str = "", expect: str = "answer"):
        self.n += 1
        values = () if value is None else (round(value, 6),)
        return Case(f"c{self.n:05d}", question, language, expect, values, unit)

    def component(self, key: str, language: str) -> str:
        words = list(self.names.of(language, "component", key))
        words += subprogramme_spellings(int(key[2]), language)
        return self.rng.choice(words)

    def member(self, dim: str, key: str, language: str) -> str:
        return self.rng.choice(self.names.of(language, dim, key) or [key])

    def pick(self, templates: dict[str, list[str]], language: str) -> str:
        return self.rng.choice(templates[language])

    def turn(
        self, templates: dict[str, list[str]], language: str, value: float | None, unit: str = "", **fill: str
    ) -> Case:
        """One question from a template, with the figure it must get (None: it must get no number)."""
        question = self.pick(templates, language).format(**fill)
        return self.case(question, language, value, unit, "answer" if value is not None else "none")

    def all(self) -> list[Conversation]:
        out: list[Conversation] = []
        o, money, posts = self.oracle, "thousand USD", "posts"
        for language in ("en", "zh"):
            for first in SUBPROGRAMMES:
                for second in SUBPROGRAMMES:
                    if second == first:
                        continue
                    c1, c2 = self.component(first, language), self.component(second, language)
                    f1, f2 = self.rng.sample(FUNDINGS, 2)
                    g1, g2 = self.rng.sample(GRADES, 2)
                    fund1, fund2 = self.member("funding", f1, language), self.member("funding", f2, language)
                    grade1, grade2 = self.member("grade", g1, language), self.member("grade", g2, language)
                    t = self.turn
                    out += [
                        [  # money of one subprogramme, then another, then its posts
                            t(FIRST_MONEY, language, o.money(first), money, c=c1),
                            t(AND_FOR, language, o.money(second), money, x=c2),
                            t(POSTS, language, o.posts(second), posts),
                        ],
                        [  # one source of funding of a subprogramme, another source, another subprogramme
                            t(FIRST_FUNDING, language, o.money(first, f1), money, c=c1, f=fund1),
                            t(AND_FOR, language, o.money(first, f2), money, x=fund2),
                            t(AND_FOR, language, o.money(second, f2), money, x=c2),
                        ],
                        [  # posts of a grade, another grade, another subprogramme
                            t(FIRST_GRADE, language, o.posts(first, grade=g1), posts, c=c1, g=grade1),
                            t(AND_FOR, language, o.posts(first, grade=g2), posts, x=grade2),
                            t(AND_FOR, language, o.posts(second, grade=g2), posts, x=c2),
                        ],
                        [  # a question that stands on its own after another is read on its own; one that
                            # names no member after a member's figure (the whole's, or the member's?) is asked
                            t(FIRST_MONEY, language, o.money(first), money, c=c1),
                            t(FIRST_GRADE, language, o.posts(second, grade=g1), posts, c=c2, g=grade1),
                            self.case(self.pick(TOTAL, language), language, None, expect="clarify"),
                        ],
                        [  # posts, then a member the document does not have: no number
                            t(FIRST_POSTS, language, o.posts(first), posts, c=c1),
                            t(NOT_THERE, language, None),
                        ],
                    ]
        return out


def run(conversations: list[Conversation], ask: Callable[[str, str, object], tuple[dict, object]]) -> Score:
    """`ask(question, language, context)` gives the ask contract's dict and the next context; every
    conversation starts with context None. Scored turn by turn, as evaluation/numeric.py scores."""
    answers: list[dict] = []
    for conversation in conversations:
        context = None
        for case in conversation:
            data, context = ask(case.question, case.language, context)
            answers.append(data)
    flat = [case for conversation in conversations for case in conversation]
    given = iter(answers)
    return score(flat, lambda question, language: next(given))


assert set(GRADES) <= set(GRADE_COLUMNS)
