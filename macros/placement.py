"""What goes under (or before) a heading of a rendered page, found by the heading's id.

The ids come from the page's own table of contents (MkDocs builds it from the headings as rendered,
whatever attribute syntax the source used), so no Markdown is parsed again here: the one pattern
below only finds the rendered element that carries a known id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>.*?</h(?P=level)>', re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str


def insert_at_headings(html: str, *, before: Mapping[str, str] | None = None,
                       after: Mapping[str, str] | None = None) -> str:
    """`before[id]` in front of the heading with that id, `after[id]` right behind it."""
    before, after = before or {}, after or {}

    def place(match: re.Match[str]) -> str:
        heading_id = match.group("id")
        return before.get(heading_id, "") + match.group(0) + after.get(heading_id, "")

    return _HEADING.sub(place, html)
