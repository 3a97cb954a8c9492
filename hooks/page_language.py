"""Each page says which Chinese it is written in, so browsers pick a Simplified Chinese font.

- `<html lang="zh">` (Material's word for the language) becomes `zh-Hans` on Chinese pages.
- On English pages, Chinese runs in the content (terms such as 红包大战) get `<span lang="zh-Hans">`.
The language comes from the page itself (mkdocs-static-i18n marks each file), never from build order.
Tests: tests/builds/test_editions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load before the macros plugin
from macros.cjk import mark_chinese_runs  # noqa: E402

CHINESE = "zh-Hans"


def _locale(page: Page) -> str:
    return getattr(page.file, "locale", None) or "zh"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_chinese_runs(html, CHINESE) if _locale(page) == "en" else html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _locale(page) == "zh":
        return output.replace('<html lang="zh"', f'<html lang="{CHINESE}"', 1)
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html is written once, in the main language (hooks/language_switcher.py)."""
    if template_name == "404.html":
        return output.replace('<html lang="zh"', f'<html lang="{CHINESE}"', 1)
    return output
