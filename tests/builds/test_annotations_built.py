"""Annotations on the built site: each at its target in both editions, on the list, never lost, never unsafe."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from lxml import html

from macros.rendering.annotationpage import SECTION_PREVIEW
from tests.conftest import FIXTURE_SITE, BuildResult, build_site
from tests.htmltools import content

PUBLISHED = {"ledger-context": "pages", "ledger-check": "pages", "ledger-hostile": "other"}
EDITIONS = ["", "en/"]


def page(result: BuildResult, url: str) -> html.HtmlElement:
    return html.fromstring(result.page(url))


def copy_on(tree: html.HtmlElement, annotation_id: str) -> html.HtmlElement:
    """An annotation as a chapter page shows it: a copy without the id, which lives on the annotations page."""
    [found] = tree.cssselect(f'[data-annotation="ann-{annotation_id}"]')
    return found


@pytest.mark.parametrize("prefix", EDITIONS)
def test_every_published_annotation_is_at_its_target_once(built_fixture_site, prefix):
    tree = page(built_fixture_site, f"{prefix}chapters/ledger/")
    for annotation_id, section in PUBLISHED.items():
        found = copy_on(tree, annotation_id)
        holder = found.xpath("ancestor::aside[contains(@class, 'annotation-section')]")[0]
        assert holder.get("data-section") == section
        # after the text it comments on: the end of its section, before the next heading or the page's end
        before = holder.getprevious()
        while before is not None and not (before.tag in ("h1", "h2", "h3") and before.get("id")):
            before = before.getprevious()
        assert before is not None and before.get("id") == section
        following = holder.getnext()
        assert following is None or following.tag in ("h2", "h3", "div", "section", "span", "script"), following.tag
        assert holder.getprevious().tag not in ("h2", "h3")  # not right under its heading
        permalink = found.cssselect(".annotation__permalink")[0].get("href")
        assert permalink == f"../../annotations/#ann-{annotation_id}"
    assert not [e for e in tree.iter() if (e.get("id") or "").startswith("ann-")]


@pytest.mark.parametrize("prefix", EDITIONS)
def test_every_annotation_is_on_the_annotations_page_once(built_fixture_site, prefix):
    tree = page(built_fixture_site, f"{prefix}annotations/")
    for annotation_id in [*PUBLISHED, "ledger-withdrawn"]:
        assert len(tree.cssselect(f"#ann-{annotation_id}")) == 1
    # the counts in each edition's brackets: （3） in Chinese, (3) in English
    counts = [b.text_content().replace("（", "(").replace("）", ")") for b in tree.cssselect("[data-filter-kind]")]
    assert counts[0].endswith("(3)")  # all published ones
    assert any(c.endswith("(1)") for c in counts[1:]) and any(c.endswith("(0)") for c in counts[1:])


@pytest.mark.parametrize("prefix", EDITIONS)
def test_a_withdrawn_annotation_leaves_a_tombstone_at_its_permalink(built_fixture_site, prefix):
    tombstone = page(built_fixture_site, f"{prefix}annotations/").get_element_by_id("ann-ledger-withdrawn")
    assert "annotation--withdrawn" in tombstone.get("class")
    assert "作者发现自己看错了。" in tombstone.text_content()
    assert "这一条有误" not in tombstone.text_content()
    # The chapter shows (and counts) published annotations only; the notice lives at the permalink.
    chapter = page(built_fixture_site, f"{prefix}chapters/ledger/")
    assert not chapter.cssselect('[data-annotation="ann-ledger-withdrawn"]')


def test_a_section_shows_its_count_and_each_notes_lead_with_the_rest_one_click_away(built_fixture_site):
    [aside] = page(built_fixture_site, "chapters/ledger/").cssselect('.annotation-section[data-section="pages"]')
    assert aside.get("data-count") == "2" and "2" in aside.cssselect(".annotation-section__count")[0].text_content()
    for note in aside.cssselect("article.annotation"):
        # visible without a click: its kind, author and its claim (a fact-check) or first sentence
        assert note.cssselect(".annotation__head .annotation__kind") and note.cssselect(".annotation__head time")
        assert note.cssselect(".annotation__claim, .annotation__lead")
        [more] = note.cssselect("details.annotation__more")
        assert more.get("open") is None and more.cssselect(".annotation__body")
    [context] = aside.cssselect('[data-annotation="ann-ledger-context"] .annotation__lead')
    assert context.text_content().endswith("。") and context.text_content().count("。") == 1


def test_annotations_show_kind_author_date_language_and_sources(built_fixture_site):
    note = copy_on(page(built_fixture_site, "chapters/ledger/"), "ledger-check")
    text = note.text_content()
    assert "事实核查" in text and "Checker" in text and "2026-11-02" in text and "英文" in text
    assert note.cssselect(".article-quote")[0].text_content() == "“一共记了12页”"
    assert note.cssselect(".annotation__verdict")[0].text_content() == "无法核实"
    assert note.cssselect(".annotation__sources a")[0].get("href") == "https://example.org/check"
    assert note.cssselect(".annotation__body")[0].get("lang") == "en"


@pytest.mark.parametrize("prefix", EDITIONS)
def test_hostile_bodies_never_reach_the_page(built_fixture_site, prefix):
    for url in (f"{prefix}chapters/ledger/", f"{prefix}annotations/"):
        tree = page(built_fixture_site, url)
        body = tree.cssselect('#ann-ledger-hostile .annotation__body, [data-annotation="ann-ledger-hostile"] '
                              ".annotation__body")[0]
        markup = html.tostring(body, encoding="unicode")
        assert "<script" not in markup and "<iframe" not in markup and "<img" not in markup
        assert "javascript:" not in markup
        assert not [name for el in body.iter() for name in el.attrib if name.startswith("on")]
        assert "{{ 7*7 }}" in body.text_content() and "49" not in body.text_content()
        assert '{% include "mkdocs.yml" %}' in body.text_content()


def test_every_section_offers_a_prefilled_suggestion(built_fixture_site):
    links = page(built_fixture_site, "chapters/ledger/").cssselect(".annotation__suggest")
    assert len(links) == 2  # one per section heading
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(links[0].get("href"))
    assert parts.netloc == "github.com" and parts.path == "/example/fixture/new/main/data/annotations"
    query = parse_qs(parts.query)
    scaffolded = yaml.safe_load(query["value"][0])
    assert scaffolded["target"] == {"chapter": "ledger", "section": "pages"}
    assert query["filename"][0].endswith("-ledger-pages.yml")


def test_the_w3c_export(built_fixture_site):
    data = json.loads((built_fixture_site.site_dir / "downloads" / "annotations.jsonld").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    assert data["id"].endswith("/downloads/annotations.jsonld") and data["first"]["id"] == data["last"]
    items = {item["id"].split("#")[-1]: item for item in data["first"]["items"]}
    check = items["ann-ledger-check"]
    assert check["id"].endswith("/annotations/#ann-ledger-check")  # its home, where its id stays
    assert check["@context"] == "http://www.w3.org/ns/anno.jsonld" and check["type"] == "Annotation"
    assert check["motivation"] == "assessing"
    section, quote = check["target"]
    assert section["source"]["id"].endswith("/chapters/ledger/") and "#" not in section["source"]["id"]
    assert section["selector"]["value"] == "pages"
    # the quote is the article's words, placed in the article by the words around them
    assert quote["source"]["id"] == "https://example.org/article"
    assert quote["selector"] == {"type": "TextQuoteSelector", "exact": "一共记了12页", "prefix": "是账本，",
                                 "suffix": "。"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", check["created"])
    assert check["creator"] == {"id": "https://github.com/checker", "type": "Person", "name": "Checker",
                                "nickname": "checker"}
    assert items["ann-ledger-withdrawn"]["motivation"] == "moderating"


@pytest.mark.parametrize("site", ["fixture", "real"])
def test_the_w3c_export_passes_the_w3c_tests_musts_and_shoulds(built_fixture_site, built_site, site):
    """The W3C Web Annotation test suite's own assertions (tests/fixtures/web-annotation-tests), on every
    edition's export: the collection, its page and every annotation."""
    from tests import webannotation

    result = built_fixture_site if site == "fixture" else built_site
    for path in sorted(result.site_dir.glob("**/downloads/annotations.jsonld")):
        data = json.loads(path.read_text(encoding="utf-8"))
        page = {"@context": data["@context"], **data["first"]}
        found = webannotation.failures(webannotation.COLLECTION_TESTS, data)
        found += webannotation.failures(webannotation.PAGE_TESTS, page)
        for item in data["first"]["items"]:
            found += [f"{item['id']}: {f}" for f in webannotation.failures(webannotation.ANNOTATION_TESTS, item)]
        assert found == [], path


def test_the_w3c_tests_catch_what_the_export_once_did_wrong():
    """The suite run here can fail: a date where a date-time belongs, a collection without an id."""
    from tests import webannotation

    dated = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://x.example/a", "type": "Annotation",
             "target": "https://x.example/", "created": "2026-11-29"}
    assert any("annotationCreatedValidated" in f for f in webannotation.failures(webannotation.ANNOTATION_TESTS, dated))
    assert any("collectionIdValidated" in f for f in webannotation.failures(
        webannotation.COLLECTION_TESTS, {"@context": "http://www.w3.org/ns/anno.jsonld",
                                         "type": "AnnotationCollection"}))


def test_a_bad_annotation_stops_the_build_and_names_the_file(fixture_site, tmp_path):
    bad = fixture_site / "data" / "annotations" / "2026-11-05-bad.yml"
    bad.write_text(
        (FIXTURE_SITE / "data" / "annotations" / "2026-11-01-ledger-context.yml")
        .read_text(encoding="utf-8")
        .replace("id: ledger-context", "id: ledger-context-two")
        .replace("section: pages", "section: nowhere"),
        encoding="utf-8",
    )
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "2026-11-05-bad.yml" in result.output and "has no section 'nowhere'" in result.output
    assert not (tmp_path / "out" / "chapters").exists()


def test_the_real_site_has_an_annotations_page_and_export(built_site: BuildResult):
    for prefix in EDITIONS:
        assert content(built_site.page(f"{prefix}annotations/")).cssselect(".annotations-empty, .annotation-list")
        text = (built_site.site_dir / prefix / "downloads" / "annotations.jsonld").read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["type"] == "AnnotationCollection"
        # for a person reading the file: each annotation on a line of its own
        item_lines = [json.loads(line.strip().rstrip(",")) for line in text.splitlines() if line.startswith("      {")]
        assert item_lines == data["first"]["items"] and data["total"] == len(item_lines) > 0
    opening = content(built_site.page("chapters/opening/"))
    # beside each section's annotations, not in its cite panel: the pull request and the issue form
    suggest = opening.cssselect("aside.annotation-section .annotation__suggest")
    assert len(suggest) == len(opening.cssselect("h2, h3"))
    assert not opening.cssselect("details.cite .annotation__suggest")
    issues = opening.cssselect('aside.annotation-section a[href*="/issues/new?template=annotation.yml"]')
    assert len(issues) == len(suggest)


def test_annotation_permalinks_join_the_anchor_ledger(built_fixture_site):
    from macros.model.anchors import published_ids

    served = published_ids(built_fixture_site.site_dir)
    for prefix in EDITIONS:
        assert {"ann-ledger-context", "ann-ledger-check", "ann-ledger-withdrawn"} <= served.pages[
            f"{prefix}annotations/"
        ]


def test_a_busy_section_shows_its_newest_and_leads_to_the_rest(fixture_site, tmp_path):
    """However many annotations a section gets, its chapter page shows SECTION_PREVIEW of them."""
    template = (FIXTURE_SITE / "data" / "annotations" / "2026-11-01-ledger-context.yml").read_text(encoding="utf-8")
    for day in range(10, 20):
        (fixture_site / "data" / "annotations" / f"2026-10-{day}-busy.yml").write_text(
            template.replace("id: ledger-context", f"id: busy-{day}").replace("2026-11-01", f"2026-10-{day}"),
            encoding="utf-8")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode == 0, result.output
    section = page(result, "chapters/ledger/").cssselect('.annotation-section[data-section="pages"]')[0]
    shown = [a.get("data-annotation") for a in section.cssselect("article.annotation")]
    assert shown == ["ann-ledger-check", "ann-ledger-context", "ann-busy-19"][:SECTION_PREVIEW]
    assert section.get("data-count") == "12"
    assert section.cssselect(".annotations__more a")[0].get("href") == "../../annotations/"
    listed = page(result, "annotations/").cssselect(".annotation-list article.annotation")
    assert len(listed) == 14 and listed[-1].get("id") == "ann-busy-10"  # newest first, every one


def test_each_fact_check_shows_one_verdict_and_a_sum_of_the_articles_the_figures_pages(built_site: BuildResult,
                                                                                       project):
    listing = content(built_site.page("annotations/"))
    words = project.phrases.of("zh")
    checks = {}
    for path in sorted((project.root / "data" / "annotations").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["kind"] == "fact-check" and data["status"] == "published":
            checks[data["id"]] = data.get("checks")
    assert None in checks.values() and any(checks.values())  # both kinds of fact-check are on the site
    for annotation_id, claim in checks.items():
        [article] = listing.cssselect(f"#ann-{annotation_id}")
        marks = article.cssselect(".annotation__claim mark")
        assert len(marks) == 1, annotation_id
        [mark] = marks
        if claim:  # the article's own sum: the verdict the figures page gives it, in the same words
            verdict = project.figures[claim].verdict
            assert mark.get("class") == f"verdict verdict--{verdict}"
            assert mark.text_content() == words.verdicts[verdict], annotation_id
        else:
            [kind] = [c.split("--")[1] for c in mark.get("class").split() if "--" in c]
            assert kind in {"accurate", "inaccurate", "misleading", "unverifiable"}, annotation_id


def test_the_sites_issue_link_fills_in_the_forms_title_and_section(built_site):
    """The link beside a section opens the issue form (.github/ISSUE_TEMPLATE/annotation.yml) with its
    title and its `section` field filled in: ids the form has (GitHub fills fields by id)."""
    from urllib.parse import parse_qs, urlsplit

    from scripts import issue_to_annotation as script

    form = yaml.safe_load(script.FORM.read_text(encoding="utf-8"))
    tree = html.fromstring(built_site.page("chapters/opening/"))
    link = tree.cssselect('aside[data-section="users"] a[href*="/issues/new"]')[0].get("href")
    query = parse_qs(urlsplit(link).query)
    assert query.pop("template") == [script.FORM.name]
    assert query.pop("title") == [form["title"] + "opening#users"]  # the form's own title, with the section
    ids = {item.get("id") for item in form["body"]}
    assert set(query) <= ids and query["section"] == ["opening#users"]
