"""Interval arithmetic with open and closed ends: what a figure's wording allows it to be.

Finite ends are exact fractions, so 30亿 + 5亿 + 10亿 is exactly 45亿 and verdicts never hinge on
floating-point noise. Infinite ends are `math.inf` and always open.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Literal, Union

Number = Union[Fraction, float]  # float only for ±inf
INF = math.inf

Relation = Literal["exact", "at_least", "more_than", "at_most", "about", "just_under", "between"]
Side = Literal["lo", "hi"]
Ends = Literal["[]", "[)", "(]", "()"]  # which ends of a `between` range are reached, as in interval notation
Verdict = Literal["implied", "consistent", "contradicted"]


class ZeroDivisorError(ArithmeticError):
    """The divisor's interval contains zero."""


def exact(value: Number) -> Fraction:
    """A finite number as an exact fraction (decimal literals stay decimal: 1.14 is 114/100)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(str(value))


@dataclass(frozen=True)
class Interval:
    lo: Number
    hi: Number
    lo_open: bool = False
    hi_open: bool = False

    def __post_init__(self) -> None:
        # An infinite end is never reached, so it is always open.
        if self.lo == -INF and not self.lo_open:
            object.__setattr__(self, "lo_open", True)
        if self.hi == INF and not self.hi_open:
            object.__setattr__(self, "hi_open", True)
        if self.lo > self.hi:
            raise ValueError(f"empty interval {self}")

    @classmethod
    def point(cls, value: Number) -> Interval:
        v = exact(value)
        return cls(v, v)

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def contains_zero(self) -> bool:
        above_lo = self.lo < 0 or (self.lo == 0 and not self.lo_open)
        below_hi = self.hi > 0 or (self.hi == 0 and not self.hi_open)
        return above_lo and below_hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi,
                        self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        candidates = [
            _endpoint_product(a, a_open, b, b_open)
            for a, a_open in ((self.lo, self.lo_open), (self.hi, self.hi_open))
            for b, b_open in ((other.lo, other.lo_open), (other.hi, other.hi_open))
        ]
        lo = min(value for value, _ in candidates)
        hi = max(value for value, _ in candidates)
        # A bound is reached if any endpoint pair that gives it is reached.
        lo_open = all(is_open for value, is_open in candidates if value == lo)
        hi_open = all(is_open for value, is_open in candidates if value == hi)
        return Interval(lo, hi, lo_open, hi_open)

    def reciprocal(self) -> Interval:
        if self.contains_zero():
            raise ZeroDivisorError(f"{self} contains zero")
        return Interval(_inverse(self.hi), _inverse(self.lo), self.hi_open, self.lo_open)

    def __truediv__(self, other: Interval) -> Interval:
        return self * other.reciprocal()

    def capped(self, top: Fraction) -> Interval:
        """The values of self that are at most `top` (it is reached where self reaches it or goes beyond)."""
        if self.hi < top or (self.hi == top and self.hi_open):
            return self
        return Interval(self.lo, top, self.lo_open, False)

    def within(self, other: Interval) -> bool:
        """True when every value of self is a value of other."""
        lo_ok = other.lo < self.lo or (other.lo == self.lo and (self.lo_open or not other.lo_open))
        hi_ok = self.hi < other.hi or (other.hi == self.hi and (self.hi_open or not other.hi_open))
        return lo_ok and hi_ok

    def disjoint(self, other: Interval) -> bool:
        def before(a: Interval, b: Interval) -> bool:
            return a.hi < b.lo or (a.hi == b.lo and (a.hi_open or b.lo_open))

        return before(self, other) or before(other, self)

    def notation(self, end: Callable[[Fraction, Side], str]) -> str:
        """The interval as mathematics writes it, "(lo, hi]", "[lo, ∞)": the one place its brackets are
        written. `end` writes a finite end, told which it is (a lower end may round down, an upper up)."""
        def write(v: Number, side: Side) -> str:
            return ("∞" if v > 0 else "−∞") if v in (INF, -INF) else end(Fraction(v), side)

        lo, hi = write(self.lo, "lo"), write(self.hi, "hi")
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"

    def __str__(self) -> str:
        return self.notation(lambda v, _: str(v.numerator) if v.denominator == 1 else str(float(v)))


def _endpoint_product(a: Number, a_open: bool, b: Number, b_open: bool) -> tuple[Number, bool]:
    # 0 × ∞ counts as 0 (IEEE 1788): an unbounded end times a zero end adds nothing beyond 0.
    if a == 0 or b == 0:
        reached = (a == 0 and not a_open) or (b == 0 and not b_open)
        return Fraction(0), not reached
    return a * b, a_open or b_open


def _inverse(v: Number) -> Number:
    if v in (INF, -INF):
        return Fraction(0)
    if v == 0:
        return INF  # only reached for an open zero end of a positive interval
    return 1 / v


def from_relation(relation: Relation, value: Number, tolerance: dict[str, Fraction],
                  upper: Number | None = None, ends: Ends = "[)", step: Number | None = None) -> Interval:
    """The values a stated figure can take, given the relation its wording implies.

    Every figure in the article is a count, a sum of money or a duration, so nothing is below zero.
    `between` is a range from `value` to `upper` (数千万: from 2000万, below 1亿), its ends as `ends` says.
    `step`: the number is a rounded figure written to this unit (1.14亿: a million), so it stands for
    anything from half a step below it to below half a step above it, and the relation applies to that.
    """
    v = exact(value)
    if relation == "between":
        if upper is None:
            raise ValueError("a `between` range needs its upper end")
        return Interval(v, exact(upper), lo_open=ends[0] == "(", hi_open=ends[1] == ")")
    half = exact(step) / 2 if step is not None else Fraction(0)
    lo, hi, hi_open = max(v - half, Fraction(0)), v + half, step is not None
    if relation == "exact":
        return Interval(lo, hi, hi_open=hi_open)
    if relation == "at_least":
        return Interval(lo, INF)
    if relation == "more_than":
        return Interval(lo, INF, lo_open=True)
    if relation == "at_most":
        return Interval(Fraction(0), hi, hi_open=hi_open)
    if relation == "about":
        t = tolerance["about"]
        return Interval(lo * (1 - t), hi * (1 + t), hi_open=hi_open)
    if relation == "just_under":
        t = tolerance["just_under"]
        return Interval(lo * (1 - t), hi, hi_open=True)
    raise ValueError(f"unknown relation {relation!r}")


def verdict(computed: Interval, claimed: Interval) -> Verdict:
    """How the article's stated result relates to what its own inputs allow."""
    if computed.within(claimed):
        return "implied"
    if computed.disjoint(claimed):
        return "contradicted"
    return "consistent"


def at_most(smaller: Interval, larger: Interval) -> tuple[Interval, Interval]:
    """Both intervals narrowed by the knowledge that every value of `smaller` is ≤ the one of `larger`.

    The smaller cannot exceed the larger's top, nor the larger fall below the smaller's bottom.
    Raises ValueError when nothing is left (the figures contradict the constraint).
    """
    if larger.hi < smaller.hi or (larger.hi == smaller.hi and larger.hi_open and not smaller.hi_open):
        smaller = Interval(smaller.lo, larger.hi, smaller.lo_open, larger.hi_open)
    if smaller.lo > larger.lo or (smaller.lo == larger.lo and smaller.lo_open and not larger.lo_open):
        larger = Interval(smaller.lo, larger.hi, smaller.lo_open, larger.hi_open)
    for narrowed in (smaller, larger):
        if narrowed.lo == narrowed.hi and (narrowed.lo_open or narrowed.hi_open):
            raise ValueError(f"empty interval {narrowed}")
    return smaller, larger
