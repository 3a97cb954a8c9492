"""A chapter prints cleanly for a report: a header saying what and when, the text with its figures and
charts, one chapter citation at the end, and nothing that is a control."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.pdftools import page_fill, plain


@pytest.fixture
def printed(browser, site_url):
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    page = context.new_page()
    yield page
    context.close()


CONTROL_WORDS = ["引用本节", "复制", "为这一节建议注释", "在议题里建议", "展开全文", "下载本章的引用", "BibTeX", "¶"]


def test_a_chapter_prints_with_a_header_its_text_and_one_citation(printed, site_url, project, tmp_path):
    printed.clock.set_fixed_time("2031-02-03T10:00:00")
    printed.goto(site_url + "chapters/opening/")
    printed.emulate_media(media="print")
    assert not printed.locator(".md-header").is_visible()
    assert not printed.locator(".md-sidebar--primary").is_visible()
    assert printed.locator('span.fig[data-fig="mau"] .fig__value').first.is_visible()
    assert not printed.locator('span.fig[data-fig="mau"] .fig-pop').first.is_visible()
    assert printed.locator("details.cite:visible, button:visible").count() == 0  # no panel, no control
    header = printed.locator(".print-header").inner_text()
    assert project.site.title("zh") in header and f"{project.site.version}版" in header
    assert f"{project.site.base_url}{project.site.version}/chapters/opening/" in header
    assert "2031-02-03" in header  # the day it is printed
    citation = printed.locator(".print-citation")
    assert citation.locator("p").count() == 3  # its title, GB/T 7714 and APA: once, at the end
    pdf = tmp_path / "opening.pdf"
    printed.pdf(path=str(pdf), format="A4", print_background=False)
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert not [word for word in CONTROL_WORDS if word in text]
    names = project.phrases.of("zh").cite.format_names
    flat = plain(text)
    assert plain(names["gbt7714"]) in flat and plain(names["apa"]) in flat  # the one chapter citation
    assert len(reader.pages) <= 6, len(reader.pages)
    # No page ends on a heading: the heading's text is never the last line of a page.
    headings = [h.strip() for h in printed.locator("article :is(h2, h3)").all_inner_texts()]
    for page in reader.pages[:-1]:
        last = [line for line in page.extract_text().splitlines() if line.strip()][-1].strip()
        assert last not in headings, last


def test_link_targets_are_written_out_in_print(printed, site_url):
    printed.goto(site_url + "source/")
    printed.emulate_media(media="print")
    after = printed.evaluate("""() => getComputedStyle(
        document.querySelector('article a[href^="https://www.jinnalai.com"]'), '::after').content""")
    assert "https://www.jinnalai.com/jiaodian/810517.html" in after


def test_sections_flow_on_and_annotations_follow_their_text(printed, site_url, tmp_path):
    """No page but the last is less than half full (Material keeps a <details> on one page: annotation
    lists may run on), and each section's annotations print after the text they comment on, also from a
    screen wide enough to set them in the margin."""
    printed.set_viewport_size({"width": 1280, "height": 1200})
    printed.goto(site_url + "chapters/opening/")
    assert printed.locator("aside.annotation-section.in-margin").count()
    printed.emulate_media(media="print")
    order = printed.evaluate("""() => {
        const section = document.querySelector('.annotation-section[data-section="summary"]');
        const text = [...document.querySelectorAll('#summary ~ p')][0];
        return text.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING;
    }""")
    assert order  # the summary's annotation comes after the summary's text
    # in full (its body is one click away on screen), in the text column, not in the margin
    note = printed.locator('.annotation-section[data-section="summary"] .annotation').first
    assert note.locator(".annotation__body").is_visible()
    assert note.bounding_box()["x"] < printed.locator("#summary").bounding_box()["x"] + 50
    pdf = tmp_path / "opening.pdf"
    printed.pdf(path=str(pdf), format="A4", print_background=False)
    fills = page_fill(pdf)
    assert all(fill >= 0.5 for fill in fills[:-1]), fills


def test_paper_gets_what_paper_needs_instead_of_screen_words(printed, site_url, project, tmp_path):
    """The hover instructions, filters and copy buttons stay on screen; paper gets the figures page's address
    and, on the home page, the whole site's citation."""
    printed.goto(site_url)
    printed.emulate_media(media="print")
    pdf = tmp_path / "home.pdf"
    printed.pdf(path=str(pdf), format="A4", print_background=False)
    text = plain("\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert plain("把鼠标移到数字上") not in text and plain("复制") not in text
    assert plain(f"{project.site.base_url}{project.site.version}/figures/") in text
    assert plain(project.phrases.of("zh").cite.format_names["apa"]) in text  # the site's citation, printed
