"""What a chapter page carries for citing: "cite this" blocks, COinS, JSON-LD and <head> metadata.

Plain functions over the project and a page's headings; macros/__init__.py decides where they go.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Callable
from urllib.parse import urlencode

from markupsafe import Markup, escape

from . import citations, figurecite, figureview
from .citations import ACCESSED_TODAY, FORMAT_NAMES, Cited, format_date
from .figureview import FigureView
from .formatting import fill
from .paths import CITE_FORMATS, FIGURES_CITATIONS, cite_download, figure_cite_anchor
from .placement import Heading
from .project import PREVIEW, Project

# How each style writes an access date, so the browser writes the reader's in the same form.
_DATE_FORMS = {"gbt7714": "iso", "apa": "en-long", "chicago_note": "long", "chicago_bibliography": "long"}


def date_form(format_key: str, locale: str) -> str:
    """The access date's form in one format on a page in `locale` (Chicago follows the page's language);
    ISO for the formats that never show one."""
    form = _DATE_FORMS.get(format_key, "iso")
    return f"{locale}-long" if form == "long" else form


def with_access_date(text: str, form: str, fallback: date) -> Markup:
    """Escape `text` and put a marked access date where the style put ACCESS_MARK: `fallback` until the
    browser writes the reader's date there."""
    if citations.ACCESS_MARK not in text:
        return escape(text)
    span = Markup('<span class="access-date" data-format="{}">{}</span>').format(form, format_date(fallback, form))
    return span.join(escape(part) for part in text.split(citations.ACCESS_MARK))


def cited_parts(project: Project, locale: str, path: str, chapter_title: str, page_headings: list[Heading],
                updated: date) -> list[Cited]:
    """The chapter first, then each of its sections and subsections (level-2 and level-3 headings)."""
    chapter = Cited(locale, path, chapter_title, updated)
    sections = [Cited(locale, path, chapter_title, updated, h.id, h.title) for h in page_headings if h.level in (2, 3)]
    return [chapter, *sections]


def _formats(project: Project, locale: str, item: dict[str, Any], build_day: date, *, ours: bool = True) -> Markup:
    """Every format of one item, each with its copy button (the page shows one at a time: site.js);
    for the site's own pages (`ours`), APA's in-text citation too."""
    phrases = project.phrases.of(locale).cite
    texts = citations.formats(item, locale, phrases, in_text=ours)
    if not ours:
        texts["gbt7714"] = figurecite.original_gbt7714(project, locale)
    return format_blocks(project, locale, texts, item, build_day)


def format_blocks(project: Project, locale: str, texts: dict[str, str], item: dict[str, Any], build_day: date
                  ) -> Markup:
    """Each format's text with its name and copy button; `item` is the one whose APA title is set in italics."""
    phrases = project.phrases.of(locale).cite
    names = {**FORMAT_NAMES, "number": phrases.number}
    return Markup("").join(
        Markup('<div class="cite__format" data-format="{key}"><div class="cite__head"><b>{name}</b>'
               '<button type="button" class="cite__copy" data-copied="{copied}">{copy}</button></div>'
               '<pre><code>{text}</code></pre></div>').format(
            key=format_key, name=names[format_key], copied=phrases.copied, copy=phrases.copy_button,
            text=_shown(locale, format_key, text, item, build_day))
        for format_key, text in texts.items())


def figure_panel(project: Project, view: FigureView, locale: str, updated: date, build_day: date,
                 link: Callable[[str], str]) -> Markup:
    """A figure's "cite this figure": the number with its citation first, then every format, then the files
    of every figure's citation (`link`: a site path as the page links it); its id (cite-fig-<id>) is where
    the figure's popover and the overview lead."""
    phrases = project.phrases.of(locale).cite
    page = figurecite.cited(project, view, locale, updated)
    files = {f".{ext}": link(cite_download(FIGURES_CITATIONS, ext)) for ext in CITE_FORMATS}
    blocks = format_blocks(project, locale, figurecite.formats(project, view, locale, updated),
                           citations.site_item(project, page, ACCESSED_TODAY), build_day)
    return Markup(
        '<details class="cite cite--figure" id="{id}" data-search-exclude data-cite="{key}" data-formats="{formats}" '
        'data-default="number"><summary>{summary}</summary><div class="cite__panel"><p class="cite__note">{note}</p>'
        '<div class="cite__group">{blocks}</div>{files}</div></details>'
    ).format(id=figure_cite_anchor(view.id), key=page.key, formats=phrases.formats,
             summary=Markup("{}{}{}").format(phrases.figure, project.phrases.of(locale).colon, view.label),
             note=_version_note(project, locale), blocks=blocks,
             files=_files_row(project, locale, phrases.figure_files, files))


def _version_note(project: Project, locale: str) -> str:
    """What every panel says first: the version it cites, or that the preview is not to be cited."""
    phrases = project.phrases.of(locale).cite
    version = project.site.version
    return phrases.preview_note if version == PREVIEW else phrases.note.replace("{version}", version)


def _files_row(project: Project, locale: str, label: str, files: dict[str, str]) -> Markup:
    """A panel's download links (name -> href)."""
    downloads = Markup(" · ").join(Markup('<a href="{}" download>{}</a>').format(href, name)
                                  for name, href in files.items())
    return Markup('<p class="cite__files">{}{}{}</p>').format(label, project.phrases.of(locale).colon, downloads)


def _shown(locale: str, format_key: str, text: str, item: dict[str, Any], build_day: date) -> Markup:
    """A format's text as the page shows it: its access date marked; APA's title in italics."""
    shown = with_access_date(text, date_form(format_key, locale), build_day)
    italic = citations.apa_italic_title(item) if format_key == "apa" else None
    if italic:
        shown = Markup(str(shown).replace(str(escape(italic)), str(Markup("<i>{}</i>").format(italic)), 1))
    return shown


def cite_panel(project: Project, cited: Cited, build_day: date, *, files: dict[str, str],
               suggest: Markup | None = None) -> Markup:
    """What one heading's "cite" control opens: the chapter's or section's formats (for the chapter, the
    original article's too), the download links and, for a section, "suggest an annotation".

    A <details>, so with scripts off it opens by its own summary and lists every format; with scripts
    on, site.js puts a small control beside the heading's ¶, hides the summary row and shows one
    format at a time, the reader's last choice."""
    locale = cited.locale
    phrases = project.phrases.of(locale).cite
    chapter = cited.anchor is None
    groups = [Markup('<div class="cite__group">{}</div>').format(
        _formats(project, locale, citations.site_item(project, cited, ACCESSED_TODAY), build_day))]
    if chapter:
        groups.append(Markup('<div class="cite__group cite__group--original"><p class="cite__label">{}</p>{}</div>')
                      .format(phrases.original,
                              _formats(project, locale, citations.original_item(project, locale, ACCESSED_TODAY),
                                       build_day, ours=False)))
    return Markup(
        '<details class="cite" data-search-exclude data-cite="{key}" data-control="{control}" '
        'data-formats="{formats}"><summary>{summary}</summary><div class="cite__panel">'
        '<p class="cite__note">{note}</p>{groups}{files}{suggest}</div></details>'
    ).format(key=cited.key, control=phrases.control, formats=phrases.formats,
             summary=phrases.chapter if chapter else phrases.section, note=_version_note(project, locale),
             groups=Markup("").join(groups), files=_files_row(project, locale, phrases.files, files),
             suggest=Markup('<p class="cite__suggest">{}</p>').format(suggest) if suggest else "")


def coins(project: Project, cited: Cited) -> Markup:
    """A COinS span (OpenURL ContextObject) that Zotero and others offer to save."""
    fields = {
        "ctx_ver": "Z39.88-2004",
        "rft_val_fmt": "info:ofi/fmt:kev:mtx:dc",
        "rft.type": "webpage",
        # A section: its page's title and its locator, so Zotero's picker tells the items apart.
        "rft.title": f"{cited.title} § {cited.section_title}" if cited.section_title else cited.title,
        "rft.aucorp": project.site.collective.name(cited.locale),  # a corporate author: Zotero keeps it whole
        "rft.date": cited.updated.isoformat(),
        "rft.identifier": citations.versioned_url(project, cited.locale, cited.path, cited.anchor),
        "rft.language": cited.locale,
        "rft.source": project.site.title(cited.locale),
        "rft.rights": project.site.licences["text"].name,
    }
    return Markup('<span class="Z3988" title="{}"></span>').format(urlencode(fields))


def json_ld(project: Project, parts: list[Cited]) -> Markup:
    """The chapter as a schema.org Article based on the original article, with its sections as parts."""
    chapter, sections = parts[0], parts[1:]
    site = project.site
    article = project.article
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": chapter.title,
        "inLanguage": chapter.locale,
        "url": citations.versioned_url(project, chapter.locale, chapter.path),
        "author": {"@type": "Organization", "name": site.collective.name(chapter.locale)},
        "dateModified": chapter.updated.isoformat(),
        "version": site.version,
        "license": site.licences["text"].url,
        "isPartOf": {"@type": "WebSite", "name": site.title(chapter.locale), "url": site.base_url},
        "isBasedOn": {
            "@type": "Article",
            "headline": article.title,
            "inLanguage": article.language,
            "author": {"@type": "Person", "name": article.author},
            "editor": {"@type": "Person", "name": article.editor},
            "publisher": {"@type": "Organization", "name": article.outlet},
            "url": article.repost.url,
        },
        "hasPart": [
            {"@type": "WebPageElement", "name": s.section_title,
             "url": citations.versioned_url(project, s.locale, s.path, s.anchor)}
            for s in sections
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def description(project: Project, chapter: Cited) -> str:
    """What a chapter is, in a sentence: its own description, not the site's (Zotero saves it as the abstract)."""
    return project.phrases.of(chapter.locale).cite.description.replace("{title}", chapter.chapter_title)


def head_meta(project: Project, chapter: Cited) -> str:
    """A chapter's tags for reference managers: Zotero saves a web page by the collective, not a journal
    article, with the chapter's own description."""
    return _head_tags(project, chapter.locale, chapter.title, citations.versioned_url(project, chapter.locale,
                      chapter.path), chapter.updated, description(project, chapter))


def site_head_meta(project: Project, locale: str, released: date) -> str:
    """The home page's tags: the whole site as one item, dated by its release."""
    return _head_tags(project, locale, project.site.title(locale), citations.versioned_url(project, locale, ""),
                      released, project.site.description(locale))


def _head_tags(project: Project, locale: str, title: str, url: str, day: date, about: str) -> str:
    site = project.site
    author = citations.single_name(site.collective.name(locale))  # kept whole by Zotero (tests/zotero_names.py)
    tags = [
        ("name", "citation_title", title),
        ("name", "citation_author", author),
        ("name", "citation_publication_date", day.strftime("%Y/%m/%d")),
        ("name", "citation_language", locale),
        ("name", "citation_public_url", url),
        ("property", "og:type", "website"),
        ("property", "og:site_name", site.title(locale)),
        ("property", "og:title", title),
        ("property", "og:url", url),
        ("property", "og:locale", {"zh": "zh_CN", "en": "en_US"}[locale]),
        ("property", "og:description", about),
        ("name", "DC.type", "Text"),
        ("name", "DC.title", title),
        ("name", "DC.creator", author),
        ("name", "DC.date", day.isoformat()),
        ("name", "DC.rights", site.licences["text"].name),
    ]
    return "".join(str(Markup('<meta {} content="{}">').format(Markup(kind + '="' + name + '"'), value))
                   + "\n" for kind, name, value in tags)


def print_heading(project: Project, locale: str, url: str, day: str) -> str:
    """What heads a printed page: the site, its version, the address printed and the day."""
    return fill(project.phrases.of(locale).cite.printed, site=project.site.title(locale),
                version=project.site.version, url=url, date=day)


def print_parts(project: Project, chapter: Cited, build_day: date) -> tuple[Markup, Markup]:
    """Only in print: a header naming the site, the version, the chapter's versioned URL and the day it
    is printed (the page's build day until site.js writes the reader's); and at the end, the chapter's
    one citation (GB/T 7714 and APA)."""
    locale = chapter.locale
    phrases = project.phrases.of(locale).cite
    # The print date is marked as an access date is: the page writes the reader's day there.
    words = print_heading(project, locale, citations.versioned_url(project, locale, chapter.path),
                          citations.ACCESS_MARK)
    header = Markup('<p class="print-only print-header" data-search-exclude>{}</p>').format(
        with_access_date(words, "iso", build_day))
    item = citations.site_item(project, chapter, ACCESSED_TODAY)
    formats = citations.formats(item, locale, phrases)
    citation = Markup("").join(
        Markup('<p><b>{}</b> {}</p>').format(FORMAT_NAMES[key], _shown(locale, key, formats[key], item, build_day))
        for key in ("gbt7714", "apa"))
    footer = Markup('<section class="print-only print-citation" data-search-exclude><p class="print-citation__title">'
                    '{}</p>{}</section>').format(phrases.chapter, citation)
    return header, footer


def original_block(project: Project, locale: str, build_day: date) -> Markup:
    """The original article's formats, for the "how to cite" page."""
    phrases = project.phrases.of(locale).cite
    item = citations.original_item(project, locale, ACCESSED_TODAY)
    return Markup('<details class="cite" data-search-exclude data-cite="original" data-formats="{formats}">'
                  '<summary>{summary}</summary><div class="cite__panel">{formats_html}</div></details>').format(
        formats=phrases.formats, summary=phrases.original, formats_html=_formats(project, locale, item, build_day,
                                                                                   ours=False))


def citation_blocks(project: Project, parts: list[Cited], chapter_id: str, build_day: date,
                    chapter_files: dict[str, str], suggest: dict[str, Markup]) -> dict[str, Markup]:
    """What goes under each heading of a chapter, by heading id: its cite panel (a section's with its
    "suggest an annotation" link); under the title also the COinS of the chapter and each section."""
    blocks = {part.anchor: cite_panel(project, part, build_day, files=chapter_files, suggest=suggest.get(part.anchor))
              for part in parts[1:] if part.anchor}
    blocks[chapter_id] = (cite_panel(project, parts[0], build_day, files=chapter_files)
                          + Markup("").join(coins(project, part) for part in parts))
    return blocks


def download_files(project: Project, locale: str, cited: dict[str, list[Cited]], folder: str,
                   released: date, figures_updated: date) -> dict[str, str]:
    """.bib, .ris and CSL-JSON per chapter (the chapter, its sections, the original), for the whole site
    (the site as one item, dated by its release, then the original) and for every figure (figurecite.record);
    with no access date, which only the reader's reference manager can know."""
    words = project.phrases.of(locale).cite
    original = citations.original_item(project, locale)
    files: dict[str, str] = {}
    for slug, parts in cited.items():
        files.update(citations.files(f"{folder}/{slug}", [citations.site_item(project, part) for part in parts]
                                     + [original], words))
    files.update(citations.files(f"{folder}/site", [citations.whole_site_item(project, locale, released), original],
                                 words))
    figures = [figurecite.record(project, figureview.view(project, fig, locale), locale, figures_updated)
               for fig in project.figures.figures.values()]
    files.update(citations.files(f"{folder}/{FIGURES_CITATIONS}", figures, words))
    return files


def with_head_meta(page_html: str, tags: str) -> str:
    """The page with metadata for reference managers at the end of its <head>."""
    return page_html.replace("</head>", tags + "</head>", 1)
