"""Page helpers: relative links that survive any URL prefix, and escaped output."""

from datetime import date
from pathlib import Path

import pytest
from lxml import html

from macros.rendering.pages import PageContext, PageError, figure_html, quote_html, repost_link_html
from macros.model.paths import relative_url
from macros.model.project import load_project

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
    assert str(quote_html(ctx, "亿级俱乐部")) == '<span class="article-quote" lang="zh-Hans">“亿级俱乐部”</span>'
    with pytest.raises(PageError, match="not verbatim"):
        quote_html(ctx, "<script>alert(1)</script>")


def test_the_articles_own_quotes_nest_as_single_marks_inside_a_quotation():
    """The marks are text, not CSS `quotes`, so a copy keeps them (tests/browser/test_copying.py)."""
    from macros.rendering.pages import quotation
    assert str(quotation("推出“元宝派”这样的AI社交功能")) == (
        '<span class="article-quote" lang="zh-Hans">“推出‘元宝派’这样的AI社交功能”</span>')


def site_headings(ctx: PageContext) -> dict:
    from reading_plugin.reading_build import ReadingBuild
    return ReadingBuild(ctx.project, ROOT / "docs").section_headings


def test_with_no_annotations_the_page_invites_one_and_shows_no_filters(ctx):
    from macros.rendering.annotationpage import listing_html
    home = PageContext(ctx.project, "annotations.md", "annotations/", "zh")
    listing = listing_html(home, [], today=date(2026, 11, 29), headings=site_headings(ctx))
    empty = html.fragment_fromstring(str(listing), create_parent="div")
    assert not empty.cssselect(".annotation-filters")  # nothing to filter, so no filters and no word of them
    invitation = empty.cssselect(".annotations-empty")[0]
    assert ctx.phrases.annotations.empty_what in invitation.text_content()
    start, guide = invitation.cssselect("a.md-button")
    assert start.text_content() == ctx.phrases.annotations.add_one
    form = ctx.project.site.repository + "/new/main/data/annotations?filename=2026-11-29-opening-"
    assert start.get("href").startswith(form)  # the new-file form, filled in for the first section
    assert guide.get("href").endswith("/blob/main/CONTRIBUTING.md")  # a link, not a file name in code


def test_filters_are_labelled_rows(ctx):
    from reading_plugin.reading_build import ReadingBuild
    from macros.rendering.annotationpage import listing_html
    site = ReadingBuild(ctx.project, ROOT / "docs")  # the real annotations, as the site loads them
    listing = listing_html(ctx, site.annotations, today=date(2026, 11, 29))
    listing = html.fragment_fromstring(str(listing), create_parent="div")
    rows = listing.cssselect('.annotation-filters[role="group"]')
    words = ctx.phrases.annotations
    assert [listing.cssselect("#" + row.get("aria-labelledby"))[0].text_content() for row in rows] == [
        words.filter_kind + ctx.phrases.colon, words.filter_chapter + ctx.phrases.colon]
    assert listing.cssselect(".annotation-filters__intro")[0].text_content() == words.filters_intro


def test_the_repost_address_is_written_out_and_breaks_only_after_a_slash(ctx):
    markup = str(repost_link_html(ctx))
    link = html.fromstring(markup)
    url = ctx.project.article.repost.url
    assert link.get("href") == url and link.text_content() == url
    pieces = [html.fromstring(f"<span>{piece}</span>").text_content() for piece in markup.split("<wbr>")]
    assert len(pieces) > 1 and all(piece.endswith("/") for piece in pieces[:-1])
    assert pieces[0].startswith("https://www.")  # never between the scheme's two slashes


@pytest.mark.parametrize("items", [[], [{"id": "a", "value": "one\ntwo \ue003 \"quoted\" </script>"}, {"id": "b"}],
                                   [{"id": "c", "value": "line\u2028separator, next\x85line, paragraph\u2029end"}]])
def test_the_annotations_export_is_the_same_json_with_one_annotation_per_line(items):
    """What a reader's tool parses is exactly the document; what a person reads has each annotation on a line."""
    import json

    from macros.rendering.annotationpage import _one_item_per_line

    frame = {"id": "https://x.example/a.jsonld", "type": "AnnotationCollection",
             "first": {"id": "https://x.example/a.jsonld#page-1", "startIndex": 0}}
    text = _one_item_per_line(frame, items)
    assert json.loads(text) == {**frame, "first": {**frame["first"], "items": items}}
    item_lines = [line for line in text.splitlines() if line.startswith('      {"id"')]  # as an editor breaks lines
    assert [json.loads(line.rstrip(",")) for line in item_lines] == items
    assert len(item_lines) == len(items) and text.endswith("]\n  }\n}\n")


def test_the_annotations_export_refuses_a_frame_holding_its_mark():
    from macros.rendering.annotationpage import _ITEMS_MARK, _one_item_per_line

    with pytest.raises(ValueError, match="choose another mark"):
        _one_item_per_line({"label": _ITEMS_MARK, "first": {}}, [{"id": "a"}])
