"""Charts drawn from the figures at build time: static SVG whose text stays text.

Text is left as SVG <text> (svg.fonttype "none"), so Chinese labels need no font at build time and
render with the reader's own fonts. Text and lines are drawn in `currentColor`, so a chart follows
the page's light or dark scheme. A figure known only from below is drawn as an open-ended arrow, never
as a solid bar, so a lower bound cannot be mistaken for an exact value.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

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


@dataclass(frozen=True)
class Bar:
    label: str
    figure_id: str | None  # None: the article gives no amount


CHARTS: dict[str, list[Bar]] = {
    "budgets": [Bar("alibaba", "alibaba_budget"), Bar("tencent", "tencent_budget"), Bar("baidu", "baidu_budget"),
                Bar("bytedance", None)],
    "users": [Bar("dau", "dau"), Bar("mau", "mau")],
    "activity": [Bar("draws", "lottery_draws"), Bar("creations", "creations")],
    "per_user": [Bar("per_mau", "creations_per_mau"), Bar("per_dau", "creations_per_dau"),
                 Bar("claim", "creations_per_user_claim")],
}


class ChartError(ValueError):
    pass


def chart_html(ctx: PageContext, chart_id: str) -> Markup:
    """A chart as an inline <figure>: SVG with <title> and <desc>, and a caption."""
    if chart_id not in CHARTS:
        raise ChartError(f"page '{ctx.src_path}': unknown chart '{chart_id}' (known: {', '.join(CHARTS)})")
    bars = CHARTS[chart_id]
    phrases = ctx.phrases.charts
    words = {**phrases.labels, "not_given": phrases.not_given}
    axis = phrases.axes[chart_id]
    scale = float(axis.scale)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 0.6 + 0.55 * len(bars)))
    fig.patch.set_alpha(0)
    ax.set_facecolor("none")
    right = 0.0
    described = []
    for row, bar in enumerate(reversed(bars)):
        y = row
        if bar.figure_id is None:
            ax.text(0, y, f" {words[bar.label]}: {words['not_given']}", va="center", ha="left", fontstyle="italic")
            described.append(f"{words[bar.label]}: {words['not_given']}")
            continue
        fig_ = ctx.project.figures[bar.figure_id]
        interval = fig_.interval  # a claim: the range its wording claims
        text = display(ctx, fig_)
        described.append(f"{words[bar.label]}: {text}")
        lo = float(interval.lo) / scale
        hi = float(interval.hi) / scale if interval.hi != INF else INF
        shape = shape_of(interval)
        if shape == "exact":
            ax.barh(y, lo, color=_ACCENT, height=0.5)
            right = max(right, lo)
            ax.text(lo, y, f" {text}", va="center", ha="left")
        elif hi == INF:
            # Known only from below: a dashed outline up to the bound, then an arrow that keeps going.
            ax.barh(y, lo, height=0.5, fill=False, edgecolor=_ACCENT, linestyle="--", linewidth=1.2)
            reach = max(lo * 1.35, lo + 1e-9) if lo > 0 else 1.0
            ax.annotate("", xy=(reach, y), xytext=(lo, y),
                        arrowprops={"arrowstyle": "->", "color": _ACCENT, "linewidth": 1.5})
            right = max(right, reach)
            ax.text(reach, y, f" {text}", va="center", ha="left")
        else:
            # A range: drawn as a span from its low end to its high end.
            ax.barh(y, hi - lo, left=lo, height=0.5, color=_ACCENT, alpha=0.45)
            right = max(right, hi)
            ax.text(hi, y, f" {text}", va="center", ha="left")
    ax.set_yticks(range(len(bars)), [words[b.label] for b in reversed(bars)])
    ax.set_xlim(0, (right or 1) * 1.9)
    ax.set_xlabel(axis.unit)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    out = io.StringIO()
    with warnings.catch_warnings():
        # Text stays text, set by the reader's browser: no CJK font is needed (or looked for) here.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.tight_layout()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return _figure(out.getvalue(), chart_id, axis.title, "; ".join(described))


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

