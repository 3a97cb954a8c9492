"""Every path of the site, in one place: pages, language editions, downloads, anchors.

Paths are relative to a language edition's root ("chapters/opening/"); the default language is at
the site root and every other under "<language>/". Pages link with `relative_url`, so the site works
under any prefix (a release under /<version>/, a local server, a static host's sub-folder).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

CHAPTERS = "chapters/"
FIGURES_PAGE = "figures/"
GLOSSARY_PAGE = "glossary/"
ANNOTATIONS_PAGE = "annotations/"  # every annotation's home: its permalink and its W3C id
CHANGES_PAGE = "changes/"  # what changed in each release (macros/rendering/changespage.py)
FEED_FILE = "feed.xml"  # each edition's Atom feed, at its root (macros/rendering/feed.py)
FIGURE_DOWNLOADS = {"json": "downloads/figures.json", "csv": "downloads/figures.csv",
                    "columns": "downloads/figures-columns.csv"}  # what each column of the CSV means
CITE_DOWNLOADS = "downloads/cite"
FIGURES_CITATIONS = "figures"  # downloads/cite/figures.*: every figure's citation
ANNOTATIONS_EXPORT = "downloads/annotations.jsonld"
FIGURES_SOURCES = ("figures.md", "figures.en.md")
HOME_SOURCES = ("index.md", "index.en.md")  # the home page of each edition (docs_structure: suffix)


def chapter_url(slug: str) -> str:
    return f"{CHAPTERS}{slug}/"


def is_chapter_source(src_path: str) -> bool:
    """A chapter page's source: docs/chapters/<slug>.md (either language)."""
    return src_path.startswith(CHAPTERS)


def language_root(locale: str, default: str) -> str:
    """Where a language edition starts: the site root for the default language, else <locale>/."""
    return "" if locale == default else f"{locale}/"


def within_edition(url: str, locale: str, default: str) -> str:
    """A page's path within its language edition, from its URL ("en/figures/" -> "figures/")."""
    return url.removeprefix(language_root(locale, default))


def figure_anchor(figure_id: str) -> str:
    """The figure's anchor on the figures page."""
    return "fig-" + figure_id.replace("_", "-")


def reading_pages(chapters: list[str], after_chapters: list[str]) -> list[str]:
    """The whole reading, in the order a printed copy gives it (`make pdf`): the home page, the chapters
    in the article's order, then the pages that read across them (data/site.yml's printed_after_chapters)."""
    return ["", *(chapter_url(slug) for slug in chapters), *after_chapters]


def pdf_download(site_key: str, locale: str) -> str:
    """An edition's PDF of the whole reading, under that edition's root."""
    return f"downloads/{site_key}-{locale}.pdf"


def figure_cite_anchor(figure_id: str) -> str:
    """The figure's "cite this figure" panel on the figures page."""
    return "cite-" + figure_anchor(figure_id)


def figure_url(figure_id: str) -> str:
    return f"{FIGURES_PAGE}#{figure_anchor(figure_id)}"


def annotation_anchor(annotation_id: str) -> str:
    """An annotation's permalink anchor on the annotations page."""
    return f"ann-{annotation_id}"


def figure_cite_url(figure_id: str) -> str:
    """A figure's citation panel on the figures page."""
    return f"{FIGURES_PAGE}#{figure_cite_anchor(figure_id)}"


def annotation_url(anchor: str) -> str:
    return f"{ANNOTATIONS_PAGE}#{anchor}"


def cite_download(name: str, ext: str) -> str:
    """A citation file: a chapter's (its slug) or the whole site's ("site")."""
    return f"{CITE_DOWNLOADS}/{name}.{ext}"


def is_annotations_page(url: str) -> bool:
    """The annotations page of either edition ("annotations/", "en/annotations/")."""
    return url.endswith(ANNOTATIONS_PAGE) and url.count("/") <= 2


@lru_cache(maxsize=65_536)  # the same links recur on every page and for every annotation; posixpath.relpath is slow
def relative_url(from_page: str, to: str) -> str:
    """Link from one page URL to another (both relative to the site root), so the site works under any prefix."""
    target, _, anchor = to.partition("#")
    # A directory URL ("chapters/opening/") is its own base; a file URL's base is its folder.
    base = from_page.rstrip("/") if from_page.endswith("/") else posixpath.dirname(from_page)
    rel = posixpath.relpath(target or ".", base or ".")
    rel = "./" if rel == "." else (rel + "/" if target.endswith("/") and not rel.endswith("/") else rel)
    return f"{rel}#{anchor}" if anchor else rel
