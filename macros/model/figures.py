"""The figures engine: each figure's interval, derived figures evaluated, the article's sums checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from macros.model import formulas
from macros.model.errors import DataError, DataErrors, closest
from macros.model.intervals import INF, Interval, Verdict, ZeroDivisorError, at_most, exact, from_relation, verdict
from macros.model.written import numbers_in
from macros.model.schema import ClaimFigure, Constraint, DerivedFigure, FigureFile, Shape, StatedFigure
from macros.model.yamlio import YamlDocument


@dataclass(frozen=True)
class Evaluated:
    """A figure with what its wording or formula allows it to be."""

    id: str
    spec: StatedFigure | DerivedFigure | ClaimFigure
    interval: Interval  # stated and derived: its values; claim: what the article's wording claims
    formula: formulas.Node | None = None
    computed: Interval | None = None  # claim: what the inputs allow
    verdict: Verdict | None = None
    constraints: tuple[Constraint, ...] = ()  # those that narrowed this figure or what it rests on
    worded: Interval | None = None  # stated: what the wording alone allows, before any constraint

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def inputs(self) -> list[str]:
        return formulas.references(self.formula) if self.formula else []


@dataclass(frozen=True)
class FigureBook:
    file: FigureFile
    figures: dict[str, Evaluated]

    def __getitem__(self, figure_id: str) -> Evaluated:
        return self.figures[figure_id]

    def __contains__(self, figure_id: object) -> bool:
        return figure_id in self.figures

    @property
    def ids(self) -> list[str]:
        return list(self.figures)

    @property
    def claim_ids(self) -> frozenset[str]:
        """The article's own sums."""
        return frozenset(i for i, f in self.figures.items() if isinstance(f.spec, ClaimFigure))


def build(doc: YamlDocument, data: FigureFile) -> FigureBook:
    """Evaluate every figure; all problems of one kind are reported together."""
    tolerance = {"about": exact(data.tolerances.about), "just_under": exact(data.tolerances.just_under)}
    problems: list[DataError] = []

    def problem(figure_id: str, text: str, field: str | None = None) -> None:
        key = ("figures", figure_id, field) if field else ("figures", figure_id)
        problems.append(DataError(doc.path, text, where=f"figure '{figure_id}'", line=doc.line_of(key)))

    for figure_id, spec in data.figures.items():
        if spec.unit not in data.units:
            problem(figure_id, f"unknown unit '{spec.unit}' (known: {', '.join(data.units)})", "unit")

    parsed: dict[str, formulas.Node] = {}
    for figure_id, spec in data.figures.items():
        if isinstance(spec, (DerivedFigure, ClaimFigure)):
            try:
                parsed[figure_id] = formulas.parse(spec.formula)
            except formulas.FormulaError as error:
                problem(figure_id, str(error), "formula")
                continue
            for ref in formulas.references(parsed[figure_id]):
                target = data.figures.get(ref)
                if target is None:
                    problem(figure_id, f"formula refers to unknown id '{ref}' "
                            f"(closest: {closest(ref, list(data.figures))})", "formula")
                elif isinstance(target, ClaimFigure):
                    problem(figure_id, f"formula uses '{ref}', which is a claim of the article; "
                            "formulas may use stated and derived figures only", "formula")
    if problems:
        raise DataErrors(problems)

    order, cycle = _evaluation_order(parsed)
    if cycle:
        problem(cycle[0], f"formulas form a cycle: {' → '.join(cycle)}", "formula")
        raise DataErrors(problems)

    steps: dict[str, Fraction | None] = {}
    for figure_id, spec in data.figures.items():
        if isinstance(spec, (StatedFigure, ClaimFigure)):
            steps[figure_id] = _written_step(figure_id, spec, problem)
    if problems:
        raise DataErrors(problems)

    def worded_interval(figure_id: str, spec: StatedFigure | ClaimFigure) -> Interval:
        return from_relation(spec.relation, spec.value, tolerance, spec.upper, spec.ends or "[)", steps[figure_id])

    values: dict[str, Interval] = {figure_id: worded_interval(figure_id, spec)
                                   for figure_id, spec in data.figures.items() if isinstance(spec, StatedFigure)}
    for n, constraint in enumerate(data.constraints):
        for side in (constraint.figure, constraint.at_most):
            if not isinstance(data.figures.get(side), StatedFigure):
                problems.append(DataError(doc.path, f"constraint {constraint.figure} ≤ {constraint.at_most}: "
                                          f"'{side}' is not a stated figure; constraints join stated figures only",
                                          where=f"constraints[{n}]", line=doc.line_of(("constraints", n))))
    if problems:
        raise DataErrors(problems)
    worded = dict(values)
    narrowed = _narrow(values, data.constraints, doc)
    evaluated: dict[str, Evaluated] = {}
    bounded = {(c.figure, c.at_most) for c in data.constraints}
    for figure_id in order:
        try:
            values[figure_id] = formulas.evaluate(parsed[figure_id], values.__getitem__,
                                                  lambda smaller, larger: (smaller, larger) in bounded)
        except ZeroDivisorError as error:
            spec = data.figures[figure_id]
            formula = "" if isinstance(spec, StatedFigure) else f" '{spec.formula}'"
            problem(figure_id, f"formula{formula} cannot be evaluated: {error}", "formula")
    if problems:
        raise DataErrors(problems)

    for figure_id, spec in data.figures.items():
        rests_on = _rests_on(figure_id, parsed)
        narrowed_by = tuple(c for n, c in enumerate(data.constraints)
                            if any(n in narrowed.get(ref, ()) for ref in rests_on))
        if isinstance(spec, StatedFigure):
            evaluated[figure_id] = Evaluated(figure_id, spec, values[figure_id], constraints=narrowed_by,
                                             worded=worded[figure_id])
        elif isinstance(spec, DerivedFigure):
            evaluated[figure_id] = Evaluated(figure_id, spec, values[figure_id], parsed[figure_id],
                                             constraints=narrowed_by)
        else:
            claimed = worded_interval(figure_id, spec)
            computed = values[figure_id]
            evaluated[figure_id] = Evaluated(figure_id, spec, claimed, parsed[figure_id], computed,
                                             verdict(computed, claimed), narrowed_by)
    return FigureBook(data, evaluated)


def _written_step(figure_id: str, spec: StatedFigure | ClaimFigure,
                  problem: Callable[[str, str, str | None], None]) -> Fraction | None:
    """The number the wording writes must be the figure's value (or its range's upper end), unless the entry
    says why not; a rounded figure's rounding step is that number's last written digit (None otherwise)."""
    written = numbers_in(spec.wording)
    matching = [w for w in written if w.value in (exact(spec.value), exact(spec.upper or -1))]
    if written and not matching and spec.not_as_written is None:
        shown = "、".join(w.text for w in written)
        problem(figure_id, f"`value` {spec.value} is not the number the wording writes ({shown}, in "
                f"'{spec.wording}'); give the article's number, or say why in `not_as_written`", "value")
        return None
    if spec.precision.reading != "rounded":
        return None
    if not matching:
        problem(figure_id, f"precision `rounded` needs a number written in the wording ('{spec.wording}') to "
                "round; read it as exact, or as approximate with a relation that says how", "precision")
        return None
    return matching[0].step


def _narrow(values: dict[str, Interval], constraints: list[Constraint], doc: YamlDocument) -> dict[str, set[int]]:
    """Narrow the stated figures by every constraint until nothing changes (a chain a ≤ b ≤ c needs two rounds).

    Returns, for each figure that changed, the numbers of the constraints that changed it.
    """
    changed_by: dict[str, set[int]] = {}
    for _ in range(len(constraints) + 1):
        before = dict(values)
        for n, c in enumerate(constraints):
            try:
                smaller, larger = at_most(values[c.figure], values[c.at_most])
            except ValueError:
                raise DataErrors([DataError(
                    doc.path, f"the figures contradict the constraint {c.figure} ≤ {c.at_most} "
                    f"({c.figure} is {before[c.figure]}, {c.at_most} is {before[c.at_most]}); "
                    "check both figures' values and relations, or the constraint",
                    where=f"constraints[{n}]", line=doc.line_of(("constraints", n)))]) from None
            for figure_id, value in ((c.figure, smaller), (c.at_most, larger)):
                if value != values[figure_id]:
                    values[figure_id] = value
                    changed_by.setdefault(figure_id, set()).add(n)
        if values == before:
            break
    return changed_by


def _rests_on(figure_id: str, parsed: dict[str, formulas.Node]) -> set[str]:
    """The figure itself and every figure its formula reaches, through derived figures too."""
    found = {figure_id}
    stack = [figure_id]
    while stack:
        node = parsed.get(stack.pop())
        for ref in formulas.references(node) if node else []:
            if ref not in found:
                found.add(ref)
                stack.append(ref)
    return found


def _evaluation_order(parsed: dict[str, formulas.Node]) -> tuple[list[str], list[str]]:
    """Formula ids so that each comes after the formulas it uses, and the first cycle found (if any)."""
    order: list[str] = []
    state: dict[str, str] = {}  # "visiting" or "done"

    def visit(node_id: str, trail: list[str]) -> list[str] | None:
        if state.get(node_id) == "done" or node_id not in parsed:
            return None
        if state.get(node_id) == "visiting":
            return trail[trail.index(node_id):] + [node_id]
        state[node_id] = "visiting"
        for ref in formulas.references(parsed[node_id]):
            cycle = visit(ref, trail + [node_id])
            if cycle:
                return cycle
        state[node_id] = "done"
        order.append(node_id)
        return None

    for node_id in parsed:
        cycle = visit(node_id, [])
        if cycle:
            return order, cycle
    return order, []


def shape_of(interval: Interval) -> Shape:
    """The shape of an interval, for words and exports: exact, more_than, less_than, positive, ..."""
    if interval.is_point:
        return "exact"
    if interval.hi == INF:
        if interval.lo > 0:
            return "more_than" if interval.lo_open else "at_least"
        return "positive" if interval.lo == 0 and interval.lo_open else "unbounded"
    if interval.lo <= 0:
        return "less_than" if interval.hi_open else "at_most"
    return "between"


def as_number(value: Fraction | float) -> int | float | None:
    """Finite ends as plain numbers (whole ones as int), infinite ends as None (for JSON and CSV)."""
    if value in (INF, -INF):
        return None
    return int(value) if isinstance(value, Fraction) and value.denominator == 1 else float(value)
