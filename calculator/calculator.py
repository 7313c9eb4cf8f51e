"""Numeric questions: entities → a plan over the tidy tables → a value with its formula and cells.

This first slice answers the 2020 figures of the summary tables: money by component, source of
funding and object of expenditure (Tables 1.1, 1.2, 1.3, and a component's own X.2 table for all
three), and posts by component and source of funding (Table 2.1). Operations: look up, sum, share,
largest / smallest, compare. Every figure taken from a summary table is checked against the
component's own table (X.2, X.3); when they disagree both values are given with both citations.
A question it cannot map without guessing gets no number, but what is ambiguous or missing.
Questions it does not recognise as numeric table questions go back to retrieval (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from calculator.cells import COMPONENT_TABLES, PROPOSED_2020, TOTAL, Cell, find_cell
from calculator.vocabulary import Entity, Vocabulary

# Signs of a quantity question. Alone they are not enough ("who approves the budget?"): NOT_HERE and the
# residue check below keep out questions about anything but the figures.
NUMERIC = re.compile(
    r"how much|how many|amount|budget|funding|resources|\bshare\b|percent|proportion|total|"
    r"largest|smallest|biggest|highest|lowest|"
    r"\bmost\b|\bleast\b|rank|compare|difference|more than|less than|combined|\bsum\b|"
    r"多少|金额|数额|预算|资金|经费|占|比例|百分|总额|合计|总共|最多|最少|最大|最小|最高|最低|排名|比较|相差|差额|加起来",
    re.IGNORECASE,
)
# Questions this slice does not answer, whatever their numbers: who / why / names, grades, deliverables,
# sections of the regular budget, things counted in the prose. They go to retrieval, which cites them.
NOT_HERE = re.compile(
    r"\bwho\b|\bwhy\b|\bwhen\b|\bwhere\b|which body|name|\bgrades?\b|(?<![a-z])[pdg]-\d|(?<![a-z])[ua]sg\b|"
    r"general service|professional|project|\bdays?\b|publication|technical material|"
    r"deliverable|cit(?:y|ies)|house|section \d|regular programme|development account|"
    r"\bsdgs?\b|sustainable development goal|"
    r"谁|为什么|何时|哪里|名字|叫什么|职等|职类|一般事务|专业|项目|天|出版物|技术材料|交付|城市|房屋|第\s*\d+\s*款|"
    r"经常方案|发展账户|可持续发展目标",
    re.IGNORECASE,
)
POSTS = re.compile(
    r"how many [\w\-/ ]{0,30}?(?:posts|positions|staff)|number of posts|posts? count|headcount|"
    r"(?:多少|几)个?[^，,。？?]{0,12}员额|员额[^，,。？?]{0,10}(?:多少个|几个|一共多少|有多少)|员额数",
    re.IGNORECASE,
)
PROSE = re.compile(r"income|charge|levy|recover|reserve|收入|收取|回收|准备金", re.IGNORECASE)
SHARE = re.compile(r"\bshare\b|percent|proportion|what fraction|占|比例|百分", re.IGNORECASE)
RANK_MAX = re.compile(r"largest|biggest|highest|most|最多|最大|最高", re.IGNORECASE)
RANK_MIN = re.compile(r"smallest|lowest|least|最少|最小|最低", re.IGNORECASE)
COMPARE = re.compile(
    r"compare|versus|\bvs\.?\b|difference|more than|less than|比较|对比|相差|差额|多多少|少多少",
    re.IGNORECASE,
)
EACH = re.compile(
    r"each (?:sub-?programme|source|funding)|by (?:sub-?programme|source of funding|funding source)|"
    r"per sub-?programme|各次级方案|各个次级方案|各资金来源|分别",
    re.IGNORECASE,
)
SUM = re.compile(r"combined|together|sum|in total|合计|总共|加起来|一共", re.IGNORECASE)
GRAND_TOTAL = re.compile(
    r"total budget|overall budget|total resources|total requirements|总预算|所需资源总额|资源总额",
    re.IGNORECASE,
)
SUBPROGRAMMES = ("SP1", "SP2", "SP3", "SP4")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
MONEY, POSTS_UNIT = "thousand USD", "posts"
TREND_TABLE = "3.0"
CHANGE = re.compile(
    r"change[sd]?|grow(?:th|n)?|grew|increase[sd]?|decrease[sd]?|fell|fall|rose|rise|drop(?:ped)?|"
    r"\bfrom\b|\bto\b|between|变化|增长|增加|减少|下降|上升|从|到|至|比",
    re.IGNORECASE,
)
PERCENT_CHANGE = re.compile(r"percent|%|per cent|rate|百分|增长率|变化率|幅度", re.IGNORECASE)
COUNT = re.compile(r"how many|多少个|几个", re.IGNORECASE)
# Words a table question may use around the items it names; anything else left over is a qualifier the
# calculator does not model (a grade, "average", "non-post", "rent"...), so it answers nothing.
GENERIC_EN = frozenset(
    (  # noqa: SIM905 - a paragraph of words reads better than a list of strings
        "how much many what is are was were the of for to in on does do did get gets receive receives "
        "received "
        "allocated allocation budget budgets budgeted resources resource funding funded funds fund total "
        "overall "
        "money amount proposed requirements required share percentage percent proportion which has have "
        "largest smallest most least biggest highest lowest compare comparison versus vs difference "
        "between and combined together sum each by per subprogramme subprogrammes sub programme "
        "programmes source sources from comes come goes go spent spend a an with will be its their all un "
        "habitat un-habitat year under within at as that this there please tell me show give us what's "
        "whats provided provide planned plan cost costs expenditure it larger smaller more less than"
    ).split()
)
GENERIC_ZH = (
    "多少钱",
    "多少个",
    "多少",
    "几个",
    "是",
    "的",
    "有",
    "为",
    "了",
    "预算",
    "资源",
    "资金",
    "经费",
    "总额",
    "合计",
    "一共",
    "总共",
    "共计",
    "年",
    "拟议",
    "所需",
    "占",
    "比例",
    "百分比",
    "百分之",
    "多大",
    "哪个",
    "哪一个",
    "最多",
    "最少",
    "最大",
    "最小",
    "最高",
    "最低",
    "比较",
    "相差",
    "差额",
    "加起来",
    "各",
    "分别",
    "获得",
    "得到",
    "分配",
    "用于",
    "来自",
    "钱",
    "员额",
    "个",
    "人居署",
    "次级方案",
    "资金来源",
    "中",
    "里",
    "在",
    "和",
    "与",
    "及",
    "对",
    "给",
    "用",
    "花",
    "费用",
    "支出",
    "请问",
    "请",
    "吗",
    "呢",
    "一下",
    "列出",
    "各是",
    "各为",
    "数",
    "总",
    "共",
    "全部",
    "所有",
)


@dataclass
class Outcome:
    """A calculator answer: the sentence, the result (None when refused) and the tables cited."""

    answer: str
    result: dict | None
    tables: list[str] = field(default_factory=list)


def fmt(value: float, unit: str, whole: bool = False) -> str:
    """A figure as the document writes it: space-separated thousands, one decimal for thousands of
    dollars (none when the operands had none, as in Table 3.0)."""
    if unit == POSTS_UNIT or (whole and unit == MONEY):
        return f"{value:,.0f}".replace(",", " ")
    if unit in ("%", "ratio"):
        return f"{value:.1f}" if unit == "%" else f"{value:.2f}"
    return f"{value:,.1f}".replace(",", " ")


def money_words(value: float, language: str) -> str:
    """Thousands of US dollars read aloud: "US$ 59.5 million" / "约 5 953.2 万美元"."""
    if language == "zh":
        return f"约 {value / 10:,.1f} 万美元".replace(",", " ")
    return f"US$ {value / 1000:,.1f} million"


def unit_words(unit: str, language: str) -> str:
    zh = {MONEY: "千美元", POSTS_UNIT: "个员额", "%": "%"}
    en = {MONEY: "thousand US dollars", POSTS_UNIT: "posts", "%": "%"}
    return (zh if language == "zh" else en).get(unit, unit)


def label(table: str) -> str:
    return f"表 {table} / Table {table}"


class Calculator:
    """Answers numeric questions from the tidy long frame of the tables."""

    def __init__(self, tables: pd.DataFrame, vocabulary: Vocabulary):
        self.long = tables[tables.table_kind == "table"]
        self.vocabulary = vocabulary

    # -- routing -----------------------------------------------------------------------------------
    def handle(self, question: str, language: str) -> Outcome | None:
        """An Outcome for a numeric table question, None for anything else (it goes to retrieval)."""
        entities = self.vocabulary.find(question)
        if any(e.dimension == "trend" for e in entities):
            return self.trend(question, language, entities)
        each = bool(EACH.search(question))
        if not (NUMERIC.search(question) or each) or PROSE.search(question):
            return None
        outside = question.lower()
        for entity in entities:
            outside = outside.replace(entity.words, " ")  # "城市危机" is a name, not a question about cities
        if NOT_HERE.search(outside):
            return None
        total = bool(GRAND_TOTAL.search(question))
        if not entities and not total and not each:
            return None
        years = {int(y) for y in YEAR.findall(question)} - {2020}
        if years:
            if min(years) >= 2021:
                return self.refuse(language, "year", years=sorted(years))
            return None  # earlier years: Table 3.0 and the prose, not this slice
        measure = POSTS_UNIT if POSTS.search(question) else MONEY
        if measure == MONEY and COUNT.search(question):
            return None  # "how many" of a money item (consultants, travel): a count the tables do not hold
        if self.residue(question, entities):
            return None
        dims = self.by_dimension(entities)
        if "component" in dims and "funding" in dims:
            if dims["component"] == ["PS"] and "PSC" in dims["funding"] and len(dims["funding"]) > 1:
                dims["component"] = []  # "programme support" named beside another source: the source
            if dims["funding"] == ["PSC"] and "PS" in dims["component"] and len(dims["component"]) > 1:
                dims["funding"] = []
            if dims["component"] == ["PS"] and dims["funding"] == ["PSC"]:
                return self.refuse(language, "programme_support")
        dims = {k: v for k, v in dims.items() if v}
        if measure == POSTS_UNIT and "object" in dims:
            return self.refuse(language, "posts_by_object")
        return self.plan(question, language, dims, measure)

    @staticmethod
    def residue(question: str, entities: list[Entity]) -> str:
        """What the question says beyond its items and generic words ("" when it is fully understood)."""
        text = question.lower()
        for entity in sorted(entities, key=lambda e: -len(e.words)):
            text = text.replace(entity.words, " ")
        text = POSTS.sub(" ", text)
        for word in GENERIC_ZH:
            text = text.replace(word, " ")
        left = [w for w in re.findall(r"[a-z][a-z'\-]*|[\u3400-\u9fff]+", text) if w not in GENERIC_EN]
        return " ".join(w for w in left if not w.isascii() or len(w) > 2)

    @staticmethod
    def by_dimension(entities: list[Entity]) -> dict[str, list[str]]:
        dims: dict[str, list[str]] = {}
        for entity in entities:
            keys = dims.setdefault(entity.dimension, [])
            if entity.key not in keys:
                keys.append(entity.key)
        return dims

    # -- plans -------------------------------------------------------------------------------------
    def labels(self, dimension: str) -> dict[str, str]:
        return self.vocabulary.labels[dimension]

    def cell(self, measure: str, component: str | None, funding: str | None, obj: str | None) -> Cell | None:
        """The summary-table cell for one combination (None: the tables do not cross these)."""
        comp = self.labels("component").get(component) if component else None
        fund = self.labels("funding").get(funding) if funding else None
        thing = self.labels("object").get(obj) if obj else None
        if measure == POSTS_UNIT:
            return find_cell(self.long, "2.1", fund or TOTAL, comp or TOTAL)
        if comp and fund and thing:
            if funding == "FNE":  # Table 3.1: the Foundation non-earmarked budget by object and component
                return find_cell(self.long, "3.1", thing, comp)
            return find_cell(self.long, f"{COMPONENT_TABLES[component]}.2", thing, fund)
        if thing and fund:
            return find_cell(self.long, "1.3", thing, fund)
        if thing:
            return find_cell(self.long, "1.2", thing, comp or TOTAL)
        return find_cell(self.long, "1.1", fund or TOTAL, comp or TOTAL)

    def twin(self, measure: str, component: str | None, funding: str | None, obj: str | None) -> Cell | None:
        """The same figure in the component's own table, to check the summary table against."""
        if not component or component not in COMPONENT_TABLES:
            return None
        fund = self.labels("funding").get(funding) if funding else None
        thing = self.labels("object").get(obj) if obj else None
        number = COMPONENT_TABLES[component]
        if measure == POSTS_UNIT:
            return find_cell(self.long, f"{number}.3", fund or TOTAL, TOTAL)
        if thing and fund:
            if funding == "FNE":
                return find_cell(self.long, f"{number}.2", thing, fund)
            return None  # that cell is already the component's own table
        return find_cell(self.long, f"{number}.2", thing or TOTAL, fund or PROPOSED_2020)

    def plan(self, question: str, language: str, dims: dict[str, list[str]], measure: str) -> Outcome | None:
        components, fundings, objects = (dims.get(d, []) for d in ("component", "funding", "object"))
        if any(len(keys) > 1 for keys in dims.values()) and sum(len(k) > 1 for k in dims.values()) > 1:
            return self.refuse(language, "too_many")
        rank = RANK_MAX.search(question) or RANK_MIN.search(question)
        asks_which = re.search(r"which|哪个|哪一|哪些", question, re.IGNORECASE)
        if rank and asks_which:
            return self.rank(language, dims, measure, largest=bool(RANK_MAX.search(question)))
        if EACH.search(question):
            return self.rank(language, dims, measure, largest=True, breakdown=True)
        several = next(((d, keys) for d, keys in dims.items() if len(keys) > 1), None)
        fixed = {d: keys[0] for d, keys in dims.items() if len(keys) == 1}
        if several and COMPARE.search(question) and len(several[1]) == 2 and not SHARE.search(question):
            return self.combine(language, several, fixed, measure, "compare")
        if several and SUM.search(question) and not SHARE.search(question):
            return self.combine(language, several, fixed, measure, "sum")
        if several:
            return None  # several items without "compare" or "together": not a reading to guess
        cell = self.cell(
            measure,
            components[0] if components else None,
            fundings[0] if fundings else None,
            objects[0] if objects else None,
        )
        if cell is None:
            return self.refuse(language, "no_cell")
        if SHARE.search(question):
            if len(fixed) != 1:
                return None  # which part of which whole? several readings: not one to guess
            return self.share(language, cell, fixed, measure)
        return self.lookup(language, cell, fixed, measure)

    def check(
        self, cell: Cell, fixed: dict[str, str], measure: str
    ) -> tuple[Cell | None, tuple[Cell, Cell] | None]:
        """(the other table's figure when it differs, (own total, summary total) when they differ).

        A figure from a component's own table (X.2) with no summary twin is checked through the table's
        total: Table 7.2, for one, repeats subprogramme 3's figures under subprogramme 2.
        """
        component = fixed.get("component")
        twin = self.twin(measure, component, fixed.get("funding"), fixed.get("object"))
        if twin is None and component and cell.table == f"{COMPONENT_TABLES.get(component)}.2":
            own, summary = self.twin(MONEY, component, None, None), self.cell(MONEY, component, None, None)
            if own is not None and summary is not None and abs(own.value - summary.value) > 1e-6:
                return None, (own, summary)  # the component's table does not add up to Table 1.1
            return None, None
        if twin is not None and twin.table != cell.table and abs(twin.value - cell.value) > 1e-6:
            return twin, None
        return None, None

    # -- operations --------------------------------------------------------------------------------
    def lookup(self, language: str, cell: Cell, fixed: dict[str, str], measure: str) -> Outcome:
        unit = cell.unit if cell.unit in (MONEY, POSTS_UNIT) else measure
        formula = f"{label(cell.table)}: {cell.row} × {cell.column} = {cell.raw}"
        what = self.describe(fixed, measure, language)
        if cell.nil:
            nil = "为零（表中印为 “{raw}”）" if language == "zh" else "nil (printed “{raw}”)"
            text = (
                f"2020 年{what}{nil.format(raw=cell.raw)} [{label(cell.table)}]。"
                if language == "zh"
                else f"In 2020, {what}: {nil.format(raw=cell.raw)} [{label(cell.table)}]."
            )
        else:
            text = self.sentence(language, what, cell.value, unit, cell.table)
        result = {"value": cell.value, "unit": unit, "formula": formula, "cells": [cell.ref()]}
        return self.with_check(language, Outcome(text, result, [cell.table]), cell, fixed, measure)

    def share(self, language: str, cell: Cell, fixed: dict[str, str], measure: str) -> Outcome:
        whole_fixed = {"component": fixed["component"]} if "component" in fixed and len(fixed) > 1 else {}
        whole = self.cell(measure, whole_fixed.get("component"), None, None)
        if whole is None or whole.value == 0:
            return self.refuse(language, "no_cell")
        value = round(cell.value / whole.value * 100, 1)
        formula = f"{cell.raw} ÷ {whole.raw} = {value:.1f}%"
        part, of = self.describe(fixed, measure, language), self.describe(whole_fixed, measure, language)
        if language == "zh":
            text = f"{part}占{of}的 {value:.1f}%（{formula}）[{label(cell.table)}]。"
        else:
            text = f"{part} is {value:.1f}% of {of} ({formula}) [{label(cell.table)}]."
        result = {"value": value, "unit": "%", "formula": formula, "cells": [cell.ref(), whole.ref()]}
        return self.with_check(language, Outcome(text, result, [cell.table]), cell, fixed, measure)

    def combine(
        self,
        language: str,
        several: tuple[str, list[str]],
        fixed: dict[str, str],
        measure: str,
        operation: str,
    ) -> Outcome:
        dimension, keys = several
        cells = []
        for key in keys:
            args = {**fixed, dimension: key}
            cell = self.cell(measure, args.get("component"), args.get("funding"), args.get("object"))
            if cell is None:
                return self.refuse(language, "no_cell")
            cells.append(cell)
        unit = measure
        names = [self.describe({**fixed, dimension: k}, measure, language) for k in keys]
        rows = [[name, c.value] for name, c in zip(names, cells, strict=True)]
        if operation == "compare":
            value = cells[0].value - cells[1].value
            formula = f"{cells[0].raw} − {cells[1].raw} = {fmt(value, unit)}"
            if language == "zh":
                text = (
                    f"{names[0]}为 {cells[0].raw} {unit_words(unit, language)}，{names[1]}为 {cells[1].raw}"
                    f" {unit_words(unit, language)}，相差 {fmt(value, unit)} [{label(cells[0].table)}]。"
                )
            else:
                text = (
                    f"{names[0]}: {cells[0].raw} {unit_words(unit, language)}; {names[1]}: {cells[1].raw}"
                    f" {unit_words(unit, language)}; difference {fmt(value, unit)} [{label(cells[0].table)}]."
                )
        else:
            value = sum(c.value for c in cells)
            formula = " + ".join(c.raw for c in cells) + f" = {fmt(value, unit)}"
            what = "、".join(names) if language == "zh" else " + ".join(names)
            text = self.sentence(language, what, value, unit, cells[0].table, formula)
        result = {
            "value": value,
            "unit": unit,
            "formula": formula,
            "cells": [c.ref() for c in cells],
            "table": {"columns": ["", unit], "rows": rows},
        }
        return Outcome(text, result, sorted({c.table for c in cells}))

    def rank(
        self, language: str, dims: dict[str, list[str]], measure: str, largest: bool, breakdown: bool = False
    ) -> Outcome:
        """The largest or smallest of the subprogrammes (or sources of funding); with breakdown, all of
        them and their sum."""
        fixed = {d: keys[0] for d, keys in dims.items()}
        over = "component" if "component" not in fixed else ("funding" if "funding" not in fixed else None)
        if over is None:
            return self.refuse(language, "no_cell")
        keys = list(SUBPROGRAMMES) if over == "component" else list(self.labels("funding"))
        cells = {}
        for key in keys:
            args = {**fixed, over: key}
            cell = self.cell(measure, args.get("component"), args.get("funding"), args.get("object"))
            if cell is not None:
                cells[key] = cell
        if not cells:
            return self.refuse(language, "no_cell")
        ordered = sorted(cells.items(), key=lambda kv: kv[1].value, reverse=largest)
        best_key, best = ordered[0]
        names = {k: self.describe({over: k}, measure, language) for k in cells}
        if breakdown:
            return self.breakdown(language, fixed, measure, [(names[k], c) for k, c in cells.items()])
        formula = (
            ("max" if largest else "min") + "(" + ", ".join(f"{names[k]} {c.raw}" for k, c in ordered) + ")"
        )
        rest = "; ".join(f"{names[k]} {c.raw}" for k, c in ordered)
        context = self.describe(fixed, measure, language) if fixed else ""
        if language == "zh":
            word = "最多" if largest else "最少"
            text = (
                f"{context + '：' if context else ''}{names[best_key]}{word}，为 {best.raw} "
                f"{unit_words(measure, language)} [{label(best.table)}]。排序：{rest}。"
            )
        else:
            word = "largest" if largest else "smallest"
            text = (
                f"{context + ': ' if context else ''}{names[best_key]} is the {word}, with {best.raw} "
                f"{unit_words(measure, language)} [{label(best.table)}]. In order: {rest}."
            )
        result = {
            "value": best.value,
            "unit": measure,
            "formula": formula,
            "cells": [c.ref() for _, c in ordered],
            "answer": names[best_key],
            "table": {"columns": ["", measure], "rows": [[names[k], c.value] for k, c in ordered]},
        }
        return Outcome(text, result, [best.table])

    def breakdown(
        self, language: str, fixed: dict[str, str], measure: str, items: list[tuple[str, Cell]]
    ) -> Outcome:
        value = sum(c.value for _, c in items)
        formula = " + ".join(c.raw for _, c in items) + f" = {fmt(value, measure)}"
        listing = "; ".join(f"{name} {c.raw}" for name, c in items)
        if fixed:
            context = self.describe(fixed, measure, language)
        else:
            context = {
                ("zh", MONEY): "所需资源",
                ("zh", POSTS_UNIT): "员额",
                ("en", MONEY): "Resources",
                ("en", POSTS_UNIT): "Posts",
            }[(language, measure)]
        tables = sorted({c.table for _, c in items})
        cite = " ".join(f"[{label(t)}]" for t in tables)
        if language == "zh":
            text = (
                f"2020 年{context}（{unit_words(measure, language)}）：{listing}；合计 {fmt(value, measure)}"
                f" {cite}。"
            )
        else:
            together = fmt(value, measure)
            text = (
                f"{context} in 2020 ({unit_words(measure, language)}): {listing}; together {together} {cite}."
            )
        result = {
            "value": value,
            "unit": measure,
            "formula": formula,
            "cells": [c.ref() for _, c in items],
            "table": {"columns": ["", measure], "rows": [[name, c.value] for name, c in items]},
        }
        return Outcome(text, result, tables)

    def trend(self, question: str, language: str, entities: list[Entity]) -> Outcome | None:
        """Table 3.0, the Foundation's finances by year: a value, or its change between two years."""
        keys = {e.key for e in entities if e.dimension == "trend"}
        others = [e for e in entities if e.dimension != "trend"]
        if (
            len(keys) != 1
            or others
            or not (NUMERIC.search(question) or CHANGE.search(question) or YEAR.search(question))
        ):
            return None
        if self.residue(CHANGE.sub(" ", question), entities):
            return None
        columns = self.long[self.long.table_id == TREND_TABLE].drop_duplicates("column_index")
        by_year = {int(re.match(r"\d{4}", c).group()): c for c in columns.column_path_en}
        years = sorted({int(y) for y in YEAR.findall(question)})
        if not years:
            return None  # which year? the prose (¶58-60) speaks of 2020; retrieval cites it
        missing = [y for y in years if y not in by_year]
        if missing:
            first, last, absent = min(by_year), max(by_year), ", ".join(map(str, missing))
            message = (
                f"表 {TREND_TABLE} 只列出 {first}-{last} 年的数字，没有 {absent} 年。"
                if language == "zh"
                else f"Table {TREND_TABLE} runs from {first} to {last}: it has no {absent}."
            )
            return Outcome(message, None, [TREND_TABLE])
        if len(years) > 2:
            return None
        item = self.labels("trend")[keys.pop()]
        cells = [find_cell(self.long, TREND_TABLE, item, by_year[y]) for y in years]
        if any(c is None for c in cells):
            return None
        estimate = [y for y in years if by_year[y].endswith("*")]
        note = ""
        if estimate:
            note = (
                f"（{'、'.join(map(str, estimate))} 年为预计金额）"
                if language == "zh"
                else f" ({', '.join(map(str, estimate))}: estimates, as the table marks them)"
            )
        name = next(e.words for e in entities if e.dimension == "trend")
        if len(cells) == 1:
            cell = cells[0]
            formula = f"{label(TREND_TABLE)}: {cell.row} × {cell.column} = {cell.raw}"
            amount = cell.raw
            if cell.value < 0:  # "(327)": a deficit, printed in parentheses
                amount = (
                    f"−{fmt(-cell.value, MONEY, whole=True)}（表中印为 “{cell.raw}”）"
                    if language == "zh"
                    else (f"−{fmt(-cell.value, MONEY, whole=True)} (printed “{cell.raw}”)")
                )
            text = (
                f"{years[0]} 年{name}为 {amount} 千美元{note} [{label(TREND_TABLE)}]。"
                if language == "zh"
                else f"{name.capitalize()} in {years[0]}: {amount} thousand US dollars{note}"
                f" [{label(TREND_TABLE)}]."
            )
            result = {"value": cell.value, "unit": MONEY, "formula": formula, "cells": [cell.ref()]}
            return Outcome(text, result, [TREND_TABLE])
        start, end = cells  # type: ignore[misc]
        change = end.value - start.value
        rows = [[str(y), c.value] for y, c in zip(years, cells, strict=True)]
        if PERCENT_CHANGE.search(question):
            if start.value == 0:
                return None
            value = round(change / abs(start.value) * 100, 1)
            formula = f"({end.raw} − {start.raw}) ÷ {start.raw} = {value:.1f}%"
            unit = "%"
        else:
            value, unit = change, MONEY
            formula = f"{end.raw} − {start.raw} = {fmt(change, MONEY, whole=True)}"
        amount = fmt(value, MONEY, whole=True)
        if unit == "%":
            shown = f"{value:.1f}%"
        else:
            shown = f"{amount} 千美元" if language == "zh" else f"{amount} thousand US dollars"
        if language == "zh":
            text = (
                f"{name}从 {years[0]} 年的 {start.raw} 变为 {years[1]} 年的 {end.raw}，"
                f"变化 {shown}（{formula}）{note} [{label(TREND_TABLE)}]。"
            )
        else:
            text = (
                f"{name.capitalize()} went from {start.raw} in {years[0]} to {end.raw} in {years[1]}:"
                f" a change of {shown} ({formula}){note} [{label(TREND_TABLE)}]."
            )
        result = {
            "value": value,
            "unit": unit,
            "formula": formula,
            "cells": [start.ref(), end.ref()],
            "table": {"columns": ["year", MONEY], "rows": rows},
        }
        return Outcome(text, result, [TREND_TABLE])

    # -- words -------------------------------------------------------------------------------------
    def describe(self, fixed: dict[str, str], measure: str, language: str) -> str:
        """Words for a combination: "technical cooperation for Subprogramme 4" / "次级方案 4 的技术合作"."""
        zh_names = {"SP1": "次级方案 1", "SP2": "次级方案 2", "SP3": "次级方案 3", "SP4": "次级方案 4"}
        parts = []
        for dimension in ("funding", "object", "component"):
            key = fixed.get(dimension)
            if not key:
                continue
            english = self.labels(dimension)[key]
            if language == "zh":
                zh = zh_names.get(key) or next(
                    (
                        t.phrase
                        for t in self.vocabulary.terms
                        if t.key == key and t.dimension == dimension and not t.phrase.isascii()
                    ),
                    english,
                )
                parts.append(zh)
            else:
                parts.append(f"Subprogramme {key[2]} ({english})" if key in zh_names else english)
        if not parts:
            return (
                ("2020 年所需资源总额" if measure == MONEY else "2020 年员额总数")
                if language == "zh"
                else ("total 2020 resources" if measure == MONEY else "total 2020 posts")
            )
        if language == "zh":
            return "的".join(reversed(parts))
        return parts[0] + (" for " + " for ".join(parts[1:]) if len(parts) > 1 else "")

    def sentence(
        self, language: str, what: str, value: float, unit: str, table: str, formula: str = ""
    ) -> str:
        amount = f"{fmt(value, unit)} {unit_words(unit, language)}"
        money = (
            f"（{money_words(value, language)}）"
            if unit == MONEY and language == "zh"
            else (f" ({money_words(value, language)})" if unit == MONEY else "")
        )
        how = f"（{formula}）" if formula and language == "zh" else (f" ({formula})" if formula else "")
        if language == "zh":
            return f"2020 年{what}为 {amount}{money}{how} [{label(table)}]。"
        return f"In 2020, {what}: {amount}{money}{how} [{label(table)}]."

    def with_check(
        self, language: str, outcome: Outcome, cell: Cell, fixed: dict[str, str], measure: str
    ) -> Outcome:
        """Add what the other tables say when they disagree with the figure answered."""
        twin, mismatch = self.check(cell, fixed, measure)
        assert outcome.result is not None
        if mismatch is not None:
            own, summary = mismatch
            if language == "zh":
                outcome.answer += (
                    f"注意：{label(own.table)} 的合计（{own.raw}）与 {label(summary.table)} 中"
                    f"该组成部分的合计（{summary.raw}）不一致，该表的数字可能有误。"
                )
            else:
                outcome.answer += (
                    f" Note: {label(own.table)} totals {own.raw}, but {label(summary.table)} gives"
                    f" {summary.raw} for this component: the figures of {label(own.table)} may be wrong."
                )
            outcome.result["disagreement"] = {"value": own.value, **own.ref(), "summary": summary.ref()}
            outcome.tables.append(summary.table)
        elif twin is not None:
            if language == "zh":
                outcome.answer += (
                    f"注意：{label(twin.table)} 中同一数字为 {twin.raw}，与 {label(cell.table)} 不一致；"
                    "两个数字均按文件原样列出。"
                )
            else:
                outcome.answer += (
                    f" Note: {label(twin.table)} gives {twin.raw} for the same figure; the document's tables"
                    " disagree, and both are shown as printed."
                )
            outcome.result["disagreement"] = {"value": twin.value, **twin.ref()}
            outcome.tables.append(twin.table)
        return outcome

    def refuse(self, language: str, reason: str, **kw: object) -> Outcome:
        messages = {
            "year": (
                "The document's budget tables are for 2020: they hold no {years} budget.",
                "文件的预算表是 2020 年的，没有 {years} 年的预算。",
            ),
            "programme_support": (
                '"Programme support" is both a component (Table 1.1 column, total {component})'
                " and a source of funding (Table 1.1 row, total {funding}): which one do you mean?",
                "“方案支助”既是一个组成部分（表 1.1 的列，合计 {component}），也是一种资金来源"
                "（表 1.1 的行，合计 {funding}）：请说明是哪一个。",
            ),
            "posts_by_object": (
                "Posts are counted by component, source of funding and grade, not by object of"
                " expenditure; ask for the posts budget (money) or the number of posts of a"
                " component.",
                "员额数按组成部分、资金来源和职等列出，不按支出分项列出；可以询问员额经费或某一组成部分的员额数。",
            ),
            "too_many": (
                "The question names several items in more than one dimension; ask for one combination"
                " at a time, or compare two items of one kind.",
                "问题在多个维度上各列了几个项目；请一次问一个组合，或比较同一类的两个项目。",
            ),
            "no_cell": (
                "No table of the document crosses these items; the figure cannot be computed without"
                " guessing.",
                "文件中没有表格同时列出这些项目，无法在不猜测的情况下计算。",
            ),
        }
        message = messages[reason][1 if language == "zh" else 0]
        if reason == "programme_support":
            component, funding = self.cell(MONEY, "PS", None, None), self.cell(MONEY, None, "PSC", None)
            kw = {
                "component": component.raw if component else "?",
                "funding": funding.raw if funding else "?",
            }
        values = {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in kw.items()}
        return Outcome(message.format(**values), None, [])
