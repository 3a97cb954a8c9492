"""Charts drawn from the figures at build time: horizontal bars in plain HTML and CSS.

Every label and value is page text, in the page's font and size (readable on a phone, found by the
reader's own search, translated with the page), and every colour comes from the stylesheet, so a
chart follows the light or dark scheme. Bars are labelled directly, in the words the text uses
("1.14亿", "over 50 million"), so no axis is needed. A figure known only from below is drawn as a
dashed bar ending in an arrow, never as a solid bar, so a lower bound cannot be mistaken for an
exact value; a range is a pale bar from its low end to its high end.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from macros.rendering.markup import html
from macros.model.figures import shape_of
from macros.model.intervals import INF
from macros.model.paths import FIGURES_PAGE, figure_url
from macros.rendering.pages import PageContext, display
from macros.words.formatting import fill
from macros.model.schema import StatedFigure

_REACH = 1.3  # how far past its bound an open-ended bar's arrow points, as a share of the bound


class ChartError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    """One bar as drawn."""

    label: str
    text: str
    lo: float = 0.0
    hi: float | None = None  # None: no upper bound
    shape: str = "not_given"  # figures.shape_of the interval; "not_given": the article gives no amount
    figure: str | None = None

    @property
    def kind(self) -> str:
        """How the row is drawn: not_given (words only), exact (a bar), lower (dashes and an arrow), range."""
        if self.shape in ("not_given", "exact"):
            return self.shape
        return "lower" if self.hi is None else "range"

    @property
    def reach(self) -> float:
        """How far right the row is drawn."""
        return {"not_given": 0.0, "exact": self.lo, "lower": self.lo * _REACH}.get(self.kind, self.hi or 0.0)


def rows_of(ctx: PageContext, chart_id: str) -> list[Row]:
    charts = ctx.project.figures.file.charts  # defined in data/figures.yml, checked at start-up
    if chart_id not in charts:
        raise ChartError(f"page '{ctx.src_path}': unknown chart '{chart_id}' (known: {', '.join(charts)})")
    phrases = ctx.phrases.charts
    rows = []
    for bar in charts[chart_id].bars:
        label = bar.label(ctx.locale)
        if bar.figure is None:
            rows.append(Row(label, phrases.not_given))
            continue
        figure = ctx.project.figures[bar.figure]
        # As the article words it (a stated lower bound stays open-ended); a claim: what it claims.
        interval = figure.worded or figure.interval
        spec = figure.spec
        if isinstance(spec, StatedFigure) and spec.precision.reading == "rounded" and spec.relation == "exact":
            # A rounded figure is drawn at the number written: its rounding (half a unit of the last digit,
            # 1.135亿 to 1.145亿) is under a percent of the bar, and the figures page gives it.
            rows.append(Row(label, display(ctx, figure), float(spec.value), shape="exact",
                            figure=bar.figure))
            continue
        rows.append(Row(label, display(ctx, figure), float(interval.lo),
                        None if interval.hi == INF else float(interval.hi), shape_of(interval), bar.figure))
    return rows


def _percent(x: float, right: float) -> str:
    return f"{100 * x / right:.1f}%"


_SPAN = '<span class="{}" aria-hidden="true" style="{}"></span>'  # decoration: the value is text


def _bar(row: Row, right: float) -> Markup:
    if row.kind == "not_given":
        return Markup("")
    if row.kind == "exact":
        return html(_SPAN, "chart__bar", f"width:{_percent(row.lo, right)}")
    if row.kind == "lower":
        return (html(_SPAN, "chart__bar chart__bar--lower", f"width:{_percent(row.lo, right)}")
                + html(_SPAN, "chart__arrow", f"width:{_percent(row.reach - row.lo, right)}"))
    return html(_SPAN, "chart__bar chart__bar--range",
                f"margin-left:{_percent(row.lo, right)};width:{_percent(row.reach - row.lo, right)}")


def chart_html(ctx: PageContext, chart_id: str) -> Markup:
    """A chart as a <figure>: a title in words, one row per bar, a key, the source and a link to the data."""
    rows = rows_of(ctx, chart_id)
    words = ctx.phrases.charts
    # The longest bar ends near 60% of the width, leaving room for its value after it.
    right = max((row.reach for row in rows), default=0.0) * 1.6 or 1.0
    body = Markup("").join(
        html('<li class="chart__row chart__row--{kind}"><span class="chart__label">{label}</span>'
             '<span class="chart__track">{bar}<span class="chart__value">{text}</span></span></li>',
             kind=row.kind, label=row.label, bar=_bar(row, right), text=row.text)
        for row in rows)
    kinds = {row.kind for row in rows}  # a key for each drawing that is not a plain bar
    keys = [html('<span class="chart__key chart__key--{}">{}</span>', kind, text)
            for kind, text in (("lower", words.lower_bound), ("range", words.range)) if kind in kinds]
    figures = [row.figure for row in rows if row.figure]
    data_link = ctx.link(figure_url(figures[0]) if len(figures) == 1 else FIGURES_PAGE)
    title_id = f"chart-{chart_id}-title"
    return html(
        '<figure class="chart" id="chart-{id}" aria-labelledby="{title_id}" data-search-exclude>'
        '<figcaption class="chart__title" id="{title_id}">{title}'
        '<a class="headerlink" href="#chart-{id}" title="{permalink}">¶</a></figcaption>'
        '<ul class="chart__rows">{body}</ul>{keys}'
        '<p class="chart__source">{source}{space}<a href="{data_link}">{link_text}</a></p></figure>',
        space=ctx.phrases.sentence_join, id=chart_id, title_id=title_id,
        title=ctx.project.figures.file.charts[chart_id].title(ctx.locale), body=body,
        permalink=words.permalink,
        keys=html('<p class="chart__keys">{}</p>', Markup(" ").join(keys)) if keys else "",
        source=fill(words.source, outlet=ctx.project.article.outlet_in(ctx.locale)), data_link=data_link,
        link_text=words.data_link)
