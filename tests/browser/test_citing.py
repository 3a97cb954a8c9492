"""Citing in the browser: the reader's own access date, and one click to copy."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import BUILD_DAY


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def open_block(page, key: str):
    block = page.locator(f'details.cite[data-cite="{key}"]')
    block.locator("summary").click()
    return block


def test_access_date_is_the_readers_today(page, site_url):
    page.clock.set_fixed_time("2031-02-03T10:00:00")
    page.goto(site_url + "chapters/opening/")
    block = open_block(page, "yuanbao-reading-opening-summary-zh")
    assert "[2031-02-03]" in block.locator('[data-format="gbt7714"] code').inner_text()
    assert "urldate" not in block.locator('[data-format="bibtex"] code').inner_text()  # the manager adds its own
    assert "2031年2月3日" not in block.locator('[data-format="apa"] code').inner_text()  # APA cites no access date here


def test_english_access_date_in_words(page, site_url):
    page.clock.set_fixed_time("2031-02-03T10:00:00")
    page.goto(site_url + "en/chapters/opening/")
    block = open_block(page, "original")
    assert "Retrieved February 3, 2031, from" in block.locator('[data-format="apa"] code').inner_text()


def test_one_click_copies_a_citation(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    block = open_block(page, "yuanbao-reading-into-your-circle-creations-per-user-zh")
    button = block.locator('[data-format="apa"] .cite__copy')
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator('[data-format="apa"] code').inner_text()
    assert copied.startswith("元宝一文细读小组. (") and copied.endswith(
        "/chapters/into-your-circle/#creations-per-user"
    )
    assert button.inner_text() == "已复制"


def test_without_scripts_the_build_date_stands_in(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    shown = page.locator('details.cite[data-cite="original"] [data-format="gbt7714"] .access-date').text_content()
    context.close()
    assert date.fromisoformat(shown) == BUILD_DAY  # the build's SOURCE_DATE_EPOCH


def test_the_permalink_of_a_section_points_at_it(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    heading = page.locator("h2#checking-the-numbers")
    heading.hover()
    heading.locator("a.headerlink").click()
    assert page.url == site_url + "chapters/into-your-circle/#checking-the-numbers"
