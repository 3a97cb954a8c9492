"""Which page uses which figure, read from the Markdown sources (for the figures page and the tests)."""

from __future__ import annotations

import re
from pathlib import Path

FIGURE_CALL = re.compile(r"""\b(?:fig|check)\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)


def page_url(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown source (use_directory_urls)."""
    stem = src_path[:-3] if src_path.endswith(".md") else src_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def figure_usage(docs_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """figure id -> [(page URL, page title)] in the order of the sources."""
    usage: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        src = path.relative_to(docs_dir).as_posix()
        heading = HEADING.search(text)
        title = heading.group(1) if heading else src
        for figure_id in dict.fromkeys(FIGURE_CALL.findall(text)):
            usage.setdefault(figure_id, []).append((page_url(src), title))
    return usage
