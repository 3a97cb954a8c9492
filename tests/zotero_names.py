"""How Zotero turns the creator strings a page or a file gives it into names: the rules of its
translators, restated in Python for the tests (not their code).

Read from zotero/utilities at 4051881 (`utilities.js`: cleanAuthor; `openurl.js`: parseContextObject)
and zotero/translators (`Embedded Metadata.js`: processHighwireCreators; `RIS.js`: the "creators" field;
`RDF.js`: handleCreators, which reads DC.creator). `whole` below is what a citation style then sees:
one name, not a given name and a family name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

_EDGES = r"[\s\u00a0.,/\[\]:]+"


@dataclass(frozen=True)
class Name:
    last: str
    first: str = ""
    single_field: bool = False  # Zotero's fieldMode 1, or an institution

    def whole(self, name: str) -> bool:
        return self.last == name and not self.first


def clean_author(author: str, use_comma: bool) -> Name:
    """cleanAuthor, for the parts that decide where a name is cut (initials do not matter here)."""
    author = re.sub(rf"^{_EDGES}", "", author)
    author = re.sub(rf"{_EDGES}$", "", author)
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    if use_comma:
        parts = re.split(r"[,،] ?", author)
        return Name(parts[0], parts[1] if len(parts) > 1 else "")
    space = len(author)
    while True:  # the last word that starts with a letter is the family name
        space = author.rfind(" ", 0, space)
        last, first = author[space + 1:], author[:space] if space >= 0 else ""
        if not last or last[0].isalpha() or space <= 0:
            return Name(last, first)


def from_meta(content: str) -> Name:
    """citation_author and DC.creator (Embedded Metadata; RDF for Dublin Core): comma means inverted."""
    return clean_author(content.strip(), "," in content)


def from_coins(title: str) -> list[Name]:
    """The creators of a COinS span: rft.aucorp is an institution, kept whole; rft.au and rft.creator
    go through cleanAuthor."""
    names = []
    for key, value in parse_qsl(title):
        if key == "rft.aucorp":
            names.append(Name(value, single_field=True))
        elif key in ("rft.au", "rft.creator", "rft.contributor"):
            names.append(clean_author(value, "," in value))
    return names


def from_ris(value: str) -> Name:
    """An RIS AU value: "Last, First"; with nothing after the comma, one single-field name."""
    last = re.split(r"\s*,\s*", value)[0]
    first = re.sub(r"^\s*,\s*", "", value[len(last):])
    return Name(last, first, single_field=not first)
