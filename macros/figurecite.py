"""Citing one number: the figure as the article words it, the article as its source, this site's
figures page as where it was checked.

A figure the article states (or sums up itself) is a secondary citation, in each style's own form:
for GB/T 7714-2015, the common practice of Chinese references (the standard itself has no rule for
it): the original's entry followed by "转引自" and the page it was read in; APA 7 (8.6) lists the page
read in and cites the original "as cited in" it, with no year for an original whose year is unknown;
Chicago (CMOS 17, 14.260) gives the original "quoted in" the page. The original carries no access
date there: the reader did not consult it. A figure this site derived has no other source than our page: it
is cited as a section of the figures page. The machine formats (BibTeX, RIS, CSL-JSON) describe the
source and carry the figure's id, value and wording (or formula and inputs) in their note.

The figure's entry on the figures page is its permalink (#fig-<id>, in the anchor ledger), cited as a
section of that page, so every figure's citation renders from the page's one template (citations._render).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import citations
from .citations import ACCESSED_TODAY, Cited
from .cjk import nested_quotes
from .figureview import FigureView, display
from .formatting import fill
from .paths import FIGURES_PAGE, figure_anchor
from .project import Project, remembered
from .schema import CitePhrases

# How each style joins the original and the work it was read in, in the style's own punctuation (GB/T
# 7714's entries are written with half-width marks, as the standard's examples are; the other styles'
# zh-CN output is too): GB/T's "转引自" (Cited in), APA 7's "as cited in" (8.6), CMOS 17's "quoted in"
# (14.260), capitalised where it starts a sentence of a bibliography entry.
_SECONDARY = {
    "zh": {"gbt7714": "{source} 转引自: {ours}", "apa": "{source}, 转引自{ours}",
           "chicago_note": "{source}, 转引自{ours}", "chicago_bibliography": "{source} 转引自{ours}"},
    "en": {"gbt7714": "{source} Cited in: {ours}", "apa": "{source}, as cited in {ours}",
           "chicago_note": "{source}, quoted in {ours}", "chicago_bibliography": "{source} Quoted in {ours}"},
}


def cited(project: Project, view: FigureView, locale: str, updated: date) -> Cited:
    """The figure's entry on the figures page, as a section of that page (`updated`: the page's last change)."""
    words = project.phrases.of(locale).cite
    return Cited(locale, FIGURES_PAGE, words.figures_page, updated, figure_anchor(view.id), view.label)


def from_article(view: FigureView) -> bool:
    """Whether the article gives the figure (stated, or its own sum): then it is cited as the source."""
    return bool(view.statements)


def note(project: Project, view: FigureView, locale: str) -> str:
    """What the machine formats say of the figure: its label, id and value, then the article's words and
    where the site checked them, or the formula and inputs it was derived by."""
    words = project.phrases.of(locale).cite
    url = citations.versioned_url(project, locale, FIGURES_PAGE, figure_anchor(view.id))
    if from_article(view):
        return fill(words.figure_note, label=view.label, id=view.id, value=view.display,
                     wording=nested_quotes(view.statements[0].wording), url=url,
                     collective=project.site.collective.name(locale))
    book, phrases = project.figures, project.phrases.of(locale)
    inputs = phrases.clause_join.join(
        f"{book[ref].spec.label(locale)}{phrases.colon}{display(project, book[ref], locale)}" for ref in view.inputs)
    assert view.formula is not None and view.formula_ids is not None
    return fill(words.derived_note, label=view.label, id=view.id, value=view.display, formula=view.formula,
                 formula_ids=view.formula_ids, inputs=inputs, reading=citations.reading_of(project, locale),
                 collective=project.site.collective.name(locale))


def record(project: Project, view: FigureView, locale: str, updated: date) -> dict[str, Any]:
    """The CSL item the machine formats describe: the article (a figure it gives) or our page (one we
    derived), with the figure in its note; no access date."""
    if from_article(view):
        item = citations.original_item(project, locale)
        return {**item, "id": f"{item['id']}-{view.id}", "note": note(project, view, locale)}
    item = citations.site_item(project, cited(project, view, locale, updated))
    return {**item, "note": note(project, view, locale)}


def with_citation(project: Project, view: FigureView, locale: str, updated: date) -> str:
    """The number with its citation, to paste into a text: "1.14亿（陈颐，转引自…，2026）"."""
    words = project.phrases.of(locale).cite
    article = project.article
    author = article.author if locale == project.site.default_language else article.romanised.author.family
    template = words.figure_in_text if from_article(view) else words.derived_in_text
    return fill(template, value=view.display, author=author, collective=project.site.collective.name(locale),
                 year=str(updated.year))


def formats(project: Project, view: FigureView, locale: str, updated: date) -> dict[str, str]:
    """Every format of one figure's citation, for a page in `locale`: the number with its citation
    ("number"), then the keys of citations.FORMAT_NAMES. The styles carry the access date mark."""
    words: CitePhrases = project.phrases.of(locale).cite
    secondary = _SECONDARY["zh" if locale == "zh" else "en"]
    page = cited(project, view, locale, updated)
    ours = citations.formats(citations.site_item(project, page, ACCESSED_TODAY), locale, words,
                             in_text=not from_article(view))
    texts = {"number": with_citation(project, view, locale, updated), **ours}
    if from_article(view):
        # The original as our page reports it: no access date, since the reader did not consult it (CMOS 14.260).
        source, gbt = _original(project, locale, accessed=False)
        # APA 7 (8.6): the original by its author, with no year when its year is unknown (APA: "omit it"),
        # then the secondary source by author and year, without a locator.
        author = _inner(citations.apa_in_text(citations.original_item(project, locale), locale))
        ours_in_text = f"{project.site.collective.name(locale)}, {updated.year}"
        in_text = fill(secondary["apa"], source=author.removesuffix(", n.d."), ours=ours_in_text)
        texts.update(
            gbt7714=fill(secondary["gbt7714"], source=gbt, ours=ours["gbt7714"].removeprefix("[1] ")),
            apa=f"{ours['apa']}\n{words.in_text}({in_text})",
            chicago_note=fill(secondary["chicago_note"], source=source["chicago_note"].removesuffix("."),
                               ours=ours["chicago_note"]),
            chicago_bibliography=fill(secondary["chicago_bibliography"], source=source["chicago_bibliography"],
                                       ours=ours["chicago_note"]),
        )
    item = record(project, view, locale, updated)
    texts.update(bibtex=citations.bibtex(item, words), ris=citations.ris(item, words),
                 csl_json=citations.csl_json([item]).strip())
    return texts


def _inner(parenthesised: str) -> str:
    return parenthesised.removeprefix("(").removesuffix(")")


def _original(project: Project, locale: str, accessed: bool) -> tuple[dict[str, str], str]:
    """The original's formats on a page in `locale` (the same for every figure: made once per project),
    and its GB/T 7714 entry as that page gives it: on a page not in Chinese, the Chinese entry first, then
    the page's language (GB/T 7714-2015 describes a work in its own language; the other follows as a
    bilingual entry). `accessed`: with the reader's access date (citing the original itself); without,
    where it is cited as read in our page."""
    def make() -> tuple[dict[str, str], str]:
        words = project.phrases.of(locale).cite
        when = ACCESSED_TODAY if accessed else None
        texts = citations.formats(citations.original_item(project, locale, when), locale, words)
        gbt = texts["gbt7714"]
        default = project.site.default_language
        if locale != default:
            chinese = citations.formats(citations.original_item(project, default, when), locale, words)["gbt7714"]
            gbt = chinese + "\n" + gbt.removeprefix("[1] ")
        return texts, gbt

    result: tuple[dict[str, str], str] = remembered(project, ("original", locale, accessed), make)
    return result


def original_gbt7714(project: Project, locale: str) -> str:
    """The original's GB/T 7714 entry with the reader's access date, as the page citing it gives it."""
    return _original(project, locale, accessed=True)[1]
