"""The one place that reads mkdocs-static-i18n's internals (pinned: mkdocs-static-i18n==1.3.1).

`default_language` and `current_language` are attributes of its plugin object, `locale` and
`alternates` attributes it sets on each file: none is a documented API, so tests/unit/test_adapters.py
fails if an upgrade moves them.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

PINNED = "1.3.1"
DEFAULT = "zh"  # a page the plugin did not mark is in the site's main language


def default_language(config: MkDocsConfig) -> str:
    return str(config.plugins["i18n"].default_language)  # type: ignore[attr-defined]


def current_language(config: MkDocsConfig) -> str:
    """The language the plugin is building now (it builds one language after the other)."""
    return str(config.plugins["i18n"].current_language)  # type: ignore[attr-defined]


def page_language(page: Page) -> str:
    """The language of a page, from its own file (docs/x.en.md is "en")."""
    return str(getattr(page.file, "locale", None) or DEFAULT)


def twins(page: Page) -> dict[str, Any]:
    """The page's files in the other languages, by language."""
    return dict(getattr(page.file, "alternates", {}) or {})


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages built under a prefix (all but the default one)."""
    languages = config.plugins["i18n"].config.languages
    return [language.locale for language in languages if language.build and not language.default]
