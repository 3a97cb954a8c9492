"""`make pdf`: one PDF per edition of the whole reading, printed by the headless Chromium the tests use.

    python -m scripts.make_pdf [SITE]    # SITE: a built site (default: site/)

Each edition's pages (the home page, the chapters in the article's order, the critical reading, the
four players, the figures, the glossary, the source, the annotations) are joined into one document in
the home page's own layout: every id and every link between them made unique to its part, links
elsewhere on the site written as the published version's addresses. Chromium prints it with the
site's print styles, the version and the version's address at the head of every page and the page
number at its foot, its fonts embedded (Debian's Noto CJK for Chinese). After the cover comes a contents
page with each part and section and its page number (the document is printed twice: the second time with
the page numbers the first gave its outline), and the PDF carries an outline of the same (bookmarks), its
title, author and language. Access dates are the build's, as a page shows them without scripts. Writes
<SITE>/[en/]downloads/yuanbao-reading-<language>.pdf; no network.
"""

from __future__ import annotations

import argparse
import functools
import io
from datetime import date
import html
import os
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from pypdf import PdfReader, PdfWriter

from macros.citing.citations import versioned_url
from macros.rendering.citepage import print_heading
from macros.model.gitdates import build_date
from macros.model.hosting import from_environment
from macros.model.paths import language_root, pdf_download, reading_pages
from macros.model.project import Edition, Project, load_project
from scripts.localweb import QuietHandler, launch

ROOT = Path(__file__).resolve().parent.parent

FAKE_ORIGIN = "http://site.invalid/"  # resolves the pages' relative links; never requested
# Attributes that name ids (a space-separated list): each id gets its part's prefix, as the ids do.
ID_ATTRIBUTES = ("id", "for", "headers", "aria-describedby", "aria-labelledby", "aria-controls", "aria-owns")


def part_html(page_file: Path, page: str, prefix: str, parts: dict[str, str], published: str) -> str:
    """One page's article, ready to be joined: what is only for the screen removed, every id prefixed by
    the part's name, every link re-pointed to a part of the document or to the published address."""
    article = lxml_html.parse(str(page_file)).getroot().cssselect("article.md-content__inner")[0]
    for element in article.cssselect(".print-header, .md-source-file, .pdf-link, button, script"):
        element.drop_tree()
    name = parts[page]
    for element in article.iter():
        for attribute in ID_ATTRIBUTES:
            if element.get(attribute):
                element.set(attribute, " ".join(f"{name}--{ref}" for ref in element.get(attribute).split()))
    for link in article.iter("a"):
        href = link.get("href")
        if href is None:
            continue
        target = urlsplit(urljoin(FAKE_ORIGIN + prefix + page, href))
        if f"{target.scheme}://{target.netloc}/" != FAKE_ORIGIN:
            continue  # another site
        path = target.path.lstrip("/")
        inside = path.removeprefix(prefix) if path.startswith(prefix) else None
        if inside in parts:  # a part of this document: its section, or the id within it
            link.set("href", f"#{parts[inside]}--{target.fragment}" if target.fragment else f"#{parts[inside]}")
        else:
            link.set("href", published + path + (f"#{target.fragment}" if target.fragment else ""))
    return (f'<section class="pdf-part" id="{name}">'
            + "".join(lxml_html.tostring(child, encoding="unicode") for child in article) + "</section>")


# The printed document: each part from a new page; what is only for the screen stays off paper.
PRINT_STYLE = """
.pdf-part { break-before: page; }
.pdf-cover { text-align: center; padding-top: 30vh; break-after: page; }
.pdf-cover h1 { font-size: 1.6rem; }
.pdf-contents .pdf-contents__line { display: flex; gap: 0.5em; margin: 0.15em 0; }
.pdf-contents .pdf-contents__line--part { font-weight: 700; margin-top: 0.6em; }
.pdf-contents .pdf-contents__line--section { padding-left: 1.5em; }
.pdf-contents .pdf-contents__line a { color: inherit; text-decoration: none; }
.pdf-contents .pdf-contents__line::after { content: none; }
.pdf-contents .pdf-contents__dots { flex: 1; border-bottom: 1px dotted #999; margin-bottom: 0.35em; }
.pdf-contents .pdf-contents__page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
"""


def headings(tab: Any) -> list[tuple[int, str, str]]:
    """(level, id, text) of every heading the printed document shows, in order: what Chromium's outline
    lists, one entry each (the contents page lists the parts' h1 and h2)."""
    found: list[tuple[int, str, str]] = tab.evaluate("""() => [...document.querySelectorAll(
        "article :is(h1, h2, h3, h4, h5, h6)")].filter(h => h.getClientRects().length > 0).map(h => {
            const copy = h.cloneNode(true);
            copy.querySelectorAll(".headerlink, .cite-toggle").forEach(e => e.remove());
            return [Number(h.tagName[1]), h.id, copy.textContent.trim()];
        })""")
    return found


def contents_html(title: str, entries: list[tuple[int, str, str]], pages: dict[str, int]) -> str:
    """The contents page: each part (h1) with its sections (h2), linked, with the page each starts on."""
    lines = "".join(
        f'<p class="pdf-contents__line pdf-contents__line--{"part" if level == 1 else "section"}">'
        f'<a href="#{html.escape(anchor)}">{html.escape(text)}</a><span class="pdf-contents__dots"></span>'
        f'<span class="pdf-contents__page">{pages.get(anchor, 0)}</span></p>'
        for level, anchor, text in entries)
    return f'<section class="pdf-contents"><h1 id="contents">{html.escape(title)}</h1>{lines}</section>'


def outline_pages(pdf: bytes) -> list[int]:
    """The page number (from 1) of each entry of a PDF's outline, in document order."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[int] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                number = reader.get_destination_page_number(entry)
                found.append(number + 1 if number is not None else 0)
    walk(reader.outline)
    return found


def part_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def make_edition(browser: Any, base: str, site_dir: Path, project: Project, locale: str, out: Path,
                 printed_on: str) -> Path:
    """One edition's PDF of the site built in `site_dir`, served at `base`."""
    site = project.site
    prefix = language_root(locale, site.default_language)
    pages = reading_pages([s.chapter for s in project.article.sections if s.chapter], site.printed_after_chapters)
    parts = {page: part_name(page) for page in pages}
    published = versioned_url(Edition(project, locale), "")
    root_url = versioned_url(Edition(project, site.default_language), "")
    html_parts = [part_html(site_dir / prefix / page / "index.html", page, prefix, parts, root_url) for page in pages]
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, locale=locale)
    tab = context.new_page()
    heading = print_heading(Edition(project, locale), published, printed_on)
    cover = (f'<section class="pdf-cover"><h1>{html.escape(site.title(locale))}</h1>'
             f"<p>{html.escape(heading)}</p></section>")
    tab.goto(base + prefix, wait_until="load")  # the home page's document: its styles, fonts and classes
    tab.evaluate("""([body, style, title]) => {
        const article = document.querySelector("article.md-content__inner");
        article.innerHTML = body;
        const sheet = document.createElement("style");
        sheet.textContent = style;
        document.head.appendChild(sheet);
        document.title = title;
    }""", [cover + '<section class="pdf-contents"></section>' + "".join(html_parts), PRINT_STYLE, site.title(locale)])
    tab.emulate_media(media="print")
    tab.evaluate("document.fonts.ready")
    shown = headings(tab)  # before the contents page has its heading
    entries = [(level, anchor, text) for level, anchor, text in shown if level <= 2 and "--" in anchor]
    contents_title = project.phrases.of(locale).labels.contents
    font = "font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; font-size: 7px; color: #555;"

    def printed(numbers: dict[str, int]) -> bytes:
        """The document with its contents page (`numbers`: the page each entry starts on), with an outline."""
        tab.evaluate("html => { document.querySelector('.pdf-contents').outerHTML = html; }",
                     contents_html(contents_title, entries, numbers))
        data: bytes = tab.pdf(
            format="A4", print_background=False, display_header_footer=True, outline=True, tagged=True,
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            header_template=f'<div style="{font} width: 100%; padding: 0 14mm;">{html.escape(heading)}</div>',
            footer_template=f'<div style="{font} width: 100%; text-align: center;">'
                            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
        return data

    # The outline lists every heading shown, in order: the cover's title, the contents page's, then the parts'.
    first = outline_pages(printed({anchor: 888 for _, anchor, _ in entries}))  # numbers as wide as the real ones
    if len(first) != len(shown) + 1:
        raise SystemExit(f"make_pdf: the {locale} PDF's outline has {len(first)} entries for {len(shown) + 1} "
                         "headings; a heading without text breaks the contents page")
    at = {anchor: page for (_, anchor, _), page in zip(shown, [first[0], *first[2:]], strict=True)}
    numbers = {anchor: at[anchor] for _, anchor, _ in entries}
    final = printed(numbers)
    again = outline_pages(final)
    moved = dict(zip((anchor for _, anchor, _ in shown), [again[0], *again[2:]], strict=True))
    if any(moved[anchor] != page for anchor, page in numbers.items()):
        raise SystemExit(f"make_pdf: the {locale} contents page moved the pages it numbers; make its numbers "
                         "as wide in the first printing as in the second")
    context.close()
    target = out / prefix / pdf_download(site.key, locale)
    target.parent.mkdir(parents=True, exist_ok=True)
    with_metadata(final, target, site.title(locale), site.collective.name(locale), site.description(locale))
    return target


def with_metadata(pdf: bytes, target: Path, title: str, author: str, subject: str) -> None:
    """The PDF written to `target` with its title, author and subject in its document information (Chromium
    writes only a title), its outline and tagging kept."""
    # An incremental update: Chromium's document is kept byte for byte, the new information appended after
    # it (a third faster than rewriting every object of a 60-page PDF).
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject})
    with target.open("wb") as file:
        writer.write(file)


def make_pdfs(site_dir: Path, out_dir: Path | None = None, root: Path = ROOT, deployed_as: str | None = None,
              printed_on: date | None = None) -> list[Path]:
    """Each edition's PDF of the site built in `site_dir`, written under `out_dir` (default: the site itself),
    naming the address a deploy is given (SITE_BASE_URL), as the build did, and dated `printed_on`
    (default: the build's date, SOURCE_DATE_EPOCH or today)."""
    from playwright.sync_api import sync_playwright  # a test dependency: only `make pdf` and releases need it

    project = load_project(root, deployed_as=deployed_as, hosting=from_environment(os.environ))
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return [make_edition(browser, base, site_dir, project, locale, out_dir or site_dir,
                                     (printed_on or build_date()).isoformat())
                        for locale in project.site.languages]
            finally:
                browser.close()
    finally:
        server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default="site", help="a built site (default: site/)")
    args = parser.parse_args()
    site_dir = Path(args.site).resolve()
    if not (site_dir / "index.html").is_file():
        print(f"make_pdf: {site_dir} holds no built site; run `make build` first", file=sys.stderr)
        return 1
    for path in make_pdfs(site_dir):
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
