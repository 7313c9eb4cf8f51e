"""Numeric questions: items → a plan over the tidy tables → a value with its formula and cells.

The question names items of a few dimensions (component, source of funding, object of expenditure,
grade, Table 3.0 item) and years; one dimension may hold several items (the operands), the others
fix the figure. The plan then looks up, sums, subtracts, divides (share, ratio, cost per post),
averages or ranks figures found by `Locator` in the summary tables, checking each looked-up figure
against the component's own table and giving both when they disagree. A question it cannot map
without guessing gets no number, but what is ambiguous or missing; questions that are not numeric
table questions go back to retrieval (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from calculator import operations as ops
from calculator.audit import AUDIT, Auditor
from calculator.cells import COMPONENT_TABLES, Cell
from calculator.locate import BUDGET_YEAR, MONEY, POSTS, SUBPROGRAMMES, Coords, Locator
from calculator.operations import Computed, Operand
from calculator.phrasing import Namer, amount, cite, label, refusal
from calculator.question import (
    ADDED,
    ALL_SUBPROGRAMMES,
    AVERAGE,
    CHANGE,
    DIFFERENCE,
    EACH,
    EACH_OVER,
    EXCLUDING,
    LESS,
    MORE_THAN,
    NOT_HERE,
    NUMERIC,
    PER_POST,
    PERCENT_CHANGE,
    POST_WORD,
    PROSE,
    RANK_MAX,
    RANK_MIN,
    RANK_OVER,
    RATIO,
    SHARE,
    SUM,
    WHICH,
    Question,
)
from calculator.vocabulary import Entity, Vocabulary, normalise
from retriever.references import find_references

GRAND_TOTAL = re.compile(
    r"total budget|overall budget|total resources|total (?:direct )?(?:resource )?requirements|"
    r"总预算|所需资源总额|资源总额",
    re.IGNORECASE,
)
MONEY_COUNT = re.compile(r"how many(?! times)|多少个|几个", re.IGNORECASE)
CORE = ("FNE", "RB")  # ¶46: the core budget is the Foundation non-earmarked and the regular budget
AGGREGATES = {"funding": {"CORE"}, "object": {"NONPOST"}, "grade": {"PROF", "GS"}}


class Refusal(Exception):
    """The question maps to no figure without guessing; the message says why."""


@dataclass
class Outcome:
    """A calculator answer: the sentence, the result (None when refused) and the tables cited."""

    answer: str
    result: dict | None
    tables: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """What is asked: the measure, the fixed items, the items that vary (with their dimension), a year."""

    measure: str
    fixed: Coords
    varying: tuple[str, list] | None
    year: int | None


class Calculator:
    """Answers numeric questions from the tidy long frame of the tables."""

    def __init__(self, tables: pd.DataFrame, vocabulary: Vocabulary):
        self.long = tables[(tables.table_kind == "table") | tables.table_id.str.startswith("VI-")]
        self.vocabulary = vocabulary
        self.locator = Locator(self.long, vocabulary.labels)
        self.namer = Namer(vocabulary)
        self.auditor = Auditor(self.long, self.locator, vocabulary.labels)

    # -- audit -------------------------------------------------------------------------------------
    def audit(self, question: str, language: str) -> Outcome | None:
        """"Does Table 7.2 match the totals?" / "表 7.2 与总数相符吗？": each table named, checked against its
        own totals and the other tables; None when the question asks no such thing."""
        text = normalise(question)
        named = [r.id for r in find_references(text) if r.kind == "table"]
        tables = [t for t in named if t in self.auditor.tables()]
        if not tables or not AUDIT.search(text):
            return None
        answer, result, cited = self.auditor.report(tables, language)
        return Outcome(answer, result, cited)

    # -- routing -----------------------------------------------------------------------------------
    def handle(self, question: str, language: str) -> Outcome | None:
        """An Outcome for a numeric table question, None for anything else (it goes to retrieval)."""
        q = Question.read(question, language, self.vocabulary.find(question))
        try:
            return self.answer(q)
        except Refusal as refused:
            return Outcome(str(refused), None, [])

    def refuse(self, q: Question, reason: str, **values: object) -> Refusal:
        return Refusal(refusal(reason, q.language, **values))

    def answer(self, q: Question) -> Outcome | None:
        trend = any(e.dimension == "trend" for e in q.entities)
        if not (trend or NUMERIC.search(q.text) or EACH.search(q.text)):
            return None
        if not trend and PROSE.search(q.text):
            return None
        if NOT_HERE.search(q.without_entities()):
            return None
        rank = bool((RANK_MAX.search(q.text) or RANK_MIN.search(q.text)) and WHICH.search(q.text))
        over = rank and any(pattern.search(q.text) for _, pattern in RANK_OVER)  # "which source ..."
        if not (q.entities or over or GRAND_TOTAL.search(q.text) or EACH.search(q.text)):
            return None
        if WHICH.search(q.text) and not rank and not EACH.search(q.text):
            return None  # "at which grades?": a question about items, not a figure ("which sources" and
            # their amounts is a breakdown)
        measure = self.measure(q)
        if not measure:
            return None
        year = self.year(q, trend and not rank, measure)
        if year is False:
            return None
        if measure == MONEY and MONEY_COUNT.search(q.text):
            return None  # "how many" of a money item (consultants, travel): a count the tables do not hold
        if q.residue(trend):
            return None
        if EXCLUDING.search(q.text) and not rank:
            return None
        entities = self.resolve(q, self.readings(q))
        if rank:
            return self.rank(q, entities, measure, bool(RANK_MAX.search(q.text)))
        if SHARE.search(q.text) and not (trend and CHANGE.search(q.text)):
            return self.share(q, entities, measure)
        plan = self.plan(q, entities, measure, year)
        return self.operate(q, plan)

    def measure(self, q: Question) -> str:
        """Money, posts, or what a deliverable counts."""
        units = {self.locator.deliverable_unit(e.key) for e in q.entities if e.dimension == "deliverable"}
        if len(units) > 1 or None in units:
            return ""  # days and projects: two questions, which retrieval shows in their table
        return units.pop() if units else q.measure()

    def year(self, q: Question, trend: bool, measure: str) -> int | None | bool:
        """The one year the figures are for (None: several, or the budget year); False: not a table
        question (past years outside Table 3.0 are the prose's). `trend`: a Table 3.0 figure, which
        needs a year."""
        if any(e.dimension == "trend" for e in q.entities):
            missing = [y for y in q.years if y not in self.locator.trend_years]
            if missing:
                raise self.refuse(q, "trend_year", years=missing)
            if not q.years and trend:
                return False  # which year? the prose (¶58-60) speaks of 2020; retrieval cites it
            return q.years[0] if len(q.years) == 1 else None
        if any(y < BUDGET_YEAR for y in q.years):
            return False
        later = [y for y in q.years if y > BUDGET_YEAR]
        if later and (measure == MONEY or max(later) > max(self.locator.staggered_years)):
            raise self.refuse(q, "year" if measure == MONEY else "posts_year", years=later)
        if later and not ADDED.search(q.text):
            raise self.refuse(q, "posts_added", years=later)  # posts added that year, or in post then?
        return q.years[0] if len(q.years) == 1 else None

    def readings(self, q: Question) -> list[Entity]:
        """The question's items with "programme support" read as the component or the source of funding."""
        entities = list(q.entities)
        for entity in q.entities:
            if entity.dimension != "component" or entity.key != "PS":
                continue
            twin = next((e for e in entities if e.start == entity.start and e.dimension == "funding"), None)
            if twin is None:
                continue
            joined = q.coordinated(entity)
            others = {e.dimension for e in entities if e.start != entity.start}
            if q.funds(entity) or ("funding" in joined and "component" not in joined):
                entities.remove(entity)
            elif "component" in joined and "funding" not in joined:
                entities.remove(twin)
            elif "component" in others and "funding" not in others:
                entities.remove(entity)  # beside another component, it is the source of funding
            elif "funding" in others and "component" not in others:
                entities.remove(twin)  # beside another source of funding, it is the component
            elif others and others <= {"object", "grade"}:
                # "方案支助的订约承办事务": the part of the organisation; the source of funding is named as
                # such ("programme support funds", "方案支助资金"). Say which reading was taken.
                entities.remove(twin)
                q.notes.append(refusal("programme_support_read", q.language))
            else:
                component = self.locator.cell(MONEY, {"component": "PS"})
                funding = self.locator.cell(MONEY, {"funding": "PSC"})
                raise self.refuse(
                    q,
                    "programme_support",
                    component=component.raw if component else "?",
                    funding=funding.raw if funding else "?",
                )
        return entities

    def resolve(self, q: Question, entities: list[Entity]) -> list[Entity]:
        """Items that only set the scope are dropped: "posts" in a count of posts, the Foundation in
        Table 3.0 (its subject)."""
        if self.measure(q) == POSTS:
            for entity in entities:
                if entity.dimension == "object" and not POST_WORD.fullmatch(entity.words):
                    raise self.refuse(q, "posts_by_object")
                if entity.dimension == "funding" and entity.key == "CORE":
                    raise self.refuse(q, "core_posts")
            entities = [e for e in entities if e.dimension != "object"]
        return entities

    def group(self, q: Question, entities: list[Entity]) -> dict[str, list[str]]:
        """Items by dimension, in the order named; "core" is its two sources; the Foundation is the
        subject of Table 3.0, not an item of it."""
        dims: dict[str, list[str]] = {}
        trend = any(e.dimension == "trend" for e in entities)
        for entity in entities:
            if trend and entity.dimension == "funding" and entity.key == "FNE":
                continue
            keys = CORE if (entity.dimension, entity.key) == ("funding", "CORE") else (entity.key,)
            listed = dims.setdefault(entity.dimension, [])
            listed.extend(k for k in keys if k not in listed)
        if trend and set(dims) != {"trend"}:
            raise self.refuse(q, "no_cell", what=self.items(q, entities))
        return dims

    def plan(self, q: Question, entities: list[Entity], measure: str, year: int | None) -> Plan:
        dims = self.group(q, entities)
        several = [(d, keys) for d, keys in dims.items() if len(keys) > 1]
        if len(several) > 1:
            raise self.refuse(q, "too_many")
        fixed = {d: keys[0] for d, keys in dims.items() if len(keys) == 1}
        varying: tuple[str, list] | None = several[0] if several else None
        years = q.years
        if q.year_range and (AVERAGE.search(q.text) or SUM.search(q.without_entities())):
            years = list(range(q.year_range[0], q.year_range[1] + 1))
        if len(years) > 1:
            if varying:
                raise self.refuse(q, "too_many")
            varying = ("year", years)
        if varying is None and "component" not in fixed and ALL_SUBPROGRAMMES.search(q.text):
            varying = ("component", list(SUBPROGRAMMES))
        return Plan(measure, fixed, varying, year)

    # -- figures -----------------------------------------------------------------------------------
    def items(self, q: Question, entities: list[Entity]) -> str:
        return ", ".join(e.words for e in entities) or ("总数" if q.language == "zh" else "the total")

    def operand(self, q: Question, measure: str, coords: Coords, year: int | None) -> Operand:
        cell = self.locator.cell(measure, coords, year)
        if cell is None:
            what = self.namer.figure(coords, year, measure, q.language)
            raise self.refuse(q, "no_cell", what=what)
        return Operand(self.namer.figure(coords, year, measure, q.language), [cell])

    def operands(self, q: Question, plan: Plan) -> list[Operand]:
        assert plan.varying is not None
        dimension, keys = plan.varying
        found = []
        for key in keys:
            if dimension == "year":
                found.append(self.operand(q, plan.measure, plan.fixed, key))
            else:
                found.append(self.operand(q, plan.measure, {**plan.fixed, dimension: key}, plan.year))
        return found

    def summed(self, q: Question, measure: str, dims: dict[str, list[str]], year: int | None) -> Operand:
        """One figure, or the sum of the items of the one dimension that names several."""
        several = [(d, keys) for d, keys in dims.items() if len(keys) > 1]
        if len(several) > 1:
            raise self.refuse(q, "too_many")
        fixed = {d: keys[0] for d, keys in dims.items() if len(keys) == 1}
        if not several:
            return self.operand(q, measure, fixed, year)
        dimension, keys = several[0]
        parts = [self.operand(q, measure, {**fixed, dimension: key}, year) for key in keys]
        joiner = "加" if q.language == "zh" else " + "
        return Operand(joiner.join(p.name for p in parts), [c for p in parts for c in p.cells])

    # -- operations --------------------------------------------------------------------------------
    def operate(self, q: Question, plan: Plan) -> Outcome | None:
        text = q.text
        if PER_POST.search(text):
            return self.per_post(q, plan)
        if plan.varying is None:
            if AVERAGE.search(text):
                raise self.refuse(q, "average_of_what")
            if RATIO.search(text) or DIFFERENCE.search(text):
                raise self.refuse(q, "two_operands")
            if EACH.search(text):
                return self.breakdown(q, plan)
            return self.lookup(q, plan)
        operands = self.operands(q, plan)
        unit = plan.measure
        if AVERAGE.search(text):
            return self.outcome(q, "average", ops.mean(operands, unit), operands)
        two = len(operands) == 2
        if RATIO.search(text) and two:
            computed = ops.ratio(*operands)
            return self.outcome(q, "ratio", computed, operands) if computed else None
        if DIFFERENCE.search(text) and two and (plan.varying[0] != "year" or MORE_THAN.search(text)):
            first, second = operands[::-1] if LESS.search(text) else operands
            return self.outcome(q, "difference", ops.difference(first, second, unit), [first, second])
        summing = SUM.search(q.without_entities())  # not the 共计 of 支出共计, an item
        if CHANGE.search(text) and summing:
            return None  # "共增加": the posts added, or the change? not a reading to guess
        if plan.varying[0] == "year" and two and (CHANGE.search(text) or DIFFERENCE.search(text)):
            start, end = sorted(operands, key=lambda o: o.cells[0].column)
            computed = ops.change(start, end, unit, bool(PERCENT_CHANGE.search(text)))
            return self.outcome(q, "change", computed, [start, end]) if computed else None
        if summing:
            return self.outcome(q, "sum", ops.total(operands, unit), operands)
        if EACH.search(text):
            return self.outcome(q, "breakdown", ops.total(operands, unit), operands)
        return None  # several items without "compare" or "together": not a reading to guess

    def lookup(self, q: Question, plan: Plan) -> Outcome:
        operand = self.operand(q, plan.measure, plan.fixed, plan.year)
        cell = operand.cells[0]
        unit = cell.unit if cell.unit in (MONEY, POSTS) else plan.measure
        computed = Computed(cell.value, unit, f"{label(cell.table)}: {cell.row} × {cell.column} = {cell.raw}")
        outcome = self.outcome(q, "lookup", computed, [operand])
        return self.with_check(q, outcome, cell, plan)

    def per_post(self, q: Question, plan: Plan) -> Outcome:
        """Average cost per post: the posts budget ÷ the number of posts, of the same items."""
        fixed = {d: k for d, k in plan.fixed.items() if d != "object"}
        if plan.varying or plan.fixed.get("object", "POSTS") != "POSTS" or "grade" in fixed:
            raise self.refuse(q, "no_cell", what=self.items(q, q.entities))
        money = self.operand(q, MONEY, {**fixed, "object": "POSTS"}, plan.year)
        count = self.operand(q, POSTS, fixed, plan.year)
        computed = ops.per(money, count, MONEY)
        if computed is None:
            raise self.refuse(q, "no_cell", what=self.items(q, q.entities))
        return self.outcome(q, "average", computed, [money, count])

    def share(self, q: Question, entities: list[Entity], measure: str) -> Outcome | None:
        sides = q.sides()
        if sides is None:
            return None  # which part of which whole? several readings: not one to guess
        part_entities, whole_entities = (
            [e for e in side if e in entities] for side in sides
        )
        whole_dims = self.group(q, whole_entities)
        part_dims = self.group(q, part_entities)
        if not part_dims or set(part_dims) & set(whole_dims):
            return None
        year = q.years[0] if len(q.years) == 1 else None
        if len(q.years) > 1:
            return None
        if "trend" not in part_dims:
            part_dims = {**whole_dims, **part_dims}
        part = self.summed(q, measure, part_dims, year)
        whole = self.summed(q, measure, whole_dims, None if "trend" in part_dims else year)
        computed = ops.share(part, whole)
        return self.outcome(q, "share", computed, [part, whole]) if computed else None

    def rank(self, q: Question, entities: list[Entity], measure: str, largest: bool) -> Outcome:
        """The largest or smallest of a dimension's items (subprogrammes, components, sources of funding,
        objects of expenditure, grades, years)."""
        over = next((d for d, pattern in RANK_OVER if pattern.search(q.text)), None)
        entities = list(entities)
        if over == "object":  # "excluding posts" / "非员额支出中": the posts item says what is left out
            entities = [e for e in entities if e.dimension != "object" or e.key not in ("POSTS", "NONPOST")]
        dims = self.group(q, entities)
        if any(len(keys) > 1 for keys in dims.values()):
            raise self.refuse(q, "too_many")
        fixed = {d: keys[0] for d, keys in dims.items()}
        if over is None:
            over = next((d for d in ("component", "funding") if d not in fixed), None)
        year = q.years[0] if len(q.years) == 1 else None
        if over == "year":
            years = list(range(q.year_range[0], q.year_range[1] + 1)) if q.year_range else q.years
            keys: list = years or sorted(self.locator.trend_years)
        elif over == "components":
            over, keys = "component", list(self.vocabulary.labels["component"])
        elif over == "component":
            keys = list(SUBPROGRAMMES)
        elif over is not None:
            keys = [k for k in self.vocabulary.labels[over] if k not in AGGREGATES.get(over, ())]
            if over == "object" and (EXCLUDING.search(q.text) or "非员额" in q.text):
                keys.remove("POSTS")
        if over is None or over in fixed:
            raise self.refuse(q, "no_cell", what=self.items(q, entities))
        plan = Plan(measure, fixed, (over, keys), year)
        operands = self.operands(q, plan)
        best, computed = ops.extreme(operands, measure, largest)
        outcome = self.outcome(q, "rank", computed, operands, best=best, largest=largest)
        assert outcome.result is not None
        winners = [k for k, o in zip(keys, operands, strict=True) if o.value == best.value]
        named = [str(k) if over == "year" else self.namer.name(over, k, q.language) for k in winners]
        outcome.result["answer"] = ("、" if q.language == "zh" else "; ").join(named)
        if len(winners) > 1:
            outcome.answer += (
                f"并列：{'、'.join(named)}。" if q.language == "zh" else f" Tied: {'; '.join(named)}."
            )
        return outcome

    def breakdown(self, q: Question, plan: Plan) -> Outcome:
        """Each subprogramme's (or source of funding's) figure, and their sum."""
        over = next((d for d, pattern in EACH_OVER if pattern.search(q.text)), None)
        if over is None or over in plan.fixed:
            raise self.refuse(q, "too_many")
        if over == "components":
            over, keys = "component", list(self.vocabulary.labels["component"])
        elif over == "component":
            keys = list(SUBPROGRAMMES)
        else:
            keys = [k for k in self.vocabulary.labels["funding"] if k not in AGGREGATES["funding"]]
        cells_plan = Plan(plan.measure, plan.fixed, (over, keys), plan.year)
        # the parts are named by what varies ("Technical cooperation"); the whole once, in the sentence
        parts = [
            Operand(self.namer.name(over, key, q.language), o.cells)
            for key, o in zip(keys, self.operands(q, cells_plan), strict=True)
        ]
        whole = self.namer.figure(plan.fixed, plan.year, plan.measure, q.language)
        return self.outcome(q, "breakdown", ops.total(parts, plan.measure), parts, whole=whole)

    # -- answers -----------------------------------------------------------------------------------
    def outcome(
        self,
        q: Question,
        operation: str,
        computed: Computed,
        operands: list[Operand],
        best: Operand | None = None,
        largest: bool = True,
        whole: str | None = None,
    ) -> Outcome:
        stated = q.numbers()
        known = [o.value for o in operands] + [computed.value]
        for number in stated:
            if not any(abs(number - value) < 0.05 for value in known):
                found = ", ".join(o.raw for o in operands)
                raise self.refuse(q, "number", number=f"{number:g}", found=found)
        cells = [c for o in operands for c in o.cells]
        tables = list(dict.fromkeys(c.table for c in cells))
        text = self.sentence(q, operation, computed, operands, best, largest, tables, whole)
        for note in q.notes:
            text += note if q.language == "zh" else f" {note}"
        estimates = sorted({c.column for c in cells if c.column.endswith("*")})
        if estimates:
            years = "、".join(e.rstrip("*") for e in estimates)
            zh_note, en_note = f"（{years}为预计金额）", f" ({years}: estimates, as the table marks them)"
            text += zh_note if q.language == "zh" else en_note
        result = {
            "value": computed.value,
            "unit": computed.unit,
            "formula": computed.formula,
            "operation": operation,
            "cells": [c.ref() for c in cells],
            "table": {
                "columns": ["", operands[0].cells[0].unit if operands else computed.unit],
                "rows": [[o.name, o.value] for o in operands],
            },
        }
        return Outcome(text, result, tables)

    def sentence(
        self,
        q: Question,
        operation: str,
        computed: Computed,
        operands: list[Operand],
        best: Operand | None,
        largest: bool,
        tables: list[str],
        whole: str | None = None,
    ) -> str:
        zh = q.language == "zh"
        value = amount(computed.value, computed.unit, q.language, whole=all(o.whole for o in operands))
        listing = ("；" if zh else "; ").join(
            f"{o.name}{'：' if zh else ': '}{amount(o.value, o.cells[0].unit, q.language, o.whole)}"
            for o in operands
        )
        how = f"（{computed.formula}）" if zh else f" ({computed.formula})"
        sources = cite(tables)
        if operation == "lookup":
            operand = operands[0]
            cell = operand.cells[0]
            if cell.nil:
                nil = f"为零（表中印为 “{cell.raw}”）" if zh else f"nil (printed “{cell.raw}”)"
                return f"{operand.name}{nil} {sources}。" if zh else f"{operand.name}: {nil} {sources}."
            if cell.value < 0:  # "(327)": a deficit, printed in parentheses
                value += f"（表中印为 “{cell.raw}”）" if zh else f" (printed “{cell.raw}”)"
            return f"{operand.name}为 {value} {sources}。" if zh else f"{operand.name}: {value} {sources}."
        if operation == "rank" and best is not None:
            word = ("最多" if largest else "最少") if zh else ("the largest" if largest else "the smallest")
            if zh:
                return f"{best.name}{word}，为 {value} {sources}。全部：{listing}。"
            return f"{best.name} is {word}, with {value} {sources}. All: {listing}."
        if operation == "breakdown" and whole:
            if zh:
                return f"{whole}为 {value} {sources}，其中{listing}（{computed.formula}）。"
            whole = whole[:1].upper() + whole[1:]
            return f"{whole}: {value} {sources}, of which {listing} ({computed.formula})."
        heading = {
            "sum": ("合计", "together"),
            "breakdown": ("合计", "together"),
            "difference": ("相差", "difference"),
            "change": ("变化", "change"),
            "share": ("所占比例", "share"),
            "ratio": ("之比", "ratio"),
            "average": ("平均", "average"),
        }[operation]
        if zh:
            return f"{listing}。{heading[0]}：{value}{how} {sources}。"
        return f"{listing}. {heading[1].capitalize()}: {value}{how} {sources}."

    def with_check(self, q: Question, outcome: Outcome, cell: Cell, plan: Plan) -> Outcome:
        """Add what the other tables say when they disagree with the figure answered.

        A figure from a component's own table (X.2) with no summary twin is checked through the table's
        total: Table 7.2, for one, repeats subprogramme 3's figures under subprogramme 2.
        """
        zh = q.language == "zh"
        component = plan.fixed.get("component")
        twin = self.locator.twin(plan.measure, plan.fixed)
        assert outcome.result is not None
        if twin is None and component and cell.table == f"{COMPONENT_TABLES.get(component)}.2":
            own = self.locator.twin(MONEY, {"component": component})
            summary = self.locator.cell(MONEY, {"component": component})
            if own is not None and summary is not None and abs(own.value - summary.value) > 1e-6:
                if zh:
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
        elif twin is not None and twin.table != cell.table and abs(twin.value - cell.value) > 1e-6:
            if zh:
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
