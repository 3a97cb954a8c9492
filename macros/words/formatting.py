"""Numbers for readers: Babel for the locale's digits and 万/亿 or million/billion, our words for bounds.

Rounding never weakens a bound into a falsehood: lower bounds round down, upper bounds round up,
and a rounded exact value says "约"/"about".
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from babel.numbers import format_compact_decimal, format_decimal, format_percent

from macros.model.figures import shape_of
from macros.model.intervals import Interval, Relation
from macros.model.schema import LocalePhrases, Unit


def fill(template: str, **slots: str) -> str:
    """A phrase's {slots} filled in one pass: a value that itself holds "{url}" stays as written."""
    return re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), template)


Rounding = Literal["floor", "ceiling", "nearest"]


def round_significant(x: Fraction, digits: int, mode: Rounding) -> Fraction:
    if x == 0:
        return x
    magnitude = math.floor(math.log10(abs(x)))
    # log10 of a fraction can be off by one at exact powers of ten; correct it exactly.
    if abs(x) < Fraction(10) ** magnitude:
        magnitude -= 1
    elif abs(x) >= Fraction(10) ** (magnitude + 1):
        magnitude += 1
    quantum = Fraction(10) ** (magnitude - digits + 1)
    scaled = x / quantum
    if mode == "floor":
        whole = math.floor(scaled)
    elif mode == "ceiling":
        whole = math.ceil(scaled)
    else:
        whole = round(scaled)  # half to even
    return whole * quantum


def _decimal(x: Fraction) -> Decimal:
    with decimal.localcontext() as context:
        context.prec = 30
        return Decimal(x.numerator) / Decimal(x.denominator)


def format_number(x: Fraction, unit: Unit, locale: str, phrases: LocalePhrases) -> str:
    """`x` in the unit's template, exactly as given (round it first)."""
    value = _decimal(x)
    babel_locale = phrases.babel_locale
    if unit.style == "year":
        text = str(int(x))
    elif unit.style == "percent":
        text = format_percent(value, format="#,##0.####%", locale=babel_locale)
    elif abs(x) >= phrases.compact_from:
        text = format_compact_decimal(value, format_type="long" if locale == "en" else "short",
                                      locale=babel_locale, fraction_digits=6)
    else:
        text = format_decimal(value, format="#,##0.######", locale=babel_locale)
    return fill(unit.en if locale == "en" else unit.zh, n=text)


def format_stated(value: int | float, relation: Relation, unit: Unit, locale: str, phrases: LocalePhrases,
                  upper: int | float | None = None) -> str:
    """A figure as the article states it: its value, in the words of its relation."""
    quantity = format_number(Fraction(str(value)), unit, locale, phrases)
    if relation == "between":
        assert upper is not None, "a `between` figure has an upper end (checked by the schema)"
        top = format_number(Fraction(str(upper)), unit, locale, phrases)
        return fill(phrases.bounds["between"], lo=quantity, hi=top)
    return fill(phrases.bounds[relation], q=quantity)


def format_interval(interval: Interval, unit: Unit, significant: int, locale: str,
                    phrases: LocalePhrases) -> str:
    """A derived figure in words: the bound it is known to satisfy, rounded the safe way."""
    shape = shape_of(interval)

    def show(x: Fraction | float, mode: Rounding) -> str:
        return format_number(round_significant(Fraction(x), significant, mode), unit, locale, phrases)

    bounds = phrases.bounds
    if shape == "exact":
        value = Fraction(interval.lo)
        rounded = round_significant(value, significant, "nearest")
        template = bounds["exact"] if rounded == value else bounds["rounded"]
        return fill(template, q=format_number(rounded, unit, locale, phrases))
    if shape == "more_than" or shape == "at_least":
        return fill(bounds[shape], q=show(interval.lo, "floor"))
    if shape == "less_than" or shape == "at_most":
        return fill(bounds[shape], q=show(interval.hi, "ceiling"))
    if shape == "between":
        return fill(bounds["between"], lo=show(interval.lo, "floor"), hi=show(interval.hi, "ceiling"))
    if shape == "positive":
        return fill(bounds["positive"], q=format_number(Fraction(0), unit, locale, phrases))
    return bounds["unbounded"]


def format_range(interval: Interval, unit: Unit, locale: str, phrases: LocalePhrases, significant: int = 4) -> str:
    """Interval notation in the unit's own form: (5000万, 1.14亿], [17.54%, 87.72%), 2026.

    Ends are rounded outwards (the lower down, the upper up), so the range shown holds every value.
    """
    def end(value: Fraction, mode: Rounding) -> str:
        if unit.style != "year":
            value = round_significant(value, significant, mode)
        return format_number(value, unit, locale, phrases)

    if interval.is_point:
        value = Fraction(interval.lo)
        exact = unit.style == "year" or round_significant(value, significant, "nearest") == value
        return end(value, "nearest") if exact else fill(phrases.bounds["rounded"], q=end(value, "nearest"))
    return interval.notation(lambda value, side: end(value, "floor" if side == "lo" else "ceiling"))
