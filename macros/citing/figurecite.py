"""Citing one number: the figure as the article words it, the article as its source, this site's
figures page as where it was read.

The figures page is one item, and a figure is a locator in it, as a section is in a chapter: its entry
on the page (#fig-<id>, in the anchor ledger) is the place a citation points to, never an item of its own.

A figure the article states (or sums up itself) is a secondary citation, in each style's own form
(citations.STYLES, `secondary`): for GB/T 7714-2015, the common practice of Chinese references (the
standard itself has no rule for it): the original's entry followed by "转引自" and the page it was read
in; APA 7 (8.6) lists the page read in and cites the original "as cited in" it, with no year for an
original whose year is unknown; Chicago (CMOS 17, 14.260) gives the original "quoted in" the page. The
original carries no access date there: the reader did not consult it. A figure this site derived has no
other source than our page: it is cited as the page with the figure as locator.

The machine formats (BibTeX, RIS, CSL-JSON) hold what the strings say: the figures page (by the
collective, dated by its last change, at its versioned address without a fragment) and, for a figure
of the article's, the original as a second item. The figure's id, value and wording go in the figures
page's note (CSL `note`, which Zotero keeps in Extra; RIS `N1` and BibTeX `annote`, which it keeps as a
note). A note is kept but printed by no style, and that is the point: a field a style prints would make
every number a reference entry of its own, 31 entries for one page; a number is cited in the text, with
its locator, which the panel's "number with its source" and in-text forms give.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from macros.citing import citations
from macros.citing.citations import ACCESSED_TODAY, Cited, Formatted, Locator
from macros.text.cjk import nested_quotes
from macros.words.figureview import FigureView, display
from macros.words.formatting import fill
from macros.model.paths import FIGURES_PAGE, figure_anchor
from macros.model.project import Edition, remembered


def figures_page(edition: Edition, updated: date) -> Cited:
    """The figures page as an item (`updated`: its last change)."""
    return Cited(edition.locale, FIGURES_PAGE, edition.phrases.cite.figures_page, updated)


def figures_page_item(edition: Edition, updated: date, accessed: dict[str, Any] | None = None,
                      note: str | None = None) -> dict[str, Any]:
    """The figures page's CSL item; `note`, a figure's record in it (the machine formats of one figure)."""
    item = citations.page_item(edition.project, figures_page(edition, updated), accessed)
    return {**item, "note": note} if note else item


def figure_locator(edition: Edition, view: FigureView) -> Locator:
    """The figure's entry on the figures page: its name and its address."""
    return Locator(view.label, citations.versioned_url(edition, FIGURES_PAGE, figure_anchor(view.id)))


def from_article(view: FigureView) -> bool:
    """Whether the article gives the figure (stated, or its own sum): then it is cited as the source."""
    return bool(view.statements)


def note(edition: Edition, view: FigureView) -> str:
    """What the machine formats say of the figure: its label, id and value, then the article's words and
    where the site checked them, or the formula and inputs it was derived by."""
    words = edition.phrases.cite
    url = figure_locator(edition, view).url
    if from_article(view):
        return fill(words.figure_note, label=view.label, id=view.id, value=view.display,
                    wording=nested_quotes(view.statements[0].wording), url=url,
                    collective=edition.project.site.collective.name(edition.locale))
    book, phrases = edition.project.figures, edition.phrases
    inputs = phrases.clause_join.join(
        f"{book[ref].spec.label(edition.locale)}{phrases.colon}{display(edition, book[ref])}" for ref in view.inputs)
    assert view.formula is not None and view.formula_ids is not None
    return fill(words.derived_note, label=view.label, id=view.id, value=view.display, formula=view.formula,
                formula_ids=view.formula_ids, inputs=inputs, reading=citations.reading_of(edition),
                collective=edition.project.site.collective.name(edition.locale))


def records(edition: Edition, view: FigureView, updated: date) -> list[dict[str, Any]]:
    """The CSL items one figure's citation holds: our figures page with the figure in its note, then the
    original (for a figure the article gives); no access date."""
    ours = figures_page_item(edition, updated, note=note(edition, view))
    return [ours, citations.original_item(edition)] if from_article(view) else [ours]


def with_citation(edition: Edition, view: FigureView, updated: date) -> str:
    """The number with its citation, to paste into a text: "1.14亿（陈颐，转引自…，2026）"."""
    words = edition.phrases.cite
    article = edition.project.article
    site = edition.project.site
    author = article.author if edition.locale == site.default_language else article.romanised.author.family
    template = words.figure_in_text if from_article(view) else words.derived_in_text
    return fill(template, value=view.display, author=author, collective=site.collective.name(edition.locale),
                year=str(updated.year))


def formats(edition: Edition, view: FigureView, updated: date) -> dict[str, Formatted]:
    """Every format of one figure's citation, for a page of the edition: the number with its citation
    ("number"), then the keys of citations.STYLES. The styles carry the access date mark."""
    words = edition.phrases.cite
    where = figure_locator(edition, view)
    ours = citations.formats(figures_page_item(edition, updated, ACCESSED_TODAY), edition.locale, words, where)
    texts: dict[str, Formatted] = {"number": Formatted(with_citation(edition, view, updated)), **ours}
    if from_article(view):
        # The original as our page reports it: no access date, since the reader did not consult it (CMOS 14.260).
        source, gbt = _original(edition, accessed=False)
        # APA 7 (8.6): the original by its author, with no year when its year is unknown (APA: "omit it").
        author = citations.apa_author_date(edition, citations.original_item(edition))
        for style in citations.STYLES:
            if style.read_in:
                texts[style.key] = style.read_in(citations.ReadIn(
                    style.secondary["zh" if edition.locale == "zh" else "en"], ours, source, gbt,
                    author.removesuffix(", n.d."),
                    f"{edition.project.site.collective.name(edition.locale)}, {updated.year}"))
    # The files hold every record: our figures page (the figure in its note) and the original; the in-text
    # citation is the figures page's, with the figure as its locator.
    items = records(edition, view, updated)
    for style in citations.STYLES:
        if style.write:
            texts[style.key] = Formatted(style.write(items, words), ours[style.key].in_text)
    return texts


def _original(edition: Edition, accessed: bool) -> tuple[dict[str, str], str]:
    """The original's formats on a page of the edition (the same for every figure: made once per project),
    and its GB/T 7714 entry as that page gives it: on a page not in Chinese, the Chinese entry first, then
    the page's language (GB/T 7714-2015 describes a work in its own language; the other follows as a
    bilingual entry). `accessed`: with the reader's access date (citing the original itself); without,
    where it is cited as read in our page."""
    def make() -> tuple[dict[str, str], str]:
        words = edition.phrases.cite
        when = ACCESSED_TODAY if accessed else None
        texts = {key: f.text for key, f in citations.formats(citations.original_item(edition, when), edition.locale,
                                                             words).items()}
        gbt = texts["gbt7714"]
        default = edition.project.site.default_language
        if edition.locale != default:
            in_chinese = citations.original_item(Edition(edition.project, default), when)
            chinese = citations.formats(in_chinese, edition.locale, words)["gbt7714"].text
            gbt = chinese + "\n" + gbt.removeprefix("[1] ")
        return texts, gbt

    result: tuple[dict[str, str], str] = remembered(edition.project, ("original", edition.locale, accessed), make)
    return result


def original_gbt7714(edition: Edition) -> str:
    """The original's GB/T 7714 entry with the reader's access date, as the page citing it gives it."""
    return _original(edition, accessed=True)[1]
