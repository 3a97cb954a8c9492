"""Headings: what goes under (or before) a heading of a rendered page, found by the heading's id; and
the headings of a Markdown source, read before any page renders.

While pages render, the ids come from the page's own table of contents (MkDocs builds it from the
headings as rendered, whatever attribute syntax the source used): the one pattern below only finds
the rendered element that carries a known id. Before that (start-up checks, the figures page's list
of uses), `headings_of` asks Python-Markdown's toc extension, never a pattern of our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape as html_unescape
from typing import Any, Mapping

import markdown

_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>.*?</h(?P=level)>', re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str


def insert_at_headings(html: str, *, before: Mapping[str, str] | None = None,
                       after: Mapping[str, str] | None = None, end: Mapping[str, str] | None = None) -> str:
    """`before[id]` in front of the heading with that id, `after[id]` right behind it, `end[id]` at the end
    of its section's own text: in front of the next heading, whatever its level, or at the end of `html`."""
    before, after, end = before or {}, after or {}, end or {}
    pending = ""  # the end of the section before the heading being placed

    def place(match: re.Match[str]) -> str:
        nonlocal pending
        heading_id = match.group("id")
        closing, pending = pending, end.get(heading_id, "")
        return closing + before.get(heading_id, "") + match.group(0) + after.get(heading_id, "")

    placed = _HEADING.sub(place, html)
    return placed + pending


@lru_cache(maxsize=256)  # both language builds of one run, and two callers, read the same sources
def headings_of(markdown_text: str, auto_id: str | None = None) -> tuple[tuple[int, str, str], ...]:
    """(level, id, title) of every heading, as Python-Markdown's toc extension reads them (the same
    extensions as mkdocs.yml that touch headings: attr_list for `{ #id .class }`, toc for the ids).
    `auto_id`: the id to give a heading that has no explicit one (toc's own otherwise), so a check can
    tell them apart."""
    if markdown_text.startswith("---\n"):  # YAML front matter, which MkDocs strips before Markdown reads the page
        markdown_text = markdown_text.split("\n---\n", 1)[-1]
    toc = {"slugify": lambda value, separator: auto_id} if auto_id else {}
    parser = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": toc})
    # Headings and their ids are block structure: inline Markdown (emphasis, links) is left as written,
    # which halves the time; the titles read here are plain text in this site's sources.
    parser.treeprocessors.deregister("inline")
    parser.convert(markdown_text)
    found: list[tuple[int, str, str]] = []

    def walk(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            found.append((token["level"], token["id"], html_unescape(token["name"])))
            walk(token["children"])
    walk(parser.toc_tokens)  # type: ignore[attr-defined]
    return tuple(found)
