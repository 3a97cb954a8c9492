"""What the site's pages carry for citing: cite panels, COinS, JSON-LD and <head> metadata.

Plain functions over the project and a page's headings; macros/__init__.py decides where they go.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable
from urllib.parse import urlencode

from markupsafe import Markup, escape

from macros.rendering.markup import html
from macros.rendering import cards
from macros.citing import citations, figurecite
from macros.citing.citations import ACCESSED_TODAY, Cited, Formatted, date_form, format_date
from macros.words.figureview import FigureView
from macros.words.formatting import fill
from macros.model.paths import FIGURE_DOWNLOADS, FIGURES_CITATIONS, cite_download, figure_cite_anchor
from macros.text.placement import Heading
from macros.model.project import Edition, PREVIEW, Project


def with_access_date(text: str, form: str, fallback: date) -> Markup:
    """Escape `text` and put a marked access date where the style put ACCESS_MARK: `fallback` until the
    browser writes the reader's date there."""
    if citations.ACCESS_MARK not in text:
        return escape(text)
    span = html('<span class="access-date" data-format="{}">{}</span>', form, format_date(fallback, form))
    return span.join(escape(part) for part in text.split(citations.ACCESS_MARK))


@dataclass(frozen=True)
class CitedChapter:
    """A chapter page as cited: the page itself, and each of its sections and subsections."""

    page: Cited
    sections: tuple[Cited, ...]


def cited_chapter(locale: str, path: str, title: str, page_headings: list[Heading], updated: date) -> CitedChapter:
    """The page, and its sections and subsections (level-2 and level-3 headings)."""
    return CitedChapter(Cited(locale, path, title, updated),
                        tuple(Cited(locale, path, title, updated, h.id, h.title)
                              for h in page_headings if h.level in (2, 3)))


def format_blocks(edition: Edition, texts: dict[str, Formatted], item: dict[str, Any],
                  build_day: date) -> Markup:
    """Each format with its name and copy button, and its in-text citation under it with a copy button of
    its own (a reference list takes the entry alone); `item` is the one whose APA title is set in italics."""
    phrases = edition.phrases.cite

    def copyable(name: str, text: Markup, extra: str = "") -> Markup:
        return html('<div class="cite__head{extra}"><b>{name}</b><button type="button" class="cite__copy" '
                    'data-copied="{copied}">{copy}</button></div><pre{pre}><code>{text}</code></pre>',
                    extra=extra, name=name, copied=phrases.copied, copy=phrases.copy_button, text=text,
                    pre=Markup(' class="cite__in-text"') if extra else "")

    blocks = []
    for key, formatted in texts.items():
        block = copyable(phrases.format_names[key], _format_html(edition.locale, key, formatted.text, item, build_day))
        if formatted.in_text:
            block += copyable(phrases.in_text, with_access_date(formatted.in_text, "iso", build_day),
                              " cite__head--in-text")
        blocks.append(html('<div class="cite__format" data-format="{}">{}</div>', key, block))
    return Markup("").join(blocks)


def _formats(edition: Edition, item: dict[str, Any], build_day: date,
             locator: citations.Locator | None = None) -> Markup:
    texts = citations.formats(item, edition.locale, edition.phrases.cite, locator)
    return format_blocks(edition, texts, item, build_day)


def figure_panel(edition: Edition, view: FigureView, updated: date, build_day: date,
                 link: Callable[[str], str]) -> Markup:
    """A figure's "cite this figure": the number with its citation first, then every format, then the files
    of every figure's citation (`link`: a site path as the page links it); its id (cite-fig-<id>) is where
    the figure's popover and the overview lead."""
    phrases = edition.phrases.cite
    files = {f".{ext}": link(cite_download(FIGURES_CITATIONS, ext)) for ext in citations.file_extensions()}
    blocks = format_blocks(edition, figurecite.formats(edition, view, updated),
                           figurecite.figures_page_item(edition, updated, ACCESSED_TODAY), build_day)
    return html(
        '<details class="cite cite--figure" id="{id}" data-search-exclude data-cite="{key}" data-formats="{formats}" '
        'data-default="number"><summary>{summary}</summary><div class="cite__panel"><p class="cite__note">{note}</p>'
        '<div class="cite__group">{blocks}</div>{files}</div></details>',
        id=figure_cite_anchor(view.id),
        key=figurecite.figures_page(edition, updated).key(edition.project.site.key), formats=phrases.formats,
        summary=html("{}{}{}", phrases.figure, edition.phrases.colon, view.label),
        note=_version_note(edition), blocks=blocks,
        files=_files_row(edition, phrases.figure_files, files))


def _version_note(edition: Edition) -> str:
    """What every panel says first: the version it cites, or that the preview is not to be cited."""
    phrases = edition.phrases.cite
    version = edition.project.site.version
    return phrases.preview_note if version == PREVIEW else fill(phrases.note, version=version)


def _files_row(edition: Edition, label: str, files: dict[str, str]) -> Markup:
    """A panel's download links (name -> href)."""
    downloads = Markup(" · ").join(html('<a href="{}" download>{}</a>', href, name)
                                  for name, href in files.items())
    return html('<p class="cite__files">{}{}{}</p>', label, edition.phrases.colon, downloads)


def _format_html(locale: str, format_key: str, text: str, item: dict[str, Any], build_day: date) -> Markup:
    """A format's text as the page shows it: its access date marked; APA's title in italics."""
    shown = with_access_date(text, date_form(format_key, locale), build_day)
    italic = citations.apa_italic_title(item) if format_key == "apa" else None
    if italic:
        shown = Markup(str(shown).replace(str(escape(italic)), str(html("<i>{}</i>", italic)), 1))
    return shown


def cite_panel(project: Project, cited: Cited, build_day: date, *, files: dict[str, str]) -> Markup:
    """What one heading's "cite" control opens: the page's formats (a section's with the section as the
    locator; the chapter's with the original article's too) and the download links. ("Suggest an
    annotation" stands with the section's annotations: macros/rendering/annotationpage.py.)

    A <details>, so with scripts off it opens by its own summary and lists every format; with scripts
    on, site.js puts a small control beside the heading's ¶, hides the summary row and shows one
    format at a time, the reader's last choice."""
    edition = Edition(project, cited.locale)
    phrases = edition.phrases.cite
    whole = cited.anchor is None
    item = citations.page_item(project, cited, ACCESSED_TODAY)
    groups = [html('<div class="cite__group">{}</div>',
                   _formats(edition, item, build_day, citations.locator(project, cited)))]
    if whole:
        groups.append(html('<div class="cite__group cite__group--original"><p class="cite__label">{}</p>{}</div>',
                           phrases.original, original_formats(edition, build_day)))
    return html(
        '<details class="cite" data-search-exclude data-cite="{key}" data-control="{control}" '
        'data-formats="{formats}"><summary>{summary}</summary><div class="cite__panel">'
        '<p class="cite__note">{note}</p>{groups}{files}</div></details>',
        key=cited.key(project.site.key), control=phrases.control, formats=phrases.formats,
        summary=phrases.chapter if whole else phrases.section, note=_version_note(edition),
        groups=Markup("").join(groups), files=_files_row(edition, phrases.files, files))


def original_formats(edition: Edition, build_day: date) -> Markup:
    """The original article's formats, with the reader's access date; on a page not in Chinese, its GB/T
    entry in Chinese first (figurecite.original_gbt7714)."""
    texts = citations.formats(citations.original_item(edition, ACCESSED_TODAY), edition.locale,
                              edition.phrases.cite)
    texts["gbt7714"] = Formatted(figurecite.original_gbt7714(edition))
    return format_blocks(edition, texts, citations.original_item(edition), build_day)


def coins(project: Project, cited: Cited) -> Markup:
    """A COinS span (OpenURL ContextObject) that Zotero and others offer to save: one per page, which is
    one item whatever its sections."""
    fields = {
        "ctx_ver": "Z39.88-2004",
        "rft_val_fmt": "info:ofi/fmt:kev:mtx:dc",
        "rft.type": "webpage",
        "rft.title": cited.title,
        "rft.aucorp": project.site.collective.name(cited.locale),  # a corporate author: Zotero keeps it whole
        "rft.date": cited.updated.isoformat(),
        "rft.identifier": citations.page_url(project, cited),
        "rft.language": cited.locale,
        "rft.source": project.site.title(cited.locale),
        "rft.rights": project.site.licences["text"].name,
    }
    return html('<span class="Z3988" title="{}"></span>', urlencode(fields))


def _json_ld(data: dict[str, Any]) -> Markup:
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return html('<script type="application/ld+json">{}</script>', Markup(text))


def _based_on(project: Project) -> dict[str, Any]:
    article = project.article
    return {
        "@type": "Article",
        "headline": article.title,
        "inLanguage": article.language,
        "author": {"@type": "Person", "name": article.author},
        "editor": {"@type": "Person", "name": article.editor},
        "publisher": {"@type": "Organization", "name": article.outlet},
        "url": article.repost.url,
    }


def _ours(project: Project, cited: Cited) -> dict[str, Any]:
    """What every schema.org description of one of the site's pages says: by the collective, at its
    versioned address, dated by its content's last change, under the text licence."""
    site = project.site
    return {
        "name": cited.title,
        "inLanguage": cited.locale,
        "url": citations.page_url(project, cited),
        "author": {"@type": "Organization", "name": site.collective.name(cited.locale)},
        "datePublished": cited.updated.isoformat(),
        "dateModified": cited.updated.isoformat(),
        "version": site.version,
        "license": site.licences["text"].url,
    }


def json_ld(project: Project, cited: CitedChapter) -> Markup:
    """A chapter as a schema.org Article based on the original article, with its sections as parts."""
    chapter, sections = cited.page, cited.sections
    site = project.site
    return _json_ld({
        "@type": "Article",
        "headline": chapter.title,
        **_ours(project, chapter),
        "isPartOf": {"@type": "WebSite", "name": site.title(chapter.locale),
                     "url": citations.versioned_url(Edition(project, chapter.locale), "")},
        "isBasedOn": _based_on(project),
        "hasPart": [
            {"@type": "WebPageElement", "name": s.section_title,
             "url": citations.page_url(project, s, s.anchor)}
            for s in sections
        ],
    })


def site_json_ld(edition: Edition, released: date) -> Markup:
    """The home page: the whole site as a schema.org WebSite, dated by its release."""
    site = edition.project.site
    home = Cited(edition.locale, "", site.title(edition.locale), released)
    return _json_ld({"@type": "WebSite", **_ours(edition.project, home),
                     "description": site.description(edition.locale), "isBasedOn": _based_on(edition.project)})


def figures_json_ld(edition: Edition, updated: date) -> Markup:
    """The figures page: a schema.org Dataset, its CSV and JSON as distributions."""
    cited = figurecite.figures_page(edition, updated)
    prefix = citations.versioned_url(edition, "")
    media = {"json": "application/json", "csv": "text/csv"}
    return _json_ld({
        "@type": "Dataset",
        **_ours(edition.project, cited),
        "description": fill(edition.phrases.cite.figures_description,
                            outlet=edition.project.article.outlet_in(edition.locale)),
        "isBasedOn": _based_on(edition.project),
        "distribution": [{"@type": "DataDownload", "encodingFormat": media[kind], "contentUrl": prefix + path}
                         for kind, path in FIGURE_DOWNLOADS.items() if kind in media],
    })


def description(project: Project, chapter: Cited) -> str:
    """What a chapter is, in a sentence: its own description, not the site's (Zotero saves it as the abstract)."""
    return fill(project.phrases.of(chapter.locale).cite.description, title=chapter.title,
                outlet=project.article.outlet_in(chapter.locale))


def head_meta(project: Project, cited: Cited, about: str, image: str | None = None) -> str:
    """A page's tags for reference managers and link previews: the page by the collective, at its
    versioned address (the one its canonical link names), dated by its content's last change; with
    `image`, its card (macros/rendering/cards.py)."""
    site = project.site
    locale = cited.locale
    url = citations.page_url(project, cited)
    author = citations.single_name(site.collective.name(locale))  # kept whole by Zotero (tests/zotero_names.py)
    day = cited.updated
    tags = [
        ("name", "citation_title", cited.title),
        ("name", "citation_author", author),
        ("name", "citation_publication_date", day.strftime("%Y/%m/%d")),
        ("name", "citation_language", locale),
        ("name", "citation_public_url", url),
        ("property", "og:type", "website"),
        ("property", "og:site_name", site.title(locale)),
        ("property", "og:title", cited.title),
        ("property", "og:url", url),
        ("property", "og:locale", {"zh": "zh_CN", "en": "en_US"}[locale]),
        ("property", "og:description", about),
        ("name", "DC.title", cited.title),
        ("name", "DC.creator", author),
        ("name", "DC.date", day.isoformat()),
        ("name", "DC.rights", site.licences["text"].name),
    ]
    if image:
        width, height = cards.SIZE
        tags += [("property", "og:image", image), ("property", "og:image:type", "image/png"),
                 ("property", "og:image:width", str(width)), ("property", "og:image:height", str(height)),
                 ("property", "og:image:alt", cited.title), ("name", "twitter:card", "summary_large_image")]
    return "".join(str(html('<meta {} content="{}">', Markup(kind + '="' + name + '"'), value))
                   + "\n" for kind, name, value in tags)


def print_heading(edition: Edition, url: str, day: str) -> str:
    """What heads a printed page: the site, its version, the address printed and the day."""
    return fill(edition.phrases.cite.printed, site=edition.project.site.title(edition.locale),
                version=edition.project.site.version, url=url, date=day)


def _printed_citation(edition: Edition, item: dict[str, Any], build_day: date) -> Markup:
    """An item's GB/T 7714 and APA entries, each with its in-text citation, as paper shows them."""
    phrases = edition.phrases.cite
    texts = citations.formats(item, edition.locale, phrases)
    return Markup("").join(
        html('<p><b>{}</b> {}{}</p>',
             phrases.format_names[key], _format_html(edition.locale, key, texts[key].text, item, build_day),
             html("<br>{}{}{}", phrases.in_text, edition.phrases.colon, texts[key].in_text)
             if texts[key].in_text else "")
        for key in ("gbt7714", "apa"))


def print_parts(project: Project, page: Cited, build_day: date) -> tuple[Markup, Markup]:
    """Only in print: a header naming the site, the version, the page's versioned URL and the day it is
    printed (the page's build day until site.js writes the reader's); and at the end, the page's one
    citation (GB/T 7714 and APA, each entry with its in-text citation)."""
    edition = Edition(project, page.locale)
    phrases = edition.phrases.cite
    # The print date is marked as an access date is: the page writes the reader's day there.
    words = print_heading(edition, citations.page_url(project, page), citations.ACCESS_MARK)
    header = html('<p class="print-only print-header" data-search-exclude>{}</p>',
                  with_access_date(words, "iso", build_day))
    citation = _printed_citation(edition, citations.page_item(project, page, ACCESSED_TODAY), build_day)
    footer = html('<section class="print-only print-citation" data-search-exclude><p class="print-citation__title">'
                  '{}</p>{}</section>', phrases.chapter, citation)
    return header, footer


def original_block(edition: Edition, build_day: date) -> Markup:
    """The original article's formats, for the "how to cite" page."""
    phrases = edition.phrases.cite
    return html('<details class="cite" data-search-exclude data-cite="original" data-formats="{formats}">'
                '<summary>{summary}</summary><div class="cite__panel">{formats_html}</div></details>',
                formats=phrases.formats, summary=phrases.original, formats_html=original_formats(edition, build_day))


def site_block(edition: Edition, released: date, build_day: date, files: dict[str, str]) -> Markup:
    """The whole site's formats, for a person (the home page and the "how to cite" page), dated by its
    release, with the files for reference managers."""
    phrases = edition.phrases.cite
    item = citations.whole_site_item(edition, released, ACCESSED_TODAY)
    # Paper shows what the panel would: its two styles (the panel itself is a control, not printed).
    return html('<details class="cite cite--site" data-search-exclude data-cite="{key}" data-formats="{formats}">'
                '<summary>{summary}</summary><div class="cite__panel"><p class="cite__note">{note}</p>'
                '<div class="cite__group">{blocks}</div>{files}</div></details>'
                '<div class="print-only print-citation" data-search-exclude>{printed}</div>',
                key=item["id"], formats=phrases.formats, summary=phrases.site, note=_version_note(edition),
                blocks=_formats(edition, item, build_day),
                files=_files_row(edition, phrases.site_files, files),
                printed=_printed_citation(edition, item, build_day))


def citation_blocks(project: Project, cited: CitedChapter, chapter_id: str, build_day: date,
                    chapter_files: dict[str, str]) -> dict[str, Markup]:
    """What goes under each heading of a chapter, by heading id: its cite panel; under the title also the
    page's COinS."""
    blocks = {section.anchor: cite_panel(project, section, build_day, files=chapter_files)
              for section in cited.sections if section.anchor}
    blocks[chapter_id] = (cite_panel(project, cited.page, build_day, files=chapter_files)
                          + coins(project, cited.page))
    return blocks


def download_files(edition: Edition, chapters: dict[str, Cited], folder: str, released: date,
                   figures_updated: date) -> dict[str, str]:
    """.bib, .ris and CSL-JSON, each holding one item per page and the original it reads: per chapter,
    for the whole site (dated by its release) and for the figures page (figurecite); with no access date,
    which only the reader's reference manager can know."""
    words = edition.phrases.cite
    original = citations.original_item(edition)
    files: dict[str, str] = {}
    for slug, chapter in chapters.items():
        files.update(citations.files(f"{folder}/{slug}", [citations.page_item(edition.project, chapter), original],
                                     words))
    files.update(citations.files(f"{folder}/site", [citations.whole_site_item(edition, released), original],
                                 words))
    files.update(citations.files(f"{folder}/{FIGURES_CITATIONS}",
                                 [figurecite.figures_page_item(edition, figures_updated), original], words))
    return files


def reading_key_meta(project: Project) -> str:
    """The reading's key for the page's scripts (site.js stores the reader's citation style under it)."""
    return str(html('<meta name="reading-key" content="{}">\n', project.site.key))


def with_head_meta(page_html: str, tags: str) -> str:
    """The page with metadata for reference managers at the end of its <head>."""
    return page_html.replace("</head>", tags + "</head>", 1)
