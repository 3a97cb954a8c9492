"""mkdocs-macros entry points. They only wire the plain modules beside this one to MkDocs.

Pages can call: fig, check, verdict, q, article_title, article_heading, repost_link, chapter_map, figures_catalogue,
constraints, not_figures, downloads, cite_original, cite_site_files, annotations, chart, glossary, changes, feed_link,
pdf_link.
Everything else lives in modules that know nothing of MkDocs.
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import (anchors, annotationpage, buildcache, changespage, charts, citations, citepage, exports, feed, glossary,
               history, hosting, pages, paths, safefiles, sandbox)
from .changelog import parse_changelog
from . import annotations as contributed  # not `annotations`: that is also the __future__ feature's name
from .cjk import join_cjk_lines, mark_chinese_runs
from .deferred import Deferred
from .gitdates import CHAPTER_DATA, build_date, last_change
from .errors import DataError
from .placement import Heading, insert_at_headings
from .project import Project, load_project
from .usage import figure_usage


class SiteMacros:
    """The loaded project and the page being rendered, shared by the macros of one build."""

    def __init__(self, project: Project, docs_dir: Path, config: Any = None):
        self.project = project
        self.docs_dir = docs_dir
        self.config = config  # the MkDocs config of the build, so the site's plugin finds this object
        self.usage = figure_usage(docs_dir, project.site.languages, project.site.default_language)
        self.page: pages.PageContext | None = None
        self.build_day = build_date()
        # The PDFs of the whole reading are printed from this build afterwards (`make pdf`, a release):
        # only then does the home page link them.
        self.with_pdfs = os.environ.get(hosting.PDFS_PROMISED) == "1"
        # (language, chapter slug) -> the chapter, then its sections; filled as each page renders
        self.cited: dict[tuple[str, str], list[citations.Cited]] = {}
        self.built_languages: set[str] = set()  # the languages of the pages rendered since the last downloads
        self.deferred: dict[str, Deferred] = {}  # page URL -> what goes in once the page is rendered
        ledger = project.root / "data" / "anchors.yml"
        self.aliases = anchors.load(ledger).aliases if ledger.exists() else {}
        terms = project.root / "data" / "glossary.yml"
        self.glossary = glossary.load(terms) if terms.exists() else glossary.Glossary(entries={})
        changelog = project.root / "CHANGELOG.md"  # its headings become the "what changed" page's
        self.changelog = (parse_changelog(safefiles.read_text(changelog), changelog)
                          if changelog.exists() or changelog.is_symlink() else [])
        index = contributed.chapter_index(project.article.sections, docs_dir)
        self.section_headings = index.headings
        # Checked against the clock, not the build date: a release build dated by its commit must still
        # accept what was written since. One day of slack: contributors east of UTC are a day ahead.
        self.annotations = contributed.load_all(project.root / "data" / "annotations", index,
                                                project.fingerprint, date.today() + timedelta(days=1),
                                                frozenset(project.figures.ids))

    def start_page(self, page: Any) -> None:
        meta = page.meta or {}
        # mkdocs-static-i18n marks each file with its language (docs/x.en.md is "en").
        locale = getattr(page.file, "locale", None) or self.project.site.default_language
        if locale not in self.project.site.languages:
            raise PluginError(f"page '{page.file.src_uri}': language '{locale}' is not in data/site.yml")
        deferred = self.deferred[page.url] = Deferred()
        self.page = pages.PageContext(project=self.project, src_path=page.file.src_uri, url=page.url,
                                      locale=locale, section=meta.get("section"), deferred=deferred,
                                      build_day=self.build_day, figures_updated=self.figures_updated)
        self.built_languages.add(locale)

    def page_content(self, html: str, url: str, headings: list[Heading], source: Path) -> str:
        """The rendered page with what goes under its headings: on a chapter, each cite block and each
        section's annotations (bodies rendered apart from the page, never through Jinja or its Markdown),
        the JSON-LD at the end; on the annotations page, the listing; anywhere, old ids kept by aliases."""
        ctx = self.current
        page = url or "./"
        try:
            before = anchors.alias_anchors(page, self.aliases.get(page, {}), {h.id for h in headings})
        except DataError as error:
            raise PluginError(str(error)) from None
        if paths.is_annotations_page(page):
            html = annotationpage.with_listing(html, annotationpage.listing_html(
                ctx, self.annotations, today=self.build_day, headings=self.section_headings))
        slug = self.chapter(ctx.src_path, ctx.section)
        if slug is None:
            return insert_at_headings(html, before=before)
        title = next(s.title for s in self.project.article.sections if s.id == ctx.section)
        assert title is not None
        parts = citepage.cited_parts(self.project, ctx.locale, paths.chapter_url(slug), title(ctx.locale), headings,
                                     self.updated(source, slug))
        self.cited[(ctx.locale, slug)] = parts
        files = {f".{ext}": ctx.link(paths.cite_download(slug, ext)) for ext in paths.CITE_FORMATS}
        titles = {heading.id: heading.title for heading in headings if heading.level in (2, 3)}
        sections = list(titles)
        suggest = {section: annotationpage.suggest_link(ctx, slug, section, self.build_day, titles[section])
                   for section in sections}
        # The panels, like the popovers, go in after the search index has read the page (macros/deferred.py).
        after = {key: str(ctx.defer(block)) for key, block in
                 citepage.citation_blocks(self.project, parts, slug, self.build_day, files, suggest).items()}
        for section in sections:
            after[section] = after.get(section, "") + str(annotationpage.section_html(
                ctx, slug, section, annotations=self.annotations))
        header, footer = citepage.print_parts(self.project, parts[0], self.build_day)
        before[slug] = before.get(slug, "") + str(ctx.defer(header))
        return (insert_at_headings(html, before=before, after=after) + str(ctx.defer(footer))
                + str(citepage.json_ld(self.project, parts)))

    @functools.cached_property
    def history(self) -> history.History:
        """Releases, the data at each and the corrections since the first, from git (read once per build)."""
        return history.load_history(self.project.root)

    def changes_page(self) -> str:
        ctx = self.current
        return changespage.page_markdown(self.project, ctx.locale, self.changelog, self.history, ctx.link)

    def feed(self, locale: str) -> str:
        found = feed.entries(self.project, locale, self.annotations, self.section_headings, self.history,
                             self.changelog)
        return feed.atom(self.project, locale, found, self.build_day)

    @functools.cached_property
    def figures_updated(self) -> date:
        """The figures page's last change in git (its sources and the data it shows): a figure's citation date."""
        root = self.project.root.resolve()
        docs = self.docs_dir.resolve()
        sources = ([(docs / name).relative_to(root).as_posix() for name in paths.FIGURES_SOURCES]
                   if docs.is_relative_to(root) else [])
        return last_change(root, [*sources, *CHAPTER_DATA]) or self.build_day

    def updated(self, source: Path, slug: str) -> date:
        """A chapter's last change in git: its source, the data every chapter shows, and its annotations."""
        root = self.project.root.resolve()
        shown = [self.annotations.files[a.id] for a in self.annotations if a.target.chapter == slug]
        inside = [path.resolve() for path in (source, *shown) if path.resolve().is_relative_to(root)]
        files = [*(path.relative_to(root).as_posix() for path in inside), *CHAPTER_DATA]
        return last_change(root, files) or self.build_day

    def fill_deferred(self, output: str, url: str, locale: str) -> str:
        """The rendered page with what its macros deferred put in place; on a page not in Chinese, its
        Chinese runs marked as Chinese, as the rest of the page's content is."""
        deferred = self.deferred.pop(url, None)
        if deferred is None:
            return output
        if locale == "zh":
            return deferred.fill(output)
        return deferred.fill(output, lambda html: mark_chinese_runs(html, "zh-Hans"))

    def description(self, src_path: str, section: str | None, locale: str) -> str | None:
        """A chapter page's own description (the <meta name="description"> Material writes), else None."""
        slug = self.chapter(src_path, section)
        parts = self.cited.get((locale, slug)) if slug else None
        return citepage.description(self.project, parts[0]) if parts else None

    def head(self, output: str, src_path: str, section: str | None, locale: str) -> str:
        """Every page with its edition's feed named in the <head> (autodiscovery); a chapter page with its
        metadata for reference managers; the home page with the whole site's."""
        subscribe = self.feed_link(locale)
        if src_path in paths.HOME_SOURCES:
            return citepage.with_head_meta(output, subscribe
                                           + citepage.site_head_meta(self.project, locale, self.build_day))
        slug = self.chapter(src_path, section)
        parts = self.cited.get((locale, slug)) if slug else None
        return citepage.with_head_meta(output, subscribe
                                       + (citepage.head_meta(self.project, parts[0]) if parts else ""))

    def feed_link(self, locale: str) -> str:
        """The <link> that names the edition's feed, for any page's <head> (the 404 page's too)."""
        return feed.feed_link(self.project, locale)

    def chapter(self, src_path: str, section: str | None) -> str | None:
        """The chapter slug of a page under chapters/ that reads an article section, else None."""
        if not section or not paths.is_chapter_source(src_path):
            return None
        return self.project.chapter_of(section)

    @property
    def current(self) -> pages.PageContext:
        assert self.page is not None, "a macro ran outside a page"
        return self.page

    def macros(self) -> dict[str, Any]:
        return {name: pages.text_arguments(name, function) for name, function in self._macros().items()}

    def _macros(self) -> dict[str, Any]:
        return {
            "fig": lambda figure_id: pages.figure_html(self.current, figure_id),
            "check": lambda figure_id: pages.check_html(self.current, figure_id),
            "verdict": lambda figure_id: pages.verdict_html(self.current, figure_id),
            "q": lambda text, section=None: pages.quote_html(self.current, text, section),
            "article_title": lambda: pages.article_title_html(self.current),
            "article_heading": lambda: pages.article_heading_html(self.current),
            "repost_link": lambda: pages.repost_link_html(self.current),
            "chapter_map": lambda: pages.chapter_map_html(self.current),
            "figures_overview": lambda: pages.figures_overview_html(self.current, self.usage),
            "figures_catalogue": lambda kind: pages.figures_catalogue_html(self.current, self.usage, kind),
            "not_figures": lambda: pages.not_figures_html(self.current),
            "constraints": lambda: pages.constraints_html(self.current),
            "downloads": lambda: pages.downloads_html(self.current),
            "cite_original": lambda: citepage.original_block(self.project, self.current.locale, self.build_day),
            "cite_site_files": lambda: pages.site_citation_files_html(self.current),
            "annotations": annotationpage.listing_slot,
            "chart": lambda chart_id: charts.chart_html(self.current, chart_id),
            "glossary": lambda: glossary.glossary_html(self.glossary, self.current.locale),
            "changes": self.changes_page,
            "pdf_link": lambda: pages.pdf_link_html(self.current) if self.with_pdfs else Markup(""),
            "feed_link": lambda: pages.feed_link_html(self.current, feed.feed_url(self.project, self.current.locale)),
        }


log = logging.getLogger("mkdocs.plugins.reading")
_SITES: dict[int, SiteMacros] = {}  # one per plugin instance (mkdocs serve rebuilds make new ones)


def define_env(env: Any) -> None:
    site = _SITES.get(id(env))
    if site is not None and site.config is env.conf:
        # mkdocs-static-i18n builds each further language with the same config, running on_config again:
        # the data loaded and checked moments ago is the same. (`mkdocs serve` makes a new config per rebuild.)
        for name, function in site.macros().items():
            env.macro(function, name)
        return
    buildcache.use(Path(env.project_dir) / ".cache" / "build")
    try:
        # mike names the version it is building; a plain build is the version data/site.yml names.
        hosted = hosting.from_environment(os.environ)
        project = load_project(Path(env.project_dir), deployed_as=os.environ.get("MIKE_DOCS_VERSION"), hosting=hosted)
        log.info("Citations and links name %s", hosted.describe() if hosted else
                 f"data/site.yml's base URL {project.site.base_url} (a deploy sets {hosting.BASE_URL})")
        site = SiteMacros(project, Path(env.conf["docs_dir"]), env.conf)
    except DataError as error:
        raise PluginError(f"data check failed, nothing was built:\n{error}") from None
    _SITES[id(env)] = site
    # Registered with the plugin too, so its own bookkeeping (and `mkdocs serve`) knows them.
    for name, function in site.macros().items():
        env.macro(function, name)


def on_pre_page_macros(env: Any) -> None:
    site = _SITES[id(env)]
    sandbox.install(env, site.docs_dir, site.macros(), env.page.file.src_uri)
    site.start_page(env.page)
    env.markdown = join_cjk_lines(env.markdown)


def on_post_page_macros(env: Any) -> None:
    """Glossary tooltips at each term's first use, in the Markdown (its text, not its structure)."""
    site = _SITES[id(env)]
    ctx = site.current
    if ctx.section and paths.is_chapter_source(env.page.file.src_uri):
        env.markdown = glossary.with_tooltips(env.markdown, site.glossary, ctx.locale, ctx.link(paths.GLOSSARY_PAGE),
                                              ctx.defer)




def site_of(config: Any) -> SiteMacros | None:
    """The data loaded for this build (by define_env), for the site's plugin (reading_plugin)."""
    return next((site for site in _SITES.values() if site.config is config), None)


def on_post_build(env: Any) -> None:
    """Write the downloads of the languages whose pages this build rendered (mkdocs-static-i18n builds
    one language after the other); each page said its own language."""
    site = _SITES[id(env)]
    for locale in sorted(site.built_languages):
        out = Path(env.conf["site_dir"]) / paths.language_root(locale, site.project.site.default_language)
        cited = {slug: parts for (language, slug), parts in site.cited.items() if language == locale}
        written = dict(exports.downloads(site.project, locale))
        written.update(citepage.download_files(site.project, locale, cited, paths.CITE_DOWNLOADS, site.build_day,
                                               site.figures_updated))
        written[paths.ANNOTATIONS_EXPORT] = annotationpage.export(site.project, site.annotations, locale)
        written[paths.FEED_FILE] = site.feed(locale)
        for relative, text in written.items():
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    site.built_languages.clear()
