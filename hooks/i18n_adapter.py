"""The one place that reads mkdocs-static-i18n's internals (pinned: mkdocs-static-i18n==1.3.1).

`default_language` and `current_language` are attributes of its plugin object, not a documented
API; tests/unit/test_adapters.py fails if an upgrade moves them.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

PINNED = "1.3.1"


def default_language(config: MkDocsConfig) -> str:
    return str(config.plugins["i18n"].default_language)  # type: ignore[attr-defined]


def current_language(config: MkDocsConfig) -> str:
    """The language the plugin is building now (it builds one language after the other)."""
    return str(config.plugins["i18n"].current_language)  # type: ignore[attr-defined]
