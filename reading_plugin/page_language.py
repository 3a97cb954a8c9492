"""Each page says which Chinese it is written in, so browsers pick a Simplified Chinese font.

- `<html lang="zh">` (Material's word for the language) becomes `zh-Hans` on Chinese pages and 404.html.
- On English pages, Chinese runs in the content (terms such as 红包大战) get `<span lang="zh-Hans">`.
The language comes from the page itself (mkdocs-static-i18n marks each file), never from build order.
Tests: tests/builds/test_editions.py.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from macros.text.cjk import mark_chinese_runs

from .i18n_adapter import page_language

CHINESE = "zh-Hans"


def content(html: str, page: Page) -> str:
    return mark_chinese_runs(html, CHINESE) if page_language(page) == "en" else html


def document(output: str, language: str) -> str:
    if language == "zh":
        return output.replace('<html lang="zh"', f'<html lang="{CHINESE}"', 1)
    return output
