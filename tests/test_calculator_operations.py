"""The calculator's operations and entity families, in both languages, with the document's figures."""

import pytest

from tests.calc_helpers import calc
from tests.calc_helpers import figure as result


@pytest.mark.parametrize(
    ("question", "value", "unit", "formula"),
    [
        # difference: first named minus second, "less" the other way round
        (
            "How much more technical cooperation funding does SP2 receive than SP1?",
            10084.8,
            "thousand USD",
            "36 388.2 − 26 303.4 = 10 084.8",
        ),
        ("2020年非员额资源比员额资源多多少？", 186849.3, "thousand USD", "219 225.8 − 32 376.5 = 186 849.3"),
        ("How many more posts are to be filled in 2021 than in 2022?", 36, "posts", "48 − 12 = 36"),
        # share: the whole is what "share of" / "…中" names, the part the rest
        (
            "What share of the Foundation non-earmarked budget goes to posts?",
            89.4,
            "%",
            "16 919.3 ÷ 18 927.4 = 89.4%",
        ),
        ("次级方案4的工作人员差旅费中，技术合作资金占多大比例？", 46.7, "%", "2 659.7 ÷ 5 697.8 = 46.7%"),
        (
            "核心预算（基金会非专用加经常预算）占2020年总预算的比例是多少？",
            12.0,
            "%",
            "(18 927.4 + 11 162.8) ÷ 251 602.3 = 12.0%",
        ),
        (
            "The proposed 2020 operating reserve is what percentage of the Foundation non-earmarked budget?",
            10.0,
            "%",
            "1 893 ÷ 18 927.4 = 10.0%",
        ),
        # ratio
        (
            "What is the ratio of technical cooperation to Foundation earmarked funding for SP4?",
            3.15,
            "ratio",
            "59 531.6 ÷ 18 925.4 = 3.15",
        ),
        ("2020年专业及以上职类员额与一般事务员额之比是多少？", 1.93, "ratio", "168 ÷ 87 = 1.93"),
        ("次级方案1中，基金会非专用的员额费用是经常预算员额费用的多少倍？", 1.56, "ratio",
         "2 792.5 ÷ 1 793.1 = 1.56"),
        # averages: of a set, and the cost per post
        (
            "Across the four subprogrammes, what is the average Foundation non-earmarked allocation?",
            2946.4,
            "thousand USD",
            "(2 949.4 + 2 277.0 + 3 497.2 + 3 062.1) ÷ 4 = 2 946.4",
        ),
        (
            "2014年至2018年基金会非专用账户年均捐款是多少？",
            3621.6,
            "thousand USD",
            "(7 547 + 1 995 + 2 279 + 2 693 + 3 594) ÷ 5 = 3 621.6",
        ),
        ("What is the average cost per post in subprogramme 4?", 104.3, "thousand USD",
         "4 903.2 ÷ 47 = 104.3"),
        ("行政领导和管理平均每个员额的费用是多少？", 135.5, "thousand USD", "4 201.6 ÷ 31 = 135.5"),
        # sums over a dimension and over years
        ("How many D-2 and D-1 posts are proposed in total for 2020?", 19, "posts", "5 + 14 = 19"),
        ("2019年和2020年基金会非专用账户的捐款合计是多少？", 23215, "thousand USD",
         "5 398 + 17 817 = 23 215"),
        # change between years, chronological whichever way it is asked
        (
            "What is the difference between contributions in 2018 and 2017?",
            901,
            "thousand USD",
            "3 594 − 2 693 = 901",
        ),
    ],
)  # fmt: skip
def test_operations(assistant, question, value, unit, formula):
    found = result(assistant, question)
    assert (found["value"], found["unit"], found["formula"]) == (pytest.approx(value), unit, formula)
    assert found["cells"] and found["table"]["rows"]


@pytest.mark.parametrize(
    ("question", "value", "answer", "table"),
    [
        ("2020年哪个组成部分的员额最多？", 58, "方案支助", "2.1"),
        ("Excluding posts, which object of expenditure is largest in the Foundation non-earmarked budget?",
         751.4, "Contractual services", "1.3"),
        ("2014年至2018年间，哪一年的基金会捐款最少？", 1995, "2015", "3.0"),
        ("Which grade has the most posts in 2020?", 52, "P-3", "2.3"),  # Local level is G-7 to G-4 (1.5A)
        ("哪个组成部分的P-3员额最多？", 23, "方案支助", "2.3"),
        ("Which funding source provides the most travel of staff money for subprogramme 1?", 1824.5,
         "Technical cooperation", "6.2"),
    ],
)  # fmt: skip
def test_rank_over_each_dimension(assistant, question, value, answer, table):
    found = result(assistant, question)
    assert found["value"] == value and found["answer"] == answer
    assert table in {c["table"] for c in found["cells"]}


def test_ties_are_named(assistant):
    answer = calc(assistant, "Which subprogramme has the fewest P-4 posts?")
    assert answer.result["value"] == 5 and "are the smallest" in answer.answer
    assert answer.result["answer"] == "Subprogramme 1; Subprogramme 2"


@pytest.mark.parametrize(
    ("question", "value", "unit", "table"),
    [
        ("How many P-3 posts does UN-Habitat propose for 2020 across all funding sources?", 52, "posts",
         "2.3"),
        ("次级方案2有多少个P-4员额？", 5, "posts", "2.3"),
        ("How many regular budget D-1 posts are there in policymaking organs?", 1, "posts", "4.3"),
        ("行政领导和管理有多少个助理秘书长（ASG）员额？", 1, "posts", "2.3"),
        ("How many G-5 posts are there?", 28, "posts", "1.5A"),
        ("次级方案4有多少个一般事务员额？", 15, "posts", "2.1"),
        ("How many General Service posts are there in total?", 87, "posts", "2.1"),
        ("How many posts are added to subprogramme 1 in 2021?", 8, "posts", "1.5B"),
        ("What is the non-post budget of subprogramme 4?", 79232.9, "thousand USD", "1.1"),
        ("次级方案4的非员额资源是多少？", 79232.9, "thousand USD", "1.1"),
        ("How many days of seminars, workshops and training events are planned for SP2 in 2020?", 74, "days",
         "VI-SP2-deliverables"),
        ("次级方案1在2020年计划开展多少个实地和技术合作项目？", 32, "projects", "VI-SP1-deliverables"),
    ],
)  # fmt: skip
def test_grades_categories_years_and_deliverables(assistant, question, value, unit, table):
    found = result(assistant, question)
    assert (found["value"], found["unit"]) == (value, unit)
    assert found["cells"][0]["table"] == table


def test_the_plan_period_core_posts(assistant):
    found = result(assistant, "在316个核心员额中，经常预算资助的占百分之多少？")
    assert (found["value"], found["formula"]) == (23.1, "73 ÷ 316 = 23.1%")
    assert found["cells"] and {c["table"] for c in found["cells"]} <= {"1.5A", "1.5B"}


def test_programme_support_is_read_from_its_context(assistant):
    funded = result(assistant, "How many P-3 posts are funded by programme support?")
    assert funded["value"] == 15 and funded["cells"][0]["table"] == "2.2"
    joined = result(
        assistant,
        "How many subprogramme 3 posts are funded by the regular budget and programme support combined?",
    )
    assert joined["value"] == 18
    component = calc(assistant, "方案支助2020年订约承办事务的拟议预算是多少？")
    assert component.result["value"] == 2888.6 and "此处理解为方案支助（组成部分）" in component.answer
    assert component.options and "资金来源" in component.options[0]["label"]  # the other reading, to click
    source = result(
        assistant,
        "What share of the programme support component's budget is funded from programme support resources?",
    )
    assert source["value"] == 52.5


def test_a_disagreement_between_a_summary_and_a_component_table(assistant):
    """Table 3.2 swaps two columns (its policymaking organs column adds up to 21, Table 2.1 gives 1): the
    component's own table, whose totals agree, answers; 3.2 is shown as the disagreement."""
    answer = calc(assistant, "How many Foundation non-earmarked D-2 posts does policymaking organs have?")
    assert answer.result["value"] == 0 and answer.result["cells"][0]["table"] == "4.3"
    assert answer.result["disagreement"]["table"] == "3.2" and answer.result["disagreement"]["value"] == 2
    assert [c.id for c in answer.citations] == ["4.3", "3.2"]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("What percentage of the 300 posts in 2020 are General Service posts?", "300"),
        ("2025年人居署的员额数是多少？", "没有2025 年员额数的数字"),
        ("次级方案3有多少个G-7员额？", "没有2020 年次级方案 3"),
        ("What is the average cost of a P-3 post?", "no money by grade"),
        ("Compare subprogramme 1.", "Which two figures"),
        ("How many more posts does subprogramme 1 have?", "Which two figures"),
    ],
)
def test_refusals_say_what_is_missing(assistant, question, message):
    answer = calc(assistant, question)
    assert answer.result is None and message in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How much TC and FX does SP1 get?",  # "FX" is no item it knows: not silently dropped
        "How many P-6 posts are there in subprogramme 1?",
        "What is the budget of subprogramme 2 for rent?",  # a qualifier the tables do not have
        "次级方案2的房租支出是多少？",
    ],
)
def test_no_number_without_a_single_reading(assistant, question):
    assert assistant.ask(question).result is None


def test_a_year_is_not_read_as_a_subprogramme(assistant):
    found = result(assistant, "四个次级方案2020年计划的实地和技术合作项目一共多少个？")
    assert found["value"] == 125 and len(found["cells"]) == 4


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("各资金来源的员额数分别是多少？", [135, 73, 47, 0, 0]),
        ("How many posts does each component have?", [37, 35, 41, 47, 6, 31, 58]),
        ("各次级方案的工作人员差旅费分别是多少？", [3648.1, 3582.0, 1773.6, 5697.8]),
    ],
)
def test_breakdown_over_the_dimension_named(assistant, question, rows):
    found = result(assistant, question)
    assert [row[1] for row in found["table"]["rows"]] == rows and found["value"] == pytest.approx(sum(rows))


def test_a_verb_is_not_money(assistant):
    found = result(assistant, "Which source funds the most posts?")
    assert (found["value"], found["unit"]) == (135, "posts")


def test_a_deliverable_is_not_checked_against_money(assistant):
    """No other table counts projects: no "disagreement" with a component's budget."""
    answer = assistant.ask("次级方案4计划多少个技术合作项目？")
    assert (answer.result["value"], answer.result["unit"]) == (28, "projects")
    assert "disagreement" not in answer.result and "84 136.1" not in answer.answer


@pytest.mark.parametrize(
    ("question", "value", "formula"),
    [
        # read one way now that the words say which: the posts added, summed; a total over a range of years
        ("2021年和2022年共增加多少个员额？", 60, "48 + 12 = 60"),
        (
            "What were total contributions from 2014 to 2018?",
            18108,
            "7 547 + 1 995 + 2 279 + 2 693 + 3 594 = 18 108",
        ),
        ("2014年和2018年的捐款合计是多少？", 11141, "7 547 + 3 594 = 11 141"),  # two years, not a range
        ("What is the budget of SP1 and SP2?", 110560.9, "54 402.3 + 56 158.6 = 110 560.9"),
        ("How much TC and FE does SP1 get?", 48564.5, "26 303.4 + 22 261.1 = 48 564.5"),
        # posts in place in a later year of the plan: all the posts of the plan by then
        ("How many posts will there be in 2023?", 316, "表 1.5A / Table 1.5A: Total × Total = 316"),
        ("How many posts will there be in 2022?", 315, "255 + 48 + 12 = 315"),
        # core = Foundation non-earmarked + regular budget (¶46), for posts as for money
        ("How many core budget posts does subprogramme 1 have?", 33, "20 + 13 = 33"),
    ],
)
def test_sums_the_words_ask_for(assistant, question, value, formula):
    found = result(assistant, question)
    assert (found["value"], found["formula"]) == (value, formula)


def test_which_is_bigger_and_by_how_much_is_the_difference(assistant):
    """ "Which is bigger, and by how much?": the gap, not the larger figure alone."""
    found = result(assistant, "Is the regular budget bigger for SP3 or SP4, and by how much?")
    assert found["operation"] == "difference" and found["value"] == pytest.approx(443.2)
