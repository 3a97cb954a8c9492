"""The language switcher leads to the same page and the same section in the other edition."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def switch_to(page, lang: str) -> None:
    """As a reader does: point at the menu, then click the language where it shows. (Locator.click()
    may first scroll the menu "into view" while it fades in, moving the page under the header.)"""
    page.locator(".md-header__option .md-select button").hover()
    link = page.locator(f'a.md-select__link[hreflang="{lang}"]')
    link.wait_for(state="visible")
    page.wait_for_function("link => getComputedStyle(link.closest('.md-select__inner')).opacity === '1'",
                           arg=link.element_handle())
    box = link.bounding_box()
    assert box is not None
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("path, anchor, back", [
    ("chapters/opening/", "#budgets", True),  # there and back; the others one way (a page load each)
    ("chapters/into-your-circle/", "#creations-per-user", False),
    ("figures/", "#fig-mau", False),
    ("", "#key-figures", False),
])
def test_switching_keeps_the_page_and_the_section(page, site_url, path, anchor, back):
    page.goto(site_url + path + anchor)
    switch_to(page, "en")
    assert page.url == site_url + "en/" + path + anchor
    assert page.locator("html").get_attribute("lang") == "en"
    if back:
        switch_to(page, "zh")
        assert page.url == site_url + path + anchor
        assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_switching_half_way_down_a_chapter_keeps_the_place(page, site_url):
    page.goto(site_url + "chapters/opening/")  # no # in the address: the reader scrolled there
    # Scrolled until the heading stays 40 px above the window's top (the page may still be settling).
    page.wait_for_function("""() => {
        const top = document.querySelector('h2#key-claims').getBoundingClientRect().top;
        if (Math.abs(top + 40) <= 1) return true;
        window.scrollBy(0, top + 40);
        return false;
    }""", polling=100)
    switch_to(page, "en")
    assert page.url == site_url + "en/chapters/opening/#key-claims"
    assert page.locator("h2#key-claims").evaluate(
        "h => { const box = h.getBoundingClientRect(); return box.top >= 0 && box.top < innerHeight / 2; }")


def test_switching_without_a_section_goes_to_the_twin_and_the_menu_marks_the_language(page, site_url):
    page.goto(site_url + "en/source/")
    marked = page.locator('a.md-select__link[aria-current="true"]')
    assert marked.count() == 1 and marked.get_attribute("hreflang") == "en"
    switch_to(page, "zh")
    assert page.url == site_url + "source/"


def open_search(page, url: str) -> None:
    """Open the page, let the search index load, and open search with its shortcut."""
    page.goto(url)
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.keyboard.press("/")


def results_for(page, query: str, expected: str) -> list[str]:
    """Type a query into the open search box and wait until a result leads to `expected`.

    Material searches on keyup. Playwright types Chinese characters as inserted text, with no key
    events (unlike an input method, whose confirming key fires one), so a final key stands in for
    the input method's. Without it, a Chinese query typed after the index has loaded gets no answer.
    """
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")
    try:
        page.wait_for_function(
            "expected => [...document.querySelectorAll('.md-search-result__item a')]"
            ".some(a => a.href.startsWith(expected))", arg=expected, timeout=8000)
    except PlaywrightTimeout:
        pass  # the assertion that follows says what was found instead
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


def visible_results(page) -> list[str]:
    """The page each shown result leads to (a result also lists the page's matching sections)."""
    return page.locator(".md-search-result__item:visible").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)")


# What a reader would look for, and the page they would want first; one page load per edition.
RANKING = {
    "": [("元宝", ""), ("红包大战", "chapters/opening/"), ("马化腾", "chapters/opening/"),
         ("亿级俱乐部", "figures/"), ("无感知普及", "glossary/")],  # a term: its own entry
    "en/": [("Yuanbao", "en/chapters/opening/"), ("red envelope", "en/chapters/opening/"),
            ("watershed", "en/chapters/watershed/"), ("daily users", "en/figures/"),
            ("avatars", "en/chapters/why-tencent/")],
}


@pytest.mark.parametrize("start", RANKING, ids=["zh", "en"])
def test_search_ranks_the_expected_page_first_and_stays_in_the_edition(page, site_url, start):
    open_search(page, site_url + start)  # with the whole index: the page loads it with no error (below)
    for query, expected in RANKING[start]:
        results_for(page, query, site_url + expected)
        shown = visible_results(page)
        assert shown, query
        first = shown[0].split("?")[0].split("#")[0]
        assert first == site_url + expected, (query, shown[:3])
        assert all(link.startswith(site_url + "en/") == (start == "en/") for link in shown), (query, shown)
    # A query in the other language finds only this edition's pages (or none), and the count says so.
    other = "红包大战" if start == "en/" else "watershed"
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(other, delay=20)
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
    page.wait_for_timeout(300)  # the filter runs as the list settles
    shown = visible_results(page)
    assert all(link.startswith(site_url + "en/") == (start == "en/") for link in shown), (other, shown)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert (str(len(shown)) in meta) if shown else not any(ch.isdigit() for ch in meta), meta
    assert page.console_errors == []
