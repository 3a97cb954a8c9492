"""The language switcher leads every page to its twin, with links relative to the page.

- mkdocs-static-i18n points the switcher at the twin page, except on the home pages, where it
  writes root-absolute links from site_url ("/yuanbao-reading/en/"); those break under any other
  prefix (a release under /<version>/, a local server). `on_page_context` fixes every page.
- 404.html is a template, not a page: it gets each edition's home in its switcher, and only the
  Chinese build writes it (the English build would overwrite it at the same place).
- Material also writes the alternates as <link rel="alternate" hreflang> in the head, and its
  script then fetches "sitemap.xml" next to each of them, assuming they are language roots:
  with per-page twins every such fetch is a 404. The sitemap already lists each page's hreflang
  twins for search engines, so `on_post_page` drops those head links.
Tests: tests/builds/test_editions.py and tests/browser/test_language_switcher.py.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load as files, not as a package
from hooks import i18n_adapter as i18n  # noqa: E402

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-200)  # after mkdocs-static-i18n (50)
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    # mkdocs-static-i18n assigns the attribute `extra.alternate`, which Material's templates read.
    alternates = getattr(config.extra, "alternate", None) or []
    twins = getattr(page.file, "alternates", {}) or {}
    for alternate in alternates:
        twin = twins.get(alternate["lang"])
        if twin is not None:
            # Relative to the site root; Material's `url` filter makes it relative to the page.
            alternate["link"] = twin.url or "./"
    return context


def on_template_context(context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
    """404.html has no twin and is served at any depth: its switcher leads to each edition's home."""
    if template_name == "404.html":
        default = i18n.default_language(config)
        for alternate in getattr(config.extra, "alternate", None) or []:
            # Material's `url` filter makes these absolute from site_url on the 404 page.
            alternate["link"] = "./" if alternate["lang"] == default else f"{alternate['lang']}/"
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """One 404.html, in the main language: the English build would overwrite it (MkDocs skips empty output)."""
    if template_name == "404.html" and i18n.current_language(config) != i18n.default_language(config):
        return ""
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _HEAD_ALTERNATE.sub("", output)
