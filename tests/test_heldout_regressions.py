"""Wrong figures the held-out sets G, H and I found on their first reading (eval/README.md), each kept
as a test: the right figure, or a question back where the question can be read two ways."""

from __future__ import annotations

import pytest


def asked_back(assistant, question):
    """No figure: a question back."""
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "clarify", answer["answer"]


def figure_by(assistant, question, value, operation):
    """The figure, computed by this operation."""
    result = assistant.ask(question).to_dict()["result"]
    assert result is not None and result["operation"] == operation
    assert result["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question, value",
    [
        ("FNE post costs per FNE-funded post?", 125.3),  # "per <member>-funded post": the cost per post
        ("基金会向项目组合收取的方案支助费费率是百分之多少？", 13),  # a rate asked in percent is the rate
        ("四个次级方案（不算决策机构、行政领导和管理、方案支助）2020年所需资源合计为多少？", 233324.5),
        ("2020年气候行动与城市环境领域的次级方案由基金会非专用资金承担的数额是多少？", 3497.2),
    ],
)
def test_the_right_figure(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is not None, answer["answer"]
    assert answer["result"]["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "2020年 Professional 及以上跟 GS 员额的比例是多少？",  # ratio, or each share?
        "那个领域的非员额费用是多少啊？",  # "that area": which?
        "Total budget excluding technical cooperation, for SP1 and SP2?",  # the total with TC was given
    ],
)
def test_a_question_back(assistant, question):
    asked_back(assistant, question)


# Found by an adversarial pass after sets G-I (49 wrong figures in 420 questions, all of these shapes).
@pytest.mark.parametrize(
    "question, value",
    [
        ("technical cooperation programme support", 0),  # TC in the programme support component: nil
        ("基金会专用方案支助是多少？", 450.0),  # not the two sources added up
        ("经常预算方案支助", 988.1),
        ("Foundation non-earmarked programme support posts", 27),
        ("What is the regular budget programme support post cost?", 966.5),
        ("Excluding SP4, which subprogramme has the largest budget?", 56158.6),
        ("除次级方案 4 以外，哪个次级方案预算最多？", 56158.6),
    ],
)
def test_a_source_beside_an_ambiguous_name_and_lists_left_out(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is not None, answer["answer"]
    assert answer["result"]["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "Total excluding policymaking organs, executive direction and management and programme support?",
        "total except subprogrammes 1, 2 and 4",
        "Total 2020 budget excluding technical cooperation, Foundation earmarked and programme support?",
        "posts excluding regular budget, programme support",
        "total non-post budget excluding grants and contributions",  # a group less one of its members
        "contributions 2014-2020 excluding 2020",  # leaving out a year: not read
        "by what percentage did subprogramme 1 fall in 2020",  # a fall since when?
        "次级方案1关于出行和遗产的项目有多少？",  # two themes: not one row
    ],
)
def test_what_cannot_be_left_out_or_compared_gets_no_figure(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None or answer["result"]["value"] is None, answer["answer"]


def test_a_breakdown_by_year_of_a_balance_has_no_total(assistant):
    answer = assistant.ask("operating reserve 2014-15").to_dict()
    assert answer["result"]["value"] is None and "6 620" in answer["answer"] and "4 562" in answer["answer"]
    assert (
        assistant.ask("EDM posts added 2021–23?").to_dict()["result"]["value"] == 8
    )  # posts added do add up


# Held-out set V's misses, read generally: a name said around its year or a possessive, a comparison of two
# years in percent (the base is the year compared with), 较 / 高出 as comparison words, a table named beside
# a figure another table completes.
@pytest.mark.parametrize(
    "question, value",
    [
        ("What was the Foundation's 2019 expenditure?", 5567),  # Table 3.0's line, not a source's budget
        ("What was the Foundation's expenditure in 2019?", 5567),
        ("基金会2019年的支出是多少？", 5567),
        ("基金会2020年的支出比2019年多了百分之几？", 240.0),  # (18 928 − 5 567) ÷ 5 567
        ("By what percentage is the Foundation's 2020 expenditure higher than 2019?", 240.0),
        ("与2019年相比，基金会2020年的支出多了百分之几？", 240.0),  # the base said first
        ("基金会2019年的支出比2020年少了百分之几？", 70.6),  # the later year is the base: the fall
        ("2019年捐款比2018年多几成？", 50.2),  # "<A> than <B>, how many tenths more": of B (was asked back)
        ("By how much do Foundation contributions jump from 2019 to 2020?", 12419),  # a range: from, to
        ("Ratio of the Foundation's 2020 income to its 2019 income?", 3.18),  # "its": the one member
        ("2020年技术合作资源较基金会专用资源高出多少？", 83923.7),
        ("按照表1.5A，2021年拟交错征聘的P-3员额有多少个？", 14),  # "proposed to be recruited": added
        ("根据表3.0，2020年基金会预计收入中，捐款占百分之多少？", 92.5),
        # a table named after "in": the share's whole is the one before "goes on" (not "in" + nothing)
        ("What share of the Foundation non-earmarked budget in Table 3.1 goes on post costs?", 89.4),
        ("What share of regular budget posts are in SP4?", 15.1),  # "in" before a member: its whole
    ],
)
def test_set_v_shapes(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is not None, answer["answer"]
    assert answer["result"]["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "方案支助的资源是多少？",  # the component or the source: "的" joins nothing new
    ],
)
def test_set_v_questions_back(assistant, question):
    asked_back(assistant, question)


# Held-out set W's first reading: abbreviations and short forms (次方案, "tbl", "segment", "k$"), a column
# named as such, a name restated in brackets, a word of the whole with no member before it.
@pytest.mark.parametrize(
    "question, value",
    [
        ("次方案3的基金会专用是多少？", 6698.3),
        ("次方案4比次方案3多多少钱？", 45508.6),
        ("Tbl 1.1: SP2 minus SP1 total reqs?", 1756.3),
        ("avg post cost per post, whole budget (k$)?", 127.0),
        ("次方案1 一般业务费用里技术合作那栏是多少？", 3639.9),
        ("表3.1里 方案支助(PS) 那栏占基金会非专用总额的百分比？", 20.3),
        ("By what percentage is total expenditure in 2018 lower than in 2017?", 50.8),  # the fall's size
    ],
)
def test_set_w_shapes(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is not None, answer["answer"]
    assert answer["result"]["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "方案支助（PS）的员额有多少？",  # the name and its abbreviation both read two ways: one name, asked
        "P-3 posts under programme support (PS segment)?",  # the component, or its PSC-funded posts?
        "Total expenditure: 2018 vs 2017 in percent?",  # "vs" says neither year is the base
    ],
)
def test_set_w_questions_back(assistant, question):
    asked_back(assistant, question)


# Attack pass 11 (1 126 questions on this landing's changes): one line in one year against another line in
# another year was read as the first line's two years (10 figures, 4 of them older than this landing).
@pytest.mark.parametrize(
    "question",
    [
        "By what percentage is the Foundation's income in 2020 higher than its expenditure in 2019?",
        "基金会2020年收入比2019年支出多百分之几？",
        "基金会2020年收入比2019年支出多多少？",
        "What is the difference between the Foundation's 2020 contributions and its 2019 expenditure?",
        "基金会2020年收入是2019年支出的几倍？",
        "By what percentage is SP1's budget lower than SP4's?",  # "lower" of members: not read yet, asked
        "SP4 vs SP1 budget in percent?",  # "vs" names no base
    ],
)
def test_two_lines_in_two_years_are_asked_back(assistant, question):
    asked_back(assistant, question)


@pytest.mark.parametrize(
    "question, value, operation",
    [
        (
            "% change in employee salaries & benefits expenditure from 2018 to 2019?",
            25.5,
            "change",
        ),  # its total's word
        ("根据基金会财务趋势表，2020年预计捐款比2019年多出多少？", 12419, "difference"),  # the table's name
        # "lower" of a figure that rose: the rise, said as a change (never "a decrease of −230.1%")
        (
            "By what percentage were the Foundation's contributions in 2020 lower than in 2019?",
            230.1,
            "change",
        ),
    ],
)
def test_a_line_with_its_own_words(assistant, question, value, operation):
    figure_by(assistant, question, value, operation)


@pytest.mark.parametrize(
    "question, value, operation",
    [
        # two members with "than" / 比 between them: A's excess over B, as a percentage of B (was asked back)
        ("城市危机比气候行动多几成？", 117.8, "difference"),
        ("By what percentage is urban crisis larger than climate action?", 117.8, "difference"),
        ("与次级方案1相比，次级方案4的预算多了百分之几？", 54.7, "difference"),
        # "its" before the same line said again: the owner named before it
        (
            "By what percentage does the Foundation's 2020 contributions exceed its 2019 contributions?",
            230.1,
            "change",
        ),
        ("基金会2020年的捐款比其2019年的捐款多百分之几？", 230.1, "change"),
    ],
)
def test_compared_in_percent(assistant, question, value, operation):
    figure_by(assistant, question, value, operation)


# Attack pass 12 (524 questions): a whole against a member in percent was read as a share (14 figures), and
# "与 <year> <line> 相比" took the year before the line as said last (4, all older than this landing).
@pytest.mark.parametrize(
    "question",
    [
        "By what percentage is the total budget higher than SP4's?",  # no share: ask (not 33.4%)
        "总预算比次级方案4多百分之几？",
        "与2019年支出相比，基金会2020年收入多了多少？",  # two lines, one year each
    ],
)
def test_attack_12_questions_back(assistant, question):
    asked_back(assistant, question)


def test_compared_with_a_year_and_its_line_said_first_is_the_base(assistant):
    result = assistant.ask("与2019年收入相比，基金会2020年收入多了多少？").to_dict()["result"]
    assert result["value"] == pytest.approx(13205, abs=0.05)  # 19 267 − 6 062, not −13 205


def test_an_english_formula_from_a_paragraph_writes_the_amount_in_english(assistant):
    formula = assistant.ask("According to paragraph 51, what is the total budget?").to_dict()["result"][
        "formula"
    ]
    assert formula == "¶51: US$ 248.2 million = 248 200.0"
    assert (
        assistant.ask("根据第51段，总预算是多少？").to_dict()["result"]["formula"]
        == "¶51: 2.482 亿美元 = 248 200.0"
    )


def test_compared_with_a_year_its_line_and_a_measure_word_said_first_is_the_base(assistant):
    result = assistant.ask("与2019年的雇员工资与福利支出相比，2020年多了多少").to_dict()["result"]
    assert result["value"] == pytest.approx(11371, abs=0.05)  # 16 919 − 5 548


def test_compared_with_a_member_the_whole_in_percent_is_asked_back(assistant):
    answer = assistant.ask("与次级方案4相比，总预算高出百分之几？").to_dict()
    assert answer["result"] is None and answer["status"] == "clarify", answer["answer"]


def test_an_annex_row_is_not_chosen_by_a_verb_its_label_holds(assistant):
    """ "… is the prosperity subprogramme planning for 2020?": the subprogramme's days (74), not an Annex
    row whose label holds "planning" (41)."""
    question = (
        "How many days of seminars, workshops and training is the prosperity subprogramme planning for 2020?"
    )
    assert assistant.ask(question).to_dict()["result"]["value"] == pytest.approx(74)


@pytest.mark.parametrize("question", ["人居署计划拥有多少个员额？", "次级方案4拟拥有多少个员额？"])
def test_posts_an_organisation_plans_to_have_are_asked_back(assistant, question):
    # set Y (y035): "plans to have" in Chinese, as in English: 2020's posts, or those at the plan's end?
    asked_back(assistant, question)
