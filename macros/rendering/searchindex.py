"""The site's search index: each edition's pages cut into their sections, as plain text.

Search in the browser (docs/assets/site.js) matches what a reader types as it is written: "1.14亿", "元宝派",
"Pony Ma". Chinese needs no segmentation for that, so none is done: a query matches a section that holds it
(Latin words whole, numbers not inside other numbers), and ranks higher in a title, a glossary term or a
figure's card than in running text. Why this rather than Material's search or Pagefind: README, "Search".

What is not the page's reading stays out: citation panels, popovers (their text is indexed where it is
shown in full, on the figures and glossary pages), charts, print-only lines, anything marked
`data-search-exclude`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

# What a reader never reads as the page's text: controls, popovers, and what every page repeats (its
# byline, "suggest an annotation", "read in full"), which would match everywhere. A section's annotations
# are in: they are part of it.
EXCLUDED = ("details.cite", ".fig-pop", ".term-pop", ".print-only", "figure.chart", "[data-search-exclude]",
            ".headerlink", "script", "style", ".annotation-filters", ".screen-only", ".page-byline",
            ".page-updated", ".annotation-section__head", "details.annotation__more > summary",
            ".annotation__lead")  # an annotation's first sentence again: its body is indexed
# Compiled once (translating CSS to XPath costs more than running it): the whole list is one selector.
_ARTICLE = CSSSelector("article.md-content__inner")
_EXCLUDED = CSSSelector(", ".join(EXCLUDED))
_CARD_VALUE = CSSSelector(".figure-card__value")
_HEADING = {"h1", "h2", "h3"}
_SPACE = re.compile(r"\s+")
_SKIP = "data-not-indexed"


@dataclass
class Section:
    """One stretch of a page under one heading, as the index holds it."""

    url: str  # the page's URL (relative to the edition's root) with the heading's #id
    title: str  # the heading's text (a figure card's: its label and its value)
    kind: str  # "page" (the h1), "section", "term" (a glossary entry), "stated" / "derived" / "claim" (a figure)
    text: list[str] = field(default_factory=list)


def _text(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip().rstrip("¶").strip()


def sections(page_html: str, url: str) -> list[Section]:
    """The sections of one built page (`url`: the page's, relative to its edition's root)."""
    tree = lxml_html.fromstring(page_html)
    articles = _ARTICLE(tree)
    if not articles:
        return []
    article = articles[0]
    for element in _EXCLUDED(article):
        element.set(_SKIP, "")  # marked on the tree itself: lxml makes a new proxy per visit
    found: list[Section] = []

    def start(heading: Any) -> None:
        card = heading.getparent().getparent() if heading.getparent().tag == "summary" else None
        title = _text(heading)
        kind = "page" if heading.tag == "h1" else "section"
        if card is not None and "figure-card" in (card.get("class") or ""):
            value = _CARD_VALUE(card)
            title += " " + (_text(value[0]) if value else "")
            kind = next((k for k in ("stated", "derived", "claim") if f"figure-card--{k}" in card.get("class")), kind)
        elif (heading.get("id") or "").startswith("term-"):
            kind = "term"
        found.append(Section(f"{url}#{heading.get('id')}" if heading.tag != "h1" else url, title, kind))

    def walk(element: Any) -> None:
        if element.get(_SKIP) is not None:
            return
        if element.tag in _HEADING and element.get("id"):
            start(element)
            return  # its text is the title
        if found and element.text and isinstance(element.tag, str):
            found[-1].text.append(element.text)
        for child in element:
            walk(child)
            if found and child.tail:
                found[-1].text.append(child.tail)

    walk(article)
    return found


def edition_index(pages: list[tuple[str, str, list[Section]]]) -> str:
    """The index of one edition, as the browser reads it: [[url, page title, section title, kind, text]]."""
    rows = []
    for _, page_title, found in pages:
        for section in found:
            text = _SPACE.sub(" ", "".join(section.text)).strip()
            if section.kind == "page" and not text:
                continue
            rows.append([section.url, page_title, section.title, section.kind, text])
    return json.dumps({"sections": rows}, ensure_ascii=False, separators=(",", ":"))

