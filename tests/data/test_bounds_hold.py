"""Every printed statement holds for every value the article's wording allows.

Hypothesis draws a value for every stated figure from what its wording allows (a rounded figure anywhere in
its rounding range, a lower bound anywhere above its mark; closed ends drawn too, open ends never), keeps
the draws the constraints allow (daily users at most monthly users), works every derived figure and the
article's own sums out again for those exact values, and reads back what the page prints for each: the
value must satisfy it. A verdict of "implied" must hold for every draw, "contradicted" for none.
"""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from macros.words import figureview
from macros.model import formulas
from macros.model.intervals import INF, Interval
from macros.model.project import Edition, load_project
from macros.model.schema import ClaimFigure, DerivedFigure, StatedFigure
from tests.conftest import ROOT

PROJECT = load_project(ROOT)
BOOK = PROJECT.figures
STATED = [f for f in BOOK.figures.values() if isinstance(f.spec, StatedFigure)]


def drawn(interval: Interval) -> st.SearchStrategy[Fraction]:
    """Values of an interval, its closed ends among them; an open-ended one up to a hundred times its floor."""
    lo = Fraction(interval.lo)
    hi = Fraction(interval.hi) if interval.hi != INF else max(lo * 100, lo + 100)
    values = st.fractions(min_value=lo, max_value=hi, max_denominator=10**6)
    ends = [end for end, reached in ((lo, not interval.lo_open), (Fraction(interval.hi) if interval.hi != INF else None,
                                                                  not interval.hi_open)) if reached and end is not None]
    return st.one_of(values, *(st.just(end) for end in ends)).filter(
        lambda x: (x > lo or not interval.lo_open) and (interval.hi == INF or x < hi or not interval.hi_open))


_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(亿|万)?(%)?")


def read_back(text: str) -> list[Fraction]:
    """The numbers a Chinese display gives, as values: 1.14亿 is 114000000, 43.6% is 0.436."""
    found = []
    for digits, magnitude, percent in _NUMBER.findall(text):
        value = Fraction(digits) * {"亿": 10**8, "万": 10**4, "": 1}[magnitude]
        found.append(value / 100 if percent else value)
    return found


def holds(display: str, value: Fraction, unit_style: str) -> bool:
    """Whether an exact value satisfies what the page prints for it ("超过8.73次", "43.6%至100%", "约7.6个")."""
    numbers = read_back(display)
    if display.startswith("无法确定"):
        return "大于" not in display or value > 0
    if display.startswith("超过"):
        return value > numbers[0]
    if display.startswith("至少"):
        return value >= numbers[0]
    if display.startswith("不到"):
        return value < numbers[0]
    if display.startswith("至多"):
        return value <= numbers[0]
    if "至" in display:
        return numbers[0] <= value <= numbers[1]
    if display.startswith("约"):  # rounded to the digits shown: within half a unit of the last one
        digits = re.search(r"\d+(?:\.(\d+))?", display)
        places = len(digits.group(1) or "") if digits else 0
        scale = Fraction(1, 100) if unit_style == "percent" else Fraction(1)
        magnitude = {"亿": 10**8, "万": 10**4}.get(re.search(r"(亿|万)?(%)?$", display.rstrip("元次个年人天")).group(1)
                                                  or "", 1)
        return abs(value - numbers[0]) <= Fraction(1, 2 * 10**places) * scale * magnitude
    return value == numbers[0]


def evaluate(values: dict[str, Fraction]) -> dict[str, Fraction]:
    """Every derived figure and sum, for exact values of the stated figures."""
    worked: dict[str, Fraction] = dict(values)

    def value_of(figure_id: str) -> Interval:
        if figure_id not in worked:
            worked[figure_id] = Fraction(formulas.evaluate(BOOK[figure_id].formula, value_of).lo)
        return Interval.point(worked[figure_id])

    for fig in BOOK.figures.values():
        if fig.formula is not None:
            worked[fig.id] = Fraction(formulas.evaluate(fig.formula, value_of).lo)
    return worked


# From each figure's values as the constraints narrow them (the draws the constraints refuse are few).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.fixed_dictionaries({f.id: drawn(f.interval) for f in STATED}))
def test_every_printed_bound_and_verdict_holds_for_every_value_the_wording_allows(values):
    for constraint in BOOK.file.constraints:
        assume(values[constraint.figure] <= values[constraint.at_most])
    worked = evaluate(values)
    units = BOOK.file.units
    for fig in BOOK.figures.values():
        value = worked[fig.id]
        if isinstance(fig.spec, DerivedFigure):
            display = figureview.display(Edition(PROJECT, "zh"), fig)
            assert holds(display, value, units[fig.spec.unit].style), (fig.id, display, float(value), values)
        elif isinstance(fig.spec, ClaimFigure):
            claimed = fig.interval
            inside = Interval.point(value).within(claimed)
            if fig.verdict == "implied":
                assert inside, (fig.id, float(value))
            elif fig.verdict == "contradicted":
                assert not inside, (fig.id, float(value))


def test_the_reading_back_is_itself_right():
    """The checker above can fail: a bound printed too tight is caught."""
    assert holds("超过8.73次", Fraction(8734, 1000), "number")
    assert not holds("超过8.77次", Fraction(8734, 1000), "number")
    assert holds("43.6%至100%", Fraction(4367, 10000), "percent") and not holds("43.8%至100%", Fraction(4367, 10000),
                                                                                "percent")
    assert holds("约7.6个", Fraction(159, 21), "number") and not holds("约7.6个", Fraction(77, 10), "number")
    assert holds("1.14亿", Fraction(114_000_000), "number") and read_back("5000万") == [50_000_000]
