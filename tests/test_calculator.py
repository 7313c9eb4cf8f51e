"""The calculator: the right figure, a question back, or "not in the document" — never a wrong number.

The examples of the numeric-understanding issue in both languages; prose figures and deliverables; the
binding rule (a dimension named without a member gets a question back); fail-closed properties (an
unknown word or a missing number never turns into a figure); the generated set with its independent
oracle; the held-out and older question sets; and the code itself (no document phrase, no eval)."""

import random
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation.generator import Generator, Names
from evaluation.numeric import (
    HELDOUT,
    NUMERIC_QUESTIONS,
    PARAPHRASES,
    calculator_answers,
    load_cases,
    matches,
    score,
)
from index.layout import CALCULATOR_LEXICON
from tests.calc_helpers import calc, figure

ROOT = Path(__file__).resolve().parents[1]


# -- the issue's examples ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "value", "unit", "table"),
    [
        ("What is the total budget of subprogramme two?", 56158.6, "thousand USD", "1.1"),
        ("第二个次级方案的预算总额是多少？", 56158.6, "thousand USD", "1.1"),
        ("How many posts does subprogramme three have in 2020?", 41, "posts", "2.1"),
        ("第三个次级方案有多少个员额？", 41, "posts", "2.1"),
        (
            "How much technical cooperation money is there for subprogramme four?",
            59531.6,
            "thousand USD",
            "1.1",
        ),
        ("次级方案四的技术合作资金有多少？", 59531.6, "thousand USD", "1.1"),
        ("2020 年拟议预算总额是多少？", 251602.3, "thousand USD", "1.1"),
        ("What is the proposed total budget for 2020?", 251602.3, "thousand USD", "1.1"),
    ],
)
def test_the_figure_of_what_is_named_not_of_the_whole(assistant, question, value, unit, table):
    found = figure(assistant, question)
    assert (found["value"], found["unit"], found["cells"][0]["table"]) == (value, unit, table)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("次级方案的员额有多少？", "zh"),
        ("How many posts does the subprogramme have?", "en"),
        ("What is the technical cooperation budget of the subprogramme?", "en"),
        ("该次级方案的预算是多少？", "zh"),
    ],
)
def test_a_dimension_named_without_a_member_is_asked_back(assistant, question, language):
    answer = calc(assistant, question)
    assert answer.result is None and answer.status == "clarify"
    assert len(answer.options) == 4  # the four subprogrammes, each a question to click
    assert ("次级方案 2" if language == "zh" else "subprogramme 2") in answer.options[1]["question"]


@pytest.mark.parametrize(
    ("question", "value", "formula"),
    [
        # the share of the whole the question names (subprogramme 4's posts), not of all posts
        ("What share of subprogramme 4's posts are General Service?", 31.9, "15 ÷ 47 = 31.9%"),
        ("次级方案4的员额中一般事务员额占多大比例？", 31.9, "15 ÷ 47 = 31.9%"),
        # "in total by 2023": every post of the plan, not the 2023 column
        ("How many posts will there be in total by 2023?", 316, "表 1.5A / Table 1.5A: Total × Total = 316"),
        ("到2023年共有多少个员额？", 316, "表 1.5A / Table 1.5A: 共计 × 共计 = 316"),
        # a post's cost, not a count of posts
        ("What does a post cost in subprogramme 4?", 104.3, "4 903.2 ÷ 47 = 104.3"),
        ("次级方案4平均每个员额的费用是多少？", 104.3, "4 903.2 ÷ 47 = 104.3"),
        # word order, synonyms, Chinese numerals
        ("How much earmarked Foundation money does subprogramme 1 get?", 22261.1, None),
        ("How many Professional-level posts does subprogramme 2 have?", 23, None),
        ("By how much did contributions decline from 2014 to 2015?", 5552, "7 547 − 1 995 = 5 552"),
        ("技术合作为次级方案3出资多少？", 25174.2, None),
        ("2020年的成本回收收入是多少？", 1300, None),
        ("第四个次级方案有几个P-4员额？", 9, None),
        (
            "How many times bigger is subprogramme 4's budget than subprogramme 3's?",
            2.18,
            "84 136.1 ÷ 38 627.5 = 2.18",
        ),
        ("次级方案4的预算是次级方案3的几倍？", 2.18, "84 136.1 ÷ 38 627.5 = 2.18"),
    ],
)
def test_the_failure_shapes_of_the_issue(assistant, question, value, formula):
    found = figure(assistant, question)
    assert found["value"] == pytest.approx(value), (question, found)
    if formula:
        assert found["formula"] == formula


def test_the_cumulative_total_has_no_false_disagreement(assistant):
    answer = calc(assistant, "How many posts will there be in total by 2023?")
    assert "disagreement" not in answer.result and "disagree" not in answer.answer


# -- prose figures --------------------------------------------------------------------------------------
def test_a_figure_only_the_prose_states_is_quoted_and_cited(assistant):
    answer = calc(assistant, "What programme support charge does the Foundation levy?")
    assert (answer.result["value"], answer.result["unit"]) == (13.0, "%")
    assert [c.label for c in answer.citations] == ["¶59"] and "13%" in answer.citations[0].quote
    assert answer.result["paragraphs"][0]["printed"] == "13%"


def test_prose_and_tables_that_disagree_are_both_given(assistant):
    answer = calc(assistant, "What is the total budget for 2020?")
    assert answer.result["value"] == 251602.3
    assert [c.label for c in answer.citations] == ["表 1.1 / Table 1.1", "¶51"]
    assert "2.482 亿美元" in answer.answer and "US$ 248.2 million" in answer.answer
    income = calc(assistant, "2020年基金会预计总收入是多少？")
    assert income.result["value"] == 19267 and "2 080 万美元" in income.answer
    assert {c.label for c in income.citations} == {"表 3.0 / Table 3.0", "¶59"}


def test_prose_that_agrees_is_cited_beside_the_table(assistant):
    answer = calc(assistant, "What is the operating reserve in 2020?")
    assert answer.result["value"] == 1893 and "190 万美元" in answer.answer
    assert "disagreement" not in answer.result


def test_the_narrative_figure_when_the_question_asks_for_it(assistant):
    found = figure(
        assistant, "According to the narrative, what are the total direct resource requirements for 2020?"
    )
    assert found["value"] == 248200 and found["paragraphs"][0]["paragraph"] == "51"


# -- deliverables ----------------------------------------------------------------------------------------
def test_what_a_subprogramme_will_deliver_with_its_table_cited(assistant):
    answer = calc(assistant, "What will subprogramme 4 deliver in 2020?")
    rows = {name: value for name, value in answer.result["table"]["rows"]}
    assert list(rows.values()) == [28, 42, 2, 9]
    assert answer.citations[0].label == "次级方案 4 交付成果 / Subprogramme 4 deliverables"


def test_deliverables_in_total_over_the_subprogrammes(assistant):
    answer = calc(assistant, "How many workshop days are planned in total?")
    assert (answer.result["value"], answer.result["unit"]) == (260, "days")
    assert len(answer.citations) == 4 and all("deliverables" in c.label for c in answer.citations)


# -- misreadings the held-out sets found ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How many posts get added to Programme Support between 2021 and 2023?", 12),  # every year of a range
        ("Avg FNE posts per SP (SP1–SP4)?", 21.5),  # a range of members
        ("FNE post cost per FNE post, SP3?", 145.9),  # "per <member> post"
        ("2014 年至 2018 年期间，基金会雇员工资与福利支出减少了多少？", 2336),  # the size of a decrease
        ("根据第 59 段，2020 年基金会预计总收入为多少百万美元？", 20800),  # the paragraph named answers
        ("方案支助部分从基金会非专用资金里拿多少？", 3846.6),  # the component, not two sources summed
        ("How many posts will there be in 2022?", 315),  # the posts in place: the plan's, added up
        # found by set O
        ("Add subprogramme 3 and subprogramme 4: what do the two get in total?", 122763.6),  # "the two"
        ("按员额从少到多排，第一个次级方案有多少个员额？", 35),  # an ordered ranking's <ordinal> <head>
        ("Sorted from lowest to highest by posts, how many posts does the third subprogramme have?", 41),
        ("For every dollar of SP2 budget, how many dollars go to SP4?", 1.5),  # after "per dollar": divides
        ("每一美元非员额费用对应多少美元员额费用？", 0.15),
        ("Which subprogramme has the fewest posts? What is its number of posts?", 35),  # "its": the one found
        ("What share of total requirements goes to staff posts?", 12.9),  # of money: the cost of posts
        ("2014年到2018年，捐款下滑了多少？", 3953),
        ("Under programme support, what does the regular budget put towards post costs?", 966.5),
        ("What's the mean budget of the four thematic subprogrammes?", 58331.1),  # words between
        ("次级方案1每一美元对应次级方案4多少？", 1.55),  # "<B> per dollar": B divides
        ("Post costs: for every dollar, how much non-post?", 6.77),
        ("How much goes toward posts?", 32376.5),  # money put toward posts: their cost
        ("次级方案1和次级方案2这两个次级方案的预算合计是多少？", 110560.9),  # "the two <heads>" restates
        ("次级方案 3 和 4 两者的预算合计是多少？", 122763.6),  # a tally, not a third member's number
        ("For every dollar of 2018 contributions, how much were 2019 contributions?", 1.5),  # years
        ("次级方案 1 员额费用每一美元对应多少次级方案 2 员额费用？", 0.93),
        ("次级方案 4 用于员额的比例是多少？", 5.8),  # the whole named before the verb of spending
        ("How much of programme support's budget goes to post costs, as a percentage?", 55.5),
        ("How much does a regular budget post cost in SP1?", 137.9),  # "a <source> post": one post
        ("What multiple of SP3 is SP4?", 2.18),
        ("Which subprogramme gets the most money from FNE? How much?", 3497.2),  # the same figure again
        ("Lowest contributions yr 2014–18 — amount?", 1995),
        ("按技术合作从多到少排，排第二的次级方案拿多少技术合作？", 36388.2),  # ranked by X, X asked again
        ("Regular budget: what percent goes to consultants?", 2.0),  # the whole set apart before the colon
        ("Subprogramme 1: what percent comes from technical cooperation?", 48.3),
        ("经常预算有百分之几用于员额？", 87.8),  # the whole named before the verb of spending
        ("技术合作有百分之几投向次级方案4？", 40.4),
    ],
)
def test_misreadings_found_by_the_held_out_sets(assistant, question, value):
    assert figure(assistant, question)["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "What's the subprogramme's budget?",  # "what's" is not "which"
        "捐款收入是多少？",  # a figure of several years: which one?
        "Reserve 2019?",  # the operating reserve, or the fund and reserve balance?
        "P-5 员额一共要花多少钱？",  # money by grade: not in the tables
        "占总预算的百分比是多少，次级方案1的员额有多少个？",  # posts as a share of money
        "What does SP1 add in money?",  # "add" with nothing to add up
        "What does SP1 add in money in 2021 and 2022?",
        # found attacking set O's changes
        "Which subprogramme has the largest budget? Give me its post costs",  # ranked by one, another asked
        "Which subprogramme has the most FNE money? Give its total budget",
        "按预算排第二的次级方案有多少员额？",
        "Sorted by posts from lowest to highest, what is the budget of the first subprogramme?",
        "哪一年捐款最多？那一年的支出是多少？",  # that year's other figure
        "Ranked by contributions from highest to lowest, what was the second year's expenditure?",
        "In which year was investment income highest? And expenditure in that year?",
        "哪个次级方案的钱最多？其中经常预算是多少？",  # a member in the second sentence
        "Which object of expenditure is the largest? How much of it is from technical cooperation?",
        "Ranked by technical cooperation from highest to lowest, what is the second subprogramme's total?",
        "Which subprogramme has the most posts in total by 2023? How many does it have in 2020?",
        "次级方案 1、2、3 两个次级方案的技术合作合计？",  # three named, "two"
        "Per dollar of post costs, how many posts are there?",  # posts per dollar: not computed
        "每美元员额费用对应的员额数是多少？",
        "Of the regular budget, what percent goes to posts?",  # the number of posts, or their cost?
        "次级方案 2 的核定预算是多少？",  # "approved" is not a slip for "core"
        "2018 年收入净额是多少？",  # net, not total
        "What is SP1's net budget?",
        "Audited: SP1 budget?",
        "The approved level: SP1 budget?",
        "基金会非专用、经常预算和方案支助这两个来源合计是多少？",  # three named, "the two"
        "次级方案2和4，两年合计所需资源是多少？",  # two years, none named
        "次级方案1员额数占总员额费用的比例是多少？",  # a number of posts over money
        "中位数：次级方案1的预算是多少？",  # a word spelt with filler characters
        "实际支出：次级方案1是多少？",  # actual spending: not the proposed budget
        "Post costs at P-4 grade?",
        "繁荣次级方案（SP2）核心资金里请顾问的钱有多少？",  # a sum would take a figure of a doubtful table
    ],
)
def test_misreadings_found_by_the_held_out_sets_get_no_number(assistant, question):
    answer = assistant.ask(question)
    assert answer.result is None, answer.answer


@pytest.mark.parametrize(
    ("question", "value"),
    [
        # a word that refers back names the member the question named before
        ("What share of subprogramme 4's budget is TC funding within that subprogramme?", 70.8),
        ("次级方案 4 的技术合作资金占该次级方案所需资源总额的百分比是多少？", 70.8),
        # "its" names the one component (else the one member) named before it
        ("城市危机次级方案的基金会非专用资金占其总预算的比例？", 3.6),
        ("TC for SP4 as a share of its budget?", 70.8),
        ("次级方案2的员额费用占其预算的比例？", 8.6),  # was refused before "its" was read
        ("Programme support cost (PSC) as a funding source - what's its total for 2020?", 10641.0),
        # a superlative before a head asks which
        ("Smallest subprogramme by FNE?", 2277.0),
        ("The largest subprogramme by posts?", 47),
        # terse abbreviations
        ("Non-post share of total 2020 reqs?", 87.1),
        ("Δ contributions 2017→2018?", 901),
        ("P-3 hires 2022?", 8),
        ("What % of the 255 posts are Professional & above?", 65.9),
        ("P-5 headcount 2020, org-wide", 49),
        # ordinals listed before a plural head
        ("What do the first and second subprogrammes get combined, counting all funding sources?", 110560.9),
        ("the first, second and fourth subprogrammes: total posts?", 119),
        ("第一、第二和第四个次级方案的员额数合计？", 119),
        # a miswritten character in a Chinese name
        ("人居署的经长预算是多少？", 11162.8),
        ("次级方案4的技术合做资金是多少？", 59531.6),
    ],
)
def test_references_superlatives_and_abbreviations(assistant, question, value):
    assert figure(assistant, question)["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        # with nothing or two things named before, "that subprogramme" is not guessed
        ("What share of that subprogramme's budget is TC?", "which subprogramme"),
        ("Subprogrammes 1 and 2: how many posts does that subprogramme have?", "which subprogramme"),
        ("该次级方案有多少员额？", "哪个次级方案"),
        # two questions in one: answering one would be a figure for something else
        ("How much TC does subprogramme 2 get, and how many posts does it have?", "one at a time"),
        ("次级方案2有多少技术合作资金，有多少员额？", "一次只问一个"),
        ("How much more does SP4 get than SP3, and what is the ratio?", "one at a time"),
        ("What share of its budget does TC make up?", "by “its”"),  # nothing named for "its"
        # the largest and the smallest at once
        ("Difference between the smallest and largest source of funds in 2020?", "largest and the smallest"),
        ("哪个次级方案的员额最多和最少？", "最大和最小"),
        # posts a delegate "will have": the budget year's, or the plan's by its end?
        ("How many P-5 posts will UN-Habitat have?", "by the end of the staggered recruitment plan"),
        ("人居署将有多少个P-5员额？", "交错征聘计划结束时"),
        # "programme support" counting posts: the component's or those programme support costs pay for?
        ("How many posts does programme support have?", "more than one way"),
    ],
)
def test_what_cannot_be_read_as_one_figure_is_asked_back(assistant, question, message):
    answer = calc(assistant, question)
    assert answer.result is None and answer.status == "clarify", answer.answer
    assert message in answer.answer.lower(), answer.answer


def test_the_horizon_options_each_answer(assistant):
    answer = calc(assistant, "How many P-5 posts will UN-Habitat have?")
    assert [assistant.ask(o["question"]).result["value"] for o in answer.options] == [49, 59]


# -- what the document does not have --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "status", "words"),
    [
        ("What is the budget of subprogramme 5?", "absent", "no subprogramme 5"),
        ("第七个次级方案的预算是多少？", "absent", "第七个次级方案"),
        ("What is the 2021 budget of subprogramme 4?", "absent", "2021"),
        ("2013年的捐款是多少？", "absent", "2014, 2015"),
        ("What is the budget of subprogramme 2 in Kenya?", "absent", "kenya"),  # a name no text uses
        ("What is UNEP's budget for 2020?", "unread", "unep"),
        (
            "What is the first subprogramme's budget in the first year?",
            "unread",
            "first",
        ),  # an ordinal of nothing
        ("次级方案2在肯尼亚的预算是多少？", "absent", "没有提到“肯尼亚”"),  # a name no text uses
        ("How much is programme support?", "clarify", "more than one way"),
        ("方案支助有多少钱？", "clarify", "不同的理解"),
        ("What is the average cost of a P-3 post?", "absent", "no money by grade"),
    ],
)
def test_no_number_for_what_the_document_does_not_hold(assistant, question, status, words):
    answer = assistant.ask(question)
    assert answer.result is None and answer.status == status and words in answer.answer.lower(), answer.answer


def test_an_ambiguous_word_offers_both_readings(assistant):
    answer = calc(assistant, "How much is programme support?")
    labels = [o["label"] for o in answer.options]
    assert len(labels) == 2 and any("source of funding" in label for label in labels)
    for option in answer.options:  # each option is a question with one reading
        assert assistant.ask(option["question"]).result["value"] in (11128.7, 10641.0)


# -- fail closed: properties ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generated(assistant):
    return Generator(
        assistant.index.tables, Names.load(assistant.index.calculator_dir / CALCULATOR_LEXICON)
    ).all()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_an_unknown_word_never_turns_into_a_figure(assistant, generated, data):
    """Any answerable question with a word added that the calculator does not know gets no number."""
    case = data.draw(
        st.sampled_from([c for c in generated if c.expect == "answer" and "misspelt" not in c.note])
    )
    word = data.draw(st.sampled_from(["zorblax", "quuxfoo", "flimbert", "墨鱼", "蓝莓派"]))
    words = case.question.rstrip("?？").split(" ") if case.language == "en" else None
    if words:
        at = data.draw(st.integers(0, len(words)))
        question = " ".join([*words[:at], word, *words[at:]]) + "?"
    else:
        at = data.draw(st.integers(0, len(case.question) - 1))
        question = case.question[:at] + word + case.question[at:]
    outcome = assistant.calculator.handle(question, case.language)
    assert outcome is None or outcome.result is None, (question, outcome.answer)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_miswritten_character_is_read_back_or_not_at_all(assistant, generated, data):
    """One character of a question replaced by one that makes no word ("subprogrqmme", "技术合猫"): either
    the word it belonged to is recognised (the same figure), or no figure at all."""
    case = data.draw(st.sampled_from([c for c in generated if c.expect == "answer"]))
    if case.language == "zh":
        spots = [
            i
            for i, ch in enumerate(case.question)
            if "\u4e00" <= ch <= "\u9fff" and ch not in "一二三四五六七八九十"
        ]
        pool = "鸭桌猫雪琴"
    else:
        spots = [i for i, ch in enumerate(case.question) if ch.isalpha()]
        pool = "qxzjk"
    at = data.draw(st.sampled_from(spots))
    question = case.question[:at] + data.draw(st.sampled_from(pool)) + case.question[at + 1 :]
    outcome = assistant.calculator.handle(question, case.language)
    if outcome is not None and outcome.result is not None and outcome.result["value"] is not None:
        assert matches(outcome.result["value"], case, outcome.result["unit"]), (question, outcome.answer)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_member_without_its_number_is_asked_back(assistant, generated, data):
    """ "subprogramme 2" with its number taken away is "the subprogramme": a question back, no figure."""
    pattern = re.compile(
        r"(?i)\b(sub-?programme)s? (\d|two|three|four|one|I{1,3}V?|IV)\b|次级方案 ?(\d|[一二三四])"
    )
    cases = [c for c in generated if c.expect == "answer" and pattern.search(c.question)]
    case = data.draw(st.sampled_from(cases))
    question = pattern.sub(
        lambda m: "the subprogramme" if m.group(1) else "该次级方案", case.question, count=1
    )
    outcome = assistant.calculator.handle(question, case.language)
    assert outcome is None or outcome.result is None or len(outcome.result["cells"]) > 1, (question, outcome)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_arbitrary_text_never_raises(assistant, text):
    outcome = assistant.calculator.handle(text, "en")
    assert outcome is None or isinstance(outcome.answer, str)
    assistant.ask(text)


def test_lexicon_words_in_any_order_never_raise_and_any_figure_has_cells(assistant):
    words = []
    for path in (ROOT / "corpus" / "lexicon").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for section in ("operations", "measures", "quantifiers"):
            words += [w for listed in data.get(section, {}).values() for w in listed]
        words += [
            w for members in data.get("entities", {}).values() for listed in members.values() for w in listed
        ]
    rng = random.Random(3)
    for _ in range(1500):
        question = " ".join(rng.sample(words, rng.randint(1, 6)))
        for language in ("en", "zh"):
            outcome = assistant.calculator.handle(question, language)
            assert (
                outcome is None
                or outcome.result is None
                or outcome.result["cells"]
                or outcome.result.get("paragraphs")
            ), question


# -- question sets -------------------------------------------------------------------------------------
def test_the_generated_questions(assistant, generated):
    """At least 5 000 questions (templates × the lexicon's phrases × spellings × both languages), each with
    its figure read from the tidy frame by the generator itself: no wrong number, 95% answered."""
    assert len(generated) >= 5000
    result = score(generated, calculator_answers(assistant.calculator))
    assert result.wrong == [], result.wrong[:5]
    answerable = sum(1 for c in generated if c.expect == "answer")
    assert result.counts["right"] >= 0.95 * answerable, result.line()
    assert result.counts["clarified"] >= 12  # the questions with a dimension and no member


@pytest.mark.parametrize(
    ("path", "least"),
    [
        (HELDOUT["a"], 0.9),
        (HELDOUT["b"], 0.85),
        (HELDOUT["c"], 0.85),
        (HELDOUT["d"], 0.7),
        (HELDOUT["e"], 0.8),
        (HELDOUT["f"], 0.85),
        (HELDOUT["g"], 0.8),
        (HELDOUT["h"], 0.8),
        (HELDOUT["i"], 0.7),
        (HELDOUT["j"], 0.85),  # first score 80.0% (1 wrong), then tuned on: eval/README.md
        (HELDOUT["k"], 0.8),  # first score 70.0% (7 wrong), then tuned on
        (HELDOUT["l"], 0.8),  # first score 74.3% (4 wrong, 2 disputed), then tuned on
        (HELDOUT["m"], 0.75),  # first score 58.6% (3 wrong, 2 disputed), then tuned on
        (HELDOUT["n"], 0.65),  # first score 60.0% (3 wrong), then tuned on
        (HELDOUT["o"], 0.8),  # first score 68.6% (3 wrong, all disputed), then tuned on
        (HELDOUT["p"], 0.8),  # first score 72.9% (5 wrong, 4 disputed), then tuned on
        (HELDOUT["q"], 0.7),  # first score 58.6% (9 wrong: 7 disputed, 1 the scorer's), then tuned on
        (HELDOUT["r"], 0.8),  # scored after tuning: 72.9% (8 wrong: 6 disputed); r081 is asked back now
        (HELDOUT["s"], 0.8),  # the last set: first score 64.3% (10 wrong: 8 disputed, 2 notes missing)
        (NUMERIC_QUESTIONS, 0.95),
        (PARAPHRASES, 0.95),
    ],
)
def test_question_sets_get_no_wrong_number(assistant, path, least):
    cases = load_cases(path)
    result = score(cases, lambda q, _: assistant.ask(q).to_dict())
    assert result.wrong == [], result.wrong
    answerable = sum(1 for c in cases if c.expect == "answer")
    assert result.counts["right"] >= least * answerable, result.line()


# -- the code ------------------------------------------------------------------------------------------
def test_no_code_is_built_from_text():
    for path in (ROOT / "calculator").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|\bexec\(|\.query\(|\.eval\(|compile\(.*exec", source), path.name


def test_no_phrase_table_or_year_of_the_document_in_calculator_code():
    """The engine knows no phrase of the document: its words are in corpus/lexicon, its facts in
    corpus/calculator.toml and corpus/prose_figures.csv."""
    dimensions = set(
        tomllib.loads((ROOT / "corpus" / "calculator.toml").read_text(encoding="utf-8"))["dimensions"]
    )
    phrases = set()
    for path in (ROOT / "corpus" / "lexicon").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        listed = [p for members in data.get("entities", {}).values() for ps in members.values() for p in ps]
        listed += [p for forms in data.get("heads", {}).values() for ps in forms.values() for p in ps]
        own = dimensions | {f"{d}s" for d in dimensions}  # the engine's own words: its dimensions
        phrases |= {p.lower() for p in listed if p.isascii() and (" " in p or len(p) >= 9) and p not in own}
    for path in (ROOT / "calculator").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\u3400-\u9fff]", text), f"{path.name}: Chinese text"
        assert not re.search(r"(?i)\btable \d|\b20[012]\d\b|hsp/|¶\d", text), (
            f"{path.name}: a table, year or symbol"
        )
        lower = text.lower()
        found = [p for p in phrases if re.search(rf"(?<![a-z]){re.escape(p)}(?![a-z])", lower)]
        assert not found, f"{path.name}: {found}"


def test_a_partial_breakdown_carries_no_note_of_the_whole(assistant):
    """The four subprogrammes are not all components: the organisation's total (and ¶51's prose figure for
    it) is not their total, so no note of it."""
    answer = calc(assistant, "Compare the 2020 budget of each subprogramme")
    assert answer.result["value"] == pytest.approx(233324.5) and "¶51" not in answer.answer, answer.answer
    whole = calc(assistant, "budget by component?")
    assert whole.result["value"] == pytest.approx(251602.3) and "¶51" in whole.answer, whole.answer


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "次级方案三和次级方案四的技术合作资金相差多少？",
            "比次级方案 4（有效预防和应对城市危机）少 34 357.4 千美元",
        ),
        ("2016年基金会非专用捐款比2015年少了多少？", "2015比2016少 284 千美元"),
        ("How many more staff does subprogramme 4 have than subprogramme 2?", "is 12 posts more than"),
    ],
)
def test_a_difference_is_said_with_its_direction(assistant, question, words):
    assert words in calc(assistant, question).answer


def test_a_count_names_what_it_counts_and_cites_a_table(assistant):
    answer = calc(assistant, "How many subprogrammes are there?")
    assert answer.answer.startswith("The tables list 4 subprogrammes") and answer.citations, answer.answer


def test_no_filler_phrase_swallows_an_operation_word():
    """A longer filler phrase wins over the operation word inside it ("portion of" read as nothing dropped
    the share of "what portion of all posts…")."""
    for path in (ROOT / "corpus" / "lexicon").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        fillers = set(data["fillers"]["words"])
        ops = {w for name, words in data["operations"].items() if name != "breakdown" for w in words}
        for phrase in fillers - ops:
            inside = [w for w in phrase.split() if w in ops] if phrase.isascii() else []
            assert not inside, (path.name, phrase, inside)


def test_an_english_answer_writes_its_formula_with_the_rendering_labels(assistant):
    """#12: an English answer's formula names the cells in English; a Chinese one as printed."""
    en = assistant.ask("What is subprogramme 2's budget?").to_dict()["result"]["formula"]
    zh = assistant.ask("次级方案2的预算是多少？").to_dict()["result"]["formula"]
    assert "Source of funding › Total × Enhanced shared prosperity" in en
    assert not re.search("[\u4e00-\u9fff]", en.split(":", 1)[1])
    assert "资金来源 › 共计 ×" in zh
