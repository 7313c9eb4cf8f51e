"""Which table cell holds a figure: coordinates (component, funding, object, grade, trend item, year)
→ the summary table's cell, and the component's own table's cell to check it against."""

from __future__ import annotations

import re

import pandas as pd

from calculator.cells import COMPONENT_TABLES, PROPOSED_2020, TOTAL, Cell, find_cell

MONEY, POSTS = "thousand USD", "posts"
BUDGET_YEAR = 2020
TREND_TABLE = "3.0"
PLANNED = "2020 planned"  # the quantified deliverables of section VI, one table per subprogramme
STAGGERED_GRADES, STAGGERED_COMPONENTS = "1.5A", "1.5B"  # posts by grade / component, 2020-2023
SUBPROGRAMMES = ("SP1", "SP2", "SP3", "SP4")
CATEGORIES = {
    "PROF": ("Professional and higher", "Professional and higher categories › Subtotal"),
    "GS": ("General Service", "General Service and related categories › Subtotal"),
}
PLAN_FUNDING = {"FNE": "Foundation"}  # Table 1.5B's name for the Foundation non-earmarked posts
GRADE_ALIASES = {"P-2": ("P-2", "P-2/1")}  # Tables 2.2 and 1.5A print P-2, the component tables P-2/1

Coords = dict[str, str]


class Locator:
    """Finds the cells of figures in the tidy long frame of the tables."""

    def __init__(self, long: pd.DataFrame, labels: dict[str, dict[str, str]]):
        self.long = long
        self.labels = labels
        columns = long[long.table_id == TREND_TABLE].drop_duplicates("column_index")
        self.trend_years = {
            int(m.group()): c for c in columns.column_path_en if (m := re.match(r"\d{4}", c)) is not None
        }
        rows = long[long.table_id == STAGGERED_GRADES].drop_duplicates("row_index")
        self.staggered_years = [int(r) for r in rows.row_path_en if r.isdigit()]  # the plan's years

    def component(self, key: str | None) -> tuple[str, ...]:
        """A component's labels: its name, and "Subprogramme N" as Tables 1.5B and 2.3 call it."""
        if not key:
            return (TOTAL,)
        name = self.labels["component"][key]
        return (name, f"Subprogramme {key[2]}") if key in SUBPROGRAMMES else (name,)

    def grade(self, key: str) -> tuple[str, ...]:
        return GRADE_ALIASES.get(key, (key,))

    def deliverable_table(self, component: str) -> str:
        return f"VI-{component}-deliverables"

    def deliverable_unit(self, key: str) -> str | None:
        """What a deliverable counts ("days", "projects"...), as the tables say."""
        label = self.labels["deliverable"][key]
        rows = self.long[self.long.table_id.str.startswith("VI-") & self.long.row_path_en.str.endswith(label)]
        return str(rows.unit.iloc[0]) if not rows.empty else None

    def cell(self, measure: str, coords: Coords, year: int | None = None) -> Cell | None:
        """The cell for one figure (None: no table of the document holds it)."""
        if "deliverable" in coords:
            component = coords.get("component")
            if set(coords) != {"deliverable", "component"} or component not in SUBPROGRAMMES:
                return None
            if (year or BUDGET_YEAR) != BUDGET_YEAR:
                return None
            label = self.labels["deliverable"][coords["deliverable"]]
            return find_cell(self.long, self.deliverable_table(component), label, PLANNED)
        if "trend" in coords:
            if set(coords) != {"trend"} or year not in self.trend_years:
                return None
            item = self.labels["trend"][coords["trend"]]
            return find_cell(self.long, TREND_TABLE, item, self.trend_years[year])
        if measure == POSTS:
            return self.posts(coords, year or BUDGET_YEAR)
        if "grade" in coords or (year or BUDGET_YEAR) != BUDGET_YEAR:
            return None
        return self.money(coords)

    def money(self, coords: Coords) -> Cell | None:
        component = coords.get("component")
        comp = self.component(component) if component else None
        fund = self.labels["funding"].get(coords.get("funding", ""))
        thing = self.labels["object"].get(coords.get("object", ""))
        if comp and fund and thing:
            if coords["funding"] == "FNE":  # Table 3.1: the Foundation non-earmarked budget by object
                return find_cell(self.long, "3.1", thing, comp)
            return find_cell(self.long, f"{COMPONENT_TABLES[component]}.2", thing, fund)
        if thing and fund:
            return find_cell(self.long, "1.3", thing, fund)
        if thing:
            return find_cell(self.long, "1.2", thing, comp or TOTAL)
        return find_cell(self.long, "1.1", fund or TOTAL, comp or TOTAL)

    def posts(self, coords: Coords, year: int) -> Cell | None:
        if "object" in coords:
            return None
        component, grade = coords.get("component"), coords.get("grade")
        comp = self.component(component)
        fund = self.labels["funding"].get(coords.get("funding", ""))
        if coords.get("period") == "PLAN":  # the 316 core posts of 2020-2023 (Tables 1.5A, 1.5B)
            if year != BUDGET_YEAR or (grade and (component or fund)) or grade in CATEGORIES:
                return None
            if grade:
                return find_cell(self.long, STAGGERED_GRADES, TOTAL, self.grade(grade))
            if fund:
                by_source = f"Posts by source of funding › {PLAN_FUNDING.get(coords['funding'], fund)}"
                return find_cell(self.long, STAGGERED_COMPONENTS, comp, by_source)
            return find_cell(self.long, STAGGERED_COMPONENTS, comp, "Posts per year › Total")
        if year != BUDGET_YEAR:  # the staggered recruitment plan: posts added in 2021-2023
            if fund or (grade and component) or grade in CATEGORIES:
                return None
            if grade:
                return find_cell(self.long, STAGGERED_GRADES, str(year), self.grade(grade))
            return find_cell(self.long, STAGGERED_COMPONENTS, comp, f"Posts per year › {year}")
        if grade is None:
            return find_cell(self.long, "2.1", fund or TOTAL, comp)
        if grade in CATEGORIES:
            category, subtotal = CATEGORIES[grade]
            if not fund:
                return find_cell(self.long, "2.1", category, comp)
            table = f"{COMPONENT_TABLES[component]}.3" if component else "2.2"
            return find_cell(self.long, table, fund, subtotal)
        if component and fund:
            return find_cell(self.long, f"{COMPONENT_TABLES[component]}.3", fund, self.grade(grade))
        if component:
            return find_cell(self.long, "2.3", comp, self.grade(grade))
        if fund:
            return find_cell(self.long, "2.2", fund, self.grade(grade))
        return find_cell(self.long, "2.2", TOTAL, self.grade(grade)) or find_cell(
            self.long, STAGGERED_GRADES, str(year), self.grade(grade)
        )

    def twin(self, measure: str, coords: Coords) -> Cell | None:
        """The same figure in the component's own table (X.1-X.3), to check the summary table against."""
        component = coords.get("component")
        if not component or component not in COMPONENT_TABLES or "trend" in coords:
            return None
        if measure not in (MONEY, POSTS):
            return None  # a deliverable (projects, days...): no other table counts it
        number = COMPONENT_TABLES[component]
        fund = self.labels["funding"].get(coords.get("funding", ""))
        thing = self.labels["object"].get(coords.get("object", ""))
        grade = coords.get("grade")
        if measure == POSTS:
            if grade in CATEGORIES:
                return None
            column = self.grade(grade) if grade else TOTAL
            if coords.get("funding") == "FNE" and grade and grade != "PROF":
                return find_cell(self.long, "3.2", self.grade(grade), self.component(component))
            return find_cell(self.long, f"{number}.3", fund or TOTAL, column)
        if thing and fund:
            if coords["funding"] == "FNE":
                return find_cell(self.long, f"{number}.2", thing, fund)
            return None  # that cell is already the component's own table
        return find_cell(self.long, f"{number}.2", thing or TOTAL, fund or PROPOSED_2020)
