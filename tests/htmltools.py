"""Small readers of built HTML shared by the build tests."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html


# Macro output, quotations, titles of works and code may hold digits; prose typed by hand may not.
# Annotations are data (their dates and counts are not prose typed into a page); bylines and filters are
# written by macros from the data and git.
MACRO_OUTPUT = ", ".join(["span.fig", "span.fig__value", "span.check", ".article-quote", ".heading-gloss", "cite",
                          "code", "pre",
                          ".headerlink", "details.cite", "span.Z3988", "script", "figure.chart", ".annotation-section",
                          ".annotation-filters", ".page-byline", ".page-updated",
                          ".print-only"])
# A numeral before 万/亿 ("十亿", "五千万"); "千万" alone is the adverb "by all means".
HAN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*[万亿]")
# Strings with digits allowed in hand-typed prose, each with its reason (e.g. a standard's name
# such as "GB/T 7714"). None is needed yet; keep it short.
ALLOWED_DIGITS: dict[str, str] = {}


def content(page_html: str) -> html.HtmlElement:
    """The page's main content (Material's article element), or the body on other themes."""
    tree = html.fromstring(page_html)
    found = tree.cssselect("article.md-content__inner") or tree.cssselect("body")
    return found[0]


def hand_typed_numbers(page_html: str, allowed: dict[str, str] = ALLOWED_DIGITS) -> list[str]:
    """Digits and Chinese number words in the prose that did not come from a macro."""
    root = content(page_html)
    for element in root.cssselect(MACRO_OUTPUT):
        element.drop_tree()
    text = root.text_content()
    for exception in allowed:
        text = text.replace(exception, "")
    found = [m.group(0) for m in re.finditer(r"\S*\d\S*", text)]
    found += [m.group(0) for m in HAN_NUMBER.finditer(text)]
    return found


def html_files(site_dir: Path) -> list[Path]:
    """The site's pages. 404.html is left out: MkDocs writes it with root-absolute links on purpose,
    since a host serves it at whatever path was missed (the publishing issue revisits it)."""
    return sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).as_posix() != "404.html")


def ids_of(page: html.HtmlElement) -> set[str]:
    return {element.get("id") for element in page.iter() if element.get("id")}


_REDIRECT = re.compile(r'http-equiv="refresh" content="\d+; ?url=([^"]+)"')


def redirect_target(page: Path) -> str | None:
    """Where a redirect page (mkdocs-redirects', mike's) sends the reader; None for any other page."""
    match = _REDIRECT.search(page.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def excluded_both_ways(page_html: str) -> tuple[set[object], set[object]]:
    """The elements of a page the search index's matcher leaves out, and those cssselect picks for the same
    EXCLUDED list."""
    from lxml.cssselect import CSSSelector

    from macros.rendering.searchindex import _EXCLUDED, EXCLUDED
    tree = html.fromstring(page_html)
    by_cssselect = set(CSSSelector(", ".join(EXCLUDED))(tree))  # held: lxml keeps these proxies while they live
    return {element for element in tree.iter() if _EXCLUDED(element)}, by_cssselect
