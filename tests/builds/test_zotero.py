"""What a reader's Zotero makes of every citation the site lets them download or copy: one item per page
(its address without a fragment), the original as a second item, the collective whole, no placeholder date,
and, for a number, the figure kept with the item. By Zotero's import rules restated in tests/zotero_import.py;
with a translation-server running (ZOTERO_TRANSLATION_SERVER=http://127.0.0.1:1969), by Zotero itself too."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from pathlib import Path

import pytest
from lxml import html

from tests.zotero_import import IMPORTERS, Item
from tests.zotero_names import Name, clean_author

EDITIONS = [("zh", ""), ("en", "en/")]
SERVER = os.environ.get("ZOTERO_TRANSLATION_SERVER", "")


def expect_page_and_original(items: list[Item], project, locale: str, what: str) -> None:
    """A download: the site's page (or the whole site) first, then the original article, each whole."""
    assert len(items) == 2, what
    ours, original = items
    assert ours.item_type == original.item_type == "webpage", what
    assert [c.last for c in ours.creators] == [project.site.collective.name(locale)] and not ours.creators[0].first
    assert ours.url.startswith(f"{project.site.base_url}{project.site.version}/") and "#" not in ours.url, what
    assert re.fullmatch(r"\d{4}[-/]\d\d[-/]\d\d", ours.date), what  # the page's date, a real one
    assert original.url == project.article.repost.url and original.date == "", what  # undated: no date at all
    author = original.creators[0]
    assert (author.last, author.first) in ((project.article.author, ""), ("Chen", "Yi")), what


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_every_download_imports_as_its_page_and_the_original(built_site, project, locale, prefix):
    folder = built_site.site_dir / prefix / "downloads" / "cite"
    files = sorted(folder.iterdir())
    assert len(files) == 3 * 6  # four chapters, the whole site, the figures page; three formats each
    for path in files:
        items = IMPORTERS[path.suffix.lstrip(".")](path.read_text(encoding="utf-8"))
        expect_page_and_original(items, project, locale, path.name)
        if path.suffix != ".bib":  # Zotero keeps a web page's site name from RIS and CSL-JSON only
            assert items[0].website_title in ("", project.site.title(locale)), path.name
            assert "jinnalai.com" in items[1].website_title, path.name  # the outlet and the repost's host


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_a_numbers_citation_imports_as_our_figures_page_with_the_figure_and_the_original(built_site, project,
                                                                                         locale, prefix):
    page = html.fromstring(built_site.page(f"{prefix}figures/"))
    for figure_id in ("mau", "creations_per_mau"):
        panel = page.cssselect(f"#cite-fig-{figure_id.replace('_', '-')}")[0]
        stated = figure_id == "mau"
        for key, suffix in (("bibtex", "bib"), ("ris", "ris"), ("csl_json", "json")):
            text = panel.cssselect(f'.cite__format[data-format="{key}"] pre > code')[0].text_content()
            items = IMPORTERS[suffix](text)
            assert len(items) == (2 if stated else 1), (figure_id, key)
            ours = items[0]
            assert ours.url == f"{project.site.base_url}{project.site.version}/{prefix}figures/"
            kept = " ".join([ours.extra, *ours.notes]).replace("\\_", "_")
            assert figure_id in kept and "亿" in kept if locale == "zh" else figure_id in kept, (figure_id, key)
            if stated:
                assert items[1].url == project.article.repost.url and items[1].date == ""


def test_a_placeholder_date_would_be_caught():
    """The rules keep a date as its text, as Zotero does: "XXXX" would reach a style as "XXXX"."""
    [item] = IMPORTERS["bib"]("@online{k, title = {T}, date = {XXXX}, url = {https://x.example/}}")
    assert item.date == "XXXX"
    [named] = IMPORTERS["bib"]("@online{k, author = {Yuanbao Reading Collective}, title = {T}}")
    assert named.creators == [clean_author("Yuanbao Reading Collective", False)]  # unbraced: cut into two names
    assert named.creators[0] != Name("Yuanbao Reading Collective", single_field=True)


def zotero_import(text: str) -> list[Item]:
    """The items Zotero's own translators make of a file (translation-server's /import)."""
    request = urllib.request.Request(f"{SERVER.rstrip('/')}/import", data=text.encode("utf-8"),
                                     headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=60) as response:
        found = json.load(response)
    items: list[Item] = []
    for record in found:
        if record["itemType"] == "note":
            items[-1].notes.append(re.sub(r"<[^>]+>", "", record["note"]))
            continue
        creators = [Name(c["name"], single_field=True) if "name" in c else Name(c["lastName"], c["firstName"])
                    for c in record.get("creators", [])]
        items.append(Item(record["itemType"], record.get("title", ""), creators, record.get("date", ""),
                          record.get("url", ""), record.get("websiteTitle", ""), record.get("language", ""),
                          record.get("extra", "")))
    return items


@pytest.mark.skipif(not SERVER, reason="set ZOTERO_TRANSLATION_SERVER to a running translation-server")
@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_zotero_itself_imports_every_download_the_same_way(built_site, project, locale, prefix):
    for path in sorted((built_site.site_dir / prefix / "downloads" / "cite").iterdir()):
        items = zotero_import(path.read_text(encoding="utf-8"))
        for item in items:  # Zotero writes a CSL date in words ("November 29, 2026"): compare the day only
            item.date = re.sub(r"^(\w+) (\d+), (\d{4})$", lambda m: m.group(3), item.date)
        ours, original = items
        assert [c.last for c in ours.creators] == [project.site.collective.name(locale)], path.name
        assert "#" not in ours.url and original.url == project.article.repost.url and original.date == "", path.name
        expected = IMPORTERS[path.suffix.lstrip(".")](path.read_text(encoding="utf-8"))
        assert [(i.title, i.url, i.website_title) for i in items] == \
            [(i.title, i.url, i.website_title) for i in expected], path.name
        assert [i.notes for i in items] == [i.notes for i in expected], path.name


def test_the_restated_rules_name_the_commits_they_were_read_from():
    text = Path(__file__).parents[1].joinpath("zotero_import.py").read_text(encoding="utf-8")
    assert "ee1746de" in text and "9c89b23" in text and "1f5331e" in text


@pytest.mark.skipif(not SERVER, reason="set ZOTERO_TRANSLATION_SERVER to a running translation-server")
def test_zotero_itself_saves_every_page_with_author_date_title_and_versioned_address(built_site, project):
    """What Zotero's "Save" button makes of each page (translation-server's /web, which picks the translator
    Zotero's connector would): one item, by the collective, dated, at the version's address."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from scripts.localweb import QuietHandler

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler,
                                                                     directory=str(built_site.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for prefix in ("", "en/"):
            for path in ("", "chapters/opening/", "figures/", "reading/", "glossary/", "annotations/"):
                request = urllib.request.Request(f"{SERVER.rstrip('/')}/web", headers={"Content-Type": "text/plain"},
                                                 data=f"http://127.0.0.1:{server.server_port}/{prefix}{path}".encode())
                with urllib.request.urlopen(request, timeout=60) as response:
                    [item] = [i for i in json.load(response) if i["itemType"] != "note"]
                locale = "en" if prefix else "zh"
                assert item["creators"][0].get("name") == project.site.collective.name(locale), path
                assert item["url"] == f"{project.site.base_url}{project.site.version}/{prefix}{path}", path
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", item["date"]) and item.get("websiteType") is None, path
    finally:
        server.shutdown()
