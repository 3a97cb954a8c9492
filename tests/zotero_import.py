"""What Zotero makes of a downloaded citation file: the rules of its import translators for a web page,
restated in Python for the tests (not their code), with where each rule is. CI cannot install Zotero's
translation-server (it is on GitHub, not on a registry CI reaches), so tests/builds/test_zotero.py applies
these rules to every download; with a translation-server running (ZOTERO_TRANSLATION_SERVER, e.g.
http://127.0.0.1:1969), the same test also imports every download through it and compares.

Read from zotero/translators at ee1746de (BibTeX.js, RIS.js, CSL JSON.js), zotero/utilities at 9c89b23
(utilities_item.js: itemFromCSLJSON) and zotero/zotero-schema at 1f5331e (schema.json: csl.fields),
the commits zotero/translation-server d88a8d5 pins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import bibtexparser
import rispy

from tests.zotero_names import Name, clean_author
from tests.zotero_names import from_ris as ris_name


@dataclass
class Item:
    """A Zotero item as a citation style sees it, and the notes attached to it."""

    item_type: str
    title: str = ""
    creators: list[Name] = field(default_factory=list)
    date: str = ""  # kept as written: Zotero parses it when a style renders it ("XXXX" stays "XXXX")
    url: str = ""
    website_title: str = ""
    language: str = ""
    extra: str = ""  # printed by no style
    notes: list[str] = field(default_factory=list)  # child notes: printed by no style


def from_bibtex(text: str) -> list[Item]:
    """BibTeX.js: `@online` is a web page (bibtex2zoteroTypeMap, line 253); `title`, `url`, `language` are
    kept (fieldMap, lines 88-104); `date` is kept as its text (line 422); `note` and `annote` become child
    notes (lines 432-446, 464); a web page has no field for `titleaddon`, `addendum`, `organization` or
    `version`, so they are dropped; `journaltitle` would be the website's title (inputFieldMap, line 212)."""
    items = []
    for entry in bibtexparser.parse_string(text).entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        item = Item("webpage" if entry.entry_type.lower() == "online" else "document",
                    title=fields.get("title", "").strip("{}"), url=fields.get("url", ""),
                    date=fields.get("date", fields.get("year", "")), language=fields.get("language", ""),
                    website_title=fields.get("journaltitle", ""),
                    notes=[fields[key] for key in ("note", "annote") if key in fields])
        for name in re.split(r"\s+and\s+", fields.get("author", "")):
            if name.startswith("{") and name.endswith("}"):  # braced: one name, kept whole (lines 375-390)
                item.creators.append(Name(name[1:-1], single_field=True))
            elif name:
                item.creators.append(clean_author(name, "," in name))
        items.append(item)
    return items


def from_ris(text: str) -> list[Item]:
    """RIS.js: `TY - ELEC` is a web page (line 111); `T2` its website's title (lines 235-244); `N1` a
    child note (line 220); `PY`/`DA` its date; `SE` is dropped for a web page (its `__exclude`, line 433)."""
    items = []
    for entry in rispy.loads(text):
        item = Item("webpage" if entry.get("type_of_reference") == "ELEC" else "document",
                    title=entry.get("title", ""), url=(entry.get("urls") or [""])[0],
                    website_title=entry.get("secondary_title", ""), language=entry.get("language", ""),
                    date=entry.get("date", entry.get("year", "")), notes=list(entry.get("notes", [])),
                    creators=[ris_name(a) for a in entry.get("authors", [])])
        items.append(item)
    return items


def from_csl_json(text: str) -> list[Item]:
    """CSL JSON.js, through utilities_item.js itemFromCSLJSON: `webpage` is a web page; `container-title`
    its website's title; `note` goes to Extra (zotero-schema: csl.fields.text.extra = ["note"]); a `literal`
    name is one single-field name; `issued` is its date."""
    items = []
    for record in json.loads(text):
        parts = record.get("issued", {}).get("date-parts", [[]])[0]
        item = Item("webpage" if record.get("type") == "webpage" else "document", title=record.get("title", ""),
                    url=record.get("URL", ""), website_title=record.get("container-title", ""),
                    language=record.get("language", ""), extra=record.get("note", ""),
                    date="-".join(f"{p:02d}" for p in parts))
        for author in record.get("author", []):
            item.creators.append(Name(author["literal"], single_field=True) if "literal" in author
                                 else Name(author["family"], author.get("given", "")))
        items.append(item)
    return items


IMPORTERS = {"bib": from_bibtex, "ris": from_ris, "json": from_csl_json}
