"""One build of the reading: the project loaded and checked once, then what its pages gather as they
render (their citations, deferred parts, cards), written out when each edition is done.

MkDocs-facing: it takes MkDocs' pages and mkdocs-macros' plugin object; the work itself is in macros/.
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from macros.model import anchors, annotationcache, buildcache, history, hosting, paths, safefiles
from macros.rendering import (
    annotationpage, cards, changespage, charts, citepage, exports, feed, glossary, pages, sandbox)
from macros.citing import citations
from macros.model.changelog import load_changelogs
import macros.model.annotations as contributed  # not `annotations`: that is also the __future__ feature's name
from macros.text.cjk import join_cjk_lines, mark_chinese_runs
from macros.rendering.deferred import Deferred
from macros.model.gitdates import (CHAPTER_DATA, build_date, in_repository, last_change_at,
                                   last_changes, resolved_root)
from macros.model.errors import DataError
from macros.text.placement import Heading, insert_at_headings
from macros.model.project import Edition, Project, load_project
from macros.model.usage import figure_usage

log = logging.getLogger("mkdocs.plugins.reading")


class ReadingBuild:
    """The loaded project and what one build gathers as its pages render: owned by the `reading` plugin,
    which makes it in on_config; mkdocs-macros' module (macros/__init__.py) takes it from there."""

    def __init__(self, project: Project, docs_dir: Path):
        self.project = project
        self.docs_dir = docs_dir
        self.usage = figure_usage(docs_dir, project.site.languages, project.site.default_language)
        self.page: pages.PageContext | None = None
        self.build_day = build_date()
        # The PDFs of the whole reading are printed from this build afterwards (`make pdf`, a release):
        # only then does the home page link them.
        self.with_pdfs = os.environ.get(hosting.PDFS_PROMISED) == "1"
        # (language, chapter slug) -> the chapter as cited; page URL -> the page as cited (until its head is
        # written); filled as each page renders
        self.chapters: dict[tuple[str, str], citations.Cited] = {}
        self.sources: dict[tuple[str, str], Path] = {}  # (language, chapter slug) -> its source file
        self.pages: dict[str, citations.Cited] = {}
        self.built_languages: set[str] = set()  # the languages of the pages rendered since the last downloads
        self.deferred: dict[str, Deferred] = {}  # page URL -> what goes in once the page is rendered
        # the link-preview cards of the language being built, by their path in its edition, until written
        self.cards: dict[str, cards.Card] = {}
        ledger = project.root / "data" / "anchors.yml"
        self.aliases = anchors.load(ledger).aliases if ledger.exists() else {}
        terms = project.root / "data" / "glossary.yml"
        self.glossary = glossary.load(terms) if terms.exists() else glossary.Glossary(entries={})
        # language -> its changelog, whose headings become the "what changed" page's
        self.changelogs = load_changelogs(project.root, project.site.languages, safefiles.read_text)
        index = contributed.chapter_index(project.article.sections, docs_dir)
        self.section_headings = index.headings
        # Checked against the clock, not the build date: a release build dated by its commit must still
        # accept what was written since. One day of slack: contributors east of UTC are a day ahead.
        self.annotations = annotationcache.load_all(project.root / "data" / "annotations", index,
                                                    project.fingerprint, date.today() + timedelta(days=1),
                                                    contributed.known(project))

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

    def page_content(self, html: str, url: str, title: str, headings: list[Heading], source: Path) -> str:
        """The rendered page with what goes under its headings: on a chapter, each cite block and each
        section's annotations (bodies rendered apart from the page, never through Jinja or its Markdown),
        the JSON-LD at the end; on the annotations page, the listing; on every page its COinS (one item);
        anywhere, old ids kept by aliases."""
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
            cited = self.cited_page(ctx.src_path, ctx.url, ctx.locale, title, source)
            self.pages[url] = cited
            return (insert_at_headings(html, before=before) + str(pages.updated_html(ctx, cited.updated))
                    + str(citepage.coins(self.project, cited)) + str(self.page_json_ld(ctx.src_path, cited)))
        chapter_title = next(s.title for s in self.project.article.sections if s.id == ctx.section)
        assert chapter_title is not None
        self.sources[(ctx.locale, slug)] = source
        chapter = citepage.cited_chapter(ctx.locale, paths.chapter_url(slug), chapter_title(ctx.locale), headings,
                                         self.updated(ctx.locale, slug))
        self.chapters[(ctx.locale, slug)] = chapter.page
        self.pages[url] = chapter.page
        files = self.cite_files(slug)
        titles = {heading.id: heading.title for heading in headings if heading.level in (2, 3)}
        sections = list(titles)
        # The panels, like the popovers, go in once Markdown has rendered the page (macros/rendering/deferred.py).
        after = {key: str(ctx.defer(block)) for key, block in
                 citepage.citation_blocks(self.project, chapter, slug, self.build_day, files).items()}
        # Each section's annotations, and how to suggest one, after the text they comment on (the section's
        # own, before the next heading); on a wide screen site.js sets them in the margin beside it.
        end = {section: str(annotationpage.section_html(ctx, slug, section, annotations=self.annotations,
                                                        today=self.build_day, heading=titles[section]))
               for section in sections}
        # Under the title: its cite panel (site.js puts its control beside the title), then the byline; the
        # filter of the chapter's annotations just before its first section.
        after[slug] = after.get(slug, "") + str(pages.byline_html(ctx, chapter.page.updated))
        chapter_filter = str(ctx.defer(annotationpage.chapter_filter_html(ctx, slug, self.annotations)))
        if sections:
            before[sections[0]] = chapter_filter + before.get(sections[0], "")
        else:
            after[slug] += chapter_filter
        header, footer = citepage.print_parts(self.project, chapter.page, self.build_day)
        before[slug] = before.get(slug, "") + str(ctx.defer(header))
        return (insert_at_headings(html, before=before, after=after, end=end) + str(ctx.defer(footer))
                + str(citepage.json_ld(self.project, chapter)))

    def cited_page(self, src_path: str, url: str, locale: str, title: str, source: Path) -> citations.Cited:
        """Any page but a chapter as one citable item: the home page is the whole site, dated by its
        release; the figures page is dated as its figures' citations are; every other page by its source's
        last change and the data it shows."""
        if src_path in paths.HOME_SOURCES:
            return citations.Cited(locale, "", self.project.site.title(locale), self.released)
        path = paths.within_edition(url, locale, self.project.site.default_language)
        if src_path in paths.FIGURES_SOURCES:
            return citations.Cited(locale, path, title, self.figures_updated)
        shown = ([self.annotations.files[a.id] for a in self.annotations]
                 if paths.is_annotations_page(url) else [])
        return citations.Cited(locale, path, title, self.updated_from([source, *shown]))

    def page_json_ld(self, src_path: str, cited: citations.Cited) -> Markup:
        """The home page as a WebSite, the figures page as a Dataset (with its downloads); nothing elsewhere."""
        if src_path in paths.HOME_SOURCES:
            return citepage.site_json_ld(Edition(self.project, cited.locale), cited.updated)
        if src_path in paths.FIGURES_SOURCES:
            return citepage.figures_json_ld(Edition(self.project, cited.locale), cited.updated)
        return Markup("")

    @functools.cached_property
    def history(self) -> history.History:
        """Releases, the data at each and the corrections since the first, from git (read once per build)."""
        return history.load_history(self.project.root)

    def changes_page(self) -> str:
        ctx = self.current
        return changespage.page_markdown(ctx.edition, self.changelogs[ctx.locale], self.history, ctx.link)

    def feed(self, locale: str) -> str:
        edition = Edition(self.project, locale)
        found = feed.entries(edition, self.annotations, self.section_headings, self.history, self.changelogs[locale])
        return feed.atom(edition, found, self.build_day)

    @functools.cached_property
    def released(self) -> date:
        """The whole site's date: its version's release (the tag's day), or, before it is tagged, the last
        change to anything in git; the build date only outside git. Never the day of the build itself,
        which would change on every rebuild."""
        version = self.project.site.version
        release = next((r for r in self.history.releases if r.version == version), None)
        if release is not None:
            return release.day
        changes = last_changes(resolved_root(self.project.root))
        return max(changes.values()).date() if changes else self.build_day

    @functools.cached_property
    def figures_updated(self) -> date:
        """The figures page's last change in git (its sources and the data it shows): a figure's citation date."""
        return self.updated_from([self.docs_dir / name for name in paths.FIGURES_SOURCES])

    def updated(self, locale: str, slug: str) -> date:
        """A chapter's last change in git: its source, the data every chapter shows, and its annotations."""
        return self.updated_from(self.chapter_sources(locale, slug))

    def updated_from(self, sources: list[Path]) -> date:
        """A page's last change in git: the files it is made from and the data every page shows."""
        at = self.changed_at(sources)
        return at.date() if at else self.build_day

    def changed_at(self, sources: list[Path]) -> datetime | None:
        """The time of updated_from (None outside git)."""
        root = self.project.root
        inside = [name for path in sources if (name := in_repository(root, path)) is not None]
        return last_change_at(resolved_root(root), [*inside, *CHAPTER_DATA])

    def chapter_sources(self, locale: str, slug: str) -> list[Path]:
        """What a chapter page is made from: its source and its annotations."""
        shown = [self.annotations.files[a.id] for a in self.annotations if a.target.chapter == slug]
        return [self.sources[(locale, slug)], *shown]

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
        chapter = self.chapters.get((locale, slug)) if slug else None
        return citepage.description(self.project, chapter) if chapter else None

    def head(self, output: str, url: str, src_path: str, section: str | None, locale: str, *,
             description: str | None = None, with_card: bool = False) -> str:
        """Every page with its edition's feed named in the <head> (autodiscovery) and its metadata for
        reference managers and link previews: its own description and, `with_card`, its card (drawn
        when the edition is written: take_cards)."""
        subscribe = self.every_head(locale)
        cited = self.pages.pop(url, None)
        if cited is None:
            return citepage.with_head_meta(output, subscribe)
        about = description or self.description(src_path, section, locale) or self.project.site.description(locale)
        image = None
        if with_card:
            self.cards[cards.card_path(cited.path)] = cards.for_page(self.project, cited)
            image = citations.versioned_url(Edition(self.project, locale), cards.card_path(cited.path))
        return citepage.with_head_meta(output, subscribe + citepage.head_meta(self.project, cited, about, image))

    def check_card(self, url: str, src_path: str) -> None:
        """Refuse a page whose card the font cannot set: called once its content is rendered, before any
        page is written."""
        cards.check(cards.for_page(self.project, self.pages[url]), self.docs_dir / src_path)

    def take_cards(self) -> dict[str, cards.Card]:
        """The cards of the edition just built, by path within it; the list starts again empty."""
        taken, self.cards = self.cards, {}
        return taken

    def every_head(self, locale: str) -> str:
        """What every page's <head> names (the 404 page's too): the edition's feed, and the reading's key,
        under which site.js remembers a reader's citation style (two readings on one host keep theirs apart)."""
        return feed.feed_link(Edition(self.project, locale)) + citepage.reading_key_meta(self.project)

    def chapter(self, src_path: str, section: str | None) -> str | None:
        """The chapter slug of a page under chapters/ that reads an article section, else None."""
        if not section or not paths.is_chapter_source(src_path):
            return None
        return self.project.chapter_of(section)

    def cite_files(self, name: str) -> dict[str, str]:
        """A chapter's (its slug) or the whole site's ("site") citation downloads, as the current page links them."""
        return {f".{ext}": self.current.link(paths.cite_download(name, ext)) for ext in citations.file_extensions()}

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
            "cite_original": lambda: citepage.original_block(self.current.edition, self.build_day),
            "cite_site": lambda: self.current.defer(citepage.site_block(
                self.current.edition, self.released, self.build_day, self.cite_files("site"))),
            "annotations": annotationpage.listing_slot,
            "chart": lambda chart_id: charts.chart_html(self.current, chart_id),
            "glossary": lambda: glossary.glossary_html(self.glossary, self.current.locale),
            "changes": self.changes_page,
            "paper_note": lambda: pages.paper_note_html(self.current),
            "pdf_link": lambda: pages.pdf_link_html(self.current) if self.with_pdfs else Markup(""),
            "feed_link": lambda: pages.feed_link_html(self.current, feed.feed_url(self.current.edition)),
        }

    def before_macros(self, env: Any) -> str:
        """mkdocs-macros is about to render a page: its sandbox, its context; returns its Markdown with
        Chinese lines joined."""
        sandbox.install(env, self.docs_dir, self.macros(), env.page.file.src_uri)
        self.start_page(env.page)
        return join_cjk_lines(env.markdown)

    def after_macros(self, markdown: str, src_path: str) -> str:
        """Glossary tooltips at each term's first use, in the Markdown (its text, not its structure)."""
        ctx = self.current
        if ctx.section and paths.is_chapter_source(src_path):
            return glossary.with_tooltips(markdown, self.glossary, ctx.locale, ctx.link(paths.GLOSSARY_PAGE),
                                          ctx.defer)
        return markdown

    def write_downloads(self, site_dir: Path) -> None:
        """Write the downloads of the languages whose pages this build rendered (mkdocs-static-i18n builds
        one language after the other); each page said its own language."""
        for locale in sorted(self.built_languages):
            edition = Edition(self.project, locale)
            out = site_dir / edition.root
            chapters = {slug: chapter for (language, slug), chapter in self.chapters.items() if language == locale}
            written = dict(exports.downloads(edition))
            written.update(citepage.download_files(edition, chapters, paths.CITE_DOWNLOADS,
                                                   self.released, self.figures_updated))
            changed = {slug: at for slug in chapters if (at := self.changed_at(self.chapter_sources(locale, slug)))}
            written[paths.ANNOTATIONS_EXPORT] = annotationpage.export(edition, self.annotations, changed)
            written[paths.FEED_FILE] = self.feed(locale)
            for relative, text in written.items():
                path = out / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self.built_languages.clear()


def load_build(project_dir: Path, docs_dir: Path) -> ReadingBuild:
    """The project, loaded and checked before any page renders, with the address it is deployed at."""
    buildcache.use(project_dir / ".cache" / "build")
    try:
        # mike names the version it is building; a plain build is the version data/site.yml names.
        hosted = hosting.from_environment(os.environ)
        project = load_project(project_dir, deployed_as=os.environ.get("MIKE_DOCS_VERSION"), hosting=hosted)
        citations.check_format_names(project)
        log.info("Citations and links name %s", hosted.describe() if hosted else
                 f"data/site.yml's base URL {project.site.base_url} (a deploy sets {hosting.BASE_URL})")
        return ReadingBuild(project, docs_dir)
    except DataError as error:
        raise PluginError(f"data check failed, nothing was built:\n{error}") from None
