"""Derived-figure formulas: parsed into a small tree of our own, never handed to eval().

A formula is figure ids and decimal numbers joined by + - * / (or the signs − × ÷) and brackets.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Union

from macros.model.intervals import Interval, ZeroDivisorError

SIGNS = {"Add": "+", "Sub": "−", "Mult": "×", "Div": "÷"}
_TYPED_SIGNS = str.maketrans({"−": "-", "×": "*", "÷": "/"})


@dataclass(frozen=True)
class Ref:
    id: str


@dataclass(frozen=True)
class Const:
    value: Fraction


@dataclass(frozen=True)
class BinOp:
    op: str  # one of SIGNS' keys
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


Node = Union[Ref, Const, BinOp, Neg]


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over ids."""


def parse(text: str) -> Node:
    try:
        tree = ast.parse(text.translate(_TYPED_SIGNS), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"formula '{text}' is not valid arithmetic ({error.msg})") from None
    return _convert(tree.body, text)


def _convert(node: ast.AST, text: str) -> Node:
    if isinstance(node, ast.Name):
        return Ref(node.id)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Const(Fraction(str(node.value)))
    if isinstance(node, ast.BinOp) and type(node.op).__name__ in SIGNS:
        return BinOp(type(node.op).__name__, _convert(node.left, text), _convert(node.right, text))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return Neg(_convert(node.operand, text))
    shown = ast.unparse(node) if isinstance(node, ast.expr) else type(node).__name__
    raise FormulaError(
        f"formula '{text}' contains '{shown}', which is not allowed: "
        "use figure ids, numbers, + − × ÷ and brackets only"
    )


def references(node: Node) -> list[str]:
    """Ids the formula uses, in order of first use."""
    found: list[str] = []

    def visit(n: Node) -> None:
        if isinstance(n, Ref):
            if n.id not in found:
                found.append(n.id)
        elif isinstance(n, BinOp):
            visit(n.left)
            visit(n.right)
        elif isinstance(n, Neg):
            visit(n.operand)

    visit(node)
    return found


def evaluate(node: Node, value_of: Callable[[str], Interval],
             at_most: Callable[[str, str], bool] = lambda smaller, larger: False) -> Interval:
    """Interval value of the formula; raises ZeroDivisorError naming the divisor that can be zero.

    `at_most(a, b)`: whether a constraint says figure a never exceeds figure b. Intervals forget that two
    ends belong to the same value (a day's users within that month's, each anywhere in its range), so a ratio
    a / b of such figures is capped at 1, which the constraint guarantees for every value both may take.
    """
    if isinstance(node, Ref):
        return value_of(node.id)
    if isinstance(node, Const):
        return Interval.point(node.value)
    if isinstance(node, Neg):
        return -evaluate(node.operand, value_of, at_most)
    left = evaluate(node.left, value_of, at_most)
    right = evaluate(node.right, value_of, at_most)
    if node.op == "Add":
        return left + right
    if node.op == "Sub":
        return left - right
    if node.op == "Mult":
        return left * right
    try:
        ratio = left / right
    except ZeroDivisorError:
        raise ZeroDivisorError(
            f"it divides by '{render(node.right, str)}', which can be zero (its values are {right})"
        ) from None
    if isinstance(node.left, Ref) and isinstance(node.right, Ref) and at_most(node.left.id, node.right.id):
        return ratio.capped(Fraction(1))
    return ratio


def render(node: Node, name_of: Callable[[str], str]) -> str:
    """The formula written out with × ÷ −, ids shown through `name_of`."""
    if isinstance(node, Ref):
        return name_of(node.id)
    if isinstance(node, Const):
        return str(node.value) if node.value.denominator == 1 else str(float(node.value))
    if isinstance(node, Neg):
        return f"−{_bracketed(node.operand, name_of)}"
    return f"{_bracketed(node.left, name_of)} {SIGNS[node.op]} {_bracketed(node.right, name_of)}"


def _bracketed(node: Node, name_of: Callable[[str], str]) -> str:
    text = render(node, name_of)
    return f"({text})" if isinstance(node, BinOp) else text
