"""Generated numeric questions with an independent oracle.

Templates × the lexicon's phrases (read from corpus/lexicon/*.toml) × its own spellings of numbers and
names × both languages. The expected figure is read from the tidy frame (tables.parquet) by table, row
and column label, here, without the calculator's reader, cube or planner. Some templates must get no
number: a dimension named without a member ("the subprogramme"), a member the document does not have
(subprogramme 5), a year the tables do not cover, a qualifier the tables do not have ("in Kenya"),
another organisation.

This is evaluation code: it names the document's tables and labels, as tests do.
"""

from __future__ import annotations

import itertools
import random
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from calculator.lexicon import phrase_key
from evaluation.numeric import Case

EN_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 9: "nine"}
EN_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII"}
ZH_NUMBERS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 9: "九"}

# Where the oracle reads each member (English labels of the tidy frame).
COMPONENT_COLUMNS = {
    "SP1": "Reduced spatial inequality and poverty in communities across the urban-rural continuum",
    "SP2": "Enhanced shared prosperity of cities and regions",
    "SP3": "Strengthened climate action and improved urban environment",
    "SP4": "Effective urban crisis prevention and response",
    "PMO": "Policymaking organs",
    "EDM": "Executive direction and management",
    "PS": "Programme support",
}
COMPONENT_ROWS = {
    "SP1": "Subprogramme 1",
    "SP2": "Subprogramme 2",
    "SP3": "Subprogramme 3",
    "SP4": "Subprogramme 4",
    "PMO": "Policymaking organs",
    "EDM": "Executive direction and management",
    "PS": "Programme support",
}
FUNDING_ROWS = {
    "FNE": "Foundation non-earmarked",
    "RB": "Regular budget",
    "PSC": "Programme support",
    "FE": "Foundation earmarked",
    "TC": "Technical cooperation",
}
OBJECT_ROWS = {
    "POSTS": "Posts",
    "OSC": "Other staff costs",
    "HOSP": "Hospitality",
    "CONS": "Consultants",
    "TREP": "Travel of representatives",
    "TSTAFF": "Travel of staff",
    "CONTR": "Contractual services",
    "GOE": "General operating expenses",
    "SUPP": "Supplies and materials",
    "FURN": "Furniture and equipment",
    "GRANTS": "Grants and contributions (external)",
}
GRADE_COLUMNS = {
    "ASG": "ASG",
    "D-2": "D-2",
    "D-1": "D-1",
    "P-5": "P-5",
    "P-4": "P-4",
    "P-3": "P-3",
    "P-2": "P-2/1",
    "PROF": "Professional and higher categories › Subtotal",
    "GS": "General Service and related categories › Subtotal",
}
TREND_ROWS = {
    "CONTRIB": "B. Income › Contributions",
    "INVEST": "B. Income › Investment income",
    "INCOME": "B. Income › Total, B",
    "EXPEND": "II. Expenditure › Total II",
    "RESERVE": "Operating reserve",
    "BALANCE": "IV. Fund balance at the end of the year",
    "SALARIES": "II. Expenditure › Employee salaries and benefits",
}
TREND_COLUMNS = {
    2014: "2014",
    2015: "2015",
    2016: "2016",
    2017: "2017",
    2018: "2018",
    2019: "2019*",
    2020: "2020*",
}
DELIVERABLE_ROWS = {
    "PROJECTS": "(number of projects)",
    "DAYS": "(number of days)",
    "PUBLICATIONS": "(number of publications)",
    "MATERIALS": "(number of materials)",
}
SUBPROGRAMMES = ("SP1", "SP2", "SP3", "SP4")
# Words the tables have no figure for: a question that carries one must get no number.
QUALIFIERS = {
    "en": [
        " in Kenya",
        " for rent",
        " in euros",
        " for the Nairobi office",
        " for gender mainstreaming",
        " for COVID-19",
        " for the Regional Office for Africa",
        " for youth",
        " for Mosul",
        " for the World Urban Forum",
    ],
    "zh": [
        "在肯尼亚",
        "的房租",
        "以欧元计",
        "用于内罗毕办事处",
        "用于性别主流化",
        "用于青年",
        "用于摩苏尔",
        "用于世界城市论坛",
    ],
}
ORGANISATIONS = {
    "en": ["UNEP", "UNDP", "UNICEF", "the World Bank", "WHO"],
    "zh": ["开发署", "环境署", "儿基会", "世界银行"],
}


class Oracle:
    """Figures read straight from the tidy frame, by label."""

    def __init__(self, tables: pd.DataFrame):
        self.tables = tables

    def cell(self, table: str, row: str, column: str) -> float:
        part = self.tables[self.tables.table_id == table]
        rows = part[(part.row_path_en == row) | part.row_path_en.str.endswith(" › " + row)]
        hit = rows[
            (rows.column_path_en == column)
            | rows.column_path_en.str.endswith(" › " + column)
            | rows.column_path_en.str.endswith(" " + column)
        ]
        if hit.empty:
            raise KeyError((table, row, column))
        return float(hit.sort_values(["row_index", "column_index"]).iloc[0].value)

    def money(
        self, component: str | None = None, funding: str | None = None, thing: str | None = None
    ) -> float:
        column = COMPONENT_COLUMNS[component] if component else "Total"
        if thing:
            return self.cell("1.2", f"Object of expenditure › {OBJECT_ROWS[thing]}", column)
        return self.cell(
            "1.1", f"Source of funding › {FUNDING_ROWS[funding] if funding else 'Total'}", column
        )

    def posts(
        self, component: str | None = None, funding: str | None = None, grade: str | None = None
    ) -> float:
        if grade:
            row = f"Strategic priority › {COMPONENT_ROWS[component] if component else 'Total'}"
            return self.cell("2.3", row, GRADE_COLUMNS[grade])
        column = COMPONENT_COLUMNS[component] if component else "Total"
        return self.cell(
            "2.1", f"Source of funding › {FUNDING_ROWS[funding] if funding else 'Total'}", column
        )

    def trend(self, item: str, year: int) -> float:
        return self.cell("3.0", TREND_ROWS[item], TREND_COLUMNS[year])

    def deliverable(self, component: str, kind: str) -> float:
        part = self.tables[self.tables.table_id == f"VI-{component}-deliverables"]
        hit = part[part.row_path_en.str.endswith(DELIVERABLE_ROWS[kind])]
        return float(hit.iloc[0].value)


@dataclass
class Names:
    """How the questions may name each member, per language."""

    phrases: dict[str, dict[tuple[str, str], list[str]]]  # language → (dimension, key) → phrases

    @classmethod
    def load(cls, directory: Path) -> Names:
        """The lexicon files in `directory` (a build's: the words the calculator was built with)."""
        phrases: dict[str, dict[tuple[str, str], list[str]]] = {}
        owners: dict[str, set[tuple[str, str]]] = {}
        for path in sorted(directory.glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for dim, members in data.get("entities", {}).items():
                for key, listed in members.items():
                    for phrase in listed:
                        owners.setdefault(_plain(phrase), set()).add((dim, key))
            for dim, members in data.get("entities", {}).items():
                for key, listed in members.items():
                    unique = [p for p in listed if owners[_plain(p)] == {(dim, key)} and len(p) > 2]
                    phrases.setdefault(data["language"], {})[(dim, key)] = unique
        return cls(phrases)

    def of(self, language: str, dim: str, key: str) -> list[str]:
        return self.phrases.get(language, {}).get((dim, key), [])


_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ZH_DIGITS = "零一二三四五六七八九"


def en_words(n: int) -> str:
    """A number below 1 000 in English words ("forty-seven", "one hundred and five"), written here apart
    from the lexicon (the oracle does not share the calculator's words)."""
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, unit = divmod(rest, 10)
        said = _EN_UNITS[rest] if rest < 20 else _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")
        words.append(("and " if hundreds else "") + said)
    return " ".join(words)


def zh_words(n: int) -> str:
    """A number below 10 000 in Chinese characters ("四十七", "五千五百"), apart from the lexicon."""
    out = ""
    for digit, mark in ((n // 1000, "千"), (n // 100 % 10, "百")):
        if digit:
            out += _ZH_DIGITS[digit] + mark
    tens, unit = n // 10 % 10, n % 10
    if tens:
        out += ("" if tens == 1 and not out else _ZH_DIGITS[tens]) + "十"
    elif unit and out:
        out += "零"
    return out + (_ZH_DIGITS[unit] if unit else "")


def _plain(phrase: str) -> str:
    """A phrase as the calculator's tokenizer compares it (two phrases that compare equal name the same)."""
    return phrase_key(phrase)


def subprogramme_spellings(n: int, language: str) -> list[str]:
    """Ways to write "subprogramme n" (the generator's own, not the lexicon's)."""
    if language == "zh":
        cn = ZH_NUMBERS.get(n, str(n))
        return [
            f"次级方案{n}",
            f"次级方案 {n}",
            f"次级方案{cn}",
            f"第{cn}个次级方案",
            f"第{n}个次级方案",
            f"第{cn}次级方案",
            f"次级方案（{cn}）",
        ]
    return [
        f"subprogramme {n}",
        f"Subprogramme {n}",
        f"sub-programme {n}",
        f"SP{n}",
        f"SP {n}",
        f"subprogramme {EN_NUMBERS.get(n, n)}",
        f"Subprogramme {ROMAN.get(n, n)}",
        f"the {EN_ORDINALS.get(n, n)} subprogramme",
        f"sub-programme no. {n}",
        f"subprogramme #{n}",
    ]


class Generator:
    """Builds the cases; `rng` picks a spread of spellings so the set stays in the thousands."""

    def __init__(self, tables: pd.DataFrame, names: Names, seed: int = 7):
        self.oracle = Oracle(tables)
        self.names = names
        self.rng = random.Random(seed)
        self.n = 0

    def case(
        self,
        question: str,
        language: str,
        expect: str,
        value: float | None = None,
        unit: str = "",
        operation: str = "",
        note: str = "",
    ) -> Case:
        self.n += 1
        values = () if value is None else (round(value, 6),)
        return Case(f"g{self.n:05d}", question, language, expect, values, unit, operation, note)

    def components(self, language: str, k: int = 4) -> Iterator[tuple[str, str]]:
        """(key, words) for every component: subprogramme spellings and names."""
        for key in COMPONENT_COLUMNS:
            words = list(self.names.of(language, "component", key))
            if key in SUBPROGRAMMES:
                words += subprogramme_spellings(int(key[2]), language)
            for phrase in self.rng.sample(words, min(k, len(words))):
                yield key, phrase

    def members(self, language: str, dim: str, keys, k: int = 2) -> Iterator[tuple[str, str]]:
        for key in keys:
            words = self.names.of(language, dim, key)
            for phrase in self.rng.sample(words, min(k, len(words))):
                yield key, phrase

    def all(self) -> list[Case]:
        cases: list[Case] = []
        for language in ("en", "zh"):
            cases += self.lookups(language)
            cases += self.more(language)
            cases += self.operations(language)
            cases += self.no_number(language)
            cases += self.thresholds(language)
        cases += self.misspelt([c for c in cases if c.language == "en" and c.expect == "answer"])
        return cases

    def misspelt(self, cases: list[Case], k: int = 300) -> list[Case]:
        """Questions with one long word misspelt (two letters swapped): the right figure, or none."""
        out = []
        for case in self.rng.sample(cases, min(k, len(cases))):
            words = [w for w in re.findall(r"[a-z]{7,}", case.question) if w not in ("subprogramme",)]
            if not words:
                continue
            word = self.rng.choice(words)
            i = self.rng.randrange(1, len(word) - 2)
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            question = case.question.replace(word, typo, 1)
            out.append(
                self.case(
                    question,
                    case.language,
                    "answer",
                    case.values[0],
                    case.unit,
                    case.operation,
                    "misspelt: " + typo,
                )
            )
        return out

    def more(self, language: str) -> list[Case]:
        """Posts organisation-wide, the staggered plan, breakdowns, totals of deliverables, prose figures,
        and the same questions asked politely."""
        o, out = self.oracle, []
        en = language == "en"
        grades = [
            ("D-1", "D-1"),
            ("P-5", "P-5"),
            ("P-4", "P-4"),
            ("P-3", "P-3"),
            ("P-2", "P-2"),
            ("ASG", "ASG"),
        ]
        grades += list(self.members(language, "grade", ["PROF", "GS"], 2))
        for gkey, g in grades:
            for template in (
                ["How many {g} posts are there in 2020?", "What is the total number of {g} posts?"]
                if en
                else ["{g}员额一共有多少个？", "2020年{g}员额总数是多少？"]
            ):
                out.append(self.case(template.format(g=g), language, "answer", o.posts(grade=gkey), "posts"))
        for fkey, f in self.members(language, "funding", ["FNE", "RB", "PSC"], 2):
            for template in (
                ["How many posts are funded from the {f}?", "Number of {f} posts?"]
                if en
                else ["{f}供资的员额有多少个？", "{f}员额总数是多少？"]
            ):
                if fkey == "PSC" and "programme support" in f.lower() or fkey == "PSC" and "方案支助" in f:
                    continue
                out.append(
                    self.case(template.format(f=f), language, "answer", o.posts(funding=fkey), "posts")
                )
        for year, row in ((2021, "2021"), (2022, "2022"), (2023, "2023")):
            value = o.cell("1.5A", row, "Total")
            for template in (
                ["How many posts will be added in {y}?", "How many new posts are to be filled in {y}?"]
                if en
                else ["{y}年新增多少个员额？", "{y}年要填补多少个新员额？"]
            ):
                out.append(self.case(template.format(y=year), language, "answer", value, "posts"))
            for key, c in self.components(language, 2):
                added = o.cell("1.5B", COMPONENT_ROWS[key], f"Posts per year › {row}")
                template = "How many posts will {c} add in {y}?" if en else "{c} {y}年新增多少个员额？"
                out.append(self.case(template.format(c=c, y=year), language, "answer", added, "posts"))
        plan = o.cell("1.5A", "Total", "Total")
        for template in (
            [
                "How many posts will there be in total by 2023?",
                "How many core posts does the strategic plan have?",
            ]
            if en
            else ["到2023年共有多少个员额？", "战略计划的核心员额共有多少个？"]
        ):
            out.append(self.case(template, language, "answer", plan, "posts"))
        for key, c in self.components(language, 3):
            for template in (
                [
                    "How much does {c} get from each source of funding?",
                    "Break down the budget of {c} by source of funding.",
                ]
                if en
                else ["{c}的资金来自哪些来源，各多少？", "{c}按资金来源分列的预算分别是多少？"]
            ):
                out.append(
                    self.case(
                        template.format(c=c), language, "answer", o.money(key), "thousand USD", "breakdown"
                    )
                )
        for dkey, d in self.members(language, "deliverable", list(DELIVERABLE_ROWS), 2):
            total = sum(o.deliverable(k, dkey) for k in SUBPROGRAMMES)
            template = "How many {d} are planned in total in 2020?" if en else "2020年计划的{d}一共有多少？"
            out.append(self.case(template.format(d=d), language, "answer", total))
        prose = [
            ("What programme support charge does the Foundation levy?", "方案支助费率是多少？", 13.0, "%"),
            (
                "What operating reserve does UN-Habitat expect for 2020, as a share of the budget?",
                "2020年业务准备金占预算的比例是多少？",
                10.0,
                "%",
            ),
            (
                "How much is the regular budget for conference services (section 2)?",
                "第 2 款会议事务的预算是多少？",
                600.0,
                "thousand USD",
            ),
            (
                "What is the annualised budget of the Development Account?",
                "发展账户的年度化预算是多少？",
                1700.0,
                "thousand USD",
            ),
        ]
        for question_en, question_zh, value, unit in prose:
            out.append(self.case(question_en if en else question_zh, language, "answer", value, unit))
        polite = (
            ["Could you tell me: ", "Quick question, ", "For our statement: ", "Please: "]
            if en
            else ["请问，", "麻烦问一下，", "想了解一下，"]
        )
        for case in self.rng.sample([c for c in out if c.expect == "answer"], min(120, len(out))):
            prefix = self.rng.choice(polite)
            question = prefix + (case.question[:1].lower() + case.question[1:] if en else case.question)
            out.append(self.case(question, language, "answer", case.values[0], case.unit, case.operation))
        return out

    def add(
        self, out: list[Case], question: str, language: str, figure, unit: str = "", operation: str = ""
    ) -> None:
        """A case whose figure the oracle reads; none when the summary table leaves that cell empty."""
        try:
            value = figure()
        except KeyError:
            return
        out.append(self.case(question, language, "answer", value, unit, operation))

    # -- figures the tables print --------------------------------------------------------------------
    def lookups(self, language: str) -> list[Case]:
        o, out = self.oracle, []
        en = language == "en"
        money_total = (
            [
                "What is the total budget of {c}?",
                "How much money does {c} get in 2020?",
                "What are the total resources for {c}?",
                "What is the 2020 budget for {c}?",
                "How much is proposed for {c}?",
            ]
            if en
            else [
                "{c}的预算总额是多少？",
                "{c} 2020 年的预算是多少？",
                "{c}获得多少资金？",
                "{c}的所需资源总额是多少？",
            ]
        )
        for key, c in self.components(language, 6):
            for template in money_total:
                out.append(self.case(template.format(c=c), language, "answer", o.money(key), "thousand USD"))
        by_funding = (
            [
                "How much {f} funding does {c} get?",
                "What is the {f} budget of {c}?",
                "{c}: how much {f} money?",
            ]
            if en
            else ["{c}的{f}资金是多少？", "{c}有多少{f}经费？"]
        )
        for key, c in self.components(language, 3):
            for fkey, f in self.members(language, "funding", ["FNE", "RB", "FE", "TC"]):
                for template in by_funding:
                    out.append(
                        self.case(
                            template.format(c=c, f=f), language, "answer", o.money(key, fkey), "thousand USD"
                        )
                    )
        by_object = (
            ["How much does {c} spend on {x}?", "What is the budget for {x} in {c}?"]
            if en
            else ["{c}的{x}是多少？", "{c}用于{x}的资金是多少？"]
        )
        for key, c in self.components(language, 2):
            for okey, x in self.members(language, "object", [k for k in OBJECT_ROWS if k != "POSTS"], 1):
                for template in by_object:
                    self.add(
                        out,
                        template.format(c=c, x=x),
                        language,
                        lambda key=key, okey=okey: o.money(key, thing=okey),
                        "thousand USD",
                    )
        totals = (
            ["What is the total {f} budget?", "How much {f} money is there in total?"]
            if en
            else ["{f}资金总额是多少？", "{f}经费一共多少？"]
        )
        for fkey, f in self.members(language, "funding", ["FNE", "RB", "FE", "TC"], 3):
            for template in totals:
                out.append(
                    self.case(template.format(f=f), language, "answer", o.money(funding=fkey), "thousand USD")
                )
        posts = (
            [
                "How many posts does {c} have?",
                "What is the number of posts in {c}?",
                "How many posts are there in {c} in 2020?",
            ]
            if en
            else ["{c}有多少个员额？", "{c}的员额数是多少？", "{c}有几个员额？"]
        )
        for key, c in self.components(language, 6):
            for template in posts:
                out.append(self.case(template.format(c=c), language, "answer", o.posts(key), "posts"))
        by_grade = (
            ["How many {g} posts does {c} have?", "How many posts at the {g} level are in {c}?"]
            if en
            else ["{c}有多少个{g}员额？", "{c}的{g}员额有几个？"]
        )
        grades = [
            ("D-1", "D-1"),
            ("P-5", "P-5"),
            ("P-4", "P-4"),
            ("P-3", "P-3"),
            ("P-2", "P-2"),
            ("D-2", "D-2"),
        ]
        grades += list(self.members(language, "grade", ["PROF", "GS"], 2))
        for key, c in self.components(language, 2):
            for gkey, g in grades:
                for template in by_grade:
                    out.append(
                        self.case(
                            template.format(c=c, g=g), language, "answer", o.posts(key, grade=gkey), "posts"
                        )
                    )
        by_source = (
            ["How many {f} posts does {c} have?", "How many posts in {c} are funded by the {f}?"]
            if en
            else ["{c}有多少个{f}员额？", "{c}由{f}供资的员额有多少个？"]
        )
        for key, c in self.components(language, 2):
            for fkey, f in self.members(language, "funding", ["FNE", "RB"], 2):
                for template in by_source:
                    out.append(
                        self.case(template.format(c=c, f=f), language, "answer", o.posts(key, fkey), "posts")
                    )
        trend = (
            ["How much were {i} in {y}?", "What was the {i} in {y}?"]
            if en
            else ["{y}年的{i}是多少？", "{y}年{i}有多少？"]
        )
        for ikey, i in self.members(language, "item", list(TREND_ROWS), 2):
            for year in self.rng.sample(sorted(TREND_COLUMNS), 3):
                for template in trend:
                    out.append(
                        self.case(
                            template.format(i=i, y=year),
                            language,
                            "answer",
                            o.trend(ikey, year),
                            "thousand USD",
                        )
                    )
        deliver = (
            ["How many {d} does {c} plan for 2020?", "What is the planned number of {d} of {c}?"]
            if en
            else ["{c}计划多少{d}？", "{c} 2020 年计划交付多少{d}？"]
        )
        for key, c in self.components(language, 3):
            if key not in SUBPROGRAMMES:
                continue
            for dkey, d in self.members(language, "deliverable", list(DELIVERABLE_ROWS), 1):
                for template in deliver:
                    out.append(
                        self.case(template.format(c=c, d=d), language, "answer", o.deliverable(key, dkey))
                    )
        return out

    # -- arithmetic over them ----------------------------------------------------------------------
    def operations(self, language: str) -> list[Case]:
        o, out = self.oracle, []
        en = language == "en"
        total = o.money()
        spellings = {k: [w for kk, w in self.components(language, 3) if kk == k] for k in SUBPROGRAMMES}
        pairs = [(a, b) for a in SUBPROGRAMMES for b in SUBPROGRAMMES if a != b]
        for a, b in pairs:
            templates = [  # (English, Chinese, expected value, unit, operation)
                ("How much more does {a} get than {b}?", "{a}比{b}多多少资金？",
                 o.money(a) - o.money(b), "thousand USD", "difference"),
                ("How much do {a} and {b} get together?", "{a}和{b}的预算合计是多少？",
                 o.money(a) + o.money(b), "thousand USD", "sum"),
                ("How many times bigger is the budget of {a} than that of {b}?", "{a}的预算是{b}的几倍？",
                 o.money(a) / o.money(b), "ratio", "ratio"),
                ("How many more posts does {a} have than {b}?", "{a}比{b}多几个员额？",
                 o.posts(a) - o.posts(b), "posts", "difference"),
            ]  # fmt: skip
            for ca, cb in zip(spellings[a], spellings[b], strict=False):
                for text_en, text_zh, value, unit, op in templates:
                    question = (text_en if en else text_zh).format(a=ca, b=cb)
                    out.append(self.case(question, language, "answer", value, unit, op))
        for key, c in self.components(language, 4):
            share = (
                ["What share of the total budget goes to {c}?", "What percentage of the budget is for {c}?"]
                if en
                else ["{c}占预算总额的比例是多少？", "{c}的预算占总预算的百分之几？"]
            )
            for template in share:
                out.append(
                    self.case(
                        template.format(c=c), language, "answer", o.money(key) / total * 100, "%", "share"
                    )
                )
            # a share of the subprogrammes together (no printed total): their figures added up; a
            # component that is not one of them has no such share
            together = (
                [
                    ("What share of the four subprogrammes' combined budget goes to {c}?", "money"),
                    ("{c} as a percentage of all subprogrammes' budgets?", "money"),
                    ("What share of all subprogrammes' posts does {c} have?", "posts"),
                ]
                if en
                else [
                    ("{c}占四个次级方案预算合计的百分之几？", "money"),
                    ("{c}的员额数占所有次级方案员额数的比例是多少？", "posts"),
                ]
            )
            for template, measure in together:
                of = o.money if measure == "money" else o.posts
                if key in SUBPROGRAMMES:
                    value = of(key) / sum(of(k) for k in SUBPROGRAMMES) * 100
                    out.append(self.case(template.format(c=c), language, "answer", value, "%", "share"))
                else:
                    out.append(self.case(template.format(c=c), language, "clarify"))
            for fkey, f in self.members(language, "funding", ["TC", "FE", "FNE"], 1):
                within = (
                    "What percentage of the budget of {c} is {f}?" if en else "{c}的预算中{f}占多少比例？"
                )
                out.append(
                    self.case(
                        within.format(c=c, f=f),
                        language,
                        "answer",
                        o.money(key, fkey) / o.money(key) * 100,
                        "%",
                        "share",
                    )
                )
            per_post = "What is the average cost per post in {c}?" if en else "{c}平均每个员额的费用是多少？"
            out.append(
                self.case(
                    per_post.format(c=c),
                    language,
                    "answer",
                    o.money(key, thing="POSTS") / o.posts(key),
                    "thousand USD",
                    "per_post",
                )
            )
            for gkey, g in self.members(language, "grade", ["GS", "PROF"], 1):
                part = "What share of the posts of {c} are {g}?" if en else "{c}的员额中{g}占多少比例？"
                out.append(
                    self.case(
                        part.format(c=c, g=g),
                        language,
                        "answer",
                        o.posts(key, grade=gkey) / o.posts(key) * 100,
                        "%",
                        "share",
                    )
                )
            # posts for each post of another category: the one after "each" divides, wherever it stands
            for (akey, a), (bkey, b) in itertools.permutations(
                list(self.members(language, "grade", ["GS", "PROF"], 1)), 2
            ):
                ratio = (
                    "How many {a} posts are there for each {b} post in {c}?"
                    if en
                    else "{c}每个{b}员额对应多少个{a}员额？"
                )
                value = o.posts(key, grade=akey) / o.posts(key, grade=bkey)
                question = ratio.format(a=a, b=b, c=c)
                out.append(self.case(question, language, "answer", value, "ratio", "ratio"))
            # another money word with "per post" is not the cost of a post: asked back
            other = "What is the total budget per post in {c}?" if en else "{c}每个员额的平均总预算是多少？"
            out.append(self.case(other.format(c=c), language, "clarify", None, "", "per_post"))
        for fkey, f in self.members(language, "funding", ["FNE", "RB", "FE", "TC"], 2):
            values = {k: o.money(k, fkey) for k in SUBPROGRAMMES}
            rank = "Which subprogramme has the largest {f} budget?" if en else "哪个次级方案的{f}资金最多？"
            out.append(
                self.case(rank.format(f=f), language, "answer", max(values.values()), "thousand USD", "rank")
            )
            rank = "Which subprogramme gets the least {f} funding?" if en else "哪个次级方案的{f}资金最少？"
            out.append(
                self.case(rank.format(f=f), language, "answer", min(values.values()), "thousand USD", "rank")
            )
            ordered = sorted(values.values(), reverse=True)  # a place in the ranking, from either end
            places = (
                [
                    "Which subprogramme has the {n} largest {f} budget?",
                    "Which subprogramme's {f} budget is the {n}-highest?",
                ]
                if en
                else ["{f}资金{n}多的次级方案是哪个？", "哪个次级方案的{f}资金排{n}？"]
            )
            words = ((2, "second"), (3, "third")) if en else ((2, "第二"), (3, "第三"))
            out += [
                self.case(
                    template.format(n=word, f=f),
                    language,
                    "answer",
                    ordered[place - 1],
                    "thousand USD",
                    "rank",
                )
                for place, word in words
                for template in places
            ]
            smallest = (
                "Which subprogramme has the second smallest {f} budget?"
                if en
                else "{f}资金第二少的次级方案是哪个？"
            )
            out.append(
                self.case(smallest.format(f=f), language, "answer", ordered[-2], "thousand USD", "rank")
            )
            beyond = (
                "Which subprogramme has the fifth largest {f} budget?"
                if en
                else "{f}资金第五多的次级方案是哪个？"
            )
            out.append(self.case(beyond.format(f=f), language, "none"))
        for ikey, i in self.members(language, "item", ["CONTRIB", "INCOME", "EXPEND"], 2):
            for y1, y2 in ((2014, 2018), (2016, 2017), (2018, 2020)):
                change = "How much did {i} change from {a} to {b}?" if en else "{i}从{a}年到{b}年变化了多少？"
                out.append(
                    self.case(
                        change.format(i=i, a=y1, b=y2),
                        language,
                        "answer",
                        o.trend(ikey, y2) - o.trend(ikey, y1),
                        "thousand USD",
                        "change",
                    )
                )
        # two years compared in percent: the year after "than" / 比 (or after "compared with") is the base
        higher = ["By what percentage is {i} in {a} higher than in {b}?", "{i}{a}年比{b}年多百分之几？"]
        lower = ["By what percentage is {i} in {a} lower than in {b}?", "{i}{a}年比{b}年少百分之几？"]
        based = [
            "Compared with {b}, by what percentage is {i} higher in {a}?",
            "与{b}年相比，{i}{a}年多了百分之几？",
        ]
        for ikey, i in self.members(language, "item", ["CONTRIB", "INCOME", "EXPEND"], 2):
            for y1, y2 in ((2014, 2018), (2016, 2017), (2019, 2020), (2017, 2015)):
                for a, b in ((y1, y2), (y2, y1)):
                    va, vb = o.trend(ikey, a), o.trend(ikey, b)
                    templates = [higher, based] if va > vb else [lower]
                    for template in templates:
                        out.append(
                            self.case(
                                template[0 if en else 1].format(i=i, a=a, b=b),
                                language,
                                "answer",
                                abs(va - vb) / vb * 100,
                                "%",
                                "change" if va > vb else "decrease",  # (a fall: its size)
                            )
                        )
                other = "expenditure" if ikey != "EXPEND" else "income"
                other = other if en else {"expenditure": "支出", "income": "收入"}[other]
                crossed = (
                    [
                        "By what percentage is {i} in {a} higher than {o} in {b}?",
                        "How much more is {i} in {a} than {o} in {b}?",
                    ]
                    if en
                    else ["{i}{a}年比{b}年{o}多百分之几？", "{i}{a}年比{b}年{o}多多少？"]
                )
                for template in crossed:  # two lines, one year each: never one line's two years
                    out.append(self.case(template.format(i=i, a=y1, b=y2, o=other), language, "clarify"))
                vs = "{i}: {a} vs {b}, in percent?" if en else "{i}：{a}年对{b}年，百分之几？"
                out.append(self.case(vs.format(i=i, a=y1, b=y2), language, "clarify"))  # of which year?
        # two subprogrammes with "than" / 比 between them, in percent: the excess over the one after it
        spelt = [(k, w) for k, w in self.components(language, 3) if k in SUBPROGRAMMES]
        for (ka, a), (kb, b) in itertools.combinations(spelt, 2):
            if ka == kb:
                continue
            if o.money(ka) < o.money(kb):
                (ka, a), (kb, b) = (kb, b), (ka, a)
            va, vb = o.money(ka), o.money(kb)
            more = (
                "By what percentage is {a}'s budget higher than {b}'s?"
                if en
                else "{a}的预算比{b}多百分之几？"
            )
            out.append(
                self.case(more.format(a=a, b=b), language, "answer", (va - vb) / vb * 100, "%", "difference")
            )
            less = (
                "By what percentage is {b}'s budget lower than {a}'s?" if en else "{b}的预算比{a}少百分之几？"
            )
            out.append(self.case(less.format(a=a, b=b), language, "clarify"))  # (not read yet: asked back)
        average = (
            [
                "What is the average budget of the four subprogrammes?",
                "What is the mean budget across all subprogrammes?",
            ]
            if en
            else ["四个次级方案的平均预算是多少？", "各次级方案的平均预算是多少？"]
        )
        for template in average:
            out.append(
                self.case(
                    template,
                    language,
                    "answer",
                    sum(o.money(k) for k in SUBPROGRAMMES) / 4,
                    "thousand USD",
                    "average",
                )
            )
        return out

    # -- questions that must get no number -----------------------------------------------------------
    def thresholds(self, language: str) -> list[Case]:
        """ "How many subprogrammes have more than <n> posts / <m> million?": the members passing the number,
        counted by the oracle; a money number with no unit, or nothing to count, gets no figure."""
        o, out = self.oracle, []
        en = language == "en"
        compare = {  # (English before, English after, Chinese before, Chinese after) → the test
            "above": (["more than", "over", "above"], [], ["超过", "多于", "高于"], []),
            "at_least": (["at least"], ["or more"], ["至少", "不少于"], ["以上"]),
            "below": (["fewer than", "less than", "under"], [], ["少于", "低于", "不到"], []),
            "at_most": (["at most", "no more than"], ["or fewer"], ["不超过", "至多"], ["以下"]),
        }
        tests = {
            "above": lambda v, n: v > n,
            "at_least": lambda v, n: v >= n,
            "below": lambda v, n: v < n,
            "at_most": lambda v, n: v <= n,
        }
        posts = {k: o.posts(k) for k in SUBPROGRAMMES}
        money = {k: o.money(k) for k in SUBPROGRAMMES}
        for kind, (en_before, en_after, zh_before, zh_after) in compare.items():
            for n in (36, 40, 41, 47):
                value = sum(1 for v in posts.values() if tests[kind](v, n))
                for said in (str(n), en_words(n) if en else zh_words(n)):  # digits, and in words
                    if en:
                        asked = [f"How many subprogrammes have {w} {said} posts?" for w in en_before]
                        asked += [f"How many subprogrammes have {said} posts {w}?" for w in en_after]
                    else:
                        asked = [f"员额{w}{said}个的次级方案有几个？" for w in zh_before]
                        asked += [f"员额在{said}个{w}的次级方案有几个？" for w in zh_after]
                    out += [self.case(q, language, "answer", value, "count", "filter") for q in asked]
            for millions in (40, 55, 60):
                value = sum(1 for v in money.values() if tests[kind](v, millions * 1000))
                spelled = (
                    (str(millions), en_words(millions))
                    if en
                    else (str(millions * 100), zh_words(millions * 100))
                )
                for said in spelled:
                    if en:
                        asked = [
                            f"How many subprogrammes have a budget {w} US$ {said} million?" for w in en_before
                        ]
                    else:
                        asked = [f"预算{w}{said}万美元的次级方案有几个？" for w in zh_before]
                    out += [self.case(q, language, "answer", value, "count", "filter") for q in asked]
        for key, c in self.components(language, 3):  # a member's place: one more than those ahead of it
            if key not in SUBPROGRAMMES:
                continue
            for values, en_by, zh_by in (
                (money, "by budget", "预算"),
                (posts, "by number of posts", "员额数"),
            ):
                place = 1 + sum(1 for v in values.values() if v > values[key])
                asked = (
                    f"Where does {c} rank among the subprogrammes {en_by}?"
                    if en
                    else f"{c}的{zh_by}在各次级方案中排第几？"
                )
                out.append(self.case(asked, language, "answer", place, "count", "place"))
        unit_less = (  # money with no unit, nothing to count, no measure: no figure
            ["How many subprogrammes have a budget above 50000?",
             "Is the budget of subprogramme 1 over 50 million?",
             "How many subprogrammes have more than 40?"]
            if en
            else ["预算超过50000的次级方案有几个？", "次级方案1的预算超过5000万美元吗？",
                  "超过40的次级方案有几个？"]
        )  # fmt: skip
        out += [self.case(q, language, "none", note="threshold") for q in unit_less]
        return out

    def no_number(self, language: str) -> list[Case]:
        out = []
        en = language == "en"
        unbound = (
            [
                "What is the budget of the subprogramme?",
                "How many posts does the subprogramme have?",
                "How much technical cooperation funding does the subprogramme get?",
                "What is the budget of this component?",
                "How many P-4 posts are in the subprogramme?",
                "How much is allocated to that source of funding?",
            ]
            if en
            else [
                "次级方案的预算是多少？",
                "次级方案的员额有多少？",
                "该次级方案的技术合作资金是多少？",
                "这个次级方案有多少个员额？",
                "该组成部分的预算是多少？",
                "次级方案有几个P-4员额？",
            ]
        )
        for question in unbound:
            out.append(self.case(question, language, "clarify"))
        for n in (5, 6, 7, 9):
            for c in subprogramme_spellings(n, language):
                template = "What is the budget of {c}?" if en else "{c}的预算是多少？"
                out.append(self.case(template.format(c=c), language, "none", note="no such subprogramme"))
                template = "How many posts does {c} have?" if en else "{c}有多少个员额？"
                out.append(self.case(template.format(c=c), language, "none", note="no such subprogramme"))
        for _key, c in self.components(language, 2):
            for year in (2018, 2019, 2021, 2022, 2025):
                template = "What is the budget of {c} for {y}?" if en else "{c} {y}年的预算是多少？"
                out.append(self.case(template.format(c=c, y=year), language, "none", note="no such year"))
        for _ikey, i in self.members(language, "item", ["CONTRIB", "INCOME"], 1):
            for year in (2010, 2013, 2021, 2024):
                template = "How much were {i} in {y}?" if en else "{y}年的{i}是多少？"
                out.append(self.case(template.format(i=i, y=year), language, "none", note="no such year"))
        for _key, c in self.components(language, 2):
            for qualifier in QUALIFIERS[language]:
                if en:
                    question = f"What is the budget of {c}{qualifier}?"
                    other = f"How many posts does {c} have{qualifier}?"
                else:
                    question = f"{c}{qualifier}的预算是多少？"
                    other = f"{c}{qualifier}有多少个员额？"
                out.append(self.case(question, language, "none", note="qualifier"))
                out.append(self.case(other, language, "none", note="qualifier"))
        wrong_measure = (
            [
                "How many posts does the source of funding have?",
                "What is the budget of the grade?",
                "What does the object of expenditure cost?",
            ]
            if en
            else ["该资金来源有多少员额？", "这个职等的预算是多少？", "那个支出分项的金额是多少？"]
        )
        for question in wrong_measure:
            out.append(self.case(question, language, "none", note="a dimension without a member"))
        for org in ORGANISATIONS[language]:
            template = (
                ["What is the total budget of {o}?", "How many posts does {o} have in 2020?"]
                if en
                else ["{o}的预算总额是多少？", "{o}有多少个员额？"]
            )
            for t in template:
                out.append(self.case(t.format(o=org), language, "none", note="another organisation"))
        return out
