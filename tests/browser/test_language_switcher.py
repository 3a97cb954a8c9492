"""The language switcher leads to the same page and the same section in the other edition."""

from __future__ import annotations

import pytest


def switch_to(page, lang: str) -> None:
    page.locator(".md-header__option .md-select button").hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path, anchor", [
    ("chapters/into-your-circle/", "#creations-per-user"),
    ("chapters/opening/", "#budgets"),
    ("figures/", "#fig-mau"),
    ("", "#key-figures"),
])
def test_switching_keeps_the_page_and_the_section(page, site_url, path, anchor):
    page.goto(site_url + path + anchor)
    switch_to(page, "en")
    assert page.url == site_url + "en/" + path + anchor
    assert page.locator("html").get_attribute("lang") == "en"
    switch_to(page, "zh")
    assert page.url == site_url + path + anchor
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_switching_without_a_section_goes_to_the_twin(page, site_url):
    page.goto(site_url + "en/source/")
    switch_to(page, "zh")
    assert page.url == site_url + "source/"


def search(page, url: str, query: str) -> list[str]:
    """Open the page, let the search index load, open search with its shortcut and type the query.

    Material searches on keyup. Playwright types Chinese characters as inserted text, with no key
    events (unlike an input method, whose confirming key fires one), so a final key stands in for
    the input method's. Without it, a Chinese query typed after the index has loaded gets no answer.
    """
    page.goto(url)
    page.wait_for_load_state("networkidle")  # the search worker has its index
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=8000)
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("start, query, expected", [
    ("", "社交嘴替", "chapters/why-tencent/"),
    ("", "无感知普及", "chapters/watershed/"),
    ("", "红包大战", "chapters/opening/"),
    ("en/", "avatars", "en/chapters/why-tencent/"),
    ("en/", "stickiness", "en/chapters/opening/"),
    ("en/", "watershed", "en/chapters/watershed/"),
])
def test_search_finds_the_chapter_in_each_language(page, site_url, start, query, expected):
    results = search(page, site_url + start, query)
    assert any(href.startswith(site_url + expected) for href in results), results
