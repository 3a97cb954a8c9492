"""Numbers as the article writes them: "1.14亿", "5000万", "159个", "二十年". Each is read with the unit of
its last written digit (1.14亿 is written to the million, 5000万 to the ten thousand), which is how far a
rounded figure may be from its true value, and which a figure's `value` is checked against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACES = {"十": 10, "百": 100, "千": 1000}
# Arabic digits (with a decimal part), or Chinese numerals; either may be followed by 万, 亿 or 万亿. A
# Chinese numeral followed by 几 (十几年: a dozen-odd) or preceded by 数 (数千万: several) is a word for a
# range, not a number.
_ARABIC = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?")
_CHINESE = re.compile(r"(?<![数几])([零〇一二两三四五六七八九十百千]+)(万亿|亿|万)?(?![几半])")
_HALF = re.compile(r"一半")  # a half: 将近一半 is just under 0.5


@dataclass(frozen=True)
class Written:
    """One number as written: its text, its value, and the unit of its last written digit."""

    text: str
    value: Fraction
    step: Fraction


def _chinese_value(numeral: str) -> tuple[int, int] | None:
    """(value, the place of its last digit) of a Chinese numeral below ten thousand: 二十 is (20, 10),
    一百五十九 (159, 1); None for anything else."""
    total, digit, last_place = 0, None, 1
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
            last_place = 1
        elif char in _PLACES:
            total += (1 if digit is None else digit) * _PLACES[char]
            last_place = _PLACES[char]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
        last_place = 1
    return total, last_place


def numbers_in(text: str) -> list[Written]:
    """Every number written in `text`, in order."""
    found: list[tuple[int, Written]] = []
    for match in _ARABIC.finditer(text):
        digits, magnitude = match.group(1), _MAGNITUDES.get(match.group(2) or "", 1)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        found.append((match.start(), Written(match.group(0), Fraction(digits) * magnitude,
                                             Fraction(magnitude, 10**decimals))))
    for match in _CHINESE.finditer(text):
        read = _chinese_value(match.group(1))
        if read is None or read[0] == 0 or match.group(0) == "一":
            continue  # a lone 一 is mostly a word (一共, 一张, 一起), not a number
        magnitude = _MAGNITUDES.get(match.group(2) or "", 1)
        found.append((match.start(), Written(match.group(0), Fraction(read[0] * magnitude),
                                             Fraction(read[1] * magnitude))))
    found += [(match.start(), Written(match.group(0), Fraction(1, 2), Fraction(1, 2)))
              for match in _HALF.finditer(text)]
    return [written for _, written in sorted(found, key=lambda pair: pair[0])]


def rounding_interval(written: Written) -> tuple[Fraction, Fraction]:
    """The values that round to `written` at its last digit: from half a step below it, to below half a
    step above it (1.14亿: 1.135亿 to 1.145亿)."""
    half = written.step / 2
    return written.value - half, written.value + half
