"""The anchor ledger: every page path and section id ever published, so a citation never breaks.

data/anchors.yml lists them per page (paths relative to the version root, both languages). Entries
are only added. A published id may move only by leaving an alias (the old id kept as an empty anchor
in front of the new heading); a page only with a redirect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from macros.model.errors import DataError
from macros.model.schema import Strict
from macros.model.validation import validate
from macros.model.yamlio import load_yaml


class Ledger(Strict):
    pages: dict[str, list[str]]
    aliases: dict[str, dict[str, str]] = {}  # page -> {old id: id it now points to}


def load(path: Path) -> Ledger:
    return validate(load_yaml(path), Ledger)


@dataclass
class Published:
    """What a build published: page path -> the ids on it."""

    pages: dict[str, set[str]] = field(default_factory=dict)


def problems(ledger: Ledger, published: Published, redirects: dict[str, str], *, complete: bool = False
             ) -> list[str]:
    """Everything in the ledger that the build no longer serves; with `complete` (a release), everything it
    serves that is not recorded. Between releases a new id needs no ledger entry: the ledger keeps
    published ids alive, it does not gate new ones (a new annotation through GitHub's editor passes);
    `make release-prep` records them all before the tag."""
    found = []
    for page, ids in ledger.pages.items():
        if page not in published.pages:
            if page not in redirects:
                found.append(f"page '{page}' is gone: restore it or add a redirect for it")
            continue
        aliases = ledger.aliases.get(page, {})
        for anchor in ids:
            if anchor in published.pages[page]:
                continue
            if anchor in aliases and aliases[anchor] in published.pages[page]:
                continue
            found.append(f"'{page}#{anchor}' is gone: restore the id, or add an alias "
                         f"in data/anchors.yml (aliases: {{'{page}': {{{anchor}: new-id}}}})")
    for page, served in published.pages.items() if complete else ():
        missing = sorted(set(served) - set(ledger.pages.get(page, [])))
        if missing:
            found.append(f"'{page}' publishes ids the ledger lacks ({', '.join(missing)}): run `make anchors`")
    return found


def extended(ledger: Ledger, published: Published) -> Ledger:
    """The ledger with every newly published id added; nothing is ever removed."""
    pages = {page: list(ids) for page, ids in ledger.pages.items()}
    for page, ids in sorted(published.pages.items()):
        known = pages.setdefault(page, [])
        known += sorted(ids - set(known))
    return Ledger(pages=pages, aliases=ledger.aliases)


def dump(ledger: Ledger) -> str:
    header = ("# Every page path and section id this site has published (paths relative to the version root).\n"
              "# Only ever extended, by `make anchors`; tests/builds/test_anchor_ledger.py fails when one disappears.\n"
              "# To rename an id, keep the old one working: aliases: {\"chapters/x/\": {old-id: new-id}}\n")
    return header + yaml.safe_dump(ledger.model_dump(), allow_unicode=True, sort_keys=False, width=100)


def alias_anchors(page: str, aliases: dict[str, str], heading_ids: set[str]) -> dict[str, str]:
    """For each heading id that replaced an old one, the old id as an empty anchor to put in front of it."""
    before: dict[str, str] = {}
    for old, new in aliases.items():
        if new not in heading_ids:
            raise DataError("data/anchors.yml", f"alias '{old}' on page '{page}' points to '{new}', "
                            "which is not a heading id of that page")
        before[new] = before.get(new, "") + f'<div class="anchor-alias" id="{old}"></div>'
    return before


class _ContentIds(HTMLParser):
    """Ids in a page's content (Material's article.md-content__inner): headings, kept old ids, annotations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self._articles = 0  # <article> elements open now
        self._content_at: int | None = None  # how many were open when the content began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if tag == "article":
            self._articles += 1
            if "md-content__inner" in classes and self._content_at is None:
                self._content_at = self._articles
        in_content = self._content_at is not None and self._articles >= self._content_at
        if in_content and values.get("id"):
            heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            if heading or "anchor-alias" in classes or (tag == "article" and "annotation" in classes):
                self.ids.add(values["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            if self._content_at == self._articles:
                self._content_at = None
            self._articles -= 1


def published_ids(site_dir: Path) -> Published:
    """Page path (relative to the site root) -> the ids in its content, for every page of a built site.

    404.html is left out: it is served at whatever path was missed, so its ids belong to no page.
    """
    published = Published()
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.relative_to(site_dir).as_posix()
        parser = _ContentIds()
        parser.feed(path.read_text(encoding="utf-8"))
        published.pages[relative[: -len("index.html")] or "./"] = parser.ids  # a redirect page: no ids
    return published
