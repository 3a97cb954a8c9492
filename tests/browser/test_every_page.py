"""Every page of both editions in a real browser: loads cleanly, stays local, accessible, fits a phone.

With SCREENSHOTS=1, screenshots of each page (desktop and phone) are written to test-output/screenshots/ for
review (a full-page screenshot costs about a second a page, so `make test` leaves them out).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.colours import contrast
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
PAGES = ["", "chapters/opening/", "chapters/into-your-circle/", "chapters/why-tencent/", "chapters/watershed/",
         "reading/", "figures/", "source/", "cite/", "annotations/", "glossary/", "players/", "changes/"]
ALL_PAGES = PAGES + ["en/" + page for page in PAGES]
# axe-core on each kind of page once: a page's accessibility follows its structure (its template and the
# macros' markup), and axe is most of a page's time here. One chapter stands for the four (the same
# template and parts); an English chapter for the English edition, whose pages are their Chinese twins'
# markup with other words, and whose Chinese runs are marked with their language.
AXE_PAGES = (set(PAGES) - {"chapters/into-your-circle/", "chapters/why-tencent/", "chapters/watershed/"}) | {
    "en/chapters/opening/"}
# A chapter's popovers, laid out in the text and all open at once (none covers another), for axe's
# colour-contrast rule: their labels, values and links are text like any other.
POPOVERS_OPEN = (".fig-pop, .term-pop { display: block !important; position: static !important; "
                 "width: auto !important; box-shadow: none !important; }")
AXE = Axe()
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# Every rule, violations only, without the node paths this test never reads (a fifth of axe's time).
AXE_RUN = ("axe.run({resultTypes: ['violations'], selectors: false, ancestry: false, xpath: false, "
           "iframes: false, performanceTimer: false})")
# Elements (SVG text too) drawn in italic or oblique whose own text holds a Chinese character.
ITALIC_CJK = """() => [...document.querySelectorAll('body *')].filter(element => {
    const own = [...element.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
    return /[\u3400-\u9fff]/.test(own) && getComputedStyle(element).fontStyle !== 'normal';
}).map(element => element.tagName + ': ' + element.textContent.slice(0, 40))"""


def shot_name(page: str, variant: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{page.strip('/').replace('/', '_') or 'home'}-{variant}.png"


@pytest.fixture(scope="module")
def tab(browser, built_site):
    """One tab for every page, as a reader's tab goes from page to page: a new tab for each would cost
    a new renderer process (a third of a page's time here)."""
    context = browser.new_context()
    context.add_init_script(script=AXE.axe_script)  # in every page as it opens: compiled once, not per page
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_loads_cleanly_locally_accessibly_and_fits_a_phone(tab, site_url, path):
    """One load per page for every read-only check: console, requests, macros, italics, axe-core at
    desktop size; then the same page at a phone's width in the dark scheme must not scroll sideways."""
    page = tab
    page.set_viewport_size(DESKTOP)
    page.emulate_media(color_scheme="light")
    errors, foreign = [], []
    local = site_url.split("/")[2]
    listeners = {
        "console": lambda message: errors.append(message.text) if message.type == "error" else None,
        "pageerror": lambda error: errors.append(str(error)),
        "request": lambda request: foreign.append(request.url) if request.url.split("/")[2] != local else None,
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(site_url + path)  # "load": every request the page makes by itself has been sent
        text = page.locator("article.md-content__inner").inner_text()
        italic_chinese = page.evaluate(ITALIC_CJK)
        if TAKE_SCREENSHOTS:
            page.screenshot(path=shot_name(path, "desktop"), full_page=True)
        opened = page.add_style_tag(content=POPOVERS_OPEN) if "chapters/" in path and path in AXE_PAGES else None
        if opened is not None:
            assert page.locator(".fig-pop").first.is_visible()
        found = page.evaluate(AXE_RUN)["violations"] if path in AXE_PAGES else []
        if opened is not None:
            opened.evaluate("style => style.remove()")
        violations = [(v["id"], v["impact"], v["nodes"][0]["html"][:120]) for v in found
                      if v["impact"] in ("serious", "critical")]
        page.set_viewport_size(PHONE)
        page.emulate_media(color_scheme="dark")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if TAKE_SCREENSHOTS:
            page.screenshot(path=shot_name(path, "phone-dark"))
    finally:  # the tab goes on to the next page
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    assert errors == [] and foreign == []
    assert italic_chinese == []  # CJK has no italics; browsers would slant it artificially
    assert "Macro Rendering Error" not in text and "{{" not in text.replace("{{ 7*7 }}", "")
    assert violations == []
    assert scroll_width <= PHONE["width"], "the page scrolls sideways on a phone"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_and_bars_stand_out_in_both_schemes(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    chart = page.locator("#chart-users")
    text_color = chart.locator(".chart__value").first.evaluate("el => getComputedStyle(el).color")
    solid = chart.locator(".chart__bar:not(.chart__bar--lower)").first.evaluate(
        "el => getComputedStyle(el).backgroundColor")
    dashed = chart.locator(".chart__bar--lower").first.evaluate("el => getComputedStyle(el).borderTopColor")
    background = page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    value_size = chart.locator(".chart__value").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    context.close()
    back = background if "0, 0, 0, 0" not in background else body
    assert contrast(text_color, back) >= 4.5, (text_color, back)
    assert contrast(solid, back) >= 3 and contrast(dashed, back) >= 3, (solid, dashed, back)  # WCAG 1.4.11
    assert value_size >= 12  # page text, not a picture of text shrunk to the column


def test_the_dark_scheme_reads_at_4_5_to_1_where_its_colours_are_the_sites_own(browser, site_url):
    """axe's colour-contrast rule in the dark scheme (the light one runs on the whole page in the page test)
    on what the site colours itself, on the pages that show it: a chapter with its popovers open, its charts,
    verdicts and cite controls, the notes beside its sections and its byline, the annotation filters (one
    pressed), the feed link. (The rest of the page is Material's dark scheme.)"""
    context = browser.new_context(color_scheme="dark", viewport=DESKTOP)
    context.add_init_script(script=AXE.axe_script)
    page = context.new_page()
    failing = {}
    for path in ("chapters/opening/", "annotations/?kind=context", "changes/"):
        page.goto(site_url + path)
        if path.startswith("chapters/"):
            page.add_style_tag(content=POPOVERS_OPEN)
            assert page.locator(".fig-pop").first.is_visible()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        found = page.evaluate("""axe.run({include: [[".fig-pop"], [".term-pop"], ["aside.annotation-section"],
            [".page-byline"], [".annotation-filters"], [".feed-link"], ["figure.chart"], ["mark.verdict"],
            [".cite-toggle"]].filter(s => document.querySelector(s[0]))},
            {runOnly: ['color-contrast'], resultTypes: ['violations']})""")["violations"]
        failing[path] = [node["html"][:100] for violation in found for node in violation["nodes"]]
    context.close()
    assert failing == {path: [] for path in failing}
