"""Numbers per locale through Babel, bounds in words, and rounding that never breaks a bound."""

from fractions import Fraction as F
from pathlib import Path

import pytest

from macros.words.formatting import format_interval, format_number, format_stated, round_significant
from macros.model.intervals import INF, Interval
from macros.model.schema import PhraseFile, Unit
from macros.model.validation import validate
from macros.model.yamlio import load_yaml

PHRASES = validate(load_yaml(Path(__file__).parents[2] / "data" / "phrases.yml"), PhraseFile)
YUAN = Unit(style="number", zh="{n}元", en="CNY {n}")
PLAIN = Unit(style="number", zh="{n}", en="{n}")
TIMES = Unit(style="number", zh="{n}次", en="{n}")
SHARE = Unit(style="percent", zh="{n}", en="{n}")
YEAR = Unit(style="year", zh="{n}年", en="{n}")


@pytest.mark.parametrize("value, unit, zh, en", [
    (114_000_000, PLAIN, "1.14亿", "114 million"),
    (50_000_000, PLAIN, "5000万", "50 million"),
    (4_500_000_000, YUAN, "45亿元", "CNY 4.5 billion"),
    (500_000_000, YUAN, "5亿元", "CNY 500 million"),
    (159, PLAIN, "159", "159"),
    (12_345, PLAIN, "1.2345万", "12,345"),
    (F(438, 1000), SHARE, "43.8%", "43.8%"),
    (2026, YEAR, "2026年", "2026"),
])
def test_numbers_per_locale(value, unit, zh, en):
    assert format_number(F(value), unit, "zh", PHRASES.zh) == zh
    assert format_number(F(value), unit, "en", PHRASES.en) == en


@pytest.mark.parametrize("value, relation, zh, en", [
    (4_500_000_000, "more_than", "超过45亿元", "over CNY 4.5 billion"),
    (10, "at_least", "至少10元", "at least CNY 10"),
    (20, "about", "约20元", "about CNY 20"),
    (9, "just_under", "将近9元", "nearly CNY 9"),
    (21, "at_most", "至多21元", "at most CNY 21"),
    (1_000_000_000, "exact", "10亿元", "CNY 1 billion"),
])
def test_stated_figures_carry_their_relation(value, relation, zh, en):
    assert format_stated(value, relation, YUAN, "zh", PHRASES.zh) == zh
    assert format_stated(value, relation, YUAN, "en", PHRASES.en) == en


@pytest.mark.parametrize("x, digits, mode, expected", [
    (F(1000, 114), 3, "floor", F(877, 100)),  # 8.7719... -> 8.77
    (F(1000, 114), 3, "ceiling", F(878, 100)),
    (F(10, 45), 3, "ceiling", F(223, 1000)),  # 0.2222... -> 0.223
    (F(10, 45), 3, "floor", F(222, 1000)),
    (F(159, 21), 3, "nearest", F(757, 100)),  # 7.5714... -> 7.57
    (F(100), 3, "floor", F(100)),  # an exact power of ten keeps its digits
    (F(999, 1000), 2, "ceiling", F(1)),
    (F(0), 3, "floor", F(0)),
])
def test_round_significant(x, digits, mode, expected):
    assert round_significant(x, digits, mode) == expected


@pytest.mark.parametrize("interval, unit, zh, en", [
    # a lower bound rounds down: 8.7719... is over 8.77, never "over 8.78"
    (Interval(F(1000, 114), INF, lo_open=True), TIMES, "超过8.77次", "over 8.77"),
    (Interval(F(1000, 114), INF), TIMES, "至少8.77次", "at least 8.77"),
    # an upper bound rounds up: under 22.22...% is under 22.3%
    (Interval(F(0), F(10, 45), hi_open=True), SHARE, "不到22.3%", "under 22.3%"),
    (Interval(F(0), F(10, 45)), SHARE, "至多22.3%", "at most 22.3%"),
    # an exact value that had to be rounded says so
    (Interval(F(159, 21), F(159, 21)), TIMES, "约7.57次", "about 7.57"),
    (Interval(F(4_500_000_000), F(4_500_000_000)), YUAN, "45亿元", "CNY 4.5 billion"),
    (Interval(F(171, 20), F(19, 2)), TIMES, "8.55次至9.5次", "8.55 to 9.5"),
    # lower bound over lower bound: shown as not determined
    (Interval(F(0), INF, lo_open=True), TIMES, "无法确定（只知大于0次）", "not determined (only known to be above 0)"),
    (Interval(-INF, INF), TIMES, "无法确定", "not determined"),
])
def test_intervals_in_words(interval, unit, zh, en):
    assert format_interval(interval, unit, 3, "zh", PHRASES.zh) == zh
    assert format_interval(interval, unit, 3, "en", PHRASES.en) == en
