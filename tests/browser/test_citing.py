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


def open_block(page, key: str, format: str | None = None):
    """Open a heading's cite panel with the control beside it (and pick a format's tab)."""
    block = page.locator(f'details.cite[data-cite="{key}"]')
    toggle = page.locator(f'button.cite-toggle[aria-controls="{block.get_attribute("id")}"]')
    toggle.click()
    if format:
        block.locator(f'.cite__tab[data-format="{format}"]').click()
    return block


def test_access_date_is_the_readers_today(page, site_url):
    page.clock.set_fixed_time("2031-02-03T10:00:00")
    page.goto(site_url + "chapters/opening/")
    block = open_block(page, "yuanbao-reading-opening-summary-zh", "gbt7714")
    assert "[2031-02-03]" in block.locator('.cite__format[data-format="gbt7714"] code').inner_text()
    open_block(page, "yuanbao-reading-opening-summary-zh")  # closed again
    block = open_block(page, "yuanbao-reading-opening-summary-zh", "bibtex")
    bibtex = block.locator('.cite__format[data-format="bibtex"] code').inner_text()
    assert "urldate" not in bibtex  # the reader's reference manager records its own
    block.locator('.cite__tab[data-format="apa"]').click()
    apa = block.locator('.cite__format[data-format="apa"] code').inner_text()
    assert "2031年2月3日" not in apa  # APA cites no access date for a dated page


def test_english_access_date_in_words(page, site_url):
    page.clock.set_fixed_time("2031-02-03T10:00:00")
    page.goto(site_url + "en/chapters/opening/")
    block = open_block(page, "yuanbao-reading-opening-en", "apa").locator(".cite__group--original")
    assert "Retrieved February 3, 2031, from" in block.locator('.cite__format[data-format="apa"] code').inner_text()


def test_one_click_copies_a_citation(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    block = open_block(page, "yuanbao-reading-into-your-circle-creations-per-user-zh", "apa")
    button = block.locator('.cite__format[data-format="apa"] .cite__copy')
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator('.cite__format[data-format="apa"] code').inner_text()
    assert copied.startswith("元宝一文细读小组. (") and copied.endswith(
        "/chapters/into-your-circle/#creations-per-user"
    )
    assert button.inner_text() == "已复制"


def test_without_scripts_the_build_date_stands_in(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    shown = page.locator('.cite__group--original [data-format="gbt7714"] .access-date').text_content()
    context.close()
    assert date.fromisoformat(shown) == BUILD_DAY  # the build's SOURCE_DATE_EPOCH


def test_the_permalink_of_a_section_points_at_it(page, site_url):
    page.goto(site_url + "chapters/into-your-circle/")
    heading = page.locator("h2#checking-the-numbers")
    heading.hover()
    heading.locator("a.headerlink").click()
    assert page.url == site_url + "chapters/into-your-circle/#checking-the-numbers"


def test_one_quiet_control_opens_a_short_panel_with_one_format_remembered(page, site_url):
    page.goto(site_url + "chapters/opening/")
    assert page.locator("details.cite > summary").first.is_hidden()  # no extra row under the headings
    toggles = page.locator("article :is(h1, h2, h3) > button.cite-toggle")
    assert toggles.count() == page.locator("article details.cite").count()  # one per heading with a panel
    block = open_block(page, "yuanbao-reading-opening-users-zh", "ris")
    assert block.locator(".cite__format:visible").count() == 1
    assert block.locator(".cite__format:visible").get_attribute("data-format") == "ris"
    assert block.bounding_box()["height"] <= 400
    assert block.locator(".cite__files a").count() == 3 and block.locator(".cite__suggest a").count() == 1
    page.goto(site_url + "en/chapters/watershed/")  # the choice is remembered on the next page
    other = open_block(page, "yuanbao-reading-watershed-en")
    assert [f.get_attribute("data-format") for f in other.locator(".cite__format:visible").all()] == ["ris", "ris"]


def test_without_scripts_every_panel_opens_by_its_summary(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    block = page.locator('details.cite[data-cite="yuanbao-reading-opening-users-zh"]')
    block.locator("summary").click()
    visible = block.locator(".cite__format:visible").count()
    context.close()
    assert visible == 7  # every format, listed


def test_the_how_to_cite_page_opens_the_original_one_format_at_a_time(page, site_url):
    page.goto(site_url + "cite/")
    block = page.locator('details.cite[data-cite="original"]')
    block.locator("summary").click()
    assert block.locator(".cite__format:visible").count() == 1
    block.locator('.cite__tab[data-format="chicago_note"]').click()
    assert block.locator(".cite__format:visible").get_attribute("data-format") == "chicago_note"
