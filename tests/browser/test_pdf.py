"""The whole reading as one PDF per edition, as a release prints it (scripts/make_pdf.py): every chapter,
the figures, the glossary and the annotations, with the version and address on every page, page
numbers, and every font embedded."""

from __future__ import annotations

import re
import subprocess

import pytest
from lxml import html
from pypdf import PdfReader

from tests.pdftools import page_texts, plain

pytestmark = [pytest.mark.build, pytest.mark.xdist_group(name="release")]

EDITIONS = [("zh", ""), ("en", "en/")]


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font the PDF uses -> whether it travels inside the file (a font program, or Type 3 glyphs)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            program = descriptor is not None and any(key in descriptor.get_object()
                                                     for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont", font.get("/Subtype")))] = program or "/CharProcs" in font
    return found


def covered_by_installed_fonts() -> set[int]:
    """Every code point some installed font has a glyph for (fontconfig's own account): where Chromium
    finds none, it prints a blank box instead."""
    listing = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True,
                             timeout=60).stdout
    covered: set[int] = set()
    for span in listing.split():
        low, _, high = span.partition("-")
        covered.update(range(int(low, 16), int(high or low, 16) + 1))
    return covered


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_each_edition_prints_the_whole_reading(release, project, locale, prefix):
    version = project.site.version
    folder = release.pages / version / prefix
    home = html.fromstring((folder / "index.html").read_bytes())
    [link] = home.cssselect(".pdf-link a")  # the release's home page links its PDF, which it holds
    pdf = folder / link.get("href")
    reader = PdfReader(pdf)
    printed = page_texts(pdf)
    pages = [plain(page) for page in printed]
    assert 20 < len(pages) == len(reader.pages) < 200
    address = plain(f"{project.site.base_url}{version}/{prefix}")
    for number, text in enumerate(pages, start=1):  # the version and its address on every page, and its number
        assert address in text and f"{number}/{len(pages)}" in text, number
    whole = "".join(pages)
    headings = [s.title(locale) for s in project.article.sections if s.chapter and s.title]
    assert len(headings) == 4 and all(plain(title) in whole for title in headings)
    words = {"zh": ["数字表", "术语表", "读者注释"], "en": ["Figures", "Glossary", "Annotations"]}[locale]
    assert all(word in whole for word in words)
    used = fonts(reader)
    assert used and all(used.values()), used  # nothing left to the reader's own fonts
    covered = covered_by_installed_fonts()
    missing = sorted({char for char in "".join(printed) if not char.isspace() and ord(char) not in covered})
    assert not missing, missing  # no character printed without a glyph
    if locale == "zh":
        assert plain("“总额超过45亿元”") in whole  # the article's words, set in an embedded CJK font
    # Its title and author, the whole site's; an outline of every part and section; a contents page after the
    # cover that gives, for each, the page the outline opens.
    info = reader.metadata
    assert info.title == project.site.title(locale) and info.author == project.site.collective.name(locale)
    outline = [(entry.title, reader.get_destination_page_number(entry) + 1) for entry in flat(reader.outline)]
    assert all(plain(title) in plain("".join(t for t, _ in outline)) for title in headings)
    contents = project.phrases.of(locale).labels.contents
    assert plain(contents) in pages[1]  # the page after the cover
    lines = [plain(line) for page in page_texts(pdf, layout=True)[1:4] for line in page.splitlines()]
    for title in headings:
        page = next(n for t, n in outline if plain(t) == plain(title))
        assert plain(title) in pages[page - 1]  # the outline opens the page the chapter starts on
        listed = [line for line in lines if re.fullmatch(re.escape(plain(title)) + r"\d+", line)]
        assert listed == [plain(title) + str(page)], title  # and the contents page gives that number


def flat(entries: list) -> list:
    """A PDF outline's entries, nested ones included, in order."""
    return [leaf for entry in entries for leaf in (flat(entry) if isinstance(entry, list) else [entry])]
