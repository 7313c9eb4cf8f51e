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

    def all(self) -> list[Conversation]:
        out: list[Conversation] = []
        o = self.oracle
        for language in ("en", "zh"):
            for first in SUBPROGRAMMES:
                for second in SUBPROGRAMMES:
                    if second == first:
                        continue
                    # money of one subprogramme, then another, then its posts
                    c1, c2 = self.component(first, language), self.component(second, language)
                    out.append(
                        [
                            self.case(
                                self.pick(FIRST_MONEY, language).format(c=c1),
                                language,
                                o.money(first),
                                "thousand USD",
                            ),
                            self.case(
                                self.pick(AND_FOR, language).format(x=c2),
                                language,
                                o.money(second),
                                "thousand USD",
                            ),
                            self.case(self.pick(POSTS, language), language, o.posts(second), "posts"),
                        ]
                    )
                    # one source of funding of a subprogramme, another source, another subprogramme
                    f1, f2 = self.rng.sample(FUNDINGS, 2)
                    out.append(
                        [
                            self.case(
                                self.pick(FIRST_FUNDING, language).format(
                                    c=c1, f=self.member("funding", f1, language)
                                ),
                                language,
                                o.money(first, f1),
                                "thousand USD",
                            ),
                            self.case(
                                self.pick(AND_FOR, language).format(x=self.member("funding", f2, language)),
                                language,
                                o.money(first, f2),
                                "thousand USD",
                            ),
                            self.case(
                                self.pick(AND_FOR, language).format(x=c2),
                                language,
                                o.money(second, f2),
                                "thousand USD",
                            ),
                        ]
                    )
                    # posts of a grade, another grade, another subprogramme
                    g1, g2 = self.rng.sample(GRADES, 2)
                    out.append(
                        [
                            self.case(
                                self.pick(FIRST_GRADE, language).format(
                                    c=c1, g=self.member("grade", g1, language)
                                ),
                                language,
                                o.posts(first, grade=g1),
                                "posts",
                            ),
                            self.case(
                                self.pick(AND_FOR, language).format(x=self.member("grade", g2, language)),
                                language,
                                o.posts(first, grade=g2),
                                "posts",
                            ),
                            self.case(
                                self.pick(AND_FOR, language).format(x=c2),
                                language,
                                o.posts(second, grade=g2),
                                "posts",
                            ),
                        ]
                    )
                    # a question that stands on its own after another is read on its own
                    out.append(
                        [
                            self.case(
                                self.pick(FIRST_MONEY, language).format(c=c1),
                                language,
                                o.money(first),
                                "thousand USD",
                            ),
                            self.case(
                                self.pick(FIRST_GRADE, language).format(
                                    c=c2, g=self.member("grade", g1, language)
                                ),
                                language,
                                o.posts(second, grade=g1),
                                "posts",
                            ),
                            # naming no member after a member's figure: the whole's, or the member's? asked
                            self.case(self.pick(TOTAL, language), language, None, expect="clarify"),
                        ]
                    )
                    # posts, then a member the document does not have: no number
                    out.append(
                        [
                            self.case(
                                self.pick(FIRST_POSTS, language).format(c=c1),
                                language,
                                o.posts(first),
                                "posts",
                            ),
                            self.case(self.pick(NOT_THERE, language), language, None, expect="none"),
                        ]
                    )
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
