"""The numeric scorer: a figure counts as right only in the unit the set expects."""

from evaluation.numeric import Case, matches, score


def test_a_figure_in_another_unit_never_matches():
    posts = Case("x", "How many posts?", "en", "answer", (47.0,), "posts")
    assert matches(47.0, posts, "posts")
    assert not matches(47.0, posts, "thousand USD")


def test_a_set_unit_is_converted_to_the_calculators():
    millions = Case("x", "How many US$ million?", "en", "answer", (20.8,), "USD million")
    assert matches(20800.0, millions, "thousand USD")
    assert not matches(20.8, millions, "thousand USD")  # a value in the wrong unit is not right by accident
    share = Case("x", "What share?", "en", "answer", (33.4,), "percent")
    assert matches(33.44, share, "%") and not matches(33.6, share, "%")


def test_a_disputed_expectation_is_counted_apart_from_wrong():
    """A figure where the writer wanted a question back is wrong, unless the set records why the project
    answers it (then disputed, listed apart); a wrong figure for an answerable question is always wrong."""
    cases = [
        Case("x1", "q1", "en", "clarify", disputed="the budget year's figure, year said"),
        Case("x2", "q2", "en", "clarify"),
        Case("x3", "q3", "en", "answer", (5.0,), "posts", disputed="ignored for an answerable question"),
    ]
    result = score(cases, lambda q, _: {"route": "calculator", "result": {"value": 4.0, "unit": "posts"}})
    assert [w["id"] for w in result.wrong] == ["x2", "x3"]
    assert [d["id"] for d in result.disputed] == ["x1"]
    assert result.total == 3 and "1 more disputed" in result.line()
