"""A chapter prints cleanly for a report: no navigation, link targets written out, figures and citations kept."""

from __future__ import annotations

import pytest


@pytest.fixture
def printed(browser, site_url):
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    yield page
    context.close()


def test_a_chapter_in_print(printed, site_url):
    printed.goto(site_url + "chapters/opening/")
    printed.emulate_media(media="print")
    assert not printed.locator(".md-header").is_visible()
    assert not printed.locator(".md-sidebar--primary").is_visible()
    assert printed.locator('span.fig[data-fig="mau"] .fig__value').first.is_visible()
    assert not printed.locator('span.fig[data-fig="mau"] .fig-pop').first.is_visible()
    chapter_citation = printed.locator('details.cite[data-cite="yuanbao-reading-opening-zh"]')
    assert chapter_citation.locator('[data-format="gbt7714"] code').is_visible()
    assert chapter_citation.locator('[data-format="apa"] code').is_visible()


def test_link_targets_are_written_out_in_print(printed, site_url):
    printed.goto(site_url + "source/")
    printed.emulate_media(media="print")
    after = printed.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href^="https://www.jinnalai.com"]'), '::after').content""")
    assert "https://www.jinnalai.com/jiaodian/810517.html" in after
