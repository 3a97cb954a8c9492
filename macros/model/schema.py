"""Schemas for the data files, checked at start-up before any page renders.

Strict: no unknown fields, no strings where numbers belong (YAML 1.1 reads `1.14e8` as a string).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, model_validator

from macros.model.intervals import Ends, Relation
from macros.model.urls import checked, checked_site_address

Id = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]*$")]
# Every figure is a count, a sum of money or a duration: finite, not negative, and below a
# thousand trillion (a 401-digit number or 1.0e+400 is a typo, refused with the figure's id).
NonNegative = Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=10**15, allow_inf_nan=False)]
Text = Annotated[StrictStr, Field(min_length=1)]


def _plain_title(text: str) -> str:
    if re.search(r"[<>]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", text):
        raise ValueError(f"'{text[:60]}' holds markup (< > or a character entity), which the theme would write "
                         "into the navigation of every page; write the title as plain text")
    return text


# A title the theme may write unescaped (navigation, page title, footer): plain text only.
Title = Annotated[StrictStr, Field(min_length=1), AfterValidator(_plain_title)]
WebAddress = Annotated[StrictStr, AfterValidator(checked)]  # http(s), read with a real parser (macros/model/urls.py)


class Strict(BaseModel):
    """The base of every data model: no unknown field, no type coerced, nothing changed once read."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Localized(Strict):
    """The same text in each language of the site."""

    zh: Text
    en: Text

    def __call__(self, locale: str) -> str:
        return self.en if locale == "en" else self.zh


class LocalizedTitle(Localized):
    """A title in each language: plain text, as the theme writes titles unescaped."""

    zh: Title
    en: Title


# --- data/site.yml -------------------------------------------------------------------------

class Licence(Strict):
    id: Text  # SPDX identifier
    name: Title
    url: WebAddress


class Collective(Strict):
    name: Localized
    contributors: list[Text]


PagePath = Annotated[StrictStr, Field(pattern=r"^(?:[a-z0-9-]+/)+$")]  # a page within an edition: "figures/"


class Site(Strict):
    key: Slug  # this reading's short name: citation keys, file names, what a browser remembers under
    title: LocalizedTitle
    description: Localized
    collective: Collective
    licences: dict[Literal["text", "code"], Licence]
    repository: Annotated[StrictStr, Field(pattern=r"^https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")]
    base_url: Annotated[StrictStr, AfterValidator(checked_site_address)]
    version: Annotated[StrictStr, Field(pattern=r"^\d+\.\d+\.\d+$")]
    default_language: Literal["zh"]
    languages: list[Literal["zh", "en"]]
    # After the home page and the chapters, the pages a printed copy of the whole reading gives (`make pdf`).
    printed_after_chapters: list[PagePath]
    search_examples: Localized  # what the search suggests trying when it finds nothing: the article's words


# --- data/article.yml ----------------------------------------------------------------------

class Section(Strict):
    id: Slug
    starts_with: Text
    heading: Optional[Title] = None
    heading_translation: Optional[Title] = None  # our English gloss of `heading`, shown beside it in English
    chapter: Optional[Slug]
    title: Optional[LocalizedTitle] = None  # our own title for the chapter page


class Repost(Strict):
    site: Title
    url: WebAddress


class PersonName(Strict):
    family: Text
    given: Text


class Romanised(Strict):
    title: Title
    title_translation: Title
    author: PersonName
    editor: PersonName
    outlet: Text


class Article(Strict):
    key: Slug  # the article's short name in our citation files ("<key>-zh")
    # Where a maintainer keeps a copy of the article's text, relative to the project (never committed):
    # `make fingerprint` reads it, and the tests that check the fingerprint against it.
    local_copy: Optional[Text] = None
    title: Title
    outlet: Title
    outlet_handle: Title
    author: Title
    editor: Title
    romanised: Romanised
    repost: Repost
    language: Literal["zh"]
    # Names the English edition keeps capitalised inside a sentence (pages.inline_label).
    proper_names: list[Text] = []
    sections: list[Section]

    def outlet_in(self, locale: str) -> str:
        """The outlet as an edition's prose names it: its own name in Chinese, romanised in English."""
        return self.outlet if locale == self.language else self.romanised.outlet


# --- data/figures.yml ----------------------------------------------------------------------

class Statement(Strict):
    """Where the article states a figure, in its own words (verbatim, checked by fingerprint)."""

    section: Slug
    wording: Text


PrecisionReading = Literal["exact", "rounded", "threshold", "approximate"]


class Precision(Strict):
    """How precise the number the article writes is, and why the site reads it so:
    `exact`: the number is exact (a count such as 159 features or 21 days, an announced amount);
    `rounded`: a rounded figure, anywhere from half a unit of its last written digit below it to below half
    a unit above (1.14亿: 1.135亿 to 1.145亿);
    `threshold`: the number is an exact mark that the wording's word (突破, 超过) passes;
    `approximate`: the wording itself is approximate (二十年 read as about twenty, 十几年, 数千万)."""

    reading: PrecisionReading
    why: Localized


class _WordedFigure(Strict):
    """A number the article gives in its own words (verbatim, checked by fingerprint)."""

    label: Localized
    value: NonNegative
    unit: Id
    relation: Relation
    precision: Precision
    wording: Text
    section: Slug
    reading: Optional[Localized] = None  # why this relation or unit, where the wording leaves it open
    # `between` only: the range's upper end, and which ends are reached ("[)": from value, below upper).
    upper: Optional[NonNegative] = None
    ends: Optional[Ends] = None
    # Shown instead of a number where the article gives a word, not a number (数千万人, 十几年).
    says: Optional[Localized] = None
    # Why `value` is not the number the wording writes (the build checks they agree, unless this says why).
    not_as_written: Optional[Localized] = None

    @model_validator(mode="after")
    def _range(self) -> "_WordedFigure":
        if self.relation == "between":
            if self.upper is None or self.ends is None:
                raise ValueError("relation `between` needs `upper` (the range's upper end) and `ends` "
                                 "(which ends are reached: \"[]\", \"[)\", \"(]\" or \"()\")")
            if self.upper <= self.value:
                raise ValueError(f"`upper` ({self.upper}) must be above `value` ({self.value})")
        elif self.upper is not None or self.ends is not None:
            raise ValueError("`upper` and `ends` belong to relation `between` only")
        allowed = {"threshold": ("more_than", "at_least", "at_most", "between"),  # between: 21天内, (0, 21]
                   "approximate": ("about", "just_under", "between"),
                   "rounded": ("exact", "more_than", "at_least", "at_most"), "exact": ("exact",)}
        if self.relation not in allowed[self.precision.reading]:
            raise ValueError(f"precision `{self.precision.reading}` goes with relation "
                             f"{' or '.join(allowed[self.precision.reading])}, not `{self.relation}`")
        return self


class StatedFigure(_WordedFigure):
    kind: Literal["stated"]
    counts: Localized
    period: Optional[Localized] = None  # None: the article does not say
    also_stated: list[Statement] = []


class DerivedFigure(Strict):
    kind: Literal["derived"]
    label: Localized
    formula: Text
    unit: Id
    significant: Annotated[StrictInt, Field(ge=1, le=6)] = 3
    note: Optional[Localized] = None


class ClaimFigure(_WordedFigure):
    """A result the article works out itself, checked against the figures it rests on."""

    kind: Literal["claim"]
    formula: Text


Figure = Annotated[Union[StatedFigure, DerivedFigure, ClaimFigure], Field(discriminator="kind")]


class Unit(Strict):
    style: Literal["number", "percent", "year"]
    zh: Annotated[StrictStr, Field(pattern=r"\{n\}")]
    en: Annotated[StrictStr, Field(pattern=r"\{n\}")]


class Tolerances(Strict):
    about: Annotated[Union[StrictInt, StrictFloat], Field(gt=0, lt=1)]
    just_under: Annotated[Union[StrictInt, StrictFloat], Field(gt=0, lt=1)]
    why: Localized


class NotAFigure(Strict):
    """A number in the article that is deliberately not a figure, and why."""

    wording: Text
    section: Slug
    why: Localized


class Constraint(Strict):
    """What one figure cannot exceed, whatever the wordings allow: `dau` at most `mau`."""

    figure: Id
    at_most: Id
    why: Localized


class ChartBar(Strict):
    """One bar of a chart: its label in each language and the figure it draws."""

    label: LocalizedTitle
    figure: Optional[Id]  # null: the article gives no amount, and the bar says so


class Chart(Strict):
    """A chart of the article's figures: what it shows, in words, and its bars in order."""

    title: LocalizedTitle
    bars: list[ChartBar] = Field(min_length=1)


class FigureFile(Strict):
    tolerances: Tolerances
    units: dict[Id, Unit]
    figures: dict[Id, Figure]
    constraints: list[Constraint] = []
    charts: dict[Id, Chart] = {}
    not_figures: list[NotAFigure] = []


# --- data/phrases.yml ----------------------------------------------------------------------

Shape = Literal["exact", "more_than", "at_least", "less_than", "at_most", "about", "just_under",
                "between", "positive", "unbounded", "rounded"]
VerdictName = Literal["implied", "consistent", "contradicted"]


class CitePhrases(Strict):
    control: Text  # the small control beside a heading's ¶ that opens its panel
    chapter: Text
    section: Text
    original: Text
    formats: Text  # the name of the row of format tabs
    copy_button: Text
    copied: Text
    files: Text
    reading_of: Text  # what every citation of the site names: {author} {title} {outlet}
    section_note: Text  # a section as biblatex's postnote: {section}
    in_text: Text  # the label of a style's in-text citation, shown under its entry
    gbt_in_text: Text  # GB/T 7714's in-text citation of a section: {section} {url}
    format_names: dict[StrictStr, Text]  # each format's name (citations.STYLES' keys, and "number")
    site: Text  # the whole site's panel
    site_files: Text  # the whole site's citation files
    version_note: Text  # the site's version, after what the item reads in RIS's note: {version}
    reposted: Text  # the original's outlet and the host of the copy cited: {outlet} {host}
    note: Text  # {version}
    printed: Text  # the header of a printed chapter: {site} {version} {url} {date}
    description: Text  # a chapter's description for reference managers and link previews: {title}
    preview_note: Text  # shown instead of `note` on the unreleased preview
    figure: Text  # a figure's citation panel and the links to it
    figure_copy: Text  # the popover's button that copies the number with its citation
    figure_copied: Text
    figure_files: Text  # the links to every figure's citation files
    figures_page: Text  # the figures page's title, as cited
    figures_description: Text  # the figures page as a data set (its JSON-LD)
    figure_in_text: Text  # a stated figure with its citation: {value} {author} {collective} {year}
    derived_in_text: Text  # a derived figure with its citation: {value} {collective} {year}
    figure_note: Text  # a stated figure in the machine formats' note: {label} {id} {value} {wording} {url} {collective}
    derived_note: Text  # a derived one: {label} {id} {value} {formula} {formula_ids} {inputs} {reading} {collective}


class TemplatePhrases(Strict):
    """The comments and placeholders of a new annotation file ("suggest an annotation"), in one language."""

    intro: Text
    section: Text  # before the section's chapter and heading
    kinds: Text
    body: Text
    author: Text
    github: Text  # where the contributor's GitHub handle goes
    basis: Text
    source_title: Text
    status: Text  # what `status: published` means: merging publishes


class AnnotationPhrases(Strict):
    count: Text  # {n}
    count_one: Text  # {n}, when it is 1 (English has a singular)
    more: Text  # the link to the annotations page, when a section shows only its newest
    suggest: Text
    withdrawn: Text
    accessed: Text
    claim: Text
    verdict: Text
    quote: Text
    all: Text
    empty: Text
    empty_what: Text  # what an annotation is, when there is none yet
    add_one: Text  # the button that starts one
    guide: Text  # the link to CONTRIBUTING
    template: TemplatePhrases
    filters_intro: Text  # above the filters, only when there are annotations to filter
    filter_kind: Text  # the label of the row of kinds
    filter_chapter: Text  # the label of the row of chapters
    in_section: Text
    languages: dict[Literal["zh", "en"], Text]
    team: Text  # beside the collective's name on the team's own annotations
    rests_on: Text
    bases: dict[Literal["article", "arithmetic"], Text]
    kinds: dict[Literal["context", "fact-check", "counterpoint", "correction", "update"], Text]
    verdicts: dict[Literal["accurate", "inaccurate", "misleading", "unverifiable"], Text]
    aside: Text  # the name of a section's annotations beside it
    read_all: Text  # opens an annotation's full text
    issue: Text  # the link to suggest one through a GitHub issue form, for readers who do not write YAML
    in_text: Text  # the link from an annotation to the words it points at, where the page shows them
    filter_intro: Text  # above a chapter's filter by kind


class ChartPhrases(Strict):
    not_given: Text
    source: Text  # under every chart: where its numbers come from
    data_link: Text  # the link to the figures page
    lower_bound: Text  # the key to a dashed bar with an arrow
    range: Text  # the key to a pale bar from one end to the other
    permalink: Text  # the title of the chart's ¶ link


class FigureFieldNames(Strict):
    """The name of each part of a figure a change can touch, in macros/model/history.py's FIGURE_FIELDS order."""

    label: Text
    value: Text
    upper: Text
    ends: Text
    relation: Text
    precision: Text
    unit: Text
    says: Text
    wording: Text
    formula: Text
    significant: Text
    counts: Text
    period: Text
    reading: Text


class ChangePhrases(Strict):
    """The "what changed" page and the Atom feed."""

    unreleased: Text
    released: Text  # {date}
    untagged: Text  # {version}
    first: Text
    since: Text  # {version}
    no_release: Text
    nothing: Text
    not_comparable: Text  # one side's figures could not be read
    notes: Text
    no_notes: Text
    figures: Text
    annotations_added: Text
    annotations_withdrawn: Text
    ids_renamed: Text
    added: Text
    removed: Text
    fields: FigureFieldNames
    feed: Text
    feed_subtitle: Text
    entry_annotation: Text  # {section}
    entry_withdrawn: Text  # {section}
    entry_correction: Text  # {figures}
    entry_release: Text  # {version}


class Labels(Strict):
    """Every label the pages look up: a missing one fails at start-up with its file and line."""

    wording: Text
    reading: Text
    precision: Text  # how precise the number the article writes is
    formula: Text
    inputs: Text
    values: Text
    computed: Text
    verdict: Text
    counts: Text
    period: Text
    period_unknown: Text
    used_in: Text
    relation: Text
    value: Text
    details: Text
    download: Text
    columns_file: Text  # the link to figures-columns.csv
    contents: Text  # the PDF's contents page
    on_paper: Text  # printed instead of the words about popovers: {url}, the figures page's address
    pdf: Text  # the home page's link to the edition's PDF
    pdf_about: Text  # what the PDF holds, after the link
    unused: Text
    byline: Text  # under a chapter's title: {title} {outlet} {author} {editor} {repost} {version} {date}
    page_updated: Text  # at the foot of every other page: {date} {version}
    original: Text  # a popover's link to the repost of the article
    no_range: Text  # an approximate figure's values, where the article gives no range and none is used
    constraint: Text
    narrows: Text
    figure: Text  # the overview table's first column
    kind_derived: Text  # a derived figure's "bound" in the overview: computed, not worded
    overview: Text  # the overview table's caption
    figure_id: Text  # the id a figure has in data/figures.yml
    no_subheading: Text  # the home page's chapter list, beside the chapter the article gives no subheading


class SearchPhrases(Strict):
    """The header's search (reading_plugin/site_search.py, docs/assets/site.js)."""

    label: Text  # the button's and the dialog's name
    placeholder: Text
    loading: Text
    none: Text
    count: Text  # {n} results
    close: Text


class LocalePhrases(Strict):
    """Everything the site says in one language that is not prose: bound words, labels, headers."""

    babel_locale: Text
    compact_from: StrictInt  # numbers from here up are written 1.14亿 / 114 million
    bounds: dict[Shape, Text]
    relations: dict[Relation, Text]
    verdicts: dict[VerdictName, Text]
    labels: Labels
    check_sentence: Text  # {claimed}, {computed}, {verdict}
    precision: dict[PrecisionReading, Text]  # each reading's words, before its reason: {number} {lo} {hi}
    columns: dict[StrictStr, Text]  # figures.csv's columns and what each means ("column": the heading's)
    constraint_sentence: Text  # {figure}, {at_most}, {why}
    list_join: Text  # between the items of an inline list
    clause_join: Text  # between clauses (；/ ;)
    sentence_join: StrictStr  # between two sentences on one line: nothing in Chinese, a space in English
    colon: Text  # after a label (：/ : )
    dash: Text  # before an aside (——/ — ), as the language's punctuation writes it
    moved: Text  # a redirect page's words, before the new address
    open_bracket: Text  # （ / (
    close_bracket: Text
    cite: CitePhrases
    annotations: AnnotationPhrases
    charts: ChartPhrases
    changes: ChangePhrases
    search: SearchPhrases

    @model_validator(mode="after")
    def _placeholders(self) -> "LocalePhrases":
        """Every slot a phrase must carry, so a typo ({quantity} for {q}) fails at start-up, not on a page."""
        needed: dict[str, tuple[str, ...]] = {
            f"bounds.{shape}": ("{lo}", "{hi}") if shape == "between" else ("{q}",)
            for shape in self.bounds if shape != "unbounded"}
        needed |= {"check_sentence": ("{claimed}", "{computed}", "{verdict}"),
                   "constraint_sentence": ("{figure}", "{at_most}", "{why}"),
                   "search.count": ("{n}",), "labels.page_updated": ("{date}", "{version}"),
                   "labels.byline": ("{title}", "{outlet}", "{author}", "{editor}", "{repost}", "{version}",
                                     "{date}"), "cite.note": ("{version}",),
                   "cite.printed": ("{site}", "{version}", "{url}", "{date}"),
                   "cite.description": ("{title}", "{outlet}"), "cite.figures_description": ("{outlet}",),
                   "search.none": ("{examples}",), "charts.source": ("{outlet}",), "cite.section_note": ("{section}",),
                   "cite.version_note": ("{version}",),
                   "cite.reposted": ("{outlet}", "{host}"),
                   "cite.reading_of": ("{author}", "{title}", "{outlet}"),
                   "cite.figure_in_text": ("{value}", "{author}", "{collective}", "{year}"),
                   "cite.derived_in_text": ("{value}", "{collective}", "{year}"),
                   "cite.figure_note": ("{label}", "{id}", "{value}", "{wording}", "{url}", "{collective}"),
                   "cite.derived_note": ("{label}", "{id}", "{value}", "{formula}", "{formula_ids}", "{inputs}",
                                         "{reading}", "{collective}"),
                   "annotations.count": ("{n}",), "annotations.count_one": ("{n}",),
                   "changes.released": ("{date}",), "changes.untagged": ("{version}",),
                   "changes.since": ("{version}",), "changes.entry_annotation": ("{section}",),
                   "changes.entry_withdrawn": ("{section}",), "changes.entry_correction": ("{figures}",),
                   "changes.entry_release": ("{version}",)}
        for name, slots in needed.items():
            obj: Any = self
            for part in name.split("."):
                obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
            missing = [slot for slot in slots if slot not in obj]
            if missing:
                raise ValueError(f"phrase '{name}' ({obj!r}) lacks {', '.join(missing)}")
        return self


class PhraseFile(Strict):
    zh: LocalePhrases
    en: LocalePhrases

    def of(self, locale: str) -> LocalePhrases:
        return self.en if locale == "en" else self.zh
