"""Which page uses which figure, read from the Markdown sources (for the figures page and the tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from macros.text.placement import headings_of

FIGURE_CALL = re.compile(r"""\b(?:fig|check)\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")


@dataclass(frozen=True)
class Use:
    locale: str
    url: str  # within its language edition, e.g. "chapters/opening/"
    title: str


def split_locale(src_path: str, languages: Sequence[str], default: str) -> tuple[str, str]:
    """("chapters/opening.en.md") -> ("en", "chapters/opening.md"): mkdocs-static-i18n's suffix layout."""
    stem, _, suffix = src_path[:-3].rpartition(".") if src_path.endswith(".md") else ("", "", "")
    if stem and suffix in languages:
        return suffix, f"{stem}.md"
    return default, src_path


def page_url(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown source (use_directory_urls)."""
    stem = src_path[:-3] if src_path.endswith(".md") else src_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def figure_usage(docs_dir: Path, languages: Sequence[str], default: str) -> dict[str, list[Use]]:
    """figure id -> the pages that show it, in the order of the sources."""
    usage: dict[str, list[Use]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        locale, src = split_locale(path.relative_to(docs_dir).as_posix(), languages, default)
        used = dict.fromkeys(FIGURE_CALL.findall(text))
        if not used:
            continue
        title = next((title for level, _, title in headings_of(text) if level == 1), src)
        for figure_id in used:
            usage.setdefault(figure_id, []).append(Use(locale, page_url(src), title))
    return usage
