"""Numbers as the article writes them, each with the unit of its last written digit."""

from fractions import Fraction as F

import pytest

from macros.model.written import numbers_in, rounding_interval


@pytest.mark.parametrize("text, value, step", [
    ("月活跃用户（MAU）达到1.14亿", F(114_000_000), F(1_000_000)),
    ("日活跃用户（DAU）突破5000万", F(50_000_000), F(10_000)),
    ("迭代了159个功能", F(159), F(1)),
    ("背后有二十年的积累", F(20), F(10)),
    ("一百五十九个", F(159), F(1)),
    ("总额超过45亿元", F(4_500_000_000), F(100_000_000)),
    ("将近一半是肉包", F(1, 2), F(1, 2)),
])
def test_a_written_number_is_read_with_its_last_digit(text: str, value: F, step: F):
    [written] = numbers_in(text)
    assert (written.value, written.step) == (value, step)


@pytest.mark.parametrize("text", ["十几年的主导地位", "数千万人", "几十万", "一共记了", "一张全家福"])
def test_words_for_ranges_are_not_numbers(text: str):
    assert numbers_in(text) == []


def test_numbers_come_in_the_order_written():
    assert [w.text for w in numbers_in("21天内迭代了159个功能")] == ["21", "159"]


def test_a_rounded_number_covers_half_a_step_either_side():
    [written] = numbers_in("1.14亿")
    assert rounding_interval(written) == (F(113_500_000), F(114_500_000))
