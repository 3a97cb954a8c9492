"""Annotations as a reader meets them: after the text they comment on (beside it on a wide screen), their
words marked in the text, filtered by kind and chapter with the choice in the address, and a permalink
home."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

WIDE = {"width": 1280, "height": 900}  # ≥ 1220 px (76.25em): Material's right-hand column, here the margin
PHONE = {"width": 390, "height": 844}
CHAPTERS = ["opening", "why-tencent", "into-your-circle", "watershed"]

# For each section aside with annotations: its box, its section heading's, and the bottom of the last
# thing of the section's text before it (what it comments on).
GEOMETRY = """() => [...document.querySelectorAll('aside.annotation-section:not(.annotation-section--empty)')]
  .map(aside => {
    let text = aside.previousElementSibling;
    while (text && (text.matches('details.cite, .annotation-filters') || !text.offsetHeight)) {
      text = text.previousElementSibling;
    }
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top + scrollY, r.right,
                                                                    r.bottom + scrollY]; };
    return {section: aside.dataset.section, aside: box(aside),
            heading: box(document.getElementById(aside.dataset.section)),
            text: text ? box(text) : null, textTag: text ? text.tagName : null,
            margin: aside.classList.contains('in-margin')};
  })"""


def test_on_a_wide_screen_each_sections_notes_stand_in_the_margin_beside_it(page, site_url):
    page.set_viewport_size(WIDE)
    for edition, chapter in [("", c) for c in CHAPTERS] + [("en/", "watershed")]:  # its busiest, in English too
        page.goto(f"{site_url}{edition}chapters/{chapter}/")
        notes = page.evaluate(GEOMETRY)
        assert notes, chapter
        column = page.locator("article.md-content__inner > h1").bounding_box()
        bottom = 0.0
        for note in notes:
            left, top, right, lower = note["aside"]
            assert note["margin"] and left >= column["x"] + column["width"], note  # beside the text
            assert right <= WIDE["width"], note  # and on the screen
            assert top >= note["heading"][1] - 1 and top >= bottom, note  # level with its section, in order
            bottom = lower


def test_on_a_phone_each_sections_notes_follow_its_text(page, site_url):
    page.set_viewport_size(PHONE)
    for chapter in CHAPTERS:
        page.goto(f"{site_url}chapters/{chapter}/")
        for note in page.evaluate(GEOMETRY):
            left, top, right, _ = note["aside"]
            assert not note["margin"] and right <= PHONE["width"], note
            assert note["text"] and top >= note["text"][3] - 1, note  # after the text it comments on
            assert note["textTag"] not in ("H1", "H2", "H3"), note  # not under its heading


def test_a_note_shows_its_kind_author_and_first_sentence_and_opens_in_full(page, site_url):
    page.goto(site_url + "chapters/opening/")
    note = page.locator('aside[data-section="summary"] .annotation').first
    for visible in (".annotation__kind", ".annotation__head time", ".annotation__lead"):
        assert note.locator(visible).is_visible(), visible
    assert not note.locator(".annotation__body").is_visible()
    note.locator("details.annotation__more > summary").click()
    assert note.locator(".annotation__body").is_visible() and note.locator(".annotation__sources").is_visible()


def test_the_quoted_words_and_their_note_point_to_each_other(page, site_url):
    page.set_viewport_size(WIDE)
    page.goto(site_url + "chapters/opening/")
    marks = page.locator("a.annotated-quote")
    assert marks.count() >= 1
    mark = marks.first
    note_id = mark.get_attribute("href").lstrip("#")
    note = page.locator(f"#{note_id}")
    assert mark.inner_text() == note.get_attribute("data-quote")
    assert mark.evaluate("m => !m.closest('aside')")  # in the section's text, not in a note
    back = note.locator(".annotation__in-text")
    assert back.get_attribute("href") == "#" + mark.get_attribute("id")
    mark.click()
    assert page.url.endswith("#" + note_id) and note.evaluate(
        "n => { const r = n.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    # A note whose words this page does not show leads to them in the original instead.
    unmarked = page.locator(".annotation[data-quote]:not(:has(.annotation__in-text))").first
    assert "jinnalai.com" in unmarked.locator(".annotation__quote a").get_attribute("href")


def test_a_permalink_leads_from_the_chapter_to_the_annotations_home(page, fixture_site_url):
    page.goto(fixture_site_url + "chapters/ledger/")
    section = page.locator('.annotation-section[data-section="pages"]')
    section.locator('[data-annotation="ann-ledger-check"] .annotation__permalink').click()
    page.wait_for_url(fixture_site_url + "annotations/#ann-ledger-check")
    assert page.locator("#ann-ledger-check").is_visible()


def _counts(page) -> dict[str, tuple[int, bool, str]]:
    """Each filter button: its count, whether it is disabled, whether it is pressed."""
    return {(b.get_attribute("data-filter-kind") if b.get_attribute("data-filter-kind") is not None
             else "chapter:" + b.get_attribute("data-filter-chapter")):
            (int(b.locator(".annotation-filter__count").inner_text()), b.is_disabled(), b.get_attribute("aria-pressed"))
            for b in page.locator(".annotation-filter").all()}


def test_the_annotations_page_filters_with_live_counts_and_keeps_the_choice_in_the_address(page, site_url):
    page.goto(site_url + "annotations/")
    items = page.locator(".annotation-list .annotation:not(.annotation--withdrawn)")
    total = items.count()

    def visible() -> list[str]:
        return [i.get_attribute("id") for i in items.all() if i.is_visible()]

    page.locator('[data-filter-chapter="opening"]').click()
    in_opening = visible()
    assert 0 < len(in_opening) < total
    counts = _counts(page)
    assert counts[""][0] == len(in_opening) and counts["chapter:opening"][2] == "true"
    kinds = {k: v for k, v in counts.items() if k and not k.startswith("chapter:")}
    assert sum(n for n, _, _ in kinds.values()) == len(in_opening)  # the kinds' counts follow the chapter
    assert all(disabled == (n == 0) for n, disabled, _ in kinds.values()) and any(n == 0 for n, _, _ in kinds.values())
    kind = next(k for k, (n, _, _) in kinds.items() if 0 < n < len(in_opening))
    page.locator(f'[data-filter-kind="{kind}"]').click()
    assert len(visible()) == kinds[kind][0]
    assert parse_qs(urlsplit(page.url).query) == {"kind": [kind], "chapter": ["opening"]}
    address = page.url
    page.goto("about:blank")
    page.goto(address)  # a linked, filtered view opens filtered
    assert len(visible()) == kinds[kind][0] and _counts(page)[kind][2] == "true"
    # The pressed state is unmistakable: not the colour of an unpressed button, in both schemes.
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        pressed, idle = (page.locator(f'[data-filter-kind="{k}"]').evaluate("b => getComputedStyle(b).backgroundColor")
                         for k in (kind, ""))
        assert pressed != idle, scheme
    page.locator('[data-filter-chapter=""]').click()
    page.locator('[data-filter-kind=""]').click()
    assert len(visible()) == total and urlsplit(page.url).query == ""


def test_a_chapter_filters_its_notes_by_kind(page, site_url):
    page.goto(site_url + "chapters/opening/")
    notes = page.locator("aside.annotation-section .annotation")
    counts = _counts(page)
    assert counts[""][0] == notes.count()
    kind = next(k for k, (n, _, _) in counts.items() if k and 0 < n < notes.count())
    page.locator(f'[data-filter-kind="{kind}"]').click()
    shown = [n.get_attribute("data-kind") for n in notes.all() if n.is_visible()]
    assert shown == [kind] * counts[kind][0] and "?kind=" + kind in page.url


def test_hostile_annotations_run_nothing(page, fixture_site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_site_url + "annotations/#ann-ledger-hostile")
    page.locator("#ann-ledger-hostile a", has_text="a link").click()
    page.wait_for_timeout(300)
    assert dialogs == [] and page.console_errors == []
