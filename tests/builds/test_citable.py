"""Every chapter, in both languages, can be cited: blocks, downloads and the metadata tools read."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import bibtexparser
import extruct
import pytest
import rispy
import yaml
from lxml import html

from macros.gitdates import CHAPTER_DATA, last_change
from macros.project import Project
from tests.conftest import BUILD_DAY, ROOT, BuildResult
from tests.htmltools import content

CHAPTERS = ["opening", "into-your-circle", "why-tencent", "watershed"]
EDITIONS = [("zh", ""), ("en", "en/")]
CASES = [(locale, prefix, slug) for locale, prefix in EDITIONS for slug in CHAPTERS]


def chapter(built_site: BuildResult, prefix: str, slug: str) -> html.HtmlElement:
    return html.fromstring(built_site.page(f"{prefix}chapters/{slug}/"))


def section_headings(tree: html.HtmlElement) -> list[tuple[str, str]]:
    return [
        (h.get("id"), h.text_content().rstrip("¶").strip())
        for h in content(html.tostring(tree, encoding="unicode")).cssselect("h2, h3")
    ]


def annotation_files(slug: str) -> list[str]:
    """The annotation files shown on a chapter: a chapter is as new as the newest of them."""
    folder = ROOT / "data" / "annotations"
    return [f"data/annotations/{path.name}" for path in sorted(folder.glob("*.yml"))
            if yaml.safe_load(path.read_text(encoding="utf-8"))["target"]["chapter"] == slug]


def expected_url(project: Project, prefix: str, slug: str, anchor: str = "") -> str:
    url = f"{project.site.base_url}{project.site.version}/{prefix}chapters/{slug}/"
    return f"{url}#{anchor}" if anchor else url


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_head_metadata_for_reference_managers(built_site, project, locale, prefix, slug):
    tree = chapter(built_site, prefix, slug)
    meta = {m.get("name") or m.get("property"): m.get("content") for m in tree.cssselect("head meta")}
    title = next(s.title(locale) for s in project.article.sections if s.chapter == slug)
    assert meta["citation_title"] == title
    assert meta["citation_author"] == project.site.collective.name(locale)
    assert meta["citation_language"] == locale
    assert meta["citation_public_url"] == expected_url(project, prefix, slug)
    assert meta["og:type"] == "website" and meta["og:site_name"] == project.site.title(locale)
    assert meta["DC.type"] == "Text"
    assert meta["og:url"] == expected_url(project, prefix, slug)
    assert meta["og:locale"] == {"zh": "zh_CN", "en": "en_US"}[locale]
    assert title in meta["description"] and meta["description"] == meta["og:description"]  # its own, not the site's
    assert meta["description"] != project.site.description(locale)
    updated = last_change(ROOT, [f"docs/chapters/{slug}{'' if locale == 'zh' else '.en'}.md", *CHAPTER_DATA,
                                 *annotation_files(slug)]) or BUILD_DAY
    assert meta["citation_publication_date"] == updated.strftime("%Y/%m/%d")


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_coins_chapter_first_then_each_section(built_site, project, locale, prefix, slug):
    tree = chapter(built_site, prefix, slug)
    spans = [parse_qs(span.get("title")) for span in tree.cssselect("span.Z3988")]
    sections = section_headings(tree)
    assert len(spans) == 1 + len(sections)
    assert spans[0]["rft.identifier"] == [expected_url(project, prefix, slug)]
    assert [s["rft.identifier"][0] for s in spans[1:]] == [expected_url(project, prefix, slug, i) for i, _ in sections]
    assert all(
        s["rft.type"] == ["webpage"] and s["rft.creator"] == [project.site.collective.name(locale)] for s in spans
    )


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_json_ld_article_based_on_the_original(built_site, project, locale, prefix, slug):
    data = extruct.extract(built_site.page(f"{prefix}chapters/{slug}/"), syntaxes=["json-ld"])["json-ld"]
    assert len(data) == 1
    article = data[0]
    assert article["@type"] == "Article" and article["inLanguage"] == locale
    assert article["author"]["name"] == project.site.collective.name(locale)
    assert article["isBasedOn"]["headline"] == project.article.title
    assert article["isBasedOn"]["author"]["name"] == project.article.author
    sections = section_headings(chapter(built_site, prefix, slug))
    assert [part["name"] for part in article["hasPart"]] == [title for _, title in sections]


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_a_cite_panel_for_the_chapter_with_the_original_and_one_for_every_section(built_site, locale, prefix, slug):
    tree = chapter(built_site, prefix, slug)
    blocks = tree.cssselect("details.cite")
    sections = section_headings(tree)
    assert len(blocks) == 1 + len(sections)
    every = ["gbt7714", "apa", "chicago_note", "chicago_bibliography", "bibtex", "ris", "csl_json"]
    for block in blocks:
        groups = block.cssselect(".cite__group")
        assert len(groups) == (2 if block is blocks[0] else 1)  # the chapter's panel cites the original too
        for group in groups:
            assert [f.get("data-format") for f in group.cssselect(".cite__format")] == every
            assert len(group.cssselect(".cite__copy")) == len(every)
        assert block.get("data-control")  # the label of the control site.js puts beside the heading
        links = [a.get("href") for a in block.cssselect(".cite__files a")]
        assert links == [f"../../downloads/cite/{slug}.{ext}" for ext in ("bib", "ris", "json")]
        suggest = block.cssselect(".cite__suggest a")
        assert len(suggest) == (0 if block is blocks[0] else 1)  # "suggest an annotation": sections only
    for section_id, _ in sections:  # each section's block comes right after its heading
        heading = tree.cssselect(f"#{section_id}")[0]
        follower = heading.getnext()
        assert follower.tag == "details" and follower.get("data-cite").endswith(f"-{slug}-{section_id}-{locale}")
    assert tree.cssselect(".cite .access-date")  # filled with today's date by the browser


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_citation_files_per_chapter_and_for_the_site(built_site, project, prefix):
    folder = built_site.site_dir / prefix / "downloads" / "cite"
    for slug in CHAPTERS:
        tree = chapter(built_site, prefix, slug)
        expected = 1 + len(section_headings(tree)) + 1  # chapter, sections, the original article
        items = json.loads((folder / f"{slug}.json").read_text(encoding="utf-8"))
        assert len(items) == expected
        library = bibtexparser.parse_string((folder / f"{slug}.bib").read_text(encoding="utf-8"))
        assert not library.failed_blocks and len(library.entries) == expected
        assert len(rispy.loads((folder / f"{slug}.ris").read_text(encoding="utf-8"))) == expected
    whole = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    assert not [item["id"] for item in whole if "accessed" in item]  # an access date only the reader can know
    for download in folder.iterdir():  # nor any other date in a file that is the day it was built
        text = download.read_text(encoding="utf-8")
        assert "urldate" not in text and "Y2  -" not in text, download.name
    assert {item["id"] for item in whole} >= {
        f"yuanbao-reading-{slug}-{'zh' if not prefix else 'en'}" for slug in CHAPTERS
    }


def test_footer_states_the_licences(built_site, project):
    for page in ["", "en/", "chapters/opening/", "en/figures/"]:
        footer = html.fromstring(built_site.page(page)).cssselect("footer")[0].text_content()
        assert all(licence.name in footer for licence in project.site.licences.values())
