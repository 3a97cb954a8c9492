"""mkdocs-macros entry points. They only wire the plain modules beside this one to MkDocs.

Pages can call: fig, check, verdict, q, article_title, article_heading, repost_link, chapter_map, figures_catalogue,
constraints, not_figures, downloads, cite_original, cite_site_files, annotations, chart, glossary.
Everything else lives in modules that know nothing of MkDocs.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import anchors, annotationpage, buildcache, charts, citations, citepage, exports, glossary, pages, sandbox
from . import annotations as contributed  # not `annotations`: that is also the __future__ feature's name
from .cjk import join_cjk_lines
from .gitdates import build_date, last_change
from .errors import DataError
from .project import Project, load_project
from .usage import figure_usage


class SiteMacros:
    """The loaded project and the page being rendered, shared by the macros of one build."""

    def __init__(self, project: Project, docs_dir: Path):
        self.project = project
        self.docs_dir = docs_dir
        self.usage = figure_usage(docs_dir, project.site.languages, project.site.default_language)
        self.page: pages.PageContext | None = None
        self.locale = project.site.default_language  # of the pages this build renders
        self.build_day = build_date()
        self.cited: dict[str, list[citations.Cited]] = {}  # chapter slug -> chapter, then its sections
        ledger = project.root / "data" / "anchors.yml"
        self.aliases = anchors.load(ledger).aliases if ledger.exists() else {}
        terms = project.root / "data" / "glossary.yml"
        self.glossary = glossary.load(terms) if terms.exists() else glossary.Glossary(entries={})
        index = contributed.chapter_index(project.article.sections, docs_dir)
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
        self.page = pages.PageContext(project=self.project, src_path=page.file.src_uri, url=page.url,
                                      locale=locale, section=meta.get("section"))
        self.locale = locale

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
            "figures_catalogue": lambda kind: pages.figures_catalogue_html(self.current, self.usage, kind),
            "not_figures": lambda: pages.not_figures_html(self.current),
            "constraints": lambda: pages.constraints_html(self.current),
            "downloads": lambda: pages.downloads_html(self.current),
            "cite_original": lambda: citepage.original_block(self.project, self.current.locale, self.build_day),
            "cite_site_files": lambda: pages.site_citation_files_html(self.current),
            "annotations": lambda: annotationpage.slot(annotationpage.ALL_SECTIONS),
            "chart": lambda chart_id: charts.chart_html(self.current, chart_id),
            "glossary": lambda: glossary.glossary_html(self.glossary, self.current.locale),
        }


_SITES: dict[int, SiteMacros] = {}  # one per plugin instance (mkdocs serve rebuilds make new ones)


def define_env(env: Any) -> None:
    buildcache.use(Path(env.project_dir) / ".cache" / "build")
    try:
        # mike names the version it is building; a plain build is the version data/site.yml names.
        project = load_project(Path(env.project_dir), deployed_as=os.environ.get("MIKE_DOCS_VERSION"))
        site = SiteMacros(project, Path(env.conf["docs_dir"]))
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
    site = _SITES[id(env)]
    page = env.page.url or "./"
    try:
        env.markdown = anchors.with_aliases(env.markdown, page, site.aliases.get(page, {}))
    except DataError as error:
        raise PluginError(str(error)) from None
    ctx = site.current
    slug = ctx.project.chapter_of(ctx.section) if ctx.section else None
    if slug is None or not env.page.file.src_uri.startswith("chapters/"):
        return
    section = next(s for s in ctx.project.article.sections if s.id == ctx.section)
    assert section.title is not None
    updated = last_change(Path(env.page.file.abs_src_path)) or site.build_day
    parts = citepage.cited_parts(ctx.project, ctx.locale, pages.chapter_url(slug), section.title(ctx.locale),
                                 citepage.headings(env.markdown), updated)
    site.cited[slug] = parts
    files = {f".{ext}": ctx.link(f"{CITE_DOWNLOADS}/{slug}.{ext}") for ext in ("bib", "ris", "json")}
    explained = glossary.with_tooltips(env.markdown, site.glossary, ctx.locale, ctx.link(GLOSSARY_PAGE))
    env.markdown = citepage.with_citations(annotationpage.with_slots(explained), ctx.project, parts,
                                           site.build_day, files)


CITE_DOWNLOADS = "downloads/cite"
ANNOTATIONS_PAGE = "annotations/"
GLOSSARY_PAGE = "glossary/"
ANNOTATIONS_EXPORT = "downloads/annotations.jsonld"


def on_post_build(env: Any) -> None:
    """Write the downloads of the language just built (mkdocs-static-i18n builds one language at a time)."""
    site = _SITES[id(env)]
    root = pages.language_root(site.locale, site.project.site.default_language)
    out = Path(env.conf["site_dir"]) / root
    written = dict(exports.downloads(site.project, site.locale))
    written.update(citepage.download_files(site.project, site.locale, site.cited, site.build_day, CITE_DOWNLOADS))
    for relative, text in written.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / ANNOTATIONS_EXPORT).write_text(annotationpage.export(site.project, site.annotations, site.locale),
                                          encoding="utf-8")
    for slug, parts in site.cited.items():
        url = pages.chapter_url(slug)
        ctx = pages.PageContext(site.project, "", root + url, site.locale)
        page = out / url / "index.html"
        html = citepage.with_head_meta(page.read_text(encoding="utf-8"), site.project, parts[0])
        html = annotationpage.fill_slots(html, partial(
            annotationpage.section_html, ctx, slug, annotations=site.annotations, today=site.build_day))
        page.write_text(html, encoding="utf-8")
    listing = out / ANNOTATIONS_PAGE / "index.html"
    if listing.exists():
        ctx = pages.PageContext(site.project, "", root + ANNOTATIONS_PAGE, site.locale)
        listing.write_text(annotationpage.fill_slots(listing.read_text(encoding="utf-8"),
                                                     lambda _: annotationpage.listing_html(ctx, site.annotations)),
                           encoding="utf-8")
