"""Annotations as a reader meets them: a permalink leads to the annotations page; the list filters."""

from __future__ import annotations


def test_a_permalink_leads_from_the_chapter_to_the_annotations_home(page, fixture_site_url):
    page.goto(fixture_site_url + "chapters/ledger/")
    section = page.locator('.annotation-section[data-section="pages"]')
    section.locator("summary").click()
    section.locator('[data-annotation="ann-ledger-check"] .annotation__permalink').click()
    page.wait_for_url(fixture_site_url + "annotations/#ann-ledger-check")
    assert page.locator("#ann-ledger-check").is_visible()


def test_annotations_page_filters_by_kind_and_chapter(page, fixture_site_url):
    page.goto(fixture_site_url + "annotations/")
    items = page.locator(".annotation-list .annotation")
    assert items.count() == 4
    page.locator('[data-filter-kind="fact-check"]').click()
    visible = [items.nth(i).get_attribute("id") for i in range(items.count()) if items.nth(i).is_visible()]
    assert visible == ["ann-ledger-check"]
    page.locator('[data-filter-kind=""]').click()
    assert sum(items.nth(i).is_visible() for i in range(items.count())) == 4


def test_hostile_annotations_run_nothing(page, fixture_site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_site_url + "annotations/#ann-ledger-hostile")
    page.locator("#ann-ledger-hostile a", has_text="a link").click()
    page.wait_for_timeout(300)
    assert dialogs == [] and page.console_errors == []
