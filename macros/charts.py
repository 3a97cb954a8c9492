"""Charts drawn from the figures at build time: static SVG whose text stays text.

Text is left as SVG <text> (svg.fonttype "none"), so Chinese labels need no font at build time and
render with the reader's own fonts. Text and lines are drawn in `currentColor`, so a chart follows
the page's light or dark scheme. A figure known only from below is drawn as an open-ended arrow, never
as a solid bar, so a lower bound cannot be mistaken for an exact value.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .buildcache import cached
from .figures import shape_of
from .intervals import INF
from .pages import PageContext, display

_INK = "#010203"  # drawn in this, then swapped for currentColor
_ACCENT = "#4051b5"


@lru_cache(maxsize=1)
def _pyplot() -> Any:
    """matplotlib, loaded on the first chart only (it is slow to import and most builds of tests draw none)."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "yuanbao-reading", "font.size": 11,
                         "font.family": ["sans-serif"], "text.color": _INK, "axes.edgecolor": _INK,
                         "xtick.color": _INK, "ytick.color": _INK, "axes.labelcolor": _INK})
    return plt


class ChartError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    """One bar as drawn: everything matplotlib needs, nothing it does not (so it can key the cache)."""

    label: str
    text: str
    lo: float = 0.0
    hi: float | None = None  # None: no upper bound
    shape: str = "not_given"  # figures.shape_of the interval; "not_given": the article gives no amount


def chart_html(ctx: PageContext, chart_id: str) -> Markup:
    """A chart as an inline <figure>: SVG with <title> and <desc>, and a caption."""
    charts = ctx.project.figures.file.charts  # defined in data/figures.yml, checked at start-up
    if chart_id not in charts:
        raise ChartError(f"page '{ctx.src_path}': unknown chart '{chart_id}' (known: {', '.join(charts)})")
    phrases = ctx.phrases.charts
    axis = phrases.axes[chart_id]
    scale = float(axis.scale)
    rows = []
    for bar in charts[chart_id]:
        label = phrases.labels[bar.label]
        if bar.figure is None:
            rows.append(Row(label, phrases.not_given))
            continue
        figure = ctx.project.figures[bar.figure]
        # As the article words it (a stated lower bound stays an open-ended arrow); a claim: what it claims.
        interval = figure.worded or figure.interval
        rows.append(Row(label, display(ctx, figure), float(interval.lo) / scale,
                        None if interval.hi == INF else float(interval.hi) / scale, shape_of(interval)))
    parts = {"rows": [asdict(row) for row in rows], "unit": axis.unit, "code": _CODE}
    svg = cached("charts", parts, lambda: _draw(rows, axis.unit))
    return _figure(svg, chart_id, axis.title, "; ".join(f"{row.label}: {row.text}" for row in rows))


# What a cached chart depends on besides its rows: this file and matplotlib.
_CODE = [hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), version("matplotlib")]


def _draw(rows: list[Row], unit: str) -> str:
    """The chart as SVG text, the first row at the top."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 0.6 + 0.55 * len(rows)))
    fig.patch.set_alpha(0)
    ax.set_facecolor("none")
    right = 0.0
    for y, row in enumerate(reversed(rows)):
        if row.shape == "not_given":
            ax.text(0, y, f" {row.text}", va="center", ha="left")  # never italic: CJK has no italics
        elif row.shape == "exact":
            ax.barh(y, row.lo, color=_ACCENT, height=0.5)
            right = max(right, row.lo)
            ax.text(row.lo, y, f" {row.text}", va="center", ha="left")
        elif row.hi is None:
            # Known only from below: a dashed outline up to the bound, then an arrow that keeps going.
            ax.barh(y, row.lo, height=0.5, fill=False, edgecolor=_ACCENT, linestyle="--", linewidth=1.2)
            reach = max(row.lo * 1.35, row.lo + 1e-9) if row.lo > 0 else 1.0
            ax.annotate("", xy=(reach, y), xytext=(row.lo, y),
                        arrowprops={"arrowstyle": "->", "color": _ACCENT, "linewidth": 1.5})
            right = max(right, reach)
            ax.text(reach, y, f" {row.text}", va="center", ha="left")
        else:
            # A range: drawn as a span from its low end to its high end.
            ax.barh(y, row.hi - row.lo, left=row.lo, height=0.5, color=_ACCENT, alpha=0.45)
            right = max(right, row.hi)
            ax.text(row.hi, y, f" {row.text}", va="center", ha="left")
    ax.set_yticks(range(len(rows)), [row.label for row in reversed(rows)])
    ax.set_ylim(-0.6, len(rows) - 0.4)  # room below the lowest row, so its text never sits on the axis
    ax.set_xlim(0, (right or 1) * 1.9)
    ax.set_xlabel(unit)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    out = io.StringIO()
    with warnings.catch_warnings():
        # Text stays text, set by the reader's browser: no CJK font is needed (or looked for) here.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.tight_layout()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return out.getvalue()


def _figure(svg: str, chart_id: str, title: str, description: str) -> Markup:
    svg = svg[svg.index("<svg"):]  # no XML declaration or doctype inside HTML
    svg = svg.replace(_INK, "currentColor")
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)  # matplotlib's RDF, of no use here
    svg = re.sub(r"\n\s*\n", "\n", svg)  # a blank line would end the HTML block in Markdown
    title_id, desc_id = f"chart-{chart_id}-title", f"chart-{chart_id}-desc"
    svg = re.sub(r"<svg ", f'<svg role="img" aria-labelledby="{title_id} {desc_id}" ', svg, count=1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: f'{m.group(1)}<title id="{title_id}">{escape(title)}</title>'
                 f'<desc id="{desc_id}">{escape(description)}</desc>', svg, count=1)
    return Markup('<figure class="chart" id="chart-{id}">{svg}<figcaption>{title}</figcaption></figure>').format(
        id=chart_id, svg=Markup(svg), title=title)

