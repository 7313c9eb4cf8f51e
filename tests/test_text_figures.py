"""Figures only the text states are quoted with their sentence, never taken out of it as a result (which
of a sentence's numbers answers a question is a reading of the language: another place, another year,
the other half of the sentence); words naming a row below a printed figure get that row's figure, or
nothing."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question, printed, paragraph",
    [
        ("How many people have returned to Mosul?", "955,000", "115"),
        ("已有多少人返回摩苏尔？", "955 000", "115"),
        ("所罗门群岛政府通过适应基金获得了多少资金？", "440 万美元", "102"),
        ("How many households in Sinjar got occupancy certificates?", "1,312", "76"),
    ],
)
def test_a_figure_the_text_states_is_quoted_not_extracted(assistant, question, printed, paragraph):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None, answer["result"]
    assert printed in answer["answer"] and f"[¶{paragraph}]" in answer["answer"]


@pytest.mark.parametrize(
    "question, printed, paragraph",
    [
        ("文件里说摩苏尔已经有多少人回返了？", "955 000", "115"),  # not ¶115's other sentence, with no figure
        (
            "所罗门群岛政府从适应基金拿到多少钱来推进霍尼亚拉的行动计划？",
            "440 万美元",
            "102",
        ),  # not ¶105 first
    ],
)
def test_a_quantity_asked_quotes_the_sentence_stating_one_first(assistant, question, printed, paragraph):
    answer = assistant.ask(question).to_dict()
    first = answer["citations"][0]
    assert first["label"] == f"¶{paragraph}" and printed in first["quote"], first


@pytest.mark.parametrize(
    "question",
    [
        "How many people live in Nairobi?",  # the text gives no such figure
        "How many staff work in the Nairobi office?",
        "How many women are in the 2020 staffing table?",  # "subprogramme 4 … women's" is no count
        "How many posts does the division have?",  # "all 255 posts" is not the division's
        "How many cities will use the City Prosperity Initiative?",  # 530 (2018) or 700 (planned)
        "How many members does the Committee of Permanent Representatives have?",  # 36 is the Board's
        "How many people remain in protracted displacement from Mosul?",
        "How many tables set out financial resource requirements for subprogramme 2?",
        "How many subprogrammes did the previous strategic plan have?",
        "次级方案1关于住房的技术材料有多少份？",  # two rows name housing
        "How much money will UN-Habitat receive from China in 2020?",
        "中国 2020 年向人居署捐款多少？",
        "内罗毕有多少人口？",
    ],
)
def test_no_figure_for_what_the_text_does_not_state(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None, answer["answer"]


@pytest.mark.parametrize(
    "question, value, row",
    [
        ("次级方案四关于社会融合和社区凝聚力的出版物有几份？", 0, "社会融合"),
        ("危机次级方案中关于移民、难民和境内流离失所者的项目有几个？", 10, "移民"),
        (
            "Within SP1, how many projects are on basic urban services (mobility, water, energy, waste)?",
            13,
            "basic urban services",
        ),
    ],
)
def test_words_naming_a_row_below_the_figure(assistant, question, value, row):
    """The rest of the question names a printed figure; the words the lexicon does not know name one row
    printed below it (a deliverables theme): that row's figure, cited."""
    answer = assistant.ask(question).to_dict()
    assert answer["status"] == "answered", answer["answer"]
    assert answer["result"]["value"] == value
    assert row in answer["result"]["cells"][0]["row"] or row in answer["answer"]
    assert answer["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "How many SP4 publications are about Mars exploration?",  # no row holds the words
        "次级方案 4 关于火星探索的出版物有几份？",
        "SP4 publications on migrants and social cohesion?",  # two themes named: not one row
        "How many SP3 projects are about social integration and community cohesion?",  # another SP's theme
    ],
)
def test_no_row_figure_when_no_single_row_is_named(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None or answer["status"] != "answered", answer["answer"]


def test_a_word_the_corpus_uses_is_never_corrected_into_another(assistant):
    """ "included" is a word, not a misspelt "excluded": it is not understood (no figure), never inverted."""
    reading = assistant.calculator.read("total budget for 2020, all sources of funding included?", "en")
    assert ("included", "excluded") not in reading.corrections
    assert ("indicate", "indicator") not in assistant.calculator.read(
        "kindly indicate the RB total", "en"
    ).corrections
    assert ("alocation", "allocation") in assistant.calculator.read(
        "RB alocation, climate SP, 2020?", "en"
    ).corrections


@pytest.mark.parametrize(
    "question",
    ["How many posts will subprogramme 1 need over 2021-23?", "次级方案1在2021-23年需要多少个员额？"],
)
def test_posts_over_later_years_ask_which_figure(assistant, question):
    """Posts over years after the budget year: those added in them, or all the plan's posts by the last?"""
    answer = assistant.ask(question).to_dict()
    assert answer["status"] == "clarify" and answer["result"] is None
    assert "2023" in answer["answer"]


def test_a_misspelling_is_never_read_as_a_word_that_only_fills(assistant):
    """ "inclusion" (a word of the tables) is not read as "inclusive" (a filler), which would drop it."""
    answer = assistant.ask("How many SP4 publications on inclusion?").to_dict()
    assert answer["result"] is None or answer["result"]["value"] == 1


@pytest.mark.parametrize(
    "question, value",
    [
        ("四个次级方案（不算决策机构、行政领导和管理、方案支助）2020年所需资源合计为多少？", 233324.5),
        (
            "By what percentage did the Foundation's opening fund and reserve balance fall, 2014 to 2019?",
            92.5,
        ),
        ("二〇二〇年的预算里，技术合作资金占百分之多少？", 58.6),
        ("What was total Foundation non-earmarked expenditure in 2015?", 11651),
        ("P-3 minus P-4 posts, 2020?", 17),
    ],
)
def test_lists_left_out_falls_and_years_in_words(assistant, question, value):
    """ "excluding A, B and C" leaves the whole list out; a fall asked "by what percentage" is the fall;
    a year in Chinese digits is a year; the Foundation account's expenditure by year is the trend line."""
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is not None and answer["result"]["value"] == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "Total budget excluding technical cooperation, for SP1 and SP2?",
        "How much does SP1 get, excluding technical cooperation?",
    ],
)
def test_what_is_left_out_of_a_whole_is_never_silently_kept(assistant, question):
    """Leaving a source out of a total the calculator would not subtract: asked back, no figure."""
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "clarify"


@pytest.mark.parametrize(
    "question, name",
    [
        ("How much is China contributing to the Foundation in 2020?", "China"),
        ("How much does UNDP spend on housing in 2020?", "UNDP"),
        ("法国给了人居署多少钱？", "法国"),
    ],
)
def test_a_name_the_document_never_uses_gets_no_passage_as_its_answer(assistant, question, name):
    """A figure asked about a name no text of the corpus uses: "the document does not mention it",
    no quote of a sentence with another figure (¶59's member-state contributions are not China's)."""
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "absent"
    assert name in answer["answer"] and not answer["citations"]


@pytest.mark.parametrize(
    "question",
    ["How many Yazidi families received occupancy certificates in Sinjar?", "人居大会多久开一次会？"],
)
def test_names_the_document_uses_are_not_called_missing(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert (
        answer["status"] != "absent"
        and "not mention" not in answer["answer"]
        and "没有提到" not in answer["answer"]
    )


def test_an_overview_of_what_the_tables_do_not_hold_is_searched_not_the_budget(assistant):
    answer = assistant.ask("Summarize the governance arrangements described in the document.").to_dict()
    assert answer["route"] == "retrieval"
    assert assistant.ask("概括一下2020年工作方案和预算的总体情况。").to_dict()["route"] == "overview"


def test_the_four_subprogrammes_are_named(assistant):
    answer = assistant.ask("What are the four subprogrammes?").to_dict()
    for number in ("Subprogramme 1", "Subprogramme 2", "Subprogramme 3", "Subprogramme 4"):
        assert number in answer["answer"]


def test_a_date_is_no_figure_the_text_states(assistant):
    """ "Nairobi, 19 and 20 November 2019" states no figure: a budget asked of an office the tables do not
    have is not answered by quoting the cover's date."""
    answer = assistant.ask("What is the budget of the evaluation unit in Nairobi?").to_dict()
    assert answer["result"] is None and "19 and 20 November" not in answer["answer"]
