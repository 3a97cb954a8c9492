"""What a reader copies keeps the article's quotation marks: they are in the text, not drawn by CSS (a copy
leaves CSS `quotes` behind, and the article's words would be pasted as the site's)."""

from __future__ import annotations

import pytest


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def copied(page, element) -> str:
    """Select an element's text as a reader would, copy it with the keyboard, and read the clipboard."""
    element.scroll_into_view_if_needed()
    element.evaluate("""e => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""")
    page.keyboard.press("Control+C")
    return page.evaluate("navigator.clipboard.readText()")


def test_a_quotation_and_a_nested_one_keep_their_marks(tab, site_url):
    tab.goto(site_url + "chapters/opening/")
    claim = tab.locator("#key-claims ~ ul li", has_text="元宝派").first
    text = copied(tab, claim)
    assert "并推出“‘元宝派’这样的AI社交功能”。" in text  # GB/T 15834: double outside, single inside
    summary = tab.locator("#summary ~ p", has_text="最受关注的").first
    assert "“最受关注的”" in copied(tab, summary)


def test_a_figures_wording_keeps_its_marks(tab, site_url):
    tab.goto(site_url + "figures/#fig-mau")
    card = tab.locator('details.figure-card[data-fig="mau"]')
    card.evaluate("details => { details.open = true; }")
    wording = card.locator("dd", has_text="达到1.14亿").first
    assert copied(tab, wording).startswith("“月活跃用户（MAU）达到1.14亿”")


def test_an_english_page_quotes_the_article_in_marks_too(tab, site_url):
    tab.goto(site_url + "en/chapters/opening/")
    claim = tab.locator("#key-claims ~ ul li", has_text="元宝派").first
    assert "“‘元宝派’这样的AI社交功能”" in copied(tab, claim)
