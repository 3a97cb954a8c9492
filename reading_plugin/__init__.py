"""The site's own MkDocs plugin: it owns each build of the reading, and does what no other plugin does.

Registered as the entry point `reading` (pyproject.toml); mkdocs.yml lists it before `macros`. Each event
calls one module of this package; the modules know MkDocs, the pure work they do lives in macros/.

The build: on_config loads and checks the project once per config (reading_build.load_build) and keeps it
as `build`, a ReadingBuild; mkdocs-macros' module (macros/__init__.py) takes it from config.plugins for
its macros (define_env) and its page hooks: before a page's macros run, the sandbox and the page's context
(on_pre_page_macros); after, the glossary's tooltips (on_post_page_macros). mkdocs-static-i18n runs
on_config again for each further language with the same config: the same build serves it.

Events, in the order MkDocs sends them:
- on_startup: whether this is `mkdocs serve` (it keeps its short address).
- on_config (first, priority 200): a deploy's own address as site_url (macros/model/hosting.py); the
  version selector and site_url under mike (versions); unsafe files refused before anything is read
  (safe_tree); the project loaded and checked (reading_build); the theme's files listed once
  (template_cache).
- on_pre_build: site_url's final slash under mike (versions).
- on_env: the theme's templates compiled once (template_cache).
- on_page_markdown: no raw HTML that acts by itself, no markup in titles (page_source).
- on_page_content: titles and description checked (page_source); the page assembled at the headings of
  its TOC (ReadingBuild.page_content: cite panels, byline, each section's annotations, the annotations
  page's listing, old ids kept as aliases, COinS and JSON-LD, the print header and citation); a title
  the cards' font can set (macros/rendering/cards.py); Chinese runs on English pages marked (page_language).
- on_page_context (after mkdocs-static-i18n): the page's description, its front matter's or its
  chapter's own; the language switcher (language_switcher).
- on_template_context: the 404 page's switcher (language_switcher).
- on_post_page (last): the parts the page's macros deferred put in place (ReadingBuild.fill_deferred:
  popovers, cite panels, print parts); the head's feed, reading key and metadata for reference managers
  and link previews (ReadingBuild.head); the page's sections for the search index and the header's
  search control (site_search); html lang and alternate links (page_language, language_switcher); the
  Content-Security-Policy last of all (content_security).
- on_post_template: the same head, search control, lang and policy on the 404 page.
- on_serve: `make serve` keeps serving the last good build when an edit breaks one (serve_adapter).
- on_post_build: the edition just built, in its language: its downloads (figures, citations, annotations,
  the Atom feed: ReadingBuild.write_downloads), search index (site_search), link-preview cards (cards)
  and redirect pages (redirects).

What this plugin reads of other plugins' internals goes through one adapter per plugin
(i18n_adapter; versions for mike; serve_adapter for MkDocs' server; macros_imports for what mkdocs-macros
imports), each with its pinned version tested in tests/unit/test_adapters.py.
"""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from collections.abc import Callable, Iterable, Iterator, Mapping
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.structure.toc import AnchorLink

from macros.rendering.citepage import with_head_meta
from macros.model.errors import DataError
from macros.model.hosting import Hosting, from_environment
from macros.model.project import Edition, load_site_version as load_site
from macros.text.placement import Heading

from .reading_build import ReadingBuild, load_build
from . import (cards, content_security, language_switcher, macros_imports, page_language, page_source, redirects,
               safe_tree, serve_adapter, site_search, template_cache, versions)
from .i18n_adapter import current_language, default_language, page_language as language_of

if TYPE_CHECKING:  # only `mkdocs serve` imports the server
    from mkdocs.livereload import LiveReloadServer


macros_imports.defer_requests()  # before mkdocs-macros loads (it comes after this plugin in mkdocs.yml)


class ReadingConfig(Config):
    """Options of the plugin in mkdocs.yml (each on by default; a fixture site may turn one off)."""

    content_security_policy = config_options.Type(bool, default=True)
    # A link-preview card per page (og:image), drawn at build time; off in the fixture sites, which test
    # other things and build often.
    cards = config_options.Type(bool, default=False)
    # Old page -> new page, for pages renamed or moved since a release; written in every edition.
    redirects = config_options.Type(dict, default={})


class ReadingPlugin(BasePlugin[ReadingConfig]):
    _configured: MkDocsConfig | None = None
    _serving = False
    # The project loaded for the config being built (None before on_config): mkdocs-macros' module takes it
    # from here (macros/__init__.py), so one object holds one build's data and nothing is shared by globals.
    build: ReadingBuild | None = None

    def __init__(self) -> None:
        super().__init__()
        self._searched = site_search.Collected()  # the sections of the language being built

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"  # `make serve` keeps its short address (README's quick start)

    @event_priority(200)  # first: nothing is read before the tree is checked; before mike and search (100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        hosted = hosting_from(os.environ)  # a deploy's own address (a fork's): canonical links follow it
        if hosted is not None and config is not self._configured:
            config.site_url = hosted.base_url
        # Every time: mike's on_config, after this, joins the version to site_url; a plain build is the version
        # data/site.yml names, and says so in its canonical links and sitemap as a release would.
        versions.configure(config, None if self._serving else site_version(config))
        if config is self._configured:
            return config  # mkdocs-static-i18n's build of the next language: the same tree, checked already
        self._configured = config
        safe_tree.check(config)
        self.build = load_build(Path(config.config_file_path).parent, Path(config.docs_dir))
        template_cache.list_theme_once(config.theme)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        versions.before_build(config)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        return template_cache.use(env, config)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page_source.check(page, config)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page_source.check_titles(page, config)
        page_source.check_description(page, config)
        build = self.build
        if build is not None:  # what goes under headings, placed by their ids from the page's own TOC
            html = build.page_content(html, page.url, page.title or "", list(headings(page.toc)),
                                     Path(page.file.abs_src_path or ""))
            if self.config.cards:  # here, not when its <head> is written: no page is written yet
                try:
                    build.check_card(page.url, page.file.src_uri)
                except DataError as error:
                    raise PluginError(f"card check failed, nothing was built:\n{error}") from None
        return page_language.content(html, page)

    @event_priority(-200)  # after mkdocs-static-i18n (50) has set the switcher's links
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        build = self.build
        meta = page.meta if page.meta is not None else {}
        if "description" not in meta:  # a page's own (checked in on_page_content), else a chapter's
            found = build.description(page.file.src_uri, meta.get("section"), language_of(page)) if build else None
            if found:  # Material writes page.meta.description instead of the site's
                meta["description"] = found
        return language_switcher.page_context(context, page, config)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        if template_name == "404.html":
            return language_switcher.not_found_context(context, config)
        return context

    @event_priority(-100)  # last: the policy hashes the inline scripts as served
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        build = self.build
        if build is not None:
            output = build.fill_deferred(output, page.url, language_of(page))
            meta = page.meta or {}
            output = build.head(output, page.url, page.file.src_uri, meta.get("section"), language_of(page),
                               description=meta.get("description"), with_card=self.config.cards)
            site_search.collect(self._searched, output, page, config)
            output = site_search.with_control(output, Edition(build.project, language_of(page)),
                                              site_search.index_url(page.url, language_of(page),
                                                                    default_language(config)))
        output = page_language.document(language_switcher.document(output), language_of(page))
        return content_security.with_policy(output) if self.config.content_security_policy else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        output = language_switcher.not_found_page(output_content, config)
        if not output:
            return output
        build = self.build
        if build is not None:  # the feed, named as on every page; search, from any depth (an absolute index)
            output = with_head_meta(output, build.every_head(current_language(config)))
            output = site_search.with_control(output, Edition(build.project, current_language(config)),
                                              urlsplit(config.site_url or "/").path + site_search.INDEX_FILE)
        output = page_language.document(output, current_language(config))
        return content_security.with_policy(output) if self.config.content_security_policy else output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
                 ) -> LiveReloadServer:
        return serve_adapter.keep_last_good_build(server)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_search.write(self._searched, config)
        build = self.build
        if build is not None:
            build.write_downloads(Path(config.site_dir))
            cards.write(build.take_cards(), config)
        if self.config.redirects and build is not None:
            words = Edition(build.project, current_language(config)).phrases
            redirects.write(config, self.config.redirects, words.moved, words.colon)


def site_version(config: MkDocsConfig) -> str | None:
    """The version data/site.yml names (None where there is no such file: a fixture site without data)."""
    try:
        return load_site(Path(config.config_file_path).parent)
    except DataError as error:
        raise PluginError(f"data check failed, nothing was built:\n{error}") from None


def hosting_from(environ: Mapping[str, str]) -> Hosting | None:
    try:
        return from_environment(environ)
    except DataError as error:
        raise PluginError(f"hosting check failed, nothing was built:\n{error}") from None


def headings(toc: Iterable[AnchorLink]) -> Iterator[Heading]:
    """Every heading of a page, from the table of contents MkDocs built from the rendered page."""
    for item in toc:
        yield Heading(item.level, item.title, item.id)
        yield from headings(item.children)
