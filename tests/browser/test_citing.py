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


def open_block(page, heading: str, format: str | None = None):
    """Open a heading's cite panel with the control beside it (and pick a format's tab)."""
    block = page.locator(f"#{heading} + details.cite")
    toggle = page.locator(f'button.cite-toggle[aria-controls="{block.get_attribute("id")}"]')
    toggle.click()
    if format:
        block.locator(f'.cite__tab[data-format="{format}"]').click()
    return block


def test_citing_a_section_then_the_next_page(page, site_url, project):
    """One quiet control per heading opens a short panel showing one format at a time, with the reader's
    own access date; one click copies; the choice of format is remembered on the next page."""
    page.clock.set_fixed_time("2031-02-03T10:00:00")
    page.goto(site_url + "chapters/opening/")
    assert page.locator("details.cite > summary").first.is_hidden()  # no extra row under the headings
    toggles = page.locator("article :is(h1, h2, h3) > button.cite-toggle")
    assert toggles.count() == page.locator("article details.cite").count()  # one per heading with a panel
    block = open_block(page, "summary", "gbt7714")
    assert "[2031-02-03]" in block.locator('.cite__format[data-format="gbt7714"] code').first.inner_text()
    block.locator('.cite__tab[data-format="bibtex"]').click()
    assert "urldate" not in block.locator('.cite__format[data-format="bibtex"] code').first.inner_text()
    block.locator('.cite__tab[data-format="apa"]').click()
    entry, in_text = block.locator('.cite__format[data-format="apa"] code').all()
    assert "2031年2月3日" not in entry.inner_text()  # APA cites no access date for a dated page
    button, in_text_button = block.locator('.cite__format[data-format="apa"] .cite__copy').all()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    # What a reference list takes: the entry alone, the page's address without the section's fragment.
    assert copied == entry.inner_text() and copied.startswith("元宝一文细读小组. (")
    assert copied.endswith("/chapters/opening/") and "正文引用" not in copied and button.inner_text() == "已复制"
    in_text_button.click()
    pasted = page.evaluate("navigator.clipboard.readText()")
    assert pasted == in_text.inner_text() == "(元宝一文细读小组, 2026, “摘要”一节)"
    assert entry.locator("i").count() == 0  # a Chinese title is never slanted
    block = open_block(page, "users", "ris")
    assert block.locator(".cite__format:visible").count() == 1
    assert block.locator(".cite__format:visible").get_attribute("data-format") == "ris"
    assert block.bounding_box()["height"] <= 400
    assert block.locator(".cite__files a").count() == 3 and block.locator(".annotation__suggest").count() == 0
    heading = page.locator("h2#checking-the-numbers")  # and the ¶ beside the control is the section's address
    heading.hover()
    heading.locator("a.headerlink").click()
    assert page.url == site_url + "chapters/opening/#checking-the-numbers"

    # Remembered under the reading's own key (data/site.yml): another reading on the same host keeps its own.
    stored = page.evaluate("Object.keys(localStorage)")
    assert [key for key in stored if key.endswith("cite-format")] == [f"{project.site.key}-cite-format"]
    page.goto(site_url + "en/chapters/opening/")  # the choice is remembered on the next page
    chapter = open_block(page, "opening")
    assert [f.get_attribute("data-format") for f in chapter.locator(".cite__format:visible").all()] == ["ris", "ris"]
    chapter.locator('.cite__tab[data-format="apa"]').click()
    original = chapter.locator('.cite__group--original .cite__format[data-format="apa"] code').first.inner_text()
    assert "Retrieved" not in original  # APA: no retrieval date for a news article
    ours = chapter.locator(".cite__group:not(.cite__group--original)")
    copy = ours.locator('.cite__format[data-format="apa"] .cite__copy').first
    copy.click()
    page.wait_for_function("button => button.textContent === button.dataset.copied", arg=copy.element_handle())
    html = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        return await (await item.getType('text/html')).text();
    }""")
    assert "<i>Opening: The red-envelope war" in html  # the italics survive pasting into a word processor


def test_without_scripts_every_format_is_listed_with_the_build_date(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "chapters/opening/")
    block = page.locator("#users + details.cite")
    block.locator("summary").click()
    visible = block.locator(".cite__format:visible").count()
    shown = page.locator('.cite__group--original [data-format="gbt7714"] .access-date').text_content()
    context.close()
    assert visible == 7  # every format, listed
    assert date.fromisoformat(shown) == BUILD_DAY  # the build's SOURCE_DATE_EPOCH stands in for today


def test_the_how_to_cite_page_opens_the_original_one_format_at_a_time(page, site_url):
    page.goto(site_url + "cite/")
    block = page.locator('details.cite[data-cite="original"]')
    block.locator("summary").click()
    assert block.locator(".cite__format:visible").count() == 1
    block.locator('.cite__tab[data-format="chicago_note"]').click()
    assert block.locator(".cite__format:visible").get_attribute("data-format") == "chicago_note"


def test_citing_a_number_from_its_popover_and_from_its_card(page, site_url):
    """One click in a figure's popover copies the number with its citation; its link opens the figure's
    card on the figures page with its citation panel, the number with its source shown first."""
    page.goto(site_url + "chapters/opening/")
    figure = page.locator('.fig[data-fig="mau"]').first
    figure.hover()
    button = figure.locator(".fig-pop__copy")
    button.click()
    page.wait_for_function("button => button.textContent === button.dataset.copied", arg=button.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == "1.14亿（陈颐，转引自元宝一文细读小组，2026）"
    figure.hover()
    figure.locator('.fig-pop__more a[href*="#cite-fig-"]').click()
    page.wait_for_url("**/figures/#cite-fig-mau")
    panel = page.locator("#cite-fig-mau")
    assert panel.is_visible() and panel.evaluate("details => details.open && details.parentElement.open")
    shown = panel.locator(".cite__format:visible")
    assert shown.count() == 1 and shown.get_attribute("data-format") == "number"
    panel.locator('.cite__tab[data-format="gbt7714"]').click()
    assert " 转引自: 元宝一文细读小组. 数字表[EB/OL]." in panel.locator('.cite__format:visible code').first.inner_text()
    page.goto(site_url + "en/figures/")  # the overview leads to the same panel
    page.locator('.figures-overview tr[data-fig="creations_per_mau"] a.figure-cite-link').click()
    panel = page.locator("#cite-fig-creations-per-mau")
    assert panel.is_visible()  # in the format chosen last, remembered
    entry = panel.locator(".cite__format:visible code").first.inner_text()
    assert entry.startswith("[1] Yuanbao Reading Collective. Fig")
    panel.locator('.cite__tab[data-format="number"]').click()  # a format only a figure's panel has
    page.goto(site_url + "en/chapters/opening/")
    block = open_block(page, "summary")
    shown = block.locator(".cite__format:visible")
    assert shown.count() == 1 and shown.get_attribute("data-format") == "gbt7714"  # the panel's first, instead
    assert block.locator('.cite__tab[aria-selected="true"]').get_attribute("data-format") == "gbt7714"


def test_the_cite_panel_from_the_keyboard(page, site_url):
    """Its format tabs are ARIA tabs: one Tab stop, the arrow keys move between them and choose; Esc
    closes the panel and gives the focus back to its control."""
    page.goto(site_url + "chapters/opening/")
    block = page.locator("#users + details.cite")
    toggle = page.locator(f'button.cite-toggle[aria-controls="{block.get_attribute("id")}"]')
    toggle.focus()
    page.keyboard.press("Enter")
    assert block.evaluate("d => d.open") and toggle.get_attribute("aria-expanded") == "true"
    tabs = block.locator(".cite__tab")
    assert [t.get_attribute("tabindex") for t in tabs.all()].count("0") == 1  # one Tab stop
    selected = block.locator('.cite__tab[aria-selected="true"]')
    selected.focus()
    before = selected.get_attribute("data-format")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("[document.activeElement.getAttribute('data-format'), "
                            "document.activeElement.getAttribute('aria-selected')]")
    assert focused[0] != before and focused[1] == "true"
    panel_id = page.evaluate("document.activeElement.getAttribute('aria-controls')")
    shown = block.locator(f"#{panel_id}")
    assert shown.is_visible() and shown.get_attribute("role") == "tabpanel"
    page.keyboard.press("End")
    assert tabs.last.evaluate("t => t === document.activeElement")
    assert tabs.last.get_attribute("aria-selected") == "true"
    page.keyboard.press("Tab")  # out of the tabs: to the panel's next control, not the next tab
    assert page.evaluate("!document.activeElement.classList.contains('cite__tab')")
    page.keyboard.press("Escape")
    assert not block.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.classList.contains('cite-toggle')")
    assert toggle.get_attribute("aria-expanded") == "false"
