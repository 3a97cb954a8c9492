"""The "what changed" page: the changes not yet released, then each release of CHANGELOG.md, newest
first, each with its date and what changed in the data (figures old → new, annotations added or
withdrawn, anchors renamed: macros/model/history.py), and its notes from the changelog.

Its headings are written as Markdown, so they get the page's ids, its table of contents and the anchor
ledger like any other heading; everything under them is HTML made here.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Callable

from markupsafe import Markup, escape

from macros.rendering.markup import html
from macros.model.annotations import render_body
from macros.model.changelog import ChangelogEntry, version_key
from macros.words.formatting import fill, format_number
from macros.model.history import Changes, FigureChange, History
from macros.rendering.pages import quotation
from macros.model.paths import annotation_anchor, annotation_url, figure_url
from macros.model.project import Edition

UNRELEASED_ANCHOR = "unreleased"
Link = Callable[[str], str]  # a site path as the page links to it


def release_anchor(version: str) -> str:
    return "release-" + re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-")


def _side_html(edition: Edition, change: FigureChange, value: Any, unit: Any) -> Markup:
    """One side of a change, as a reader reads it: a value in that side's unit (as words, if the unit is
    still known), a relation in words, words in the edition's language."""
    phrases = edition.phrases
    units = edition.project.figures.file.units
    if value is None:
        return Markup("—")
    if change.field in ("value", "upper") and isinstance(value, (int, float)) and unit in units:
        return escape(format_number(Fraction(str(value)), units[unit], edition.locale, phrases))
    if change.field == "relation" and value in phrases.relations:
        return escape(phrases.relations[value])
    if isinstance(value, dict):  # words given per language
        value = _in(value, edition.locale) if edition.locale in value else next(iter(value.values()), "")
    if change.field == "wording":
        return quotation(value)
    return escape(str(value))


def figure_label(edition: Edition, figure_id: str, fields: dict[str, Any] | None = None) -> str:
    if figure_id in edition.project.figures:
        return edition.project.figures[figure_id].spec.label(edition.locale)
    label = (fields or {}).get("label")
    return str(label.get(edition.locale, figure_id)) if isinstance(label, dict) else figure_id


def _in(value: Any, locale: str) -> Any:
    """A value as one edition reads it: words given per language, in that language."""
    return value.get(locale) if isinstance(value, dict) and locale in value else value


def visible(change: FigureChange, locale: str) -> bool:
    """Whether an edition's reader sees the change (an English reading edited is no change in Chinese)."""
    return change.field in ("added", "removed") or _in(change.old, locale) != _in(change.new, locale)


def describe(edition: Edition, change: FigureChange, link: Link) -> Markup:
    """"<figure>: <field> old → new", "<figure> (added)", "<figure> (removed)"; `link(path)` links a site path."""
    words = edition.phrases.changes
    colon = edition.phrases.colon
    fields = change.new if change.field == "added" else change.old if change.field == "removed" else None
    label = figure_label(edition, change.figure, fields if isinstance(fields, dict) else None)
    name = (html('<a href="{}">{}</a>', link(figure_url(change.figure)), label)
            if change.figure in edition.project.figures else escape(label))
    phrases = edition.phrases
    if change.field in ("added", "removed"):
        return html("{}{}{}{}", name, phrases.open_bracket, getattr(words, change.field), phrases.close_bracket)
    return html("{}{}{} {} → {}", name, colon, getattr(words.fields, change.field),
                _side_html(edition, change, change.old, change.units[0]),
                _side_html(edition, change, change.new, change.units[1]))


def changes_html(edition: Edition, changes: Changes, link: Link) -> Markup:
    """The lists of what changed, or the word for nothing."""
    words = edition.phrases.changes
    figures = [c for c in changes.figures if visible(c, edition.locale)]
    others = changes.annotations_added or changes.annotations_withdrawn or changes.ids_renamed
    if changes.comparable and not (figures or others):
        return html("<p>{}</p>", words.nothing)
    parts = []
    if not changes.comparable:
        if not others:
            return html("<p>{}</p>", words.not_comparable)
        parts.append((words.figures, [escape(words.not_comparable)]))
    if figures:
        parts.append((words.figures, [describe(edition, c, link) for c in figures]))
    for title, ids in ((words.annotations_added, changes.annotations_added),
                       (words.annotations_withdrawn, changes.annotations_withdrawn)):
        if ids:
            parts.append((title, [html('<a href="{}">{}</a>', link(annotation_url(annotation_anchor(i))), i)
                                  for i in ids]))
    if changes.ids_renamed:
        parts.append((words.ids_renamed, [html('<a href="{}"><code>{}#{}</code></a> → <code>#{}</code>',
                                               link(f"{page}#{new}"), page, old, new)
                                          for page, old, new in changes.ids_renamed]))
    return Markup("").join(
        html('<p class="changes__kind">{}</p><ul>{}</ul>', title, Markup("").join(
            html("<li>{}</li>", item) for item in items)) for title, items in parts)


def page_markdown(edition: Edition, entries: list[ChangelogEntry], history: History, link: Link) -> str:
    """The page's sections, as Markdown headings over HTML blocks: the changes not yet released first,
    then every release of the changelog."""
    words = edition.phrases.changes
    sections: list[tuple[str, str, Markup, ChangelogEntry | None]] = []
    unreleased = next((e for e in entries if e.version is None), None)
    since = history.unreleased()
    if since is None:
        data = html("<p>{}</p>", words.no_release)
    else:
        data = html("<p>{}</p>{}", fill(words.since, version=since[0].version),
                    changes_html(edition, since[1], link))
    if not edition.project.released:  # a release shows what it is, not what may come after it
        sections.append((words.unreleased, UNRELEASED_ANCHOR, data, unreleased))
    # Every version the changelog or a tag names, newest first: a tag without notes still shows its changes.
    notes = {entry.version: entry for entry in entries if entry.version}
    versions = sorted({*notes, *(r.version for r in history.releases)}, key=version_key, reverse=True)
    for entry in (notes.get(version) or ChangelogEntry(version, "") for version in versions):
        assert entry.version is not None
        compared = history.changes_in(entry.version)
        if compared is None:
            data = html("<p>{}</p>", fill(words.untagged, version=entry.version))
        else:
            release, before, changes = compared
            dated = html("<p>{}</p>", fill(words.released, date=release.day.isoformat()))
            data = dated + (html("<p>{}</p>", words.first) if before is None else html(
                "<p>{}</p>{}",
                fill(words.since, version=before.version),
                changes_html(edition, changes, link)))
        sections.append((entry.version, release_anchor(entry.version), data, entry))
    blocks = []
    for title, anchor, data, noted in sections:
        # The notes (in the edition's language: macros/model/changelog.py) stay out of the search index
        # (macros/rendering/searchindex.py): nobody searches a reading for its release notes.
        shown_notes = (html('<p class="changes__kind">{}</p><div class="changes__notes" data-search-exclude>'
                            '{}</div>',
                            words.notes, render_body(noted.notes)) if noted and noted.notes
            else html("<p>{}</p>", words.no_notes))
        # A heading in Markdown (its id, the TOC, the ledger); the rest one HTML block, on one line.
        # One line, so Markdown takes it as one HTML block; a line break kept as an entity (in <pre> too).
        block = str(html('<div class="changes">{}{}</div>', data, shown_notes)).replace("\n", "&#10;")
        blocks.append(f"## {title} {{ #{anchor} }}\n\n{block}\n")
    return "\n".join(blocks)

