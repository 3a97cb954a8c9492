"""A figure's source opens on hover, on keyboard focus and on tap, and stays inside the window."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def popover_of(page, figure_id: str):
    return page.locator(f'span.fig[data-fig="{figure_id}"]').first.locator(".fig-pop")


def test_hover_shows_the_source(page, site_url):
    page.goto(site_url + "chapters/opening/")
    assert not popover_of(page, "mau").is_visible()
    page.locator('span.fig[data-fig="mau"]').first.hover()
    assert popover_of(page, "mau").is_visible()
    assert "月活跃用户（MAU）达到1.14亿" in popover_of(page, "mau").inner_text()


def test_keyboard_focus_shows_the_source(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    target = page.locator('span.fig[data-fig="creations_per_mau"]').first
    # Start from the section's heading link, then tab as a reader would until the figure has focus.
    page.locator("#creations-per-user a.headerlink").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the figure never took keyboard focus")
    assert popover_of(page, "creations_per_mau").is_visible()
    assert "÷" in popover_of(page, "creations_per_mau").inner_text()


def test_tap_shows_the_source(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "chapters/opening/")
    target = page.locator('span.fig[data-fig="dau"]').first
    target.scroll_into_view_if_needed()
    target.tap()
    assert popover_of(page, "dau").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the open popover must not widen the page on a phone"


def test_open_popovers_stay_inside_the_window(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    width = page.evaluate("document.documentElement.clientWidth")
    figures = page.locator("article span.fig")
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        figure.hover()
        box = figure.locator(".fig-pop").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (index, box)


def test_a_glossary_term_explains_itself_inside_chinese_text(page, site_url):
    page.goto(site_url + "chapters/why-tencent/")
    term = page.locator('span.term[data-term="social_stand_in"]').first
    assert not term.locator(".term-pop").is_visible()
    term.hover()
    assert term.locator(".term-pop").is_visible()
    assert "社交嘴替" in term.inner_text() and "替人说出" in term.locator(".term-pop").inner_text()
    page.mouse.move(0, 0)
    term.focus()
    assert term.locator(".term-pop").is_visible()
