"""The LLM guard against crafted answers: each changes one fact of a faithful answer and must be
rejected, through the Assistant with LangChain's fake chat model; the faithful ones must still pass."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.assistant import Assistant
from assistant.guard import guard
from index.reader import Index

CHARGE_EN = "Why does the Foundation levy a programme support charge?"
CHARGE_ZH = "基金会为什么要向项目组合收取方案支助费？"
EN_CHARGE = "The Foundation will levy a programme support charge of {} on the project portfolio [¶59]."
ZH_CHARGE = "基金会将向项目组合收取{}的方案支助费 [¶59]。"


@pytest.fixture(scope="module")
def index(fake_index):
    return Index(fake_index)


def composed(index, question: str, reply: str):
    return Assistant(index, llm=FakeListChatModel(responses=[reply])).ask(question)


WRONG = [
    # a number swapped for another that the given passages hold (表 10.2 has 15.0)
    ("swap_zh", CHARGE_ZH, ZH_CHARGE.format(" 15% ")),
    ("swap_in_passage", CHARGE_EN, "Total projected income for 2020 is US$ 19.4 million [¶59]."),
    # Chinese numerals and English words
    ("zh_numerals", CHARGE_ZH, ZH_CHARGE.format("百分之十五")),
    ("zh_numerals_money", CHARGE_ZH, "2020 年预计总收入为二千零九十万美元 [¶59]。"),
    ("en_words", CHARGE_EN, EN_CHARGE.format("fifteen per cent")),
    # a wrong unit or scale
    ("scale", CHARGE_ZH, "按预计，2020 年收回成本为 1.3 千美元 [¶59]。"),
    ("unit", CHARGE_EN, EN_CHARGE.format("US$ 13")),
    # a sign flip
    ("sign", CHARGE_EN, EN_CHARGE.format("-13%")),
    # invisible characters inside a number
    ("zero_width", CHARGE_EN, EN_CHARGE.format("1\u200b2%")),
    ("soft_hyphen", CHARGE_EN, EN_CHARGE.format("1\u00ad2%")),
    # a number at the start of a line read as a list number
    ("line_start", CHARGE_EN, "The Foundation levies a programme support charge of\n15) per cent [¶59]."),
    # the document symbol HSP/EB.1/2/Rev.1 is not a source
    ("symbol", CHARGE_EN, EN_CHARGE.format("2%")),
    # ¶59's own paragraph number is not a quantity of ¶59
    ("own_number", CHARGE_EN, EN_CHARGE.format("59%")),
    # a claim with no marker
    ("uncited", CHARGE_EN, EN_CHARGE.format("13%") + " Total projected income for 2020 is US$ 20.8 million."),
    # a paragraph it was not given, in words
    ("zh_reference", CHARGE_ZH, "如第九十九段所述，" + ZH_CHARGE.format(" 13% ")),
    ("en_reference", CHARGE_EN, "As paragraph ninety-nine says, the charge is 13% [¶59]."),
    # raw HTML and a link that no passage holds
    ("html", CHARGE_EN, EN_CHARGE.format("13%") + ' <img src="x" onerror="alert(1)"> [¶59]'),
    (
        "link",
        CHARGE_EN,
        EN_CHARGE.format("13%") + " Pay it at https://unhabitat-refund.example.com/pay [¶59].",
    ),
]


@pytest.mark.parametrize(("question", "reply"), [case[1:] for case in WRONG], ids=[case[0] for case in WRONG])
def test_a_crafted_wrong_answer_is_rejected(index, question, reply):
    answer = composed(index, question, reply)
    assert answer.composer == "extractive", f"accepted: {reply!r}"
    assert len(answer.notices) == 1
    assert answer.notices[0].startswith(
        "LLM answer rejected:" if question == CHARGE_EN else "未采用 LLM 的回答："
    )


FAITHFUL = [
    ("digits_en", CHARGE_EN, EN_CHARGE.format("13%")),
    ("digits_zh", CHARGE_ZH, ZH_CHARGE.format(" 13% ")),
    ("zh_numerals", CHARGE_ZH, ZH_CHARGE.format("百分之十三")),
    ("en_words", CHARGE_EN, EN_CHARGE.format("thirteen per cent")),
    ("zh_numerals_money", CHARGE_ZH, "2020 年预计总收入为二千零八十万美元 [¶59]。"),
    ("money_en", CHARGE_EN, "Cost recovery for 2020 is projected at US$ 1.3 million [¶59]."),
    ("money_zh", CHARGE_ZH, "预计 2020 年收回成本为 130 万美元 [¶59]。"),
    ("table_zh", CHARGE_ZH, "表 10.2 中顾问的 2020 年拟议预算为 203.2 千美元 [表 10.2]。"),
    ("two_markers", CHARGE_EN, EN_CHARGE.format("13%") + " Income for 2020 is US$ 20.8 million [¶59]."),
    (
        "list",
        CHARGE_EN,
        "The Foundation:\n1. levies a charge of 13% [¶59];\n2. expects US$ 10 million [¶59].",
    ),
    ("invisible", CHARGE_EN, EN_CHARGE.format("1\u200b3\u00ad%")),
    ("quoted_number", CHARGE_EN, "59. Total projected income for 2020 is US$ 20.8 million [¶59]."),
]


@pytest.mark.parametrize(
    ("question", "reply"), [case[1:] for case in FAITHFUL], ids=[case[0] for case in FAITHFUL]
)
def test_a_faithful_answer_is_accepted(index, question, reply):
    answer = composed(index, question, reply)
    assert answer.notices == [] and answer.composer == "llm"
    assert answer.answer == reply


# -- what the guard says, in the answer's language ------------------------------------------------------
P59_EN = (
    "59. Total projected income for 2020 is US$ 20.8 million, of which US$ 19.4 million is expected to come "
    "from voluntary contributions from Member States. The Foundation will levy a programme support charge "
    "of 13% on the project portfolio in order to recover costs; on the basis of projected programme support "
    "income of US$ 10 million, cost recovery for 2020 is projected at US$ 1.3 million."
)
P59_ZH = (
    "59. 2020 年预计总收入为 2 080 万美元, 其中 1 940 万美元预计来自会员国的自愿捐款。基金会将向项目组合收取 "
    "13% 的方案支助费, 以回收成本, 按预计 1 000 万美元的方案支助收入算, 预计 2020 年收回成本为 130 万美元。"
)


def test_a_number_must_come_from_the_passage_its_sentence_cites():
    labels, sources = ["¶59", "¶60"], [P59_EN, "The charge was 15% in 2019."]
    assert guard("The charge is 15% [¶60].", labels, sources) == []
    assert guard("The charge is 15% [¶59].", labels, sources) == [
        "it states 15% citing [¶59], which does not give it"
    ]
    assert guard("收取 15% [¶59]。", labels, sources, language="zh") == [
        "它引用 [¶59] 给出 15%，但该段落没有这个数字"
    ]


def test_a_number_swapped_within_its_passage_is_caught_by_the_words_before_it():
    assert guard("Total projected income for 2020 is US$ 19.4 million [¶59].", ["¶59"], [P59_EN]) == [
        "it states US$ 19.4 million where [¶59] gives US$ 20800000"
    ]
    assert guard("预计总收入为 1 940 万美元 [¶59]。", ["¶59"], [P59_ZH], language="zh") == [
        "它给出 1940 万美元，而 [¶59] 在同一处给出的是 US$ 20800000"
    ]
    # other words before the same number, or the same words before the right one, pass
    assert (
        guard(
            "Income for 2020 is US$ 20.8 million, and US$ 19.4 million comes from States [¶59].",
            ["¶59"],
            [P59_EN],
        )
        == []
    )


def test_a_number_in_another_unit_or_scale_is_named():
    assert guard("The charge is US$ 13 [¶59].", ["¶59"], [P59_EN]) == [
        "it states US$ 13, which the passages give in another unit or scale"
    ]
    assert guard("Cost recovery is US$ 1.3 thousand [¶59].", ["¶59"], [P59_EN]) == [
        "it states 1300, which is in none of the passages"
    ]
    assert guard("The charge is -13% [¶59].", ["¶59"], [P59_EN]) == [
        "it states -13, which is in none of the passages"
    ]


def test_a_number_stated_more_often_than_the_passage_states_it():
    source = "78. In response, from 2019 and through 2020, UN-Habitat will build capacity."
    assert guard("From 2019 and through 2020, it builds capacity [¶78].", ["¶78"], [source]) == []
    assert guard("From 2020 and through 2020, it builds capacity [¶78].", ["¶78"], [source]) == [
        "it states 2020 more often than the passages it cites"
    ]


def test_dates_keep_their_month():
    source = "The World Urban Forum held its ninth session in Kuala Lumpur in February 2018. It met in 2019."
    assert guard("The ninth session was held in February 2018 [¶14].", ["¶14"], [source]) == []
    assert guard("第九届会议于 2018 年 2 月举行 [¶14]。", ["¶14"], [source], language="zh") == []
    assert guard("The ninth session was held in February 2019 [¶14].", ["¶14"], [source]) == [
        "it states February 2019, which is in none of the passages"
    ]
    assert guard("The tenth session was held in February 2018 [¶14].", ["¶14"], [source]) == [
        "it states 10, which is in none of the passages"
    ]


def test_resolution_numbers_are_one_number():
    source = "Pursuant to resolution 72/226 of December 2017, for consideration at its 73rd session."
    assert guard("Resolution 72/226 applies [¶64].", ["¶64"], [source]) == []
    assert guard("Resolution 73/226 applies [¶64].", ["¶64"], [source]) == [
        "it states 73/226, which is in none of the passages"
    ]


def test_a_claim_without_a_marker_is_named_in_the_answer_language():
    text = "The charge is 13% [¶59]. Income is US$ 20.8 million."
    assert guard(text, ["¶59"], [P59_EN]) == [
        "it states a claim with no marker: “Income is US$ 20.8 million.”"
    ]
    text = "收取 13% 的方案支助费 [¶59]。预计总收入为 2 080 万美元。"
    assert guard(text, ["¶59"], [P59_ZH], language="zh") == [
        "有一句话没有标注引文：“预计总收入为 2 080 万美元。”"
    ]
    # a short lead-in to a list is not a claim
    assert (
        guard("The Foundation:\n- levies 13% [¶59]\n- expects US$ 10 million [¶59]", ["¶59"], [P59_EN]) == []
    )


def test_references_in_words_are_checked():
    assert guard("如第九十九段所述，收取 13% [¶59]。", ["¶59"], [P59_ZH], language="zh") == [
        "它引用了未提供给它的第99段"
    ]
    assert guard("收取 13% 【第五十九段】。", ["¶59"], [P59_ZH], language="zh") == []
    assert guard("As paragraph ninety-nine says, the charge is 13% [¶59].", ["¶59"], [P59_EN]) == [
        "it cited paragraph 99, which it was not given"
    ]


def test_the_symbol_and_paragraph_numbers_are_not_evidence():
    assert guard("The charge is 2% [¶59].", ["¶59"], [P59_EN], symbol="HSP/EB.1/2/Rev.1") == [
        "it states 2, which is in none of the passages"
    ]
    assert (
        guard("HSP/EB.1/2/Rev.1 sets a charge of 13% [¶59].", ["¶59"], [P59_EN], symbol="HSP/EB.1/2/Rev.1")
        == []
    )
    assert guard("The charge is 59% [¶59].", ["¶59"], [P59_EN]) == [
        "it states 59, which is in none of the passages"
    ]
    assert guard("59. The charge is 13% [¶59].", ["¶59"], [P59_EN]) == []


def test_html_and_foreign_links_are_rejected_and_named_unclickably():
    assert guard('The charge is 13% [¶59]. <img src="x" onerror="alert(1)">', ["¶59"], [P59_EN]) == [
        "it contains HTML (img)"
    ]
    assert guard("Pay at https://evil.example.com/pay [¶59].", ["¶59"], [P59_EN]) == [
        "it contains a link that none of the passages holds: hxxps[:]//evil[.]example[.]com/pay"
    ]
    assert guard("收费见 www.evil.example.com [¶59]。", ["¶59"], [P59_ZH], language="zh") == [
        "它包含段落中没有的链接：www[.]evil[.]example[.]com"
    ]
    source = "See https://unhabitat.org/wpb for the budget."
    assert guard("See https://unhabitat.org/wpb [¶1].", ["¶1"], [source]) == []
