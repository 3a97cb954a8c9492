"""The glossary: terms of the article defined in our own words, and tooltips where chapters use them.

Tooltips are added to a page's rendered Markdown, in running text only (never inside a tag, a link
target or code), at the first use of each term. Matching is by plain substring, so it works inside
Chinese text, where there are no spaces to find words by (Material's abbreviations need them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Callable, Iterator

from markupsafe import Markup
from pydantic import Field, StrictStr

from macros.rendering.markup import html
from macros.model.schema import Localized, Strict
from macros.model.validation import validate
from macros.model.yamlio import load_yaml


class Entry(Strict):
    terms: dict[str, list[StrictStr]] = Field(description="the forms readers meet, per language")
    definition: Localized


class Glossary(Strict):
    entries: dict[str, Entry]


def load(path: Path) -> Glossary:
    doc = load_yaml(path)
    doc.data = {"entries": doc.data}
    doc.lines = {("entries", *key): line for key, line in doc.lines.items()}
    return validate(doc, Glossary)


def anchor(entry_id: str) -> str:
    return "term-" + entry_id.replace("_", "-")


# Inline elements inside which a term may still be explained: quotations of the article and emphasis.
_TRANSPARENT = {"q", "em", "strong", "b", "i"}
_QUOTATION = re.compile(r'<span\s[^>]*class="article-quote"')
_TOKEN = re.compile(r"(<[^>]+>|\]\([^)]*\)|`[^`]*`)")


def with_tooltips(markdown: str, glossary: Glossary, locale: str, glossary_url: str,
                  defer: Callable[[Markup], Markup] = lambda html: html) -> str:
    """Mark the first use of each term in the page's running text with a tooltip (its popover passed
    through `defer`: macros/rendering/deferred.py)."""
    marker = _Marker(glossary, locale, glossary_url, defer)
    out: list[str] = []
    in_code = False
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or stripped.startswith(("#", "<", "|", "    ")) or not stripped:
            out.append(line)
        else:
            out.append(marker.mark_line(line))
    return "\n".join(out)


@dataclass
class _Marker:
    """Marks terms line by line, remembering which ones a page has explained already."""

    glossary: Glossary
    locale: str
    glossary_url: str
    defer: Callable[[Markup], Markup]
    done: set[str] = field(default_factory=set)
    ids: Iterator[int] = field(default_factory=lambda: count(1))

    @property
    def forms(self) -> list[tuple[str, str]]:
        """(form, entry id), longest form first, so 社交型AI wins over AI."""
        return sorted(((form, entry_id) for entry_id, entry in self.glossary.entries.items()
                       for form in entry.terms.get(self.locale, [])), key=lambda pair: -len(pair[0]))

    def mark_line(self, line: str) -> str:
        stack: list[tuple[str, bool]] = []  # inline elements open at this point, each with its transparency
        pieces = _TOKEN.split(line)
        for n, piece in enumerate(pieces):
            if _TOKEN.fullmatch(piece):
                _track(piece, stack)
                continue
            if not all(transparent for _, transparent in stack):
                continue
            for form, entry_id in self.forms:
                if entry_id not in self.done and form in piece:
                    self.done.add(entry_id)
                    piece = piece.replace(form, f"\x00{entry_id}\x01{form}\x02", 1)
            pieces[n] = re.sub("\x00(.*?)\x01(.*?)\x02", lambda m: str(_term_html(
                m.group(2), m.group(1), self.glossary, self.locale, self.glossary_url, next(self.ids), self.defer)),
                piece)
        return "".join(pieces)


def _track(token: str, stack: list[tuple[str, bool]]) -> None:
    """Follow opening and closing tags, so text inside a tag's element is known."""
    tag = re.match(r"<(/?)([a-zA-Z0-9]+)", token)
    if not tag or token.endswith("/>"):
        return
    name = tag.group(2).lower()
    names = [open_name for open_name, _ in stack]
    if tag.group(1):
        if name in names:
            del stack[len(stack) - 1 - names[::-1].index(name):]
    elif name not in ("br", "img", "hr", "input", "meta", "link"):
        stack.append((name, name in _TRANSPARENT or _QUOTATION.match(token) is not None))


def _term_html(form: str, entry_id: str, glossary: Glossary, locale: str, glossary_url: str, n: int,
               defer: Callable[[Markup], Markup]) -> Markup:
    definition = glossary.entries[entry_id].definition(locale)
    pop = f"term-pop-{n}"
    popover = html('<span class="term-pop" id="{pop}" role="tooltip" data-search-exclude>'
                   '<b class="fig-pop__title" aria-hidden="true">{form}</b>{definition} '
                   '<a href="{url}#{anchor}">→</a></span>',
                   pop=pop, form=form, definition=definition, url=glossary_url, anchor=anchor(entry_id))
    return html('<span class="term" data-term="{id}" data-entry="{url}#{anchor}" tabindex="0" '
                'aria-describedby="{pop}">{form}{popover}</span>',
                id=entry_id, pop=pop, form=form, url=glossary_url, anchor=anchor(entry_id), popover=defer(popover))


def glossary_html(glossary: Glossary, locale: str) -> Markup:
    def other(entry: Entry) -> Markup:
        """The term's forms in the other language that this one lacks (日活 as well as 日活跃用户, but DAU
        once), each marked with its language (a browser picks its font, tests skip it)."""
        own = set(entry.terms.get(locale, []))
        found = [(loc, t) for loc, ts in entry.terms.items() if loc != locale for t in ts if t not in own]
        return Markup("").join(html(' / <span lang="{}">{}</span>',
                                    "zh-Hans" if loc == "zh" else loc, t) for loc, t in found)

    # Each term a heading of its own, so the search finds it as a section of its own (#term-…).
    rows = [html('<div class="glossary__entry"><h3 id="{a}">{terms}{other}</h3><p>{definition}</p></div>',
                 a=anchor(entry_id), terms=" / ".join(entry.terms.get(locale, [])), other=other(entry),
                 definition=entry.definition(locale)) for entry_id, entry in glossary.entries.items()]
    return html('<div class="glossary">{}</div>', Markup("").join(rows))
