"""Figures only the text states: read from the sentence that states them (checked against the official
text) and given with their paragraph, or none at all when the text does not state what was asked or
states two figures that fit equally well."""

from __future__ import annotations

import pytest

from assistant.stated import StatedFigures


@pytest.mark.parametrize(
    "question, value, unit, paragraph",
    [
        ("How many people have returned to Mosul?", 955000, "count", "115"),
        ("已有多少人返回摩苏尔？", 955000, "count", "115"),
        ("有多少人仍然长期流离失所？", 300000, "count", "115"),
        ("所罗门群岛政府通过适应基金获得了多少资金？", 4400, "thousand USD", "102"),
        ("How much did the Solomon Islands government receive from the Adaptation Fund?", 4400, "thousand USD", "102"),
        ("How many households in Sinjar got occupancy certificates?", 1312, "count", "76"),
        ("到 2018 年大概多少个城市加入了城市繁荣倡议？", 530, "count", "88"),
        ("根据改革方案，2020-2023 年战略计划期间总共需要多少个核心员额？", 316, "posts", "53"),
        ("How many severely damaged houses were rehabilitated in Zanjili?", 600, "count", "116"),
    ],
)
def test_a_figure_the_text_states(assistant, question, value, unit, paragraph):
    answer = assistant.ask(question).to_dict()
    assert answer["status"] == "stated", answer["answer"]
    assert answer["result"]["value"] == pytest.approx(value)
    assert answer["result"]["unit"] == unit
    assert answer["result"]["paragraph"] == paragraph
    assert any(c["id"] == paragraph for c in answer["citations"])
    assert f"[¶{paragraph}]" in answer["answer"].split("\n")[0]


@pytest.mark.parametrize(
    "question",
    [
        "How many people live in Nairobi?",  # the text gives no such figure
        "How many staff work in the Nairobi office?",
        "How many women are in the 2020 staffing table?",  # "subprogramme 4 … women's" is no count
        "How many posts does the division have?",  # "all 255 posts" is not the division's
        "How many cities will use the City Prosperity Initiative?",  # 530 (2018) or 700 (planned)
        "How much money will UN-Habitat receive from China in 2020?",
        "中国 2020 年向人居署捐款多少？",
        "内罗毕有多少人口？",
    ],
)
def test_no_figure_for_what_the_text_does_not_state(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["status"] != "stated", answer["answer"]
    assert not (answer["result"] and answer["route"] != "calculator"), answer["answer"]


def test_numbers_that_name_things_are_not_figures(assistant):
    """A number after a head or a label ("subprogramme 4", "table 3", "第 4 段") counts nothing; a date
    or a year states no figure; money is never a count, nor a count money."""
    stated = StatedFigures(assistant.calculator.lexicon)
    passages = [("1", "The deliverables of subprogramme 4 include 12 workshops in 2019.", "")]
    assert stated.find("How many subprogrammes deliver workshops?", "en", passages) is None
    found = stated.find("How many workshops do the deliverables include?", "en", passages)
    assert found is not None and found.value == 12
    money = [("2", "UN-Habitat received US$ 4.4 million for 30 projects.", "")]
    assert stated.find("How much money was received for projects?", "en", money).value == 4400
    assert stated.find("How many projects received money?", "en", money).value == 30
    assert stated.find("How many dollars per project were received?", "en", [("3", "It ran 30 projects.", "")]) is None


def test_the_official_text_must_print_the_figure(assistant):
    stated = StatedFigures(assistant.calculator.lexicon)
    rendered = "More than 955,000 people have returned to Mosul."
    assert stated.find("How many people returned to Mosul?", "en", [("115", rendered, "已有超过 955 000 人")])
    assert stated.find("How many people returned to Mosul?", "en", [("115", rendered, "已有超过 900 000 人")]) is None
