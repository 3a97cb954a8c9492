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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cssselect import parse
from cssselect.parser import Attrib, Class, CombinedSelector, Element
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

# What a reader never reads as the page's text: controls, popovers, and what every page repeats (its
# byline, "suggest an annotation", "read in full"), which would match everywhere. A section's annotations
# are in: they are part of it.
EXCLUDED = ("details.cite", ".fig-pop", ".term-pop", ".print-only", "figure.chart", "[data-search-exclude]",
            ".headerlink", "script", "style", ".annotation-filters", ".screen-only", ".page-byline",
            ".page-updated", ".annotation-section__head", "details.annotation__more > summary",
            ".annotation__lead")  # an annotation's first sentence again: its body is indexed
_ARTICLE = CSSSelector("article.md-content__inner")
_CARD_VALUE = CSSSelector(".figure-card__value")
_HEADING = {"h1", "h2", "h3"}
_SPACE = re.compile(r"\s+")
_CLASS_SPACE = re.compile("[ \t\r\n]+")  # what separates classes, as XPath's normalize-space sees it


def _classes(element: Any) -> frozenset[str]:
    return _split_classes(element.get("class") or "")


@lru_cache(maxsize=4096)  # a page repeats the same few class attributes thousands of times
def _split_classes(value: str) -> frozenset[str]:
    return frozenset(filter(None, _CLASS_SPACE.split(value)))


@dataclass(frozen=True)
class _Compound:
    """One compound selector: a tag (None: any), the classes and attributes it needs, and for `a > b` what
    the parent must be."""

    tag: str | None
    classes: frozenset[str]
    attributes: frozenset[str]
    parent: _Compound | None = None

    def matches(self, element: Any, classes: frozenset[str]) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if not self.classes <= classes or any(element.get(name) is None for name in self.attributes):
            return False
        if self.parent is None:
            return True
        parent = element.getparent()
        return parent is not None and self.parent.matches(parent, _classes(parent))


def _compound(tree: Any) -> _Compound:
    """cssselect's parse of one selector of the kinds EXCLUDED uses; any other kind is refused."""
    if isinstance(tree, CombinedSelector) and tree.combinator == ">":
        child = _compound(tree.subselector)
        return _Compound(child.tag, child.classes, child.attributes, _compound(tree.selector))
    if isinstance(tree, Class):
        inner = _compound(tree.selector)
        return _Compound(inner.tag, inner.classes | {tree.class_name}, inner.attributes, inner.parent)
    if isinstance(tree, Attrib) and tree.operator == "exists" and tree.namespace is None:
        inner = _compound(tree.selector)
        return _Compound(inner.tag, inner.classes, inner.attributes | {tree.attrib}, inner.parent)
    if isinstance(tree, Element) and tree.namespace is None:
        return _Compound(None if tree.element in (None, "*") else tree.element, frozenset(), frozenset())
    raise ValueError(f"searchindex.EXCLUDED: {tree!r} is not a kind of selector the index matches "
                     "(a tag, .class, [attribute], and `>`)")


class _Excluded:
    """Whether an element is one of EXCLUDED, asked of each element the index walks. Each selector is filed
    under a class it needs, else its tag, else an attribute, so an element is tried only against those
    that could match it: lxml's XPath for the same list took two thirds of the index's time."""

    def __init__(self, selectors: Iterable[str]) -> None:
        self.by_class: dict[str, list[_Compound]] = {}
        self.by_tag: dict[str, list[_Compound]] = {}
        self.by_attribute: dict[str, list[_Compound]] = {}
        for selector in selectors:
            for parsed in parse(selector):
                if parsed.pseudo_element is not None:
                    raise ValueError(f"searchindex.EXCLUDED: {selector!r} names a pseudo-element, which no element is")
                found = _compound(parsed.parsed_tree)
                if found.classes:
                    self.by_class.setdefault(min(found.classes), []).append(found)
                elif found.tag is not None:
                    self.by_tag.setdefault(found.tag, []).append(found)
                else:
                    self.by_attribute.setdefault(min(found.attributes), []).append(found)

    def __call__(self, element: Any) -> bool:
        tag = element.tag
        if not isinstance(tag, str):  # a comment
            return False
        classes = _classes(element)
        for candidate in self.by_tag.get(tag, ()):
            if candidate.matches(element, classes):
                return True
        for name in classes:
            for candidate in self.by_class.get(name, ()):
                if candidate.matches(element, classes):
                    return True
        for name, filed in self.by_attribute.items():
            if element.get(name) is not None and any(candidate.matches(element, classes) for candidate in filed):
                return True
        return False


_EXCLUDED = _Excluded(EXCLUDED)


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
        if _EXCLUDED(element):
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

