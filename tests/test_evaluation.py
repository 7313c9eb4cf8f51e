"""The numeric scorer: a figure counts as right only in the unit the set expects."""

from evaluation.numeric import Case, matches


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
