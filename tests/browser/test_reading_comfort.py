"""What readers see and do: verdicts told apart, one quiet cite control, popovers that stay in view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.colours import contrast

VERDICTS = "mark.verdict"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_verdict_has_its_own_colour_and_sign_with_readable_text(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url)  # the home page's key figures carry both verdicts the article's sums get
    shown = page.locator(VERDICTS).evaluate_all("""marks => marks.map(m => {
        const style = getComputedStyle(m), sign = getComputedStyle(m, '::before');
        return {kind: m.className, background: style.backgroundColor, color: style.color,
                sign: sign.content, text: m.textContent};
    })""")
    context.close()
    kinds = {mark["kind"]: mark for mark in shown}
    assert {"verdict verdict--implied", "verdict verdict--consistent"} <= set(kinds)
    assert len({mark["background"] for mark in kinds.values()}) == len(kinds)  # no two verdicts alike
    assert len({mark["sign"] for mark in kinds.values()}) == len(kinds)  # and not by colour alone
    for mark in kinds.values():
        assert mark["sign"] not in ("none", "normal", "") and mark["text"].strip()
        assert contrast(mark["color"], mark["background"]) >= 4.5, mark


def test_article_quotations_wear_the_published_marks_and_headings_rank(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    quoted = page.locator(".article-quote").first.text_content()
    weights = page.evaluate("""() => ['h1', 'h2'].map(tag =>
        parseInt(getComputedStyle(document.querySelector('article ' + tag)).fontWeight))""")
    page.goto(site_url + "en/chapters/opening/")
    measure = page.locator("article p").nth(2).evaluate(
        "p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize)")
    context.close()
    assert quoted.startswith("“") and quoted.endswith("”")  # GB/T 15834's marks, as published, in the text
    assert weights[0] > weights[1]  # the chapter title outranks its sections
    assert measure <= 38  # about 75 characters of English a line


# The width of the first “ in the page's H1, in ems of its font size.
QUOTE_WIDTH = """() => {
    const h1 = document.querySelector('article h1'), text = [...h1.childNodes].find(n => n.nodeType === 3
        && n.textContent.includes('\u201c'));
    const range = document.createRange(), at = text.textContent.indexOf('\u201c');
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    return range.getBoundingClientRect().width / parseFloat(getComputedStyle(h1).fontSize);
}"""


def test_chinese_quotation_marks_are_full_width_and_english_ones_are_not(browser, site_url):
    if not list(Path("/usr/share/fonts").rglob("NotoSansCJK*")) and not os.environ.get("CI"):
        pytest.skip("no Chinese font on this machine (apt-get install fonts-noto-cjk; .ci/run does)")
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    chinese = page.evaluate(QUOTE_WIDTH)
    page.goto(site_url + "en/")
    english = page.evaluate(QUOTE_WIDTH)
    context.close()
    assert chinese >= 0.9  # GB/T 15834: a full-width mark, from a Chinese font on the reader's device
    assert english < 0.6  # the English edition keeps its own


def test_on_a_phone_the_figures_overview_is_a_short_list_that_leads_to_each_card(page, site_url):
    """On a phone each figure is its name and value (a verdict if it has one); its bound and where it is
    used are on its card, which the name leads to. The list is no taller than 1.5 times the desktop's table."""
    page.goto(site_url + "figures/")
    desktop = page.locator(".figures-overview").bounding_box()["height"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "figures/")
    overview = page.locator(".figures-overview")
    assert overview.bounding_box()["height"] <= 1.5 * desktop
    row = overview.locator('tr[data-fig="mau"]')
    assert row.locator("td.overview__name").is_visible() and row.locator("td.overview__value").is_visible()
    assert not row.locator("td.overview__more").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row.locator("td.overview__name a").click()
    page.wait_for_url("**/figures/#fig-mau")
    assert page.locator("#fig-mau").is_visible()
