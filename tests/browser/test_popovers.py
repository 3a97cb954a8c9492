"""A figure's source opens on hover, on keyboard focus and on tap, stays inside the window, and closes.

Each test loads one page and checks, in order, everything a reader does there (a page load costs
about a second of the test suite's budget).
"""

from __future__ import annotations

import pytest

from tests.browser.colours import contrast

OUTSIDE_THE_WINDOW = """async () => {
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
}"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def popover_of(page, figure_id: str):
    return page.locator(f'span.fig[data-fig="{figure_id}"]').first.locator(".fig-pop")


def test_on_a_desktop_hover_focus_esc_and_enter(page, site_url):
    page.goto(site_url + "chapters/opening/")
    # Hover shows where the number comes from.
    assert not popover_of(page, "mau").is_visible()
    page.locator('span.fig[data-fig="mau"]').first.hover()
    assert popover_of(page, "mau").is_visible()
    assert "月活跃用户（MAU）达到1.14亿" in popover_of(page, "mau").inner_text()
    page.mouse.move(0, 0)
    # Every popover of the busiest chapter, opened where its figure sits, stays inside 1280×800.
    assert page.evaluate(OUTSIDE_THE_WINDOW) == []
    # No provenance link leads to the page the reader is on (it would only reload it at the top).
    hrefs = page.locator(".fig-pop a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [href for href in hrefs if href.split("#")[0] in ("", "./")]
    # The keyboard: Tab opens a figure's popover and moves through its controls (its entry, its citation,
    # the original, the copy button), then on to the next figure; a derived figure shows its sum.
    first = page.locator('span.fig[data-fig="mau"]').first
    first.focus()
    inside = []
    for _ in range(4):
        page.keyboard.press("Tab")
        inside.append(page.evaluate("() => [document.activeElement.tagName, "
                                    "!!document.activeElement.closest('.fig-pop'), "
                                    "document.activeElement.closest('.fig') === "
                                    "document.querySelector('span.fig[data-fig=mau]')]"))
    assert all(in_popover and same for _, in_popover, same in inside), inside
    assert [tag for tag, _, _ in inside] == ["A", "A", "A", "BUTTON"]
    assert popover_of(page, "mau").is_visible()  # open while focus is inside it
    page.keyboard.press("Escape")  # back to its number, the popover closed
    assert page.evaluate("document.activeElement.matches('span.fig[data-fig=mau]')")
    assert not popover_of(page, "mau").is_visible()
    original = popover_of(page, "mau").locator('a[rel="external"]')
    assert original.get_attribute("href").startswith("https://www.jinnalai.com/jiaodian/810517.html#:~:text=")
    page.locator("#checking-the-numbers a.headerlink").focus()
    while not page.evaluate("document.activeElement.matches('.fig--derived')"):
        page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.locator(".fig-pop").is_visible() and "算式" in focused.locator(".fig-pop").inner_text()  # its sum
    # Esc closes it; Enter follows the figure to its entry on the figures page.
    page.keyboard.press("Escape")
    assert not focused.locator(".fig-pop").is_visible()
    page.locator('span.fig[data-fig="mau"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/figures/#fig-mau")
    assert page.locator("#fig-mau").is_visible()


def test_on_a_phone_a_tap_opens_a_sheet_that_names_its_number(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    assert page.evaluate(OUTSIDE_THE_WINDOW) == []
    target = page.locator('span.fig[data-fig="mau"]').first
    target.scroll_into_view_if_needed()
    target.tap()
    sheet = target.locator(".fig-pop")
    assert sheet.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the sheet must not widen the page"
    assert target.locator(".fig__value").inner_text() in sheet.locator(".fig-pop__title").inner_text()
    page.mouse.wheel(0, 3000)  # scrolled away from its number, the sheet closes
    page.wait_for_function("() => !document.activeElement || !document.activeElement.closest('.fig')")
    visible = sheet.is_visible()
    context.close()
    assert not visible


def test_in_the_dark_a_popover_stands_off_the_page(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    figure = page.locator('span.fig[data-fig="mau"]').first
    figure.hover()
    surface = figure.locator(".fig-pop").evaluate("el => getComputedStyle(el).backgroundColor")
    text = figure.locator(".fig-pop").evaluate("el => getComputedStyle(el).color")
    ground = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert surface != ground and contrast(text, surface) >= 4.5


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


def test_a_tall_popover_never_opens_under_the_header(page, site_url):
    """Where a popover fits neither below nor above, it opens on the side with more room, the sticky header
    counted: its title stays readable (scrolling shows the rest)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "en/chapters/into-your-circle/")
    figure = page.locator('[data-fig="creations_per_dau"]').first
    figure.evaluate("f => f.scrollIntoView({block: 'center'})")
    figure.focus()
    title = figure.locator(".fig-pop__title")
    assert title.is_visible()
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert title.bounding_box()["y"] >= header_bottom
