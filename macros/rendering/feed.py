"""Each edition's Atom feed (`feed.xml` at its root): new and withdrawn annotations, corrections to
figures after the first release, and releases, newest first, each with its permalink and date. Written
with feedgen; tests/builds/test_feed.py reads it back with feedparser.

A release's feeds are also copied to the root of the published branch (scripts/publish.py), the one
address that stays current, so the feed's `self` link and every page's autodiscovery link name that copy.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]  # feedgen ships no types
from lxml import html as lxml_html
from markupsafe import Markup

from macros.rendering.markup import html
from macros.words.formatting import fill
from macros.rendering import annotationpage, changespage
from macros.model.gitdates import in_repository
from macros.model.annotations import Annotation, Loaded, render_body
from macros.model.changelog import ChangelogEntry
from macros.citing.citations import versioned_url
from macros.model.history import History, withdrawn_at
from macros.rendering.pages import PageContext
from macros.model.paths import ANNOTATIONS_PAGE, CHANGES_PAGE, FEED_FILE, FIGURES_PAGE
from macros.model.project import Edition


@dataclass(frozen=True)
class Entry:
    key: str  # what the entry is about, the same in every build and version ("annotation/<id>")
    title: str
    link: str  # its permalink in this version
    at: datetime  # when it happened: the commit that added, withdrew or corrected, or the release's tag
    content: str  # HTML, every link absolute
    author: str


def feed_url(edition: Edition) -> str:
    """Where readers subscribe: the copy a release keeps at the root of the site, outside any version."""
    return f"{edition.project.site.base_url}{edition.root}{FEED_FILE}"


def _id(edition: Edition, key: str) -> str:
    """A permanent id for an entry (RFC 4287 4.2.6): the same whatever the version or the address."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{edition.project.site.repository}#{edition.locale}/{key}").urn


def _absolute(fragment: str, base: str) -> str:
    """An HTML fragment with its links made absolute, as a feed reader needs them."""
    tree = lxml_html.fragment_fromstring(fragment, create_parent="div")
    tree.make_links_absolute(base, resolve_base_href=False)
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in tree)


# A feed carries the newest entries, as feeds do (readers keep what they fetched before); the
# annotations page and its W3C export hold every annotation. Only these entries' content is rendered,
# so a feed costs the same with a thousand annotations as with a hundred.
MAX_ENTRIES = 100


def entries(edition: Edition, annotations: Loaded, headings: dict[str, dict[str, dict[str, str]]],
            history: History, changelog: list[ChangelogEntry]) -> list[Entry]:
    """The newest MAX_ENTRIES entries of the edition's feed, newest first."""
    words = edition.phrases.changes
    collective = edition.project.site.collective.name(edition.locale)
    home = PageContext(edition.project, "annotations.md", edition.root
                       + ANNOTATIONS_PAGE, edition.locale)
    found_entries: list[Entry] = []
    content_of: dict[str, Callable[[], str]] = {}  # key -> its content, made for the entries kept
    for annotation in annotations:
        chapter = next(s for s in edition.project.article.sections if s.chapter == annotation.target.chapter)
        section = headings.get(annotation.target.chapter, {}).get(edition.locale, {}).get(annotation.target.section,
                                                                                  annotation.target.section)
        where = f"{chapter.title(edition.locale) if chapter.title else annotation.target.chapter} § {section}"
        permalink = versioned_url(edition, ANNOTATIONS_PAGE, annotation.anchor)
        author = collective if annotation.author.team else (annotation.author.name or collective)
        created = annotationpage.created_at(edition.project, annotations, annotation)
        if annotation.status == "withdrawn":  # dated by the commit that withdrew it
            name = in_repository(edition.project.root, annotations.files[annotation.id])
            at = withdrawn_at(edition.project.root, name) if name is not None else None
            entry = Entry(f"annotation/{annotation.id}/withdrawn", fill(words.entry_withdrawn, section=where),
                          permalink, max(at or created, created), "", author)
        else:
            entry = Entry(f"annotation/{annotation.id}", fill(words.entry_annotation, section=where),
                          permalink, created, "", author)
        found_entries.append(entry)
        content_of[entry.key] = functools.partial(_annotation_content, home, annotation, headings, permalink)
    link = functools.partial(versioned_url, edition)  # absolute, into this version of this edition
    for correction in history.corrections:
        seen = [c for c in correction.changes if changespage.visible(c, edition.locale)]
        if not seen:
            continue  # e.g. only the other edition's words changed
        names = edition.phrases.list_join.join(dict.fromkeys(
            changespage.figure_label(edition, c.figure) for c in seen))
        items = Markup("").join(html("<li>{}</li>", changespage.describe(edition, c, link))
                                for c in seen)
        found_entries.append(Entry(f"correction/{correction.commit}",
                                   fill(words.entry_correction, figures=names),
                                   versioned_url(edition, FIGURES_PAGE), correction.at,
                                   str(html("<ul>{}</ul>", items)), collective))
    notes = {entry.version: entry.notes for entry in changelog if entry.version}
    for release in reversed(history.releases):  # newest first, as the corrections are
        compared = history.changes_in(release.version)
        body = render_body(notes[release.version]) if notes.get(release.version) else Markup("")
        if compared and compared[1] is not None:
            body += changespage.changes_html(edition, compared[2], link)
        permalink = versioned_url(edition, CHANGES_PAGE, changespage.release_anchor(release.version))
        found_entries.append(Entry(f"release/{release.version}",
                                   fill(words.entry_release, version=release.version), permalink,
                                   release.at, _absolute(str(body), permalink) if body else "", collective))
    newest = sorted(found_entries, key=lambda e: e.at, reverse=True)[:MAX_ENTRIES]  # stable: a time keeps its order
    return [replace(e, content=content_of[e.key]()) if e.key in content_of else e for e in newest]


def _annotation_content(home: PageContext, annotation: Annotation, headings: dict[str, dict[str, dict[str, str]]],
                        permalink: str) -> str:
    """An annotation as its permalink shows it, its links absolute."""
    return _absolute(str(annotationpage.annotation_html(home, annotation, at_home=True, headings=headings.get(
        annotation.target.chapter, {}).get(home.locale))), permalink)


def feed_link(edition: Edition) -> str:
    """The edition's Atom feed, for feed readers to find (autodiscovery: `alternate` with the Atom type).
    The `rel` also says `feed`: Material's script fetches the sitemap.xml beside every link whose rel is
    exactly "alternate" (its language alternates), which for the feed's address would be a request to
    the published host from every page, on any copy of the site."""
    title = f"{edition.project.site.title(edition.locale)} · {edition.phrases.changes.feed}"
    return str(html('<link rel="alternate feed" type="application/atom+xml" title="{}" href="{}">\n',
                    title, feed_url(edition)))


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def atom(edition: Edition, entries: list[Entry], built: date) -> str:
    """The feed as Atom XML; dated by its newest entry (or the build), so the same data gives the same file."""
    words = edition.phrases.changes
    feed = FeedGenerator()
    feed.id(_id(edition, "feed"))
    feed.title(edition.project.site.title(edition.locale))
    feed.subtitle(words.feed_subtitle)
    feed.author({"name": edition.project.site.collective.name(edition.locale)})
    feed.link(href=feed_url(edition), rel="self", type="application/atom+xml")
    feed.link(href=versioned_url(edition, ""), rel="alternate", type="text/html")
    feed.language(edition.locale)
    feed.rights(edition.project.site.licences["text"].name)
    feed.updated(max((e.at for e in entries), default=_moment(built)))
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(_id(edition, item.key))
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate", type="text/html")
        entry.published(item.at)
        entry.updated(item.at)
        entry.author({"name": item.author})
        entry.content(item.content, type="html")
    return str(feed.atom_str(pretty=True).decode("utf-8"))

