"""Wrong figures the held-out sets G, H and I found on their first reading (eval/README.md), each kept
as a test: the right figure, or a question back where the question can be read two ways."""

from __future__ import annotations

import pytest


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
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "clarify", answer["answer"]


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
