"""Charts come from the data: text stays text, bounds look like bounds, a changed number changes the chart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from macros import figures as figure_engine
from macros.charts import ChartError, chart_html
from macros.pages import PageContext
from macros.project import load_project
from macros.schema import FigureFile
from macros.validation import validate
from macros.yamlio import load_yaml

ROOT = Path(__file__).parents[2]
PROJECT = load_project(ROOT)


def svg_of(markup: str) -> etree._Element:
    return etree.fromstring(markup[markup.index("<svg"):markup.index("</svg>") + 6].encode())


def texts(svg: etree._Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("chart_id", list(PROJECT.figures.file.charts))
@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_chart_has_a_title_a_text_alternative_and_real_text(chart_id, locale):
    markup = str(chart_html(PageContext(PROJECT, "x.md", "chapters/opening/", locale), chart_id))
    svg = svg_of(markup)
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.find(f"{ns}title").text and svg.find(f"{ns}desc").text
    assert texts(svg)  # labels are <text>, not glyph outlines
    assert "currentColor" in markup  # follows the page's light or dark text colour
    assert 'href="http' not in markup and "url(http" not in markup  # loads nothing from anywhere
    assert "<figcaption>" in markup


def test_chinese_labels_and_bounds_in_words():
    svg = svg_of(str(chart_html(PageContext(PROJECT, "x.md", "chapters/opening/", "zh"), "budgets")))
    labels = texts(svg)
    shown = " ".join(labels)
    assert "30亿元" in shown and "文章未给出金额" in shown
    assert shown.count("字节") == 1  # the row's label, not repeated in its text
    users = " ".join(texts(svg_of(str(chart_html(PageContext(PROJECT, "x.md", "x/", "zh"), "users")))))
    assert "超过5000万" in users  # the lower bound is labelled as one


def test_a_lower_bound_is_drawn_open_ended_not_as_a_solid_bar():
    markup = str(chart_html(PageContext(PROJECT, "x.md", "x/", "en"), "users"))
    assert "stroke-dasharray" in markup  # the dashed outline of a bound


def test_changing_a_number_changes_the_chart():
    doc = load_yaml(ROOT / "data" / "figures.yml")
    doc.data["figures"]["alibaba_budget"]["value"] = 4_000_000_000
    book = figure_engine.build(doc, validate(doc, FigureFile))
    changed = replace(PROJECT, figures=book)
    before = " ".join(texts(svg_of(str(chart_html(PageContext(PROJECT, "x.md", "x/", "zh"), "budgets")))))
    after = " ".join(texts(svg_of(str(chart_html(PageContext(changed, "x.md", "x/", "zh"), "budgets")))))
    assert "30亿元" in before and "40亿元" in after and "30亿元" not in after


def test_unknown_chart_names_the_page():
    with pytest.raises(ChartError, match=r"page 'x.md': unknown chart 'pie'"):
        chart_html(PageContext(PROJECT, "x.md", "x/", "zh"), "pie")
