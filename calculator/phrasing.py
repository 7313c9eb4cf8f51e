"""Words of the calculator's answers: figures as the document prints them, names of items, refusals."""

from __future__ import annotations

from calculator.locate import MONEY, POSTS, SUBPROGRAMMES
from calculator.vocabulary import Vocabulary

ZH_SUBPROGRAMMES = {key: f"次级方案 {key[2]}" for key in SUBPROGRAMMES}


def fmt(value: float, unit: str, whole: bool = False) -> str:
    """A figure as the document writes it: space-separated thousands, one decimal for thousands of
    dollars (none when the operands had none, as in Table 3.0)."""
    if unit == "%":
        return f"{value:.1f}"
    if unit == "ratio":
        return f"{value:.2f}"
    if unit != MONEY or whole:
        return f"{value:,.0f}".replace(",", " ").replace("-", "−")
    return f"{value:,.1f}".replace(",", " ").replace("-", "−")


def money_words(value: float, language: str) -> str:
    """Thousands of US dollars read aloud: "US$ 59.5 million" / "约 5 953.2 万美元"."""
    if language == "zh":
        return f"约 {value / 10:,.1f} 万美元".replace(",", " ")
    return f"US$ {value / 1000:,.1f} million"


def unit_words(unit: str, language: str) -> str:
    zh = {
        MONEY: "千美元",
        POSTS: "个员额",
        "%": "%",
        "ratio": "倍",
        "days": "天",
        "projects": "个项目",
        "publications": "份出版物",
        "technical materials": "份技术材料",
    }
    en = {MONEY: "thousand US dollars", POSTS: "posts", "%": "%", "ratio": "times"}
    return (zh if language == "zh" else en).get(unit, unit)


def amount(value: float, unit: str, language: str, whole: bool = False) -> str:
    """"59 531.6 thousand US dollars (US$ 59.5 million)", "47 posts", "33.4%", "3.15 times"."""
    if unit == "%":
        return f"{fmt(value, unit)}%"
    text = f"{fmt(value, unit, whole)} {unit_words(unit, language)}"
    if unit == MONEY and abs(value) >= 1000:
        words = money_words(value, language)
        text += f"（{words}）" if language == "zh" else f" ({words})"
    return text


def label(table: str) -> str:
    return f"表 {table} / Table {table}"


def cite(tables: list[str]) -> str:
    return " ".join(f"[{label(t)}]" for t in dict.fromkeys(tables))


class Namer:
    """Names of items and figures in the question's language."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def name(self, dimension: str, key: str, language: str) -> str:
        english = self.vocabulary.labels[dimension].get(key, key)
        if dimension == "grade" and key not in ("PROF", "GS"):
            return key
        if language == "zh":
            if key in ZH_SUBPROGRAMMES and dimension == "component":
                return ZH_SUBPROGRAMMES[key]
            return self.vocabulary.chinese.get((dimension, key), english)
        if dimension == "component" and key in ZH_SUBPROGRAMMES:
            return f"Subprogramme {key[2]} ({english})"
        if dimension == "trend":
            return english.split(". ", 1)[-1].split(" (")[0]
        return english

    def figure(self, coords: dict[str, str], year: int | None, measure: str, language: str) -> str:
        """Words for a figure: "technical cooperation for Subprogramme 4" / "次级方案 4 的技术合作"."""
        order = ("funding", "object", "grade", "deliverable", "component", "trend", "period")
        parts = [self.name(d, coords[d], language) for d in order if d in coords]
        if measure == POSTS and "trend" not in coords:
            parts.insert(0, "员额" if language == "zh" else "posts")
        if not parts or (measure == POSTS and len(parts) == 1):
            parts.append(
                ("所需资源总额" if measure == MONEY else "总数")
                if language == "zh"
                else ("total resources" if measure == MONEY else "in total")
            )
        if language == "zh":
            text = "的".join(reversed(parts))
            return f"{year} 年{text}" if year else text
        text = parts[0] + (" for " + " for ".join(parts[1:]) if len(parts) > 1 else "")
        if measure == POSTS and len(parts) > 1 and parts[1] == "in total":
            text = "posts in total"
        return f"{text} ({year})" if year else text


REFUSALS = {
    "year": (
        "The document's budget tables are for 2020: they hold no {years} budget.",
        "文件的预算表是 2020 年的，没有 {years} 年的预算。",
    ),
    "posts_year": (
        "Posts are planned for 2020-2023 only (Tables 1.5A and 1.5B): there is no figure for {years}.",
        "员额只列出 2020-2023 年（表 1.5A、表 1.5B），没有 {years} 年的数字。",
    ),
    "posts_added": (
        "For {years}, Tables 1.5A and 1.5B give the posts to be added that year under the staggered"
        " recruitment plan (not the posts in place then): ask for the posts added or filled in {years}.",
        "表 1.5A、表 1.5B 列出的是 {years} 年按交错征聘计划新增的员额（不是当年的员额总数）："
        "请询问 {years} 年新增或填补的员额。",
    ),
    "trend_year": (
        "Table 3.0 runs from 2014 to 2020: it has no {years}.",
        "表 3.0 只列出 2014-2020 年的数字，没有 {years} 年。",
    ),
    "programme_support": (
        '"Programme support" is both a component (Table 1.1 column, total {component})'
        " and a source of funding (Table 1.1 row, total {funding}): which one do you mean?",
        "“方案支助”既是一个组成部分（表 1.1 的列，合计 {component}），也是一种资金来源"
        "（表 1.1 的行，合计 {funding}）：请说明是哪一个。",
    ),
    "programme_support_read": (
        '"Programme support" is read here as the component (the Programme support column of Tables 1.1'
        ' and 1.2); for programme support as a source of funding, ask about "programme support funds".',
        "此处“方案支助”按组成部分理解（表 1.1、表 1.2 的“方案支助”列）；如指资金来源，请问“方案支助资金”。",
    ),
    "posts_by_object": (
        "Posts are counted by component, source of funding and grade, not by object of"
        " expenditure; ask for the posts budget (money) or the number of posts of a component.",
        "员额数按组成部分、资金来源和职等列出，不按支出分项列出；可以询问员额经费或某一组成部分的员额数。",
    ),
    "too_many": (
        "The question names several items in more than one dimension; ask for one combination"
        " at a time, or compare two items of one kind.",
        "问题在多个维度上各列了几个项目；请一次问一个组合，或比较同一类的两个项目。",
    ),
    "no_cell": (
        "No table of the document crosses these items ({what}); the figure cannot be computed"
        " without guessing.",
        "文件中没有表格同时列出这些项目（{what}），无法在不猜测的情况下计算。",
    ),
    "number": (
        "The question speaks of {number}, but the tables give {found} for what it names; which"
        " figure is meant cannot be told without guessing.",
        "问题提到 {number}，但表格中与之对应的数字是 {found}；无法在不猜测的情况下确定所指的数字。",
    ),
    "two_operands": (
        "Which two figures? Name two items of one kind (two subprogrammes, two sources of funding,"
        " two years...).",
        "请指明要比较的两个数字（两个次级方案、两种资金来源、两个年份……）。",
    ),
    "average_of_what": (
        "An average of which figures? Name the items (the four subprogrammes, the years 2014 to 2018...),"
        " or ask for the cost per post of a component or source of funding. The tables give no money by"
        " grade.",
        "要对哪些数字求平均？请指明项目（四个次级方案、2014 至 2018 年……），或询问某一组成部分或资金来源"
        "平均每个员额的费用。表格没有按职等列出经费。",
    ),
    "core_posts": (
        '"Core" is defined for money (Foundation non-earmarked + regular budget, ¶46); for posts,'
        " ask by source of funding.",
        "“核心”是就资金而言的（基金会非专用 + 经常预算，第 46 段）；员额请按资金来源询问。",
    ),
}


def refusal(reason: str, language: str, **values: object) -> str:
    message = REFUSALS[reason][1 if language == "zh" else 0]
    shown = {k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v for k, v in values.items()}
    return message.format(**shown)
