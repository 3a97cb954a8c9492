"""Interval arithmetic: each relation's interval, each operator over relations, worked out by hand."""

from fractions import Fraction as F

import pytest

from macros.model.intervals import INF, Interval, ZeroDivisorError, from_relation, verdict

TOL = {"about": F(1, 20), "just_under": F(1, 20)}


@pytest.mark.parametrize("relation, value, expected", [
    ("exact", 10, Interval(F(10), F(10))),
    ("at_least", 10, Interval(F(10), INF)),
    ("more_than", 10, Interval(F(10), INF, lo_open=True)),
    ("at_most", 10, Interval(F(0), F(10))),
    ("about", 20, Interval(F(19), F(21))),
    ("just_under", 9, Interval(F(171, 20), F(9), hi_open=True)),  # [8.55, 9)
])
def test_relation_intervals(relation, value, expected):
    assert from_relation(relation, value, TOL) == expected


def test_decimal_values_stay_exact():
    assert from_relation("exact", 1.14, TOL).lo == F(114, 100)


EXACT_10 = Interval(F(10), F(10))
EXACT_2 = Interval(F(2), F(2))
OVER_10 = Interval(F(10), INF, lo_open=True)
AT_LEAST_10 = Interval(F(10), INF)
OVER_2 = Interval(F(2), INF, lo_open=True)
AT_MOST_10 = Interval(F(0), F(10))
UNDER_10 = Interval(F(0), F(10), hi_open=True)
NEARLY_9 = Interval(F(171, 20), F(9), hi_open=True)
ABOUT_20 = Interval(F(19), F(21))


@pytest.mark.parametrize("left, op, right, expected", [
    # exact with exact
    (EXACT_10, "+", EXACT_2, Interval(F(12), F(12))),
    (EXACT_10, "-", EXACT_2, Interval(F(8), F(8))),
    (EXACT_10, "*", EXACT_2, Interval(F(20), F(20))),
    (EXACT_10, "/", EXACT_2, Interval(F(5), F(5))),
    # a lower bound with an exact figure stays a lower bound
    (OVER_10, "+", EXACT_2, Interval(F(12), INF, lo_open=True)),
    (OVER_10, "-", EXACT_2, Interval(F(8), INF, lo_open=True)),
    (OVER_10, "*", EXACT_2, Interval(F(20), INF, lo_open=True)),
    (OVER_10, "/", EXACT_2, Interval(F(5), INF, lo_open=True)),
    (AT_LEAST_10, "/", EXACT_2, Interval(F(5), INF)),
    # an exact figure divided by a lower bound: only an upper bound remains
    (EXACT_10, "/", OVER_2, Interval(F(0), F(5), lo_open=True, hi_open=True)),
    (EXACT_10, "-", OVER_2, Interval(-INF, F(8), hi_open=True)),
    # lower bound with lower bound
    (OVER_10, "+", OVER_2, Interval(F(12), INF, lo_open=True)),
    (OVER_10, "*", OVER_2, Interval(F(20), INF, lo_open=True)),
    (OVER_10, "/", OVER_2, Interval(F(0), INF, lo_open=True)),  # unbounded: anything above zero
    (OVER_10, "-", OVER_2, Interval(-INF, INF)),
    # upper bounds
    (AT_MOST_10, "+", EXACT_2, Interval(F(2), F(12))),
    (AT_MOST_10, "*", EXACT_2, Interval(F(0), F(20))),
    (AT_MOST_10, "/", EXACT_2, Interval(F(0), F(5))),
    (UNDER_10, "/", EXACT_2, Interval(F(0), F(5), hi_open=True)),
    (AT_MOST_10, "*", OVER_2, Interval(F(0), INF)),  # zero times anything is zero, and zero is reached
    # two-sided relations
    (NEARLY_9, "*", EXACT_2, Interval(F(171, 10), F(18), hi_open=True)),
    (ABOUT_20, "+", NEARLY_9, Interval(F(551, 20), F(30), hi_open=True)),
    (ABOUT_20, "/", EXACT_2, Interval(F(19, 2), F(21, 2))),
    (EXACT_10, "/", ABOUT_20, Interval(F(10, 21), F(10, 19))),
    (OVER_10, "/", ABOUT_20, Interval(F(10, 21), INF, lo_open=True)),
])
def test_operators(left, op, right, expected):
    result = {"+": left + right, "-": left - right, "*": left * right}.get(op) if op != "/" else left / right
    assert result == expected


@pytest.mark.parametrize("divisor", [
    AT_MOST_10,  # [0, 10] can be zero
    Interval(F(-1), F(1)),
    Interval(F(0), F(0)),
])
def test_division_by_an_interval_that_can_be_zero_is_refused(divisor):
    with pytest.raises(ZeroDivisorError):
        EXACT_10 / divisor


def test_division_by_an_open_zero_end_is_allowed_and_unbounded():
    positive_under_10 = Interval(F(0), F(10), lo_open=True, hi_open=True)
    assert EXACT_10 / positive_under_10 == Interval(F(1), INF, lo_open=True)


def test_infinite_ends_are_always_open():
    assert Interval(F(1), INF).hi_open is True


@pytest.mark.parametrize("computed, claimed, expected", [
    (Interval(F(114), F(114)), Interval(F(100), INF), "implied"),
    (Interval(F(877, 100), INF, lo_open=True), NEARLY_9, "consistent"),
    (Interval(F(10), F(10)), NEARLY_9, "contradicted"),
    (Interval(F(9), F(9)), NEARLY_9, "contradicted"),  # "nearly 9" excludes 9 itself
    (Interval(F(171, 20), F(171, 20)), NEARLY_9, "implied"),  # 8.55 is the closed lower end
    (Interval(F(10), INF, lo_open=True), Interval(F(10), INF), "implied"),
    (Interval(F(10), INF), Interval(F(10), INF, lo_open=True), "consistent"),
])
def test_verdicts(computed, claimed, expected):
    assert verdict(computed, claimed) == expected
