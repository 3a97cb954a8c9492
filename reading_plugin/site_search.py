"""The site's own search: a control in the header, and each edition's index, written after its build.

Each page is cut into sections as it is written (macros/rendering/searchindex.py); after the build of one language
(mkdocs-static-i18n builds one after the other), its sections go to `search-index.json` at that edition's
root, fetched only when a reader opens search (docs/assets/site.js). The header gets a search button and
its dialog, in the page's language (data/phrases.yml: search), hidden until the script shows them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from macros.rendering.markup import html
from macros.model.project import Edition
from macros.model.paths import language_root, within_edition
from macros.model.schema import SearchPhrases
from macros.words.formatting import fill
from macros.rendering.searchindex import Section, edition_index, sections

from .i18n_adapter import current_language, default_language, page_language

INDEX_FILE = "search-index.json"
_HEADER_END = re.compile(r"(</nav>\s*</header>)")
_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 '
         '0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 '
         '6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>')


class Collected:
    """The sections of the pages of the language being built, page by page, until its index is written."""

    def __init__(self) -> None:
        self.pages: list[tuple[str, str, list[Section]]] = []


def collect(collected: Collected, output: str, page: Page, config: MkDocsConfig) -> None:
    language = page_language(page)
    url = within_edition(page.url, language, default_language(config))
    title = page.title or ""
    collected.pages.append((url, str(title), sections(output, url)))


def write(collected: Collected, config: MkDocsConfig) -> None:
    """The index of the language just built, at its edition's root; the collection starts again empty."""
    language = current_language(config)
    root = Path(config.site_dir) / ("" if language == default_language(config) else language)
    root.mkdir(parents=True, exist_ok=True)
    (root / INDEX_FILE).write_text(edition_index(sorted(collected.pages)), encoding="utf-8")
    collected.pages.clear()


def control(words: SearchPhrases, examples: str, index_url: str) -> Markup:
    """The header's search button and its dialog (hidden until site.js, which fills it, shows the button)."""
    return html(
        '<button type="button" class="md-header__button md-icon site-search__open" aria-label="{label}" '
        'title="{label}" aria-haspopup="dialog" hidden>{icon}</button>'
        '<dialog class="site-search" aria-label="{label}" data-index="{index}" data-none="{none}" '
        'data-count="{count}" data-loading="{loading}">'
        '<form method="dialog" class="site-search__form" role="search">'
        '<input type="search" class="site-search__input" name="q" aria-label="{label}" placeholder="{placeholder}" '
        'autocomplete="off" spellcheck="false" aria-controls="site-search-results">'
        '<button type="submit" class="site-search__close">{close}</button></form>'
        '<p class="site-search__status" role="status"></p>'
        '<ul class="site-search__results" id="site-search-results"></ul></dialog>',
        label=words.label, icon=Markup(_ICON), index=index_url, none=fill(words.none, examples=examples),
        count=words.count, loading=words.loading, placeholder=words.placeholder, close=words.close)


def index_url(page_url: str, language: str, default: str) -> str:
    """The edition's index, relative to the page."""
    return posixpath.relpath(language_root(language, default) + INDEX_FILE, page_url or ".")


def with_control(output: str, edition: Edition, url: str) -> str:
    """The page with its search control at the end of the header's bar, in the edition's words."""
    made = control(edition.phrases.search, edition.project.site.search_examples(edition.locale), url)
    return _HEADER_END.sub(lambda m: str(made) + m.group(1), output, count=1)
