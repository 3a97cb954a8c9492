"""Page helpers: the HTML each macro puts into a page. Every text is escaped; nothing is templated."""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field
from itertools import count
from typing import Callable, Iterator

from markupsafe import Markup, escape

from macros.rendering.markup import html
from macros.rendering import citepage
from macros.citing import figurecite
from macros.words import figureview
from macros.text.cjk import nested_quotes
from macros.model.errors import closest
from macros.rendering.deferred import Deferred
from macros.model.figures import Evaluated
from macros.model.intervals import Verdict
from macros.model.paths import (
    FIGURE_DOWNLOADS, FIGURES_PAGE, chapter_url, figure_anchor, figure_cite_anchor, figure_cite_url, figure_url,
    pdf_download, relative_url)
from macros.citing.citations import versioned_url
from macros.words.formatting import fill
from macros.model.project import Edition, Project
from macros.model.usage import Use
from macros.model.schema import ClaimFigure, LocalePhrases, PersonName, Section


class PageError(Exception):
    """A page asks for something the data does not have."""


MAX_ARGUMENT_CHARS = 200  # ids and quotations are short; anything longer is a mistake


def text_arguments(name: str, function: Callable[..., Markup]) -> Callable[..., Markup]:
    """A macro that takes only short text arguments, refusing anything else with a message (fig(10**9))."""

    def checked(*args: object, **kwargs: object) -> Markup:
        for value in (*args, *kwargs.values()):
            if not isinstance(value, str):
                raise PageError(f"{name}() takes text (an id, or a quotation in quotes), "
                                f"not {type(value).__name__} {str(value)[:40]!r}")
            if len(value) > MAX_ARGUMENT_CHARS:
                raise PageError(f"{name}() got {len(value):,} characters ('{value[:40]}…'); "
                                f"ids and quotations are at most {MAX_ARGUMENT_CHARS}")
        return function(*args, **kwargs)

    return checked


@dataclass
class PageContext:
    """What the macros know about the page being rendered."""

    project: Project
    src_path: str
    url: str
    locale: str
    section: str | None = None
    # Popovers go in after Markdown has rendered the page (macros/rendering/deferred.py);
    # None: in place (unit tests, and anything rendered outside a page).
    deferred: Deferred | None = None
    build_day: date = field(default_factory=date.today)  # the access date shown until site.js writes the reader's
    figures_updated: date | None = None  # the figures page's last change, as a figure's citation dates it
    _popovers: Iterator[int] = field(default_factory=lambda: count(1))

    def defer(self, html: Markup) -> Markup:
        return self.deferred.put(html) if self.deferred is not None else html

    @property
    def edition(self) -> Edition:
        return Edition(self.project, self.locale)

    @property
    def phrases(self) -> LocalePhrases:
        return self.edition.phrases

    def link(self, to: str) -> str:
        """Link to a page of this page's language, given its path in the default language."""
        return relative_url(self.url, self.edition.root + to)

    def figure(self, figure_id: str) -> Evaluated:
        book = self.project.figures
        if figure_id not in book:
            raise PageError(
                f"page '{self.src_path}': unknown figure id '{figure_id}' "
                f"(closest known ids: {closest(figure_id, book.ids)})"
            )
        return book[figure_id]

    @property
    def figures_date(self) -> date:
        return self.figures_updated or self.build_day

    def next_popover_id(self, figure_id: str) -> str:
        return f"pop-{figure_id}-{next(self._popovers)}"


# --- figures -----------------------------------------------------------------------------


def display(ctx: PageContext, fig: Evaluated) -> str:
    """A figure's value in words, as the page's language writes it."""
    return figureview.display(ctx.edition, fig)


def figure_view(ctx: PageContext, fig: Evaluated) -> figureview.FigureView:
    return figureview.view(ctx.edition, fig)


def _source_link(ctx: PageContext, section_id: str) -> Markup:
    """The chapter that reads the section the words are in: a link, unless it is this very page."""
    slug = ctx.project.chapter_of(section_id)
    section = next(s for s in ctx.project.article.sections if s.id == section_id)
    if slug is None or section.title is None:
        return escape(section_id)
    href = ctx.link(chapter_url(slug))
    if href == "./":  # a link to the page the reader is on would only reload it at the top
        return escape(section.title(ctx.locale))
    return html('<a href="{}">{}</a>', href, section.title(ctx.locale))


# A popover's rows are <small>: inside the figure's <span>, a row of block-looking spans would nest.
def _row(label: str, value: Markup | str) -> Markup:
    return html('<small class="fig-pop__row"><b class="fig-pop__key">{}</b> {}</small>', label, value)


def popover_rows(ctx: PageContext, view: figureview.FigureView) -> list[Markup]:
    labels = ctx.phrases.labels
    rows: list[Markup] = []
    if view.statements:
        first = view.statements[0]
        rows.append(_row(labels.wording, html("{} · {}", quotation(first.wording),
                                              _source_link(ctx, first.section))))
    if view.precision:
        rows.append(_row(labels.precision, view.precision))
    if view.reading:
        rows.append(_row(labels.reading, view.reading))
    if view.formula:
        rows.append(_row(labels.formula, view.formula))
        rows.append(_row(labels.inputs, _inputs(ctx, view, linked=False)))
    if view.note:
        rows.append(_row("", view.note))
    rows.extend(_row(labels.constraint, sentence) for sentence in view.constraint_sentences)
    if view.stated and (view.word_figure or view.constraints):
        rows.append(_row(labels.values, html("<code>{}</code>", view.values)))
    if view.verdict:
        rows.append(_row(labels.computed, view.computed or ""))
        rows.append(_row(labels.verdict, verdict_mark(ctx, view.verdict)))
    return rows


def _inputs(ctx: PageContext, view: figureview.FigureView, *, linked: bool) -> Markup:
    """The figures a formula uses, each with its value (on the figures page, linked to its card)."""
    def name(named: figureview.Named) -> Markup:
        return (html('<a href="#{}">{}</a>', figure_anchor(named.id), named.label) if linked
                else escape(named.label))

    return escape(ctx.phrases.clause_join).join(
        html("{} {}", name(named), named.display) for named in view.input_figures)


def inline_label(label: str, names: list[str]) -> str:
    """A label as it stands inside a sentence or a list: its first letter lower-cased, unless it begins with a
    name (`names`: the article's, data/article.yml) or an abbreviation ("Lucky draws…" → "lucky draws…",
    "Yuanbao daily…" and "AI creations" stay)."""
    first = re.split(r"[\s'’]", label, maxsplit=1)[0]
    if not label[:1].isupper() or first.isupper() or first in names:
        return label
    return label[0].lower() + label[1:]


def figure_html(ctx: PageContext, figure_id: str) -> Markup:
    """The figure's value, focusable, with a popover saying where it comes from."""
    fig = ctx.figure(figure_id)
    pop_id = ctx.next_popover_id(figure_id)
    entry = ctx.link(figure_url(figure_id))
    # The popover's links and its copy button take Tab while it is open (it opens on the figure's focus),
    # Esc returns to the figure (site.js); Enter on the figure follows its entry on the figures page.
    view = figure_view(ctx, fig)
    cite = ctx.phrases.cite
    original = html(' · <a href="{}" rel="external">{}</a>', view.original_url, ctx.phrases.labels.original)
    details = html('<a href="{}">{}</a> · <a href="{}">{}</a>{}'
                   '<button type="button" class="fig-pop__copy" data-copy="{}" data-copied="{}">{}'
                   '</button>',
                   entry, ctx.phrases.labels.details, ctx.link(figure_cite_url(figure_id)), cite.figure, original,
                   figurecite.with_citation(ctx.edition, view, ctx.figures_date), cite.figure_copied,
                   cite.figure_copy)
    return html(
        '<span class="fig fig--{kind}" data-fig="{id}" data-interval="{interval}" data-entry="{entry}" '
        'tabindex="0" aria-describedby="{pop}"><span class="fig__value">{value}</span>{popover}</span>',
        popover=ctx.defer(html(
            '<span class="fig-pop" id="{pop}" role="tooltip" data-search-exclude>'
            '<b class="fig-pop__title">{label}<small class="fig-pop__value">{value}</small></b>{rows}'
            '<small class="fig-pop__row fig-pop__more">{details}</small></span>',
            pop=pop_id, label=view.label, value=view.display,
            rows=Markup("").join(popover_rows(ctx, view)), details=details)),
        entry=entry,
        kind=view.kind,
        id=figure_id,
        interval=view.interval,
        pop=pop_id,
        value=view.display,
    )


def original_link(ctx: PageContext, wording: str) -> Markup:
    """" · 原文", leading to the words in the repost."""
    return html(' · <a href="{}" rel="external">{}</a>', figureview.original_url(ctx.project, wording),
                ctx.phrases.labels.original)


def verdict_mark(ctx: PageContext, verdict: Verdict) -> Markup:
    return html('<mark class="verdict verdict--{v}">{text}</mark>', v=verdict, text=ctx.phrases.verdicts[verdict])


def verdict_badge(ctx: PageContext, fig: Evaluated) -> Markup:
    assert fig.verdict is not None
    return verdict_mark(ctx, fig.verdict)


def verdict_html(ctx: PageContext, figure_id: str) -> Markup:
    """Only the verdict on one of the article's own sums (where a sentence already names the sum)."""
    fig = ctx.figure(figure_id)
    if not isinstance(fig.spec, ClaimFigure):
        raise PageError(
            f"page '{ctx.src_path}': verdict('{figure_id}') needs a claim, but '{figure_id}' is a {fig.kind} figure"
        )
    return html('<span class="check" data-check="{}">{}</span>', figure_id, verdict_badge(ctx, fig))


def check_html(ctx: PageContext, figure_id: str) -> Markup:
    """The verdict on one of the article's own sums, with what the inputs allow."""
    fig = ctx.figure(figure_id)
    if not isinstance(fig.spec, ClaimFigure):
        raise PageError(
            f"page '{ctx.src_path}': check('{figure_id}') needs a claim, but '{figure_id}' is a {fig.kind} figure"
        )
    sentence = escape(ctx.phrases.check_sentence)
    for slot, value in (
        ("{claimed}", figure_html(ctx, figure_id)),
        ("{computed}", escape(figure_view(ctx, fig).computed or "")),
        ("{verdict}", verdict_badge(ctx, fig)),
    ):
        sentence = Markup(sentence.replace(slot, value))
    return html('<span class="check" data-check="{}">{}</span>', figure_id, sentence)


# --- quotations and the article ----------------------------------------------------------


def quotation(text: str) -> Markup:
    """The article's words in its own quotation marks, written into the text (not drawn by CSS `quotes`,
    which a copy leaves behind): “…”, the article's own double quotes inside made single (GB/T 15834; the
    same marks on an English page, as English nests them)."""
    return html('<span class="article-quote" lang="zh-Hans">“{}”</span>', nested_quotes(text))


def quote_html(ctx: PageContext, text: str, section: str | None = None) -> Markup:
    """A short quotation of the article, checked to be verbatim in its section."""
    section = section or ctx.section
    if section is None:
        raise PageError(
            f"page '{ctx.src_path}': q('{text}') needs a section: "
            "give one, or set `section:` in the page's front matter"
        )
    problem = ctx.project.fingerprint.check(text, section)
    if problem:
        raise PageError(f"page '{ctx.src_path}': {problem}")
    return quotation(text)


def article_title_html(ctx: PageContext) -> Markup:
    """The article's title as published, in its title marks 《》 (in the text, so they are copied with it);
    on an English page with our translation after it."""
    title = html('<span lang="zh-Hans">《<cite>{}</cite>》</span>', ctx.project.article.title)
    if ctx.locale == "zh":
        return title
    return title + _gloss(ctx.project.article.romanised.title_translation)


def repost_link_html(ctx: PageContext) -> Markup:
    """The repost's address, written out, breakable only after a slash (a phone's line is shorter)."""
    url = ctx.project.article.repost.url
    scheme, _, rest = url.partition("//")
    shown = html("{}//{}", scheme, Markup("/<wbr>").join(rest.split("/")))
    return html('<a href="{url}" rel="external">{shown}</a>', url=url, shown=shown)


def article_heading_html(ctx: PageContext) -> Markup:
    """The heading the article gives the current section, quoted (the opening has none)."""
    section = next((s for s in ctx.project.article.sections if s.id == ctx.section), None)
    if section is None:
        raise PageError(f"page '{ctx.src_path}': article_heading() needs `section:` in the front matter")
    return heading_html(ctx, section)


def heading_html(ctx: PageContext, section: Section) -> Markup:
    """The article's own subheading of a section, quoted; on an English page with our gloss after it."""
    if section.heading is None:
        return Markup("")
    if ctx.locale == "zh" or not section.heading_translation:
        return quotation(section.heading)
    return quotation(section.heading) + _gloss(section.heading_translation)


def byline_html(ctx: PageContext, updated: date) -> Markup:
    """Under a chapter's title: what was read (the article, its author and editor, where it is) and when
    this page last changed, in this version."""
    article = ctx.project.article
    english = ctx.locale == "en"

    def named(chinese: str, name: PersonName) -> str:  # in English, romanised, family name first (CMOS 8.15)
        return f"{name.family} {name.given} ({chinese})" if english else chinese

    author, editor = named(article.author, article.romanised.author), named(article.editor, article.romanised.editor)
    repost = html('<a href="{}" rel="external">{}</a>', article.repost.url, article.repost.site)
    # The phrase is plain text (data/phrases.yml holds no markup): escaped, then filled with HTML.
    text = fill(str(escape(ctx.phrases.labels.byline)), title=str(article_title_html(ctx)),
                outlet=str(escape(article.outlet)), author=str(escape(author)), editor=str(escape(editor)),
                repost=str(repost), version=str(escape(ctx.project.site.version)), date=updated.isoformat())
    return html('<p class="page-byline">{}</p>', Markup(text))


def updated_html(ctx: PageContext, updated: date) -> Markup:
    """At the foot of any other page: when it last changed, in this version."""
    return html('<p class="page-updated">{}</p>', Markup(fill(
        str(escape(ctx.phrases.labels.page_updated)), date=updated.isoformat(),
        version=str(escape(ctx.project.site.version)))))


def _gloss(translation: str) -> Markup:
    """Our English translation of the article's words, after them, in quotation marks of its own."""
    return html(' <span class="heading-gloss">(“{}”)</span>', nested_quotes(translation))


def chapter_map_html(ctx: PageContext) -> Markup:
    items = [
        html('<li><a href="{}">{}</a>{}</li>',
             ctx.link(chapter_url(s.chapter)),
             s.title(ctx.locale),
             escape(ctx.phrases.dash) + (heading_html(ctx, s) if s.heading else
                                         html('<span class="chapter-map__note">{}</span>',
                                              ctx.phrases.labels.no_subheading)))
        for s in ctx.project.article.sections
        if s.chapter and s.title
    ]
    return html('<ol class="chapter-map">{}</ol>', Markup("").join(items))


# --- the figures page --------------------------------------------------------------------


def _uses_html(ctx: PageContext, usage: dict[str, list[Use]], figure_id: str) -> Markup | str:
    """The pages of this edition that show a figure, linked; or the word for none."""
    uses = [use for use in usage.get(figure_id, []) if use.locale == ctx.locale]
    return escape(ctx.phrases.list_join).join(
        html('<a href="{}">{}</a>', ctx.link(use.url), use.title) for use in uses) or ctx.phrases.labels.unused


def figures_overview_html(ctx: PageContext, usage: dict[str, list[Use]]) -> Markup:
    """One compact table of every figure: its value as worded, its bound, its verdict and where it is
    used; each row leads to its card below. On a phone a row is its name, its value and a verdict if it
    has one; the rest (overview__more) is on the card its name leads to."""
    labels = ctx.phrases.labels
    rows = []
    for fig in ctx.project.figures.figures.values():
        view = figure_view(ctx, fig)
        bound = ctx.phrases.relations[view.relation] if view.relation else labels.kind_derived
        rows.append(html(
            '<tr data-fig="{id}"><td class="overview__name"><a href="#{anchor}">{label}</a></td>'
            '<td class="overview__value">{value} <a class="figure-cite-link" href="#{cite_anchor}">{cite}</a></td>'
            '<td class="overview__more">{bound}</td><td class="overview__verdict{none}">{verdict}</td>'
            '<td class="overview__more">{uses}</td></tr>',
            id=fig.id, anchor=figure_anchor(fig.id), label=fig.spec.label(ctx.locale),
            value=whole_value(view.display), cite_anchor=figure_cite_anchor(fig.id), cite=ctx.phrases.cite.control,
            bound=bound, verdict=verdict_badge(ctx, fig) if view.verdict else "—",
            none="" if view.verdict else " overview__more", uses=_uses_html(ctx, usage, fig.id)))
    head = Markup("").join(html('<th scope="col">{}</th>', name) for name in (
        labels.figure, labels.value, labels.relation, labels.verdict, labels.used_in))
    return html('<div class="figures-overview"><table><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                '<tbody>{rows}</tbody></table></div>', caption=labels.overview, head=head, rows=Markup("").join(rows))


def whole_value(display_text: str) -> Markup:
    """A short value kept on one line ("over 50 million", not "over 50 / million"); a long one may wrap."""
    short = " figure-value--short" if len(display_text) <= 24 else ""
    return html('<span class="figure-value{}">{}</span>', short, display_text)


def figures_catalogue_html(ctx: PageContext, usage: dict[str, list[Use]], kind: str) -> Markup:
    """Every figure of one kind, with wording, relation, formula, inputs, verdict and where it is used."""
    if kind not in ("stated", "derived", "claim"):
        raise PageError(f"page '{ctx.src_path}': figures_catalogue('{kind}'): kind must be stated, derived or claim")
    labels = ctx.phrases.labels
    book = ctx.project.figures
    cards = []
    for fig in (f for f in book.figures.values() if f.kind == kind):
        view = figure_view(ctx, fig)
        rows = [_dl_row(labels.value, view.display)]
        if view.relation:
            rows.append(_dl_row(labels.relation, ctx.phrases.relations[view.relation]))
        if view.stated:
            rows.append(_dl_row(labels.counts, view.counts or ""))
            rows.append(_dl_row(labels.period, view.period or labels.period_unknown))
        if view.statements:
            rows.append(_dl_row(labels.wording, Markup("<br>").join(
                html("{} · {}", quotation(s.wording), _source_link(ctx, s.section)) for s in view.statements)))
        if view.precision:
            rows.append(_dl_row(labels.precision, view.precision))
        if view.reading:
            rows.append(_dl_row(labels.reading, view.reading))
        if view.formula:
            rows.append(_dl_row(labels.formula, html("{}<br><code>{}</code>", view.formula, view.formula_ids)))
            rows.append(_dl_row(labels.inputs, _inputs(ctx, view, linked=True)))
        if view.note:
            rows.append(_dl_row("", view.note))
        rows.extend(_dl_row(labels.constraint, sentence) for sentence in view.constraint_sentences)
        if view.verdict:
            rows.append(_dl_row(labels.computed, view.computed or ""))
            rows.append(_dl_row(labels.verdict, verdict_badge(ctx, fig)))
        rows.append(_dl_row(labels.values, html("<code>{}</code>", view.values)))
        rows.append(_dl_row(labels.figure_id, html("<code>{}</code>", fig.id)))
        rows.append(_dl_row(labels.used_in, _uses_html(ctx, usage, fig.id)))
        cards.append(
            html(
                # Collapsed: the overview above gives every value; a card opens on a click, or when a link
                # leads to it (the browser opens a <details> its target is in; site.js does too).
                '<details class="figure-card figure-card--{kind}" data-fig="{id}" data-interval="{interval}">'
                '<summary><h3 id="{anchor}">{label}</h3> <span class="figure-card__value">{value}</span></summary>'
                '<dl data-search-exclude>{rows}</dl>{cite}</details>',
                cite=ctx.defer(citepage.figure_panel(ctx.edition, view, ctx.figures_date, ctx.build_day,
                                                      ctx.link)),
                value=view.display,
                kind=kind,
                anchor=figure_anchor(fig.id),
                interval=view.interval,
                label=view.label,
                id=fig.id,
                rows=Markup("").join(rows),
            )
        )
    return Markup("").join(cards)


def _dl_row(term: str, value: Markup | str) -> Markup:
    return html("<dt>{}</dt><dd>{}</dd>", term, value)


def constraints_html(ctx: PageContext) -> Markup:
    """Every constraint between figures, with its reason and the figures it narrows."""
    book = ctx.project.figures
    items = []
    for constraint in book.file.constraints:
        narrowed = [f for f in book.figures.values() if constraint in f.constraints]
        links = escape(ctx.phrases.list_join).join(
            html('<a href="#{}">{}</a>', figure_anchor(f.id), f.spec.label(ctx.locale)) for f in narrowed)
        sentence = figureview.constraint_sentence(ctx.edition, constraint)
        items.append(html("<li>{}<br>{}{}{}</li>", sentence, ctx.phrases.labels.narrows, ctx.phrases.colon, links))
    return html('<ul class="constraints">{}</ul>', Markup("").join(items))


def not_figures_html(ctx: PageContext) -> Markup:
    items = [
        html("<li>{} · {}{}{}</li>", quotation(e.wording), _source_link(ctx, e.section), ctx.phrases.colon,
             e.why(ctx.locale))
        for e in ctx.project.figures.file.not_figures
    ]
    return html('<ul class="not-figures">{}</ul>', Markup("").join(items))


def downloads_html(ctx: PageContext) -> Markup:
    """The figures as JSON and CSV, and what each CSV column means."""
    names = {"json": "JSON", "csv": "CSV", "columns": ctx.phrases.labels.columns_file}
    return html('<p class="downloads">{label}{colon}{links}</p>',
                colon=ctx.phrases.colon,
                label=ctx.phrases.labels.download,
                links=Markup(" · ").join(
                    html('<a href="{}" download>{}</a>', ctx.link(path), names[kind])
                    for kind, path in FIGURE_DOWNLOADS.items()))


def feed_link_html(ctx: PageContext, url: str) -> Markup:
    """The edition's feed, where readers subscribe (the copy each release keeps current)."""
    return html('<p class="feed-link">{label}{colon}<a href="{url}" type="application/atom+xml"><code>{url}</code>'
                '</a></p>', url=url, label=ctx.phrases.changes.feed, colon=ctx.phrases.colon)


def paper_note_html(ctx: PageContext) -> Markup:
    """Printed only, where a page explains its popovers: where paper finds what they show."""
    url = versioned_url(ctx.edition, FIGURES_PAGE)
    return html('<p class="print-only" data-search-exclude>{}</p>', fill(ctx.phrases.labels.on_paper, url=url))


def pdf_link_html(ctx: PageContext) -> Markup:
    """The edition's PDF of the whole reading (printed after the build: `make pdf`, a release)."""
    return html('<p class="pdf-link"><a class="md-button" href="{href}" download>{label}</a> {about}</p>',
                href=ctx.link(pdf_download(ctx.project.site.key, ctx.locale)), label=ctx.phrases.labels.pdf,
                about=ctx.phrases.labels.pdf_about)
