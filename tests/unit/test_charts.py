"""Charts come from the data: text stays text, bounds look like bounds, a changed number changes the chart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html

from macros.model import figures as figure_engine
from macros.rendering.charts import ChartError, chart_html, rows_of
from macros.rendering.pages import PageContext
from macros.model.project import load_project
from macros.model.schema import FigureFile
from macros.model.validation import validate
from macros.words.formatting import fill
from macros.model.yamlio import load_yaml

ROOT = Path(__file__).parents[2]
PROJECT = load_project(ROOT)


def chart_of(locale: str, chart_id: str, project=PROJECT) -> html.HtmlElement:
    url = ("" if locale == "zh" else f"{locale}/") + "chapters/opening/"
    return html.fragment_fromstring(str(chart_html(PageContext(project, "x.md", url, locale), chart_id)))


def values(chart: html.HtmlElement) -> list[str]:
    return [value.text_content() for value in chart.cssselect(".chart__value")]


@pytest.mark.parametrize("chart_id", list(PROJECT.figures.file.charts))
@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_chart_has_a_title_rows_of_text_a_source_and_a_link_to_its_data(chart_id, locale):
    chart = chart_of(locale, chart_id)
    title = chart.cssselect("figcaption.chart__title")[0]
    assert chart.get("aria-labelledby") == title.get("id") and title.text.strip()
    assert chart.get("id") == f"chart-{chart_id}"
    assert chart.cssselect(f'a.headerlink[href="#{chart.get("id")}"]')  # its own permalink
    rows = chart.cssselect("li.chart__row")
    assert len(rows) == len(PROJECT.figures.file.charts[chart_id].bars)
    for row in rows:  # every bar is labelled in words, the bar itself is decoration
        assert row.cssselect(".chart__label")[0].text_content() and row.cssselect(".chart__value")[0].text_content()
        assert all(bar.get("aria-hidden") == "true" for bar in row.cssselect(".chart__bar, .chart__arrow"))
    source = chart.cssselect(".chart__source")[0]
    outlet = PROJECT.article.outlet_in(locale)  # data/article.yml's, as each edition names it
    assert fill(PROJECT.phrases.of(locale).charts.source, outlet=outlet) in source.text_content()
    assert outlet in ("定焦One", "Dingjiao One")
    assert source.cssselect("a")[0].get("href").startswith("../../figures/")  # its data, on the figures page
    markup = html.tostring(chart, encoding="unicode")
    assert "http" not in markup and "<svg" not in markup and "<img" not in markup  # loads nothing


def test_chinese_labels_and_bounds_in_words():
    budgets = chart_of("zh", "budgets")
    assert "30亿元" in values(budgets) and "文章未给出金额" in values(budgets)
    assert " ".join(values(budgets)).count("字节") == 0  # the row's label, not repeated in its value
    users = chart_of("zh", "users")
    assert any(value.startswith("超过") for value in values(users))  # the lower bound is worded as one


def test_a_lower_bound_is_drawn_open_ended_not_as_a_solid_bar():
    users = chart_of("en", "users")
    lower = users.cssselect("li.chart__row--lower")
    assert lower and all(row.cssselect(".chart__bar--lower") and row.cssselect(".chart__arrow") for row in lower)
    assert users.cssselect(".chart__key--lower")  # and the key says what the dashes mean
    assert not chart_of("en", "budgets").cssselect(".chart__key--lower")  # no key where nothing needs one


def test_bars_are_as_long_as_their_numbers():
    budgets = chart_of("zh", "budgets")
    widths = {row.cssselect(".chart__label")[0].text: float(row.cssselect(".chart__bar")[0].get("style")[6:-1])
              for row in budgets.cssselect("li.chart__row--exact")}
    assert widths["阿里"] == pytest.approx(3 * widths["腾讯"], rel=0.01)  # 30亿 and 10亿
    assert widths["阿里"] <= 100


def test_changing_a_number_changes_the_chart():
    doc = load_yaml(ROOT / "data" / "figures.yml")
    doc.data["figures"]["alibaba_budget"].update(value=4_000_000_000, wording="阿里拿出40亿")
    book = figure_engine.build(doc, validate(doc, FigureFile))
    changed = replace(PROJECT, figures=book)
    before, after = values(chart_of("zh", "budgets")), values(chart_of("zh", "budgets", changed))
    assert "30亿元" in before and "40亿元" in after and "30亿元" not in after


def test_unknown_chart_names_the_page():
    with pytest.raises(ChartError, match=r"page 'x.md': unknown chart 'pie'"):
        chart_html(PageContext(PROJECT, "x.md", "x/", "zh"), "pie")


def test_a_rounded_figure_is_drawn_at_the_number_written():
    [daily, monthly] = rows_of(PageContext(PROJECT, "x.md", "x/", "zh"), "users")
    assert PROJECT.figures["mau"].spec.precision.reading == "rounded"
    assert (monthly.kind, monthly.lo, monthly.text) == ("exact", 114_000_000, "1.14亿")
    assert daily.kind == "lower"
