"""Each edition's Atom feed, as feed readers read it, and the pages that lead to it."""

from __future__ import annotations

from datetime import datetime, time, timezone

import feedparser
import pytest
import yaml
from lxml import etree, html

from macros.rendering.feed import feed_url
from macros.model.gitdates import added_at
from macros.model.project import Edition
from tests.conftest import ROOT

EDITIONS = [("zh", ""), ("en", "en/")]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_the_feed_is_valid_atom_and_lists_every_annotation_with_its_permalink(built_site, project, locale, prefix):
    text = (built_site.site_dir / prefix / "feed.xml").read_bytes()
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title == project.site.title(locale)
    assert parsed.feed.language == locale
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [feed_url(Edition(project, locale))]
    # RFC 4287: the feed and each entry have an id, a title and an updated date; an entry a link; ids unique.
    root = etree.fromstring(text)
    assert all(root.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "author"))
    ids = [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) and all(i and i.startswith("urn:uuid:") for i in ids)
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith(project.site.base_url)
    base = f"{project.site.base_url}{project.site.version}/{prefix}annotations/#ann-"
    listed = {entry.link.removeprefix(base): entry for entry in parsed.entries if entry.link.startswith(base)}
    files = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (ROOT / "data" / "annotations").glob("*.yml")]
    team = [doc for doc in files if doc["author"].get("team")]
    assert team and {doc["id"] for doc in team} <= set(listed)  # every one of the team's annotations
    added = added_at(ROOT, "data/annotations")
    paths = {yaml.safe_load(path.read_text(encoding="utf-8"))["id"]: f"data/annotations/{path.name}"
             for path in (ROOT / "data" / "annotations").glob("*.yml")}
    for doc in team:
        entry = listed[doc["id"]]
        committed = added.get(paths[doc["id"]])  # the commit that added the file (its day, before a commit)
        expected = committed or datetime.combine(doc["date"], time(0), timezone.utc)
        assert datetime.fromisoformat(entry.updated) == expected, doc["id"]  # its own time, not the build's
        body = doc["body"] if doc["language"] == locale else doc["translations"][locale]["body"]
        assert body.split("\n")[0][:12] in html.fromstring(entry.content[0].value).text_content()
    dates = [datetime.fromisoformat(entry.updated) for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_every_page_names_its_editions_feed(built_site, project):
    pages = [*sorted(built_site.site_dir.glob("**/index.html")), built_site.site_dir / "404.html"]
    assert len(pages) > 20
    for path in pages:
        tree = html.fromstring(path.read_bytes())
        if tree.cssselect('meta[http-equiv="refresh"]'):
            continue  # a redirect page
        locale = "en" if path.relative_to(built_site.site_dir).parts[0] == "en" else "zh"
        links = tree.cssselect('head link[rel~="alternate"][type="application/atom+xml"]')
        assert [link.get("href") for link in links] == [feed_url(Edition(project, locale))], path
        # Never exactly "alternate": Material would fetch the sitemap beside it, from the published host.
        assert not tree.cssselect('link[rel="alternate"][type="application/atom+xml"]'), path


@pytest.mark.parametrize("prefix, unreleased, first", [("", "尚未发布", "第一个发布版本"),
                                                       ("en/", "Unreleased", "The first release")])
def test_the_changes_page_has_a_section_for_what_is_unreleased_and_for_each_release(built_site, prefix, unreleased,
                                                                                   first):
    """Before the first release, what it will bring; each release's section is tested on a release
    (tests/browser/test_versioned_release.py) and on a repository with tags (tests/unit/test_history.py)."""
    tree = html.fromstring(built_site.page(f"{prefix}changes/"))
    headings = {h.get("id"): h.text_content().rstrip("¶").strip() for h in tree.cssselect("article h2")}
    assert headings == {"unreleased": unreleased}
    assert tree.cssselect(".feed-link a")[0].get("href").endswith(f"/{prefix}feed.xml")
    notes = tree.cssselect("#unreleased + .changes .changes__notes")[0]
    assert first in notes.text_content() and notes.get("lang") is None  # in the edition's own language
