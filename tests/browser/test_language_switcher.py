"""The language switcher leads to the same page and the same section in the other edition."""

from __future__ import annotations

import pytest


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


def test_on_a_phone_the_heading_it_lands_on_is_not_under_the_back_to_top_pill(page, site_url):
    """Material shows its "back to top" pill at the top of the window once the reader scrolls back up;
    the heading a link lands on sits below it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "chapters/opening/#key-claims")  # the address the switch from English leads to
    page.mouse.wheel(0, -1)  # the smallest move back up shows the pill
    pill = page.locator(".md-top")
    pill.wait_for(state="visible")
    page.wait_for_function("p => getComputedStyle(p).opacity === '1'", arg=pill.element_handle())
    heading = page.locator("h2#key-claims").bounding_box()
    box = pill.bounding_box()
    assert box["y"] + box["height"] <= heading["y"], (box, heading)
