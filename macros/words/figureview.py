"""One view of a figure: what its popover, its card on the figures page and its export record show.

The kinds of figure differ (stated, derived, the article's own sum); this is the one place that turns
each kind into what a reader is shown. A view is complete before anything renders it: its values, bounds, formula,
inputs and constraints in words, and where the article words it; the places that show a figure only
choose which of these fields to show (and its citation, one layer up, is made from the view).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable
from urllib.parse import quote

from macros.model import formulas
from macros.model.figures import Evaluated
from macros.words.formatting import fill, format_interval, format_number, format_range, format_stated
from macros.model.intervals import INF, Interval, Relation, Side, Verdict
from macros.model.schema import ClaimFigure, Constraint, DerivedFigure, StatedFigure
from macros.model.project import Edition, Project, remembered
from macros.model.written import numbers_in


@dataclass(frozen=True)
class Statement:
    wording: str  # the article's words
    section: str  # the article section they are in


@dataclass(frozen=True)
class Named:
    """A figure named in another's view (a formula's input): its id, label and value in words."""

    id: str
    label: str
    display: str


@dataclass(frozen=True)
class FigureView:
    id: str
    kind: str
    label: str
    display: str  # the value in words, as the page's language writes it
    values: str  # the range it can take, in its unit
    statements: tuple[Statement, ...] = ()  # where the article words it (stated, claim)
    value: int | float | None = None  # stated, claim: the number in the article's words
    relation: Relation | None = None  # stated, claim
    reading: str | None = None  # why this relation or unit
    precision: str | None = None  # stated, claim: how precise the number written is, and why
    counts: str | None = None  # stated: what it counts
    period: str | None = None  # stated: over what period (None: the article does not say)
    formula: str | None = None  # derived, claim: over the figures' labels
    formula_ids: str | None = None  # the same over ids
    formula_source: str | None = None  # as written in data/figures.yml
    inputs: tuple[str, ...] = ()  # ids the formula uses
    note: str | None = None  # derived
    constraints: tuple[Constraint, ...] = ()
    computed: str | None = None  # claim: what the article's figures allow, in words
    verdict: Verdict | None = None  # claim
    word_figure: bool = False  # stated as a word (数千万), so the popover also shows its range
    interval: str = ""  # the range in plain numbers, as the page's data-interval gives it: (50000000, ∞)
    input_figures: tuple[Named, ...] = ()  # the formula's inputs, each with its value
    constraint_sentences: tuple[str, ...] = ()  # each constraint as a sentence, with its reason
    original_url: str = ""  # the repost, scrolled to the figure's words (source_wording) where browsers can

    @property
    def stated(self) -> bool:
        return self.kind == "stated"


def _memo(edition: Edition, kind: str, fig: Evaluated, make: Callable[[], Any]) -> Any:
    """A build shows each figure many times (every popover, card and export, in two languages)."""
    return remembered(edition.project, ("figureview", kind, fig.id, edition.locale), make)


def display(edition: Edition, fig: Evaluated) -> str:
    """A figure's value in words: derived ones rounded the safe way, stated ones as worded."""
    return str(_memo(edition, "display", fig, lambda: _display(edition, fig)))


def _display(edition: Edition, fig: Evaluated) -> str:
    phrases = edition.phrases
    unit = edition.project.figures.file.units[fig.spec.unit]
    if isinstance(fig.spec, DerivedFigure):
        return format_interval(fig.interval, unit, fig.spec.significant, edition.locale, phrases)
    if fig.spec.says:
        return fig.spec.says(edition.locale)
    return format_stated(fig.spec.value, fig.spec.relation, unit, edition.locale, phrases, fig.spec.upper)


def precision_text(edition: Edition, fig: Evaluated, spec: StatedFigure | ClaimFigure) -> str:
    """How precise the article's number is, in the page's language, with its reason ("1.14亿：按四舍五入理解为
    1.135亿至1.145亿（不含1.145亿）。…"): the ends are the engine's own, before any constraint narrows them."""
    phrases = edition.phrases
    unit = edition.project.figures.file.units[spec.unit]
    worded = fig.worded if fig.worded is not None else fig.interval
    # The number the wording writes: a range's upper end where that is the written one ("21天内": 21).
    written = spec.upper if spec.relation == "between" and spec.upper is not None and any(
        w.value == Fraction(str(spec.upper)) for w in numbers_in(spec.wording)) else spec.value
    number = format_number(Fraction(str(written)), unit, edition.locale, phrases)
    ends = {"lo": format_number(Fraction(worded.lo), unit, edition.locale, phrases),
            "hi": format_number(Fraction(worded.hi), unit, edition.locale, phrases)} if worded.hi != INF else {}
    return fill(phrases.precision[spec.precision.reading], number=number, **ends) + spec.precision.why(edition.locale)


def formula_text(edition: Edition, fig: Evaluated) -> str:
    """The formula over the figures' labels, bracketed as the page's language brackets words."""
    assert fig.formula is not None
    text = formulas.render(fig.formula, lambda ref: edition.project.figures[ref].spec.label(edition.locale))
    phrases = edition.phrases
    return text.replace("(", phrases.open_bracket.strip()).replace(")", phrases.close_bracket.strip())


def view(edition: Edition, fig: Evaluated) -> FigureView:
    """Everything the places that show a figure may show, in the edition's language."""
    result: FigureView = _memo(edition, "view", fig, lambda: _view(edition, fig))
    return result


def _used_in_a_formula(project: Project, figure_id: str) -> bool:
    return any(figure_id in other.inputs for other in project.figures.figures.values())


def interval_notation(interval: Interval) -> str:
    """An interval in plain numbers: 114,000,000 or (50,000,000, ∞)."""
    def end(v: Fraction, _: Side) -> str:
        return f"{int(v):,}" if v.denominator == 1 else f"{float(v):.6g}"

    return end(Fraction(interval.lo), "lo") if interval.is_point else interval.notation(end)


def constraint_sentence(edition: Edition, constraint: Constraint) -> str:
    """“日活 ≤ 月活：why” in the page's language."""
    book = edition.project.figures
    return fill(edition.phrases.constraint_sentence, figure=book[constraint.figure].spec.label(edition.locale),
                at_most=book[constraint.at_most].spec.label(edition.locale), why=constraint.why(edition.locale))


def source_wording(project: Project, figure_id: str) -> str:
    """Where the article words a figure; for one we work out, where it words the first of its inputs."""
    fig = project.figures[figure_id]
    spec = fig.spec
    if isinstance(spec, (StatedFigure, ClaimFigure)):
        return spec.wording
    return next((w for w in (source_wording(project, i) for i in fig.inputs) if w), "")


_PLAIN_RUN = re.compile(r"[\w.]+")


def original_url(project: Project, wording: str) -> str:
    """The repost, scrolled to the article's words where browsers follow a text fragment (#:~:text=):
    their longest run without punctuation, which the repost writes as we do."""
    run = max(_PLAIN_RUN.findall(wording), key=len, default="")
    return project.article.repost.url + (f"#:~:text={quote(run)}" if len(run) >= 4 else "")


def _view(edition: Edition, fig: Evaluated) -> FigureView:
    phrases = edition.phrases
    spec = fig.spec
    unit = edition.project.figures.file.units[spec.unit]
    shown = fig.computed if fig.computed is not None else fig.interval
    values = format_range(shown, unit, edition.locale, phrases)
    if getattr(spec, "relation", None) == "about" and not _used_in_a_formula(edition.project, fig.id):
        values = phrases.labels.no_range  # the tolerance is the site's, and nothing is worked out from it
    fields: dict[str, Any] = dict(
        id=fig.id, kind=fig.kind, label=spec.label(edition.locale), display=display(edition, fig),
        values=values, constraints=fig.constraints, interval=interval_notation(fig.interval),
        constraint_sentences=tuple(constraint_sentence(edition, c) for c in fig.constraints),
        original_url=original_url(edition.project, source_wording(edition.project, fig.id)))
    if isinstance(spec, (StatedFigure, ClaimFigure)):
        fields.update(relation=spec.relation, reading=spec.reading(edition.locale) if spec.reading else None,
                      value=spec.value,
                      statements=(Statement(spec.wording, spec.section),),
                      precision=precision_text(edition, fig, spec))
    if isinstance(spec, StatedFigure):
        fields.update(counts=spec.counts(edition.locale), period=spec.period(edition.locale) if spec.period else None,
                      word_figure=spec.says is not None,
                      statements=fields["statements"] + tuple(Statement(s.wording, s.section)
                                                             for s in spec.also_stated))
    if isinstance(spec, (DerivedFigure, ClaimFigure)) and fig.formula is not None:
        book = edition.project.figures
        fields.update(formula=formula_text(edition, fig), formula_source=spec.formula,
                      formula_ids=formulas.render(fig.formula, str), inputs=tuple(fig.inputs),
                      input_figures=tuple(Named(ref, book[ref].spec.label(edition.locale), display(edition, book[ref]))
                                          for ref in fig.inputs))
    if isinstance(spec, DerivedFigure) and spec.note:
        fields["note"] = spec.note(edition.locale)
    if isinstance(spec, ClaimFigure):
        assert fig.computed is not None
        fields.update(computed=format_interval(fig.computed, unit, 3, edition.locale, phrases), verdict=fig.verdict)
    return FigureView(**fields)
