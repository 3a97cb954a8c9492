"""The language switcher leads every page to its twin, with links relative to the page.

- mkdocs-static-i18n points the switcher at the twin page, except on the home pages, where it
  writes root-absolute links from site_url ("/yuanbao-reading/en/"); those break under any other
  prefix (a release under /<version>/, a local server). `page_context` fixes every page.
- 404.html is a template, not a page: it gets each edition's home in its switcher, and only the
  Chinese build writes it (the English build would overwrite it at the same place).
- Material also writes the alternates as <link rel="alternate" hreflang> in the head, and its
  script then fetches "sitemap.xml" next to each of them, assuming they are language roots:
  with per-page twins every such fetch is a 404. The sitemap already lists each page's hreflang
  twins for search engines, so `document` drops those head links.
Tests: tests/builds/test_editions.py and tests/browser/test_language_switcher.py.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .i18n_adapter import current_language, default_language, twins

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def page_context(context: TemplateContext, page: Page, config: MkDocsConfig) -> TemplateContext:
    # mkdocs-static-i18n assigns the attribute `extra.alternate`, which Material's templates read.
    for alternate in getattr(config.extra, "alternate", None) or []:
        twin = twins(page).get(alternate["lang"])
        if twin is not None:
            # Relative to the site root; Material's `url` filter makes it relative to the page.
            alternate["link"] = twin.url or "./"
    return context


def not_found_context(context: TemplateContext, config: MkDocsConfig) -> TemplateContext:
    """404.html has no twin and is served at any depth: its switcher leads to each edition's home."""
    default = default_language(config)
    for alternate in getattr(config.extra, "alternate", None) or []:
        # Material's `url` filter makes these absolute from site_url on the 404 page.
        alternate["link"] = "./" if alternate["lang"] == default else f"{alternate['lang']}/"
    return context


def not_found_page(output: str, config: MkDocsConfig) -> str:
    """One 404.html, in the main language: the English build would overwrite it (MkDocs skips empty output)."""
    return "" if current_language(config) != default_language(config) else output


def document(output: str) -> str:
    return _HEAD_ALTERNATE.sub("", output)
