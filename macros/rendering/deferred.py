"""HTML a page carries that Markdown should not read: figure and term popovers, cite panels, the print
header and citation.

Macros and the site's plugin put a mark (an HTML comment, which Markdown passes through whole) where the
HTML goes; the plugin puts the HTML in place once the page is rendered (reading_plugin, on_post_page), so
Markdown does not parse hundreds of popover tags. (The search index, made from the finished page, leaves
them out by their classes: macros/rendering/searchindex.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup

_MARK = re.compile(r"<!--deferred:(\d+)-->")


@dataclass
class Deferred:
    """The HTML one page defers, in the order it was put."""

    pieces: list[str] = field(default_factory=list)

    def put(self, html: Markup | str) -> Markup:
        self.pieces.append(str(html))
        return Markup(f"<!--deferred:{len(self.pieces) - 1}-->")

    def fill(self, html: str, transform: Callable[[str], str] = str) -> str:
        """`html` with each mark replaced by its piece (passed through `transform`: on English pages,
        marking Chinese runs); a piece may itself hold marks (a popover inside a panel)."""
        def piece(match: re.Match[str]) -> str:
            return self.fill(transform(self.pieces[int(match.group(1))]), transform)
        return _MARK.sub(piece, html)
