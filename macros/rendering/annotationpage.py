"""Annotations on the page: beside their section, on the annotations page, and as a W3C export.

Sections get an empty slot while Markdown is rendered; the slots are filled in the built HTML, so a
contributed body never passes through Jinja or the page's Markdown.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timezone
from typing import Any, Mapping
from urllib.parse import urlencode

from lxml import html as lxml_html
from markupsafe import Markup, escape

from macros.rendering.markup import html
from macros.words.formatting import fill
from macros.model.annotations import Annotation, ExportTerms, Loaded, render_body, scaffold, web_annotation
from macros.citing.citations import versioned_url
from macros.rendering.pages import PageContext, display, inline_label, original_link, quotation, verdict_badge
from macros.model.gitdates import added_at, in_repository, resolved_root
from macros.model.history import ANNOTATIONS_FOLDER
from macros.model.paths import ANNOTATIONS_EXPORT, ANNOTATIONS_PAGE, annotation_url, chapter_url, figure_url
from macros.model.project import Edition, Project

SECTION_PREVIEW = 3  # a section shows its newest few; a chapter page stays light however many there are
LISTING_SLOT = '<div class="annotation-listing"></div>'  # where the annotations page lists them all


# Brackets inside brackets are square (GB/T 15834-2011, 4.9.3; English does the same).
_INNER_BRACKETS = str.maketrans({"（": "［", "）": "］", "(": "[", ")": "]"})


def inside_brackets(text: str) -> str:
    """Text shown inside a bracket: its own round brackets become square ones."""
    return text.translate(_INNER_BRACKETS)


def listing_slot() -> Markup:
    """A placeholder the plugin fills with the listing after Markdown has run (bodies never pass through it)."""
    return Markup(LISTING_SLOT)


_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s")


def lead(body_html: Markup) -> str:
    """An annotation's first sentence, as plain text: what a section shows of it before a click."""
    text = " ".join(lxml_html.fromstring(f"<div>{body_html}</div>").text_content().split())
    return _SENTENCE_END.split(text, maxsplit=1)[0].strip()


def annotation_html(ctx: PageContext, annotation: Annotation, *, at_home: bool = False,
                    headings: Mapping[str, str] | None = None) -> Markup:
    """One annotation: at home (the annotations page) with its id, its section and all its text; beside
    its section a copy showing its kind, author and first sentence (a fact-check: its claim and verdict),
    the rest one click away, whose ¶ leads home."""
    phrases = ctx.phrases.annotations
    identity = html('id="{}"' if at_home else 'id="note-{0}" data-annotation="{0}"', annotation.anchor)
    if annotation.quote and not at_home:  # site.js marks the words where the page shows them
        identity += html(' data-quote="{}"', annotation.quote)
    permalink = f"#{annotation.anchor}" if at_home else ctx.link(annotation_url(annotation.anchor))
    language, text = annotation.text_for(ctx.locale)
    if annotation.status == "withdrawn":
        return html(
            '<article class="annotation annotation--withdrawn" {identity}><p>{label}{colon}<span lang="{lang}">{reason}'
            '</span> <a class="annotation__permalink" href="{p}">¶</a></p></article>',
            identity=identity, p=permalink, label=phrases.withdrawn, colon=ctx.phrases.colon, lang=language,
            reason=text.withdrawn_reason)
    if annotation.author.team:
        author = html('{n} <small class="annotation__team">{t}</small>',
                      n=ctx.project.site.collective.name(ctx.locale), t=phrases.team)
    elif annotation.author.github:
        author = html('<a href="https://github.com/{h}" rel="nofollow noopener external">{n}</a>',
                      h=annotation.author.github, n=annotation.author.name)
    else:
        author = html("{}", annotation.author.name)
    parts = [
        html(
            '<header class="annotation__head"><b class="annotation__kind">{kind}</b> · {author} · '
            '<time datetime="{d}">{d}</time> · {lang} <a class="annotation__permalink" href="{p}">¶</a>'
            "</header>",
            kind=phrases.kinds[annotation.kind],
            author=author,
            d=annotation.date.isoformat(),
            lang=phrases.languages["en" if language == "en" else "zh"],
            p=permalink,
        )
    ]
    if at_home:
        section = next(s for s in ctx.project.article.sections if s.chapter == annotation.target.chapter)
        parts.append(
            html('<p class="annotation__target">{label}{colon}<a href="{href}">{title} § {sec}</a></p>',
                 colon=ctx.phrases.colon,
                 label=phrases.in_section,
                 href=ctx.link(f"{chapter_url(annotation.target.chapter)}#{annotation.target.section}"),
                 title=section.title(ctx.locale) if section.title else annotation.target.chapter,
                 sec=(headings or {}).get(annotation.target.section, annotation.target.section))
        )
    more: list[Markup] = []  # beside its section, what a click shows; at home, shown as it is
    if annotation.quote:  # the article's words, and where the repost has them (site.js adds where the page does)
        parts.append(
            html('<p class="annotation__quote">{}{}{}{}</p>',
                 phrases.quote, ctx.phrases.colon, quotation(annotation.quote), original_link(ctx, annotation.quote))
        )
    body = render_body(text.body)
    if annotation.kind == "fact-check":
        assert text.claim
        if annotation.checks:  # the article's own sum: the figures page's verdict, in its words and colours
            verdict = verdict_badge(ctx, ctx.project.figures[annotation.checks])
        else:
            assert annotation.verdict
            verdict = html('<mark class="annotation__verdict annotation__verdict--{key}">{words}</mark>',
                           key=annotation.verdict, words=phrases.verdicts[annotation.verdict])
        parts.append(
            html('<p class="annotation__claim">{cl}{colon}<span lang="{lang}">{claim}</span><br>{vl}{colon}'
                 '{verdict}</p>',
                 cl=phrases.claim, colon=ctx.phrases.colon, lang=language,
                 claim=text.claim, vl=phrases.verdict, verdict=verdict))
    elif not at_home:
        parts.append(html('<p class="annotation__lead" lang="{}">{}</p>', language, lead(body)))
    more.append(html('<div class="annotation__body" lang="{}">{}</div>', language, body))
    grounds = [html("{}", phrases.bases["article"])] if "article" in annotation.basis else []
    if "arithmetic" in annotation.basis:
        book, names = ctx.project.figures, ctx.project.article.proper_names
        used = escape(ctx.phrases.clause_join).join(
            html('<a href="{}">{}</a>{}<span class="fig__value">{}</span>',
                 ctx.link(figure_url(f)), inside_brackets(inline_label(book[f].spec.label(ctx.locale), names)),
                 ctx.phrases.colon, inside_brackets(display(ctx, book[f])))
            for f in annotation.figures)
        grounds.append(html("{}{}{}{}",
                            phrases.bases["arithmetic"], ctx.phrases.open_bracket, used, ctx.phrases.close_bracket))
    grounds += [
        html('<a href="{u}" rel="nofollow noopener external">{t}</a> ({al} {d})',
             u=s.url, t=s.title, al=phrases.accessed, d=s.accessed.isoformat())
        for s in annotation.sources
    ]
    more.append(
        html('<p class="annotation__sources">{label}{colon}{items}</p>',
             label=phrases.rests_on, colon=ctx.phrases.colon, items=escape(ctx.phrases.list_join).join(grounds))
    )
    if at_home:
        parts += more
    else:
        parts.append(html('<details class="annotation__more"><summary>{}</summary>{}</details>',
                          phrases.read_all, Markup("").join(more)))
    return html(
        '<article class="annotation annotation--{kind}" {identity} data-kind="{kind}" data-chapter="{ch}">'
        "{parts}</article>",
        kind=annotation.kind, identity=identity, ch=annotation.target.chapter, parts=Markup("").join(parts))


def suggest_url(ctx: PageContext, chapter: str, section: str, today: date, heading: str = "") -> str:
    """The repository's new-file form, pre-filled with a valid annotation for this section, its comments
    in the page's language and the section named by its heading."""
    name = f"{today.isoformat()}-{chapter}-{section}"
    value = scaffold(f"{chapter}-{section}-{today:%Y%m%d}", chapter, section, today, ctx.locale,
                     ctx.phrases.annotations.template, heading)
    query = urlencode({"filename": f"{name}.yml", "value": value})
    return f"{ctx.project.site.repository}/new/main/data/annotations?{query}"


def suggest_link(ctx: PageContext, chapter: str, section: str, today: date, heading: str = "") -> Markup:
    """A link to the new-file form for this section (suggest_url)."""
    href = suggest_url(ctx, chapter, section, today, heading)
    return html('<a class="annotation__suggest" href="{}" rel="nofollow noopener external">{}</a>',
                href, ctx.phrases.annotations.suggest)


def newest_first(annotations: list[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (a.date, a.id), reverse=True)


def issue_url(ctx: PageContext, chapter: str, section: str) -> str:
    """The repository's issue form for suggesting an annotation (.github/ISSUE_TEMPLATE/annotation.yml),
    its section filled in."""
    where = f"{chapter}#{section}"
    query = urlencode({"template": "annotation.yml", "title": f"注释 · Annotation: {where}", "section": where})
    return f"{ctx.project.site.repository}/issues/new?{query}"


def section_html(ctx: PageContext, chapter: str, section: str, *, annotations: list[Annotation], today: date,
                 heading: str = "") -> Markup:
    """Beside a section (in the margin on a wide screen, after its text otherwise: site.js, figures.css):
    its newest annotations, a link to all of them when there are more, and how to suggest one."""
    mine = newest_first([a for a in annotations if a.target.chapter == chapter and a.target.section == section])
    # Withdrawn ones keep their notice at their permalink on the annotations page, not here: the count
    # and what the section shows are the same annotations.
    published = [a for a in mine if a.status == "published"]
    phrases = ctx.phrases.annotations
    head = Markup("")
    if published:
        head = html('<b class="annotation-section__count">{}</b> ',
                    fill(phrases.count_one if len(published) == 1 else phrases.count, n=str(len(published))))
    suggest = html('{head}<span class="annotation-section__suggest">{link} · <a href="{issue}" '
                   'rel="nofollow noopener external">{words}</a></span>',
                   head=head, link=suggest_link(ctx, chapter, section, today, heading),
                   issue=issue_url(ctx, chapter, section), words=phrases.issue)
    more = Markup("")
    if len(published) > SECTION_PREVIEW:
        more = html('<p class="annotations__more"><a href="{}">{}</a></p>',
                    ctx.link(ANNOTATIONS_PAGE), phrases.more)
    return html(
        '<aside class="annotation-section{empty}" data-section="{s}" data-count="{n}" aria-label="{label}" '
        'data-in-text="{in_text}"><p class="annotation-section__head">{suggest}</p>{items}{more}</aside>',
        empty="" if published else " annotation-section--empty", s=section, n=len(published),
        label=phrases.aside, suggest=suggest, more=more, in_text=phrases.in_text,
        items=Markup("").join(annotation_html(ctx, a) for a in published[:SECTION_PREVIEW]))


def filter_button(ctx: PageContext, field: str, value: str, label: str, count: int) -> Markup:
    """A filter by kind or chapter, with how many it shows (site.js keeps the counts to the other filter's
    choice, disables a choice that shows none, and keeps the choices in the address)."""
    return html(
        '<button type="button" class="annotation-filter" data-filter-{k}="{v}" aria-pressed="{p}"{d}>'
        '{l}{o}<span class="annotation-filter__count">{n}</span>{c}</button>',
        k=field, v=value, l=label, n=count, o=ctx.phrases.open_bracket, c=ctx.phrases.close_bracket,
        p="true" if not value else "false", d=Markup(" disabled") if not count else "")


def chapter_filter_html(ctx: PageContext, chapter: str, annotations: list[Annotation]) -> Markup:
    """Under a chapter's title: its annotations shown by kind (only when it has some of two kinds or more)."""
    mine = [a for a in annotations if a.target.chapter == chapter and a.status == "published"]
    present = [k for k in ctx.phrases.annotations.kinds if any(a.kind == k for a in mine)]
    if len(present) < 2:
        return Markup("")
    phrases = ctx.phrases.annotations
    buttons = [filter_button(ctx, "kind", "", phrases.all, len(mine))] + [
        filter_button(ctx, "kind", k, phrases.kinds[k], sum(a.kind == k for a in mine)) for k in present]
    return html('<div class="annotation-filters annotation-filters--chapter" role="group" '
                'aria-labelledby="filter-kind"><span class="annotation-filters__label" id="filter-kind">{}</span>'
                '{}</div>', phrases.filter_intro, Markup("").join(buttons))


def listing_html(ctx: PageContext, annotations: list[Annotation], *, today: date,
                 headings: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None) -> Markup:
    """The annotations page: filters by kind and by chapter with counts, then every annotation."""
    phrases = ctx.phrases.annotations
    repository = ctx.project.site.repository
    if not annotations:  # an invitation: what an annotation is, an example, how to add one
        chapter = next(s.chapter for s in ctx.project.article.sections if s.chapter)
        titles = dict((headings or {}).get(chapter or "", {}).get(ctx.locale, {}))
        sections = list(titles)
        # The repository's new-file form, filled in for the first section (the file says how to retarget it);
        # without a known section, the first chapter, whose every section has its own "suggest" link.
        start = (suggest_url(ctx, chapter or "", sections[0], today, titles[sections[0]]) if sections
                 else ctx.link(chapter_url(chapter or "")))
        return html(
            '<div class="annotations-empty"><p><b>{empty}</b></p><p>{what}</p>'
            '<p><a class="md-button md-button--primary" href="{start}" rel="nofollow noopener external">{add}</a> '
            '<a class="md-button" href="{guide_url}" rel="noopener external">{guide}</a></p></div>',
            empty=phrases.empty, what=phrases.empty_what, add=phrases.add_one, guide=phrases.guide,
            start=start, guide_url=f"{repository}/blob/main/CONTRIBUTING.md")
    published = [a for a in annotations if a.status == "published"]

    kinds = [filter_button(ctx, "kind", "", phrases.all, len(published))] + [
        filter_button(ctx, "kind", k, label, sum(a.kind == k for a in published))
        for k, label in phrases.kinds.items()
    ]
    chapters = [filter_button(ctx, "chapter", "", phrases.all, len(published))] + [
        filter_button(ctx, "chapter", s.chapter, s.title(ctx.locale),
                      sum(a.target.chapter == s.chapter for a in published))
        for s in ctx.project.article.sections
        if s.chapter and s.title
    ]
    return html(
        '<p class="annotation-filters__intro">{intro}</p>'
        '<div class="annotation-filters" role="group" aria-labelledby="filter-kind">'
        '<span class="annotation-filters__label" id="filter-kind">{kind_label}{colon}</span>{k}</div>'
        '<div class="annotation-filters" role="group" aria-labelledby="filter-chapter">'
        '<span class="annotation-filters__label" id="filter-chapter">{chapter_label}{colon}</span>{c}</div>'
        '<div class="annotation-list">{items}</div>',
        intro=phrases.filters_intro, kind_label=phrases.filter_kind, chapter_label=phrases.filter_chapter,
        colon=ctx.phrases.colon,
        k=Markup("").join(kinds),
        c=Markup("").join(chapters),
        items=Markup("").join(annotation_html(ctx, a, at_home=True, headings=(headings or {}).get(
            a.target.chapter, {}).get(ctx.locale)) for a in newest_first(annotations)),
    )


def with_listing(page_html: str, listing: Markup) -> str:
    return page_html.replace(LISTING_SLOT, str(listing), 1)


def created_at(project: Project, annotations: Loaded, annotation: Annotation) -> datetime:
    """When an annotation was added: the author time of the commit that added its file; before it is
    committed, the day it gives (at the day's start, UTC)."""
    file = annotations.files.get(annotation.id)
    name = in_repository(project.root, file) if file is not None else None
    if name is not None:
        at = added_at(resolved_root(project.root), ANNOTATIONS_FOLDER).get(name)
        if at is not None:
            return at
    return datetime.combine(annotation.date, time(0), timezone.utc)


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def export(edition: Edition, annotations: Loaded, pages: dict[str, datetime]) -> str:
    """All annotations as a W3C Web Annotation collection (JSON-LD), which passes the W3C test suite's MUST
    and SHOULD assertions (tests/builds/test_annotations_built.py). `pages`: each chapter's last change."""
    site = edition.project.site
    collective = site.collective.name(edition.locale)
    owner, name = site.repository.rstrip("/").split("/")[-2:]
    terms = ExportTerms(
        team={"id": site.base_url, "type": "Organization", "name": collective, "nickname": owner},
        generator={"id": site.repository, "type": "Software", "name": site.title(edition.locale), "nickname": name},
        article_url=edition.project.article.repost.url, locale=edition.locale)
    url = versioned_url(edition, ANNOTATIONS_EXPORT)

    def page(chapter: str) -> dict[str, Any]:
        """A chapter as the resource a target's selector applies to: the page, described."""
        changed = pages.get(chapter)
        return {"id": versioned_url(edition, chapter_url(chapter)), "type": "Text", "format": "text/html",
                "language": edition.locale, "creator": terms.team,
                **({"created": _iso(changed)} if changed else {})}

    items = [web_annotation(a, terms, versioned_url(edition, ANNOTATIONS_PAGE, a.anchor),
                            page(a.target.chapter), _iso(created_at(edition.project, annotations, a)))
             for a in annotations]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": url,
        "type": "AnnotationCollection",
        "label": site.title(edition.locale),
        "total": len(items),
        "first": f"{url}#page-1",
        "last": f"{url}#page-1",
    }
    # The page names the collection it is part of by its description (W3C model 5.2, example 47).
    part_of = {key: collection[key] for key in ("id", "label", "total")}
    first = {"id": f"{url}#page-1", "type": "AnnotationPage", "partOf": part_of, "startIndex": 0}
    return _one_item_per_line({**collection, "first": first}, items)


_ITEMS_MARK = "\ue003"  # a private-use character: in no site title or address, which are all the frame holds


def _one_item_per_line(frame: dict[str, Any], items: list[dict[str, Any]]) -> str:
    """`frame` with `items` as its page's list, indented, each annotation on one line of its own: a person still
    reads it an annotation at a time, and json's C encoder writes it (indenting everything takes the
    pure-Python encoder: 90 ms an edition at 1,000 annotations)."""
    text = json.dumps({**frame, "first": {**frame["first"], "items": _ITEMS_MARK}}, ensure_ascii=False, indent=2)
    placeholder = json.dumps(_ITEMS_MARK, ensure_ascii=False)
    if text.count(placeholder) != 1:
        raise ValueError(f"the export's frame holds {_ITEMS_MARK!r} itself: choose another mark")
    lines = ",\n".join(f"      {_on_one_line(json.dumps(item, ensure_ascii=False))}" for item in items)
    return text.replace(placeholder, f"[\n{lines}\n    ]" if items else "[]") + "\n"


def _on_one_line(encoded: str) -> str:
    """JSON as json writes it, with the line breaks it leaves raw (NEL, LS, PS), where editors break lines,
    as escapes: json writes them only inside strings, where an escape means the same."""
    return encoded.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
