"""Join the source lines of a Chinese paragraph, so one-sentence-per-line prose renders without
stray spaces between sentences (a browser shows a line break inside a paragraph as a space).
Python-Markdown has no option for this and no maintained extension does it."""

from __future__ import annotations

import re

_CJK = r"\u2018-\u201f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_ENDS_CHINESE = re.compile(rf"(?:[{_CJK}]|\}}\}})$")  # a Chinese character or a macro call
_STARTS_CHINESE = re.compile(rf"^(?:[{_CJK}]|\{{\{{)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def join_cjk_lines(markdown: str) -> str:
    """Remove the line break between two lines of one Chinese paragraph.

    Only a line that starts with a Chinese character (or a macro call) can continue a paragraph in
    Markdown, so list items, tables and indented blocks are untouched; headings and fenced code too.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    in_code = False
    for line in lines:
        joins = (
            not in_code and out and _STARTS_CHINESE.match(line)
            and _ENDS_CHINESE.search(out[-1]) and not out[-1].lstrip().startswith("#")
        )
        if _FENCE.match(line):
            in_code = not in_code
        if joins:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
