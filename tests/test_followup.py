"""Follow-ups read against the previous answer, without an LLM: generated conversations scored with the
tables' own figures, the issue's examples in both languages, questions about the last answer, and
fail-closed cases; and conversations continued from the shell (`wpb ask --session`)."""

import json

import pytest
from typer.testing import CliRunner

from assistant.assistant import Assistant
from assistant.dialogue import Context
from calculator.intent import Intent
from evaluation.followups import FollowUps, run
from evaluation.generator import Names
from index.layout import CALCULATOR_LEXICON
from index.reader import Index
from wpb.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def helper(fake_index):
    return Assistant(Index(fake_index))


def converse(assistant, *questions):
    """Ask in turn, each question with the context the previous answer left."""
    answers, context = [], None
    for question in questions:
        answer = assistant.ask(question, context=context)
        answers.append(answer)
        context = answer.context
    return answers


def value(answer):
    return (answer.result or {}).get("value")


def test_generated_conversations_have_no_wrong_figure(helper):
    index = helper.index
    conversations = FollowUps(index.tables, Names.load(index.calculator_dir / CALCULATOR_LEXICON)).all()
    assert sum(len(c) for c in conversations) >= 300

    def ask(question, language, context):
        answer = helper.ask(question, context=context)
        return answer.to_dict(), answer.context

    score = run(conversations, ask)
    assert not score.wrong, score.wrong[:5]
    answerable = sum(len([t for t in c if t.expect == "answer"]) for c in conversations)
    assert score.counts["right"] >= 0.95 * answerable, score.line()


@pytest.mark.parametrize(
    ("questions", "expected", "read_as"),
    [
        (
            ("What is the 2020 budget of subprogramme 4?", "And for subprogramme 2?"),
            56158.6,
            "Subprogramme 2",
        ),
        (("次级方案 4 的 2020 年预算是多少？", "那次级方案 2 呢？"), 56158.6, "次级方案 2"),
        (
            ("What is the 2020 budget of subprogramme 4?", "And for subprogramme 2?", "what about posts?"),
            35,
            "posts",
        ),
        (("次级方案 4 有多少个员额？", "那次级方案 2 呢？"), 35, "次级方案 2"),
        (("How many P-4 posts does subprogramme 1 have?", "and P-3?"), 7, "P-3"),
        (
            ("How many P-4 posts does subprogramme 1 have?", "and P-3?", "and subprogramme 2?"),
            5,
            "Subprogramme 2",
        ),
        (
            ("How much technical cooperation money does SP3 get?", "and from the regular budget?"),
            2021.4,
            "Regular",
        ),
        (("Which subprogramme has the largest budget?", "and the smallest?"), 38627.5, "smallest"),
        (("次级方案 4 的预算是多少？", "按资金来源分呢？"), 84136.1, "breakdown"),
    ],
)
def test_a_follow_up_keeps_the_rest_of_the_reading_and_says_how_it_was_read(
    helper, questions, expected, read_as
):
    *_, last = converse(helper, *questions)
    assert last.route == "calculator" and last.status == "answered", last.answer
    assert value(last) == pytest.approx(expected)
    assert read_as in last.read_as and last.read_as != questions[-1]
    assert last.answer.startswith(("Read as:", "理解为："))  # a wrong carry-over shows at once


def test_a_question_that_stands_on_its_own_is_read_on_its_own(helper):
    first, second = converse(
        helper, "What is the 2020 budget of subprogramme 4?", "How many posts does subprogramme 2 have?"
    )
    assert value(second) == 35 and second.read_as == "How many posts does subprogramme 2 have?"


@pytest.mark.parametrize(
    ("first", "whole", "member"),
    [
        ("What is the budget of subprogramme 4?", "What is the total budget?", 84136.1),
        ("What is the budget of subprogramme 1?", "in dollars?", 54402.3),
        ("次级方案 1 的预算是多少？", "预算总额是多少？", 54402.3),
    ],
)
def test_a_question_naming_no_member_after_a_members_figure_asks_which(helper, first, whole, member):
    """The whole document's figure, or the last member's? Asked back, and each choice, asked in the same
    conversation, gets its own figure."""
    answers = converse(helper, first, whole)
    back = answers[-1]
    assert back.status == "clarify" and value(back) is None and len(back.options) == 2
    context = answers[0].context
    everything = helper.ask(back.options[0]["question"], context=context)
    assert value(everything) == pytest.approx(251602.3), everything.answer
    theirs = helper.ask(back.options[1]["question"], context=context)
    assert value(theirs) == pytest.approx(member), theirs.answer


@pytest.mark.parametrize(
    "follow_up",
    [
        "And for subprogramme 7?",
        "那次级方案 7 呢？",
        "what about the regional office in Nairobi?",
        "And for UNICEF?",
    ],
)
def test_a_follow_up_it_cannot_carry_over_gets_no_number(helper, follow_up):
    *_, last = converse(helper, "What is the 2020 budget of subprogramme 4?", follow_up)
    assert value(last) is None, last.answer


def test_without_a_previous_figure_a_follow_up_gets_no_number(helper):
    (answer,) = converse(helper, "And for subprogramme 2?")
    assert answer.read_as == "And for subprogramme 2?"
    (why,) = converse(helper, "why?")
    assert value(why) is None and "no earlier figure" in why.answer


@pytest.mark.parametrize(
    ("question", "label"),
    [("show me that table", "Table 1.1"), ("这张表", "表 1.1"), ("that table", "Table 1.1")],
)
def test_that_table_opens_the_unit_cited_last(helper, question, label):
    *_, opened = converse(
        helper, "What is the 2020 budget of subprogramme 4?", "And for subprogramme 2?", question
    )
    assert opened.route == "lookup" and label in opened.citations[0].label


def test_that_table_after_posts_opens_the_posts_table_and_keeps_the_figure(helper):
    answers = converse(helper, "次级方案 4 有多少个员额？", "这张表", "那次级方案 2 呢？")
    assert "2.1" in answers[1].citations[0].label
    assert value(answers[2]) == 35  # the table opened in between does not lose the figure's reading


def test_why_shows_the_formula_cells_and_tables(helper):
    answers = converse(helper, "What is the 2020 budget of subprogramme 2?", "why?")
    why = answers[1]
    assert why.route == "calculator" and value(why) == pytest.approx(56158.6)
    assert "Cells used:" in why.answer and why.result["formula"] and "Table 1.1" in why.answer
    zh = converse(helper, "次级方案 2 的 2020 年预算是多少？", "为什么？")[1]
    assert "所用单元格" in zh.answer


def test_the_context_survives_json_and_damaged_records_start_afresh():
    intent = Intent(
        "money", "breakdown", (("component", "SP4"),), ("funding", ("FNE", "RB")), whole=(), year=2019
    )
    context = Context(intent, (("table", "1.1"), ("paragraph", "59")))
    assert Context.from_dict(json.loads(json.dumps(context.to_dict()))) == context
    for damaged in (
        None,
        [],
        {"intent": {"measure": "money"}},
        {"cited": "x"},
        {"intent": 3, "cited": [[1]]},
    ):
        assert Context.from_dict(damaged).intent is None


def test_a_session_continues_from_the_shell(cli_env, tmp_path, monkeypatch):
    monkeypatch.setenv("WPB_DATABASE_URL", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    first = runner.invoke(app, ["ask", "--session", "s1", "次级方案 4 的 2020 年预算是多少？", "--json"])
    assert first.exit_code == 0, first.output
    second = json.loads(runner.invoke(app, ["ask", "--session", "s1", "那次级方案 2 呢？", "--json"]).output)
    assert second["result"]["value"] == pytest.approx(56158.6) and "次级方案 2" in second["read_as"]
    english = json.loads(
        runner.invoke(
            app, ["ask", "--session", "s2", "What is the 2020 budget of subprogramme 4?", "--json"]
        ).output
    )
    assert english["read_as"] == english["question"]
    posts = json.loads(runner.invoke(app, ["ask", "--session", "s2", "what about posts?", "--json"]).output)
    assert posts["result"]["value"] == 47
    table = json.loads(runner.invoke(app, ["ask", "--session", "s2", "show me that table", "--json"]).output)
    assert table["route"] == "lookup" and "2.1" in table["citations"][0]["label"]
    alone = json.loads(runner.invoke(app, ["ask", "那次级方案 2 呢？", "--json"]).output)  # no session: alone
    assert (alone.get("result") or {}).get("value") is None
    listed = runner.invoke(app, ["sessions"]).output
    assert "s1\t2 turns" in listed and "s2\t3 turns" in listed
    shown = runner.invoke(app, ["sessions", "show", "s1"]).output
    assert "## 2. 那次级方案 2 呢？" in shown and "56 158.6" in shown
    assert runner.invoke(app, ["sessions", "delete", "s1"]).exit_code == 0
    assert "s1\t" not in runner.invoke(app, ["sessions"]).output
    missing = runner.invoke(app, ["sessions", "show", "s1"])
    assert missing.exit_code == 1 and "no conversation named 's1'" in missing.output


# -- found by an adversarial pass: each of these gave a figure for something else ------------------------
@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # an operation is not carried into a question that names its own measure or members
        ("What is the cost per post of subprogramme 1?", "Consultants of subprogramme 3?", 142.1),
        (
            "What share of the total budget goes to subprogramme 4?",
            "How much does subprogramme 3 get from technical cooperation?",
            25174.2,
        ),
        ("次级方案 4 的预算占总数的比例是多少？", "次级方案 2 的技术合作资金是多少？", 36388.2),
        (
            "What is the cost per post of subprogramme 1?",
            "What are the regular budget post costs of subprogramme 3?",
            1782.0,
        ),
        # a word pointing back restates the last figure
        ("What is the budget of subprogramme 1?", "how much is that in millions?", 54402.3),
        # two members after one: each, and together, for the same figure
        (
            "What is the budget of subprogramme 4?",
            "and the regular budget and technical cooperation?",
            61109.8,
        ),
        ("How many posts does subprogramme 1 have?", "and P-4 and P-5?", 15),
        # "their cost" after posts: the posts' cost
        ("How many posts does subprogramme 1 have?", "and how much do they cost?", 5177.9),
    ],
)
def test_a_follow_up_never_carries_what_it_changed(helper, first, follow_up, expected):
    *_, last = converse(helper, first, follow_up)
    assert value(last) == pytest.approx(expected), last.answer


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("What is the cost per post of subprogramme 1?", "and consultants?"),
        ("What is the budget of subprogramme 4?", "excluding posts?"),
        ("次级方案 4 的预算是多少？", "不含员额呢？"),
        ("How many P-5 posts does subprogramme 1 have?", "and the cost?"),
        ("次级方案 4 的基金会非专用预算是多少？", "百分比呢？"),
        ("How much more does subprogramme 4 get than subprogramme 2?", "and subprogramme 3?"),
    ],
)
def test_a_follow_up_that_cannot_be_carried_safely_gets_no_number(helper, first, follow_up):
    *_, last = converse(helper, first, follow_up)
    assert value(last) is None, last.answer


@pytest.mark.parametrize(
    "question",
    [
        "What is the objective of subprogramme 2?",
        "Tell me about subprogramme 1.",
        "次级方案 3 的交付成果有哪些？",
    ],
)
def test_a_question_about_the_text_is_not_a_follow_up(helper, question):
    *_, last = converse(helper, "What is the budget of subprogramme 4?", question)
    assert last.route != "calculator" or value(last) != pytest.approx(84136.1)
    assert last.read_as == question


def test_read_as_names_the_carried_members_of_an_operation(helper):
    *_, last = converse(
        helper, "What is the budget of subprogramme 4?", "by source of funding?", "and subprogramme 2?"
    )
    assert value(last) == pytest.approx(56158.6) and "Subprogramme 2" in last.read_as
    *_, smallest = converse(helper, "Which subprogramme has the largest budget?", "and the smallest?")
    assert "smallest" in smallest.read_as


def test_session_names_and_questions_that_are_not_utf8_are_refused(cli_env, tmp_path, monkeypatch):
    monkeypatch.setenv("WPB_DATABASE_URL", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    bad = runner.invoke(app, ["ask", "--session", "\udcff\udcfe", "What is the budget of subprogramme 4?"])
    assert bad.exit_code == 1 and "not valid UTF-8" in bad.output and "Traceback" not in bad.output
    worse = runner.invoke(app, ["ask", "--session", "ok", "and for subprogramme \udcff2?"])
    assert worse.exit_code == 1 and "not valid UTF-8" in worse.output
    show = runner.invoke(app, ["sessions", "show", "\udcff"])
    assert show.exit_code == 1 and "not valid UTF-8" in show.output
    long = runner.invoke(app, ["sessions", "show", "x" * 100_000])
    assert long.exit_code == 1 and len(long.output) < 300


def test_an_app_conversation_id_is_continued_not_shadowed_by_a_name(cli_env, tmp_path, monkeypatch):
    from assistant.session import LOCAL_OWNER
    from conversations import open_store

    database = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    monkeypatch.setenv("WPB_DATABASE_URL", database)
    store = open_store(database, tmp_path)
    started = store.create(LOCAL_OWNER, "from the app")
    result = runner.invoke(app, ["ask", "--session", started.id, "What is the budget of subprogramme 4?"])
    assert result.exit_code == 0
    assert len(store.get(LOCAL_OWNER, started.id).turns) == 1 and len(store.list(LOCAL_OWNER)) == 1


# -- a second adversarial pass: each of these gave a figure for something else ---------------------------
@pytest.mark.parametrize(
    "questions",
    [
        ("Which subprogramme has the most posts?", "what is its budget?"),
        ("Which subprogramme has the largest budget?", "and its regular budget?"),
        ("Which subprogramme has the largest budget?", "how many posts does it have?"),
        ("What were contributions in 2018?", "and expenditure?"),
        ("2018 年的捐款是多少？", "支出呢？"),
        ("What is the budget of subprogramme 4?", "and next year?"),
        ("What is the budget of subprogramme 1?", "and the whole organisation?"),
        ("What is the budget of subprogramme 2?", "and the next one?"),
        ("What is the budget of subprogramme 1?", "how much is that per post?"),
        ("What is the total budget of subprogramme 1 and subprogramme 2?", "and the difference?"),
        ("How many posts does subprogramme 1 have?", "how much money?"),
        ("次级方案 1 的员额有多少？", "费用呢？"),
        ("What does subprogramme 1 aim to do?", "how many posts does it have?"),
        ("What is the regular budget of subprogramme 4?", "as a share of all regular budget?"),
        ("What will subprogramme 3 deliver?", "how many training days in total?"),
        (
            "How much more does subprogramme 4 get than subprogramme 3?",
            "and subprogramme 1?",
            "and in posts?",
        ),
    ],
)
def test_a_follow_up_it_cannot_read_safely_gets_no_figure(helper, questions):
    *_, last = converse(helper, *questions)
    assert value(last) is None, last.answer


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (("What is the budget of subprogramme 4?", "no, I meant subprogramme 3"), 38627.5),
        (("What were contributions in 2017?", "and 2016?", "Which subprogramme has the most posts?"), 47),
        (("What is the budget of subprogramme 1?", "what is it in dollars?"), 54402.3),
        (("How many posts does subprogramme 3 have?", "what is their cost?"), 6127.7),
    ],
)
def test_corrections_pointing_back_and_whole_questions(helper, questions, expected):
    *_, last = converse(helper, *questions)
    assert value(last) == pytest.approx(expected), last.answer


# -- a third adversarial pass: a word pointing back with a word that widens or moves the figure ---------
@pytest.mark.parametrize(
    "questions",
    [
        ("What is the regular budget of subprogramme 4?", "what is its total budget?"),
        ("次级方案 4 的经常预算是多少？", "它的总预算呢？"),
        ("What is the budget of subprogramme 4?", "what is that for UN-Habitat as a whole?"),
        ("What is the budget of subprogramme 4?", "员额总数是多少？"),
        ("What is the budget of subprogramme 2?", "what is it for the next one?"),
        ("What were contributions in 2018?", "what was it the next year?"),
        ("What were contributions in 2017?", "它上一年是多少？"),
        ("What were contributions in 2017?", "2018 年以后呢？"),
        ("What is the budget of subprogramme 4?", "what will it be next year?"),
        ("excluding posts?",),
    ],
)
def test_a_word_that_widens_or_moves_the_figure_is_never_read_as_the_last_one(helper, questions):
    *_, last = converse(helper, *questions)
    assert value(last) is None, last.answer


def test_eval_scores_the_conversations_and_the_answers_set(cli_env):
    conversations = runner.invoke(app, ["eval", "--followups"])
    assert conversations.exit_code == 0 and "0 wrong" in conversations.output, conversations.output
    answers = runner.invoke(app, ["eval", "--answers"])
    assert answers.exit_code == 0 and answers.output.startswith("all: descriptive "), answers.output
