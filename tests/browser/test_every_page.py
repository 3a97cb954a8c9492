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
# axe-core on every Chinese page, and on the English pages whose structure the Chinese ones do not already
# show (the same templates and markup, other words): a page's accessibility follows its structure, and axe
# is most of a page's time here.
AXE_PAGES = set(PAGES) | {"en/", "en/chapters/opening/", "en/figures/", "en/glossary/", "en/annotations/"}
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
        found = page.evaluate(AXE_RUN)["violations"] if path in AXE_PAGES else []
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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_popover_open_reads_at_4_5_to_1_in_both_schemes(browser, site_url, scheme):
    """axe's colour-contrast rule with every popover of a chapter open at once (laid out in the text, so none
    covers another): their labels, values and links are text like any other."""
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(script=AXE.axe_script)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    page.add_style_tag(content=".fig-pop, .term-pop { display: block !important; position: static !important; "
                               "width: auto !important; box-shadow: none !important; }")
    assert page.locator(".fig-pop").first.is_visible()
    found = page.evaluate("axe.run({runOnly: ['color-contrast'], resultTypes: ['violations']})")["violations"]
    context.close()
    failing = [node["html"][:100] for violation in found for node in violation["nodes"]
               if ".fig-pop" in " ".join(map(str, node["target"])) or "fig-pop" in node["html"] or
               "term-pop" in node["html"]]
    assert failing == []


def test_the_dark_scheme_reads_at_4_5_to_1_where_its_colours_are_the_sites_own(browser, site_url):
    """axe's colour-contrast rule in the dark scheme, on the pages with the site's own colours: the notes
    beside a chapter's sections and its byline, the annotation filters (one pressed), the feed link."""
    context = browser.new_context(color_scheme="dark", viewport=DESKTOP)
    context.add_init_script(script=AXE.axe_script)
    page = context.new_page()
    failing = {}
    for path in ("chapters/opening/", "annotations/?kind=context", "changes/", "en/figures/"):
        page.goto(site_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        found = page.evaluate("axe.run({runOnly: ['color-contrast'], resultTypes: ['violations']})")["violations"]
        failing[path] = [node["html"][:100] for violation in found for node in violation["nodes"]]
    context.close()
    assert failing == {path: [] for path in failing}
