"""The audit route: a table against its own totals and against the other tables, both cells cited."""

import pytest


def test_a_table_that_repeats_another_subprogrammes_figures(assistant):
    answer = assistant.ask("Does Table 7.2 match the totals?")
    assert answer.route == "audit"
    found = answer.result["disagreements"]
    total = next(d for d in found if d["row"] == "支出分项 › 共计" and d["column"] == "2020年拟议预算")
    assert (total["value"], total["expected"]) == (38627.5, 56158.6)
    assert total["against"][0]["table"] == "1.1"
    assert [c.id for c in answer.citations][0] == "7.2" and "1.2" in {c.id for c in answer.citations}
    assert "38 627.5" in answer.answer and "56 158.6" in answer.answer


def test_rows_that_do_not_add_up_to_the_printed_total(assistant):
    answer = assistant.ask("表 7.1 与总数相符吗？")
    assert answer.route == "audit" and answer.language == "zh"
    total = answer.result["disagreements"][0]
    assert total["kind"] == "total" and (total["value"], total["expected"]) == (56158.6, 56003.3)
    assert "印为 56 158.6" in answer.answer


def test_a_misprint_in_a_summary_table(assistant):
    found = assistant.ask("Does Table 1.2 add up?").result["disagreements"]
    misprint = next(d for d in found if d["kind"] == "total" and d["column"] == "行政领导和管理")
    assert misprint["row"] == "主要支出类别 › 共计" and misprint["expected"] == pytest.approx(2032.2)


@pytest.mark.parametrize("table", ["8.2", "9.3", "2.1"])
def test_a_table_that_agrees(assistant, table):
    answer = assistant.ask(f"Does Table {table} match the totals?")
    assert answer.route == "audit" and answer.result["disagreements"] == []
    assert answer.result["checked"] > 20 and "all agree" in answer.answer


def test_naming_a_table_without_asking_for_a_check_is_a_lookup(assistant):
    assert assistant.ask("Show Table 7.2").route == "lookup"
