"""Page helpers: relative links that survive any URL prefix, and escaped output."""

from pathlib import Path

import pytest
from lxml import html

from macros.pages import PageContext, PageError, figure_html, quote_html
from macros.paths import relative_url
from macros.project import load_project

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    "from_page, to, expected",
    [
        ("chapters/opening/", "figures/#fig-mau", "../../figures/#fig-mau"),
        ("chapters/opening/", "chapters/watershed/", "../watershed/"),
        ("", "figures/", "figures/"),
        ("figures/", "downloads/figures.json", "../downloads/figures.json"),
        ("figures/", "figures/#x", "./#x"),
    ],
)
def test_relative_url(from_page, to, expected):
    assert relative_url(from_page, to) == expected


@pytest.fixture(scope="module")
def ctx() -> PageContext:
    return PageContext(load_project(ROOT), "chapters/opening.md", "chapters/opening/", "zh", "opening")


def test_figure_html_is_focusable_and_links_relatively(ctx):
    element = html.fragment_fromstring(str(figure_html(ctx, "mau")))
    assert element.get("tabindex") == "0" and element.get("data-fig") == "mau"
    assert element.cssselect(".fig-pop__more a")[0].get("href") == "../../figures/#fig-mau"


def test_popover_ids_are_unique_on_a_page(ctx):
    first = html.fragment_fromstring(str(figure_html(ctx, "dau")))
    second = html.fragment_fromstring(str(figure_html(ctx, "dau")))
    assert first.get("aria-describedby") != second.get("aria-describedby")


def test_english_context_formats_in_english(ctx):
    english = PageContext(ctx.project, "en/x.md", "en/x/", "en", "opening")
    element = html.fragment_fromstring(str(figure_html(english, "red_envelope_total")))
    assert element.cssselect(".fig__value")[0].text_content() == "over CNY 4.5 billion"


def test_unknown_id_names_page_and_closest(ctx):
    with pytest.raises(
        PageError, match=r"page 'chapters/opening.md': unknown figure id 'mua' \(closest known ids: mau"
    ):
        figure_html(ctx, "mua")


def test_quotation_text_is_escaped_and_checked(ctx):
    assert str(quote_html(ctx, "亿级俱乐部")) == '<q class="article-quote" lang="zh-Hans">亿级俱乐部</q>'
    with pytest.raises(PageError, match="not verbatim"):
        quote_html(ctx, "<script>alert(1)</script>")
