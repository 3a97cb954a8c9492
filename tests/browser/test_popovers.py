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


@pytest.mark.parametrize("size", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_open_popovers_stay_inside_the_window(page, site_url, size):
    """Every figure of the busiest chapter, opened where it sits: no popover leaves the window."""
    page.set_viewport_size(size)
    page.goto(site_url + "chapters/opening/")
    outside = page.evaluate("""async () => {
        const found = [];
        for (const figure of document.querySelectorAll('article span.fig, article span.term')) {
            figure.scrollIntoView({block: 'nearest'});
            figure.focus();
            await new Promise(requestAnimationFrame);
            const box = figure.querySelector('.fig-pop, .term-pop').getBoundingClientRect();
            if (box.left < 0 || box.top < 0 || box.right > document.documentElement.clientWidth
                || box.bottom > window.innerHeight) found.push([figure.dataset.fig || figure.dataset.term,
                                                              Math.round(box.top), Math.round(box.bottom)]);
            figure.blur();
        }
        return found;
    }""")
    assert outside == []


def test_one_tab_stop_per_figure_and_esc_closes(page, site_url):
    page.goto(site_url + "chapters/opening/")
    page.locator("#checking-the-numbers a.headerlink").focus()
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const a = document.activeElement;
            return [a.className, !!a.closest('.fig-pop, .term-pop')]; }"""))
    assert not any(inside for _, inside in stops)  # never a link inside a popover
    figures = [name for name, _ in stops if name.startswith("fig ")]
    assert len(figures) >= 3
    while not page.evaluate("document.activeElement.matches('.fig, .term')"):
        page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.locator(".fig-pop, .term-pop").is_visible()
    page.keyboard.press("Escape")
    assert not focused.locator(".fig-pop, .term-pop").is_visible()


def test_enter_on_a_figure_opens_its_entry_on_the_figures_page(page, site_url):
    page.goto(site_url + "chapters/opening/")
    page.locator('span.fig[data-fig="mau"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/figures/#fig-mau")
    assert page.locator("#fig-mau").is_visible()


def test_no_popover_links_to_the_page_it_is_on(page, site_url):
    page.goto(site_url + "chapters/opening/")
    hrefs = page.locator(".fig-pop a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [href for href in hrefs if href.split("#")[0] in ("", "./")]


def test_in_the_dark_a_popover_stands_off_the_page(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    figure = page.locator('span.fig[data-fig="mau"]').first
    figure.hover()
    surface = figure.locator(".fig-pop").evaluate("el => getComputedStyle(el).backgroundColor")
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert surface != ground


def test_on_a_phone_the_sheet_names_its_number_and_closes_when_scrolled_away(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "chapters/opening/")
    target = page.locator('span.fig[data-fig="mau"]').first
    target.scroll_into_view_if_needed()
    target.tap()
    sheet = target.locator(".fig-pop")
    assert sheet.is_visible()
    assert target.locator(".fig__value").inner_text() in sheet.locator(".fig-pop__title").inner_text()
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => !document.activeElement || !document.activeElement.closest('.fig')")
    assert not sheet.is_visible()


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
    assert term.locator(".term-pop .fig-pop__title").inner_text() == "社交嘴替"  # the popover names its term
