"""Joining pages into one printed document: ids made unique to their part, links re-pointed."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from scripts.make_pdf import part_html

PAGE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="opening">开篇</h1><p class="print-only print-header">header</p>
<p><a href="#users">here</a> <a href="../../figures/#fig-mau">figure</a> <a href="../../figures/">figures</a>
<a href="../../cite/#a-number">cite</a> <a href="https://example.org/x">out</a>
<span id="pop-1" role="tooltip">p</span><span aria-describedby="pop-1">1.14亿</span></p>
<div role="group" aria-labelledby="filter-kind other"><span id="filter-kind">k</span></div>
<label for="box">x</label><input id="box"><button>copy</button>
<h2 id="users">用户</h2></article></body></html>"""


def test_a_page_becomes_a_part_with_its_own_ids_and_links(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    parts = {"": "home", "chapters/opening/": "chapters-opening", "figures/": "figures"}
    part = html.fragment_fromstring(part_html(page, "chapters/opening/", "", parts, "https://x.org/0.1.0/"))
    assert part.get("id") == "chapters-opening"
    ids = {e.get("id") for e in part.iter() if e.get("id")}
    assert {"chapters-opening--opening", "chapters-opening--users", "chapters-opening--box"} <= ids
    links = [a.get("href") for a in part.iter("a")]
    assert links == ["#chapters-opening--users", "#figures--fig-mau", "#figures",  # parts of the document
                     "https://x.org/0.1.0/cite/#a-number", "https://example.org/x"]  # the site, the world
    assert part.cssselect("[aria-describedby]")[0].get("aria-describedby") == "chapters-opening--pop-1"
    assert part.cssselect("[aria-labelledby]")[0].get("aria-labelledby") == \
        "chapters-opening--filter-kind chapters-opening--other"
    assert part.cssselect("label")[0].get("for") == "chapters-opening--box"
    assert not part.cssselect(".print-header, button")  # for the screen, or repeated by every page's head


def test_an_english_page_links_its_own_editions_parts(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text('<html><body><article class="md-content__inner"><p><a href="../../figures/#fig-mau">f</a> '
                    '<a href="../../../chapters/opening/">zh</a></p></article></body></html>', encoding="utf-8")
    parts = {"chapters/opening/": "chapters-opening", "figures/": "figures"}
    part = html.fragment_fromstring(part_html(page, "chapters/opening/", "en/", parts, "https://x.org/0.1.0/"))
    assert [a.get("href") for a in part.iter("a")] == [
        "#figures--fig-mau",  # the English figures page, a part of this (English) document
        "https://x.org/0.1.0/chapters/opening/"]  # the Chinese edition's page: its published address
