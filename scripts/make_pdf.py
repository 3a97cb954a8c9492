"""`make pdf`: one PDF per edition of the whole reading, printed by the headless Chromium the tests use.

    python -m scripts.make_pdf [SITE]    # SITE: a built site (default: site/)

Each edition's pages (the home page, the chapters in the article's order, the critical reading, the
four players, the figures, the glossary, the source, the annotations) are joined into one document in
the home page's own layout: every id and every link between them made unique to its part, links
elsewhere on the site written as the published version's addresses. Chromium prints it with the
site's print styles, the version and the version's address at the head of every page and the page
number at its foot, its fonts embedded (Debian's Noto CJK for Chinese). Access dates are the build's,
as a page shows them without scripts. Writes <SITE>/[en/]downloads/yuanbao-reading-<language>.pdf;
no network.
"""

from __future__ import annotations

import argparse
import functools
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

from macros.citations import versioned_url
from macros.citepage import print_heading
from macros.gitdates import build_date
from macros.hosting import from_environment
from macros.paths import language_root, pdf_download, reading_pages
from macros.project import Project, load_project
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
.pdf-part:first-child { break-before: auto; }
.pdf-cover { text-align: center; padding-top: 30vh; break-after: page; }
.pdf-cover h1 { font-size: 1.6rem; }
"""


def part_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def make_edition(browser: Any, base: str, site_dir: Path, project: Project, locale: str, out: Path,
                 printed_on: str) -> Path:
    """One edition's PDF of the site built in `site_dir`, served at `base`."""
    site = project.site
    prefix = language_root(locale, site.default_language)
    pages = reading_pages([s.chapter for s in project.article.sections if s.chapter])
    parts = {page: part_name(page) for page in pages}
    published = versioned_url(project, locale, "")
    root_url = versioned_url(project, site.default_language, "")
    html_parts = [part_html(site_dir / prefix / page / "index.html", page, prefix, parts, root_url) for page in pages]
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, locale=locale)
    tab = context.new_page()
    heading = print_heading(project, locale, published, printed_on)
    cover = (f'<section class="pdf-cover"><h1>{html.escape(site.title(locale))}</h1>'
             f"<p>{html.escape(heading)}</p></section>")
    tab.goto(base + prefix, wait_until="load")  # the home page's document: its styles, fonts and classes
    tab.evaluate("""([body, style]) => {
        const article = document.querySelector("article.md-content__inner");
        article.innerHTML = body;
        const sheet = document.createElement("style");
        sheet.textContent = style;
        document.head.appendChild(sheet);
    }""", [cover + "".join(html_parts), PRINT_STYLE])
    tab.emulate_media(media="print")
    tab.evaluate("document.fonts.ready")
    target = out / prefix / pdf_download(locale)
    target.parent.mkdir(parents=True, exist_ok=True)
    font = "font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; font-size: 7px; color: #555;"
    tab.pdf(path=str(target), format="A4", print_background=False, display_header_footer=True,
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            header_template=f'<div style="{font} width: 100%; padding: 0 14mm;">{html.escape(heading)}</div>',
            footer_template=f'<div style="{font} width: 100%; text-align: center;">'
                            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
    context.close()
    return target


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
