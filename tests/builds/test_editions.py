"""The English edition: a twin for every page, same anchors, same numbers, its own language throughout."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from lxml import html

from macros.model.project import Project
from tests.conftest import ROOT, BuildResult
from tests.htmltools import content, hand_typed_numbers

DOCS = ROOT / "docs"
CHINESE_SOURCES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))
PAGES = [
    "",
    "chapters/opening/",
    "chapters/into-your-circle/",
    "chapters/why-tencent/",
    "chapters/watershed/",
    "reading/",
    "figures/",
    "source/",
    "cite/",
    "annotations/",
    "glossary/",
    "players/",
]
# Not prose of the page's language: quotations, code, citations, and runs marked as the other language.
QUOTED = ".article-quote, cite, code, pre, script, details.cite, [lang^=zh], [lang=en]"


def without(root: html.HtmlElement, selector: str) -> str:
    for element in root.cssselect(selector):
        element.drop_tree()
    return root.text_content()


def heading_ids(page_html: str) -> list[str]:
    return [h.get("id") for h in content(page_html).cssselect("h1, h2, h3, h4, h5, h6")]


def shown_figures(page_html: str) -> set[tuple[str, str]]:
    """Every figure a page shows, with its value as an interval (the same in every language)."""
    return {(f.get("data-fig"), f.get("data-interval")) for f in content(page_html).cssselect("[data-fig]")}


@pytest.mark.parametrize("source", CHINESE_SOURCES)
def test_every_chinese_page_has_an_english_twin(source: str):
    assert (DOCS / source.replace(".md", ".en.md")).is_file()


@pytest.mark.parametrize("page", PAGES)
def test_twins_have_the_same_section_ids(built_site: BuildResult, page: str):
    chinese, english = heading_ids(built_site.page(page)), heading_ids(built_site.page("en/" + page))
    assert english == chinese  # same ids, same order
    assert len(set(chinese)) == len(chinese)


@pytest.mark.parametrize("page", PAGES)
def test_twins_show_the_same_figures_with_the_same_values(built_site: BuildResult, page: str):
    chinese, english = shown_figures(built_site.page(page)), shown_figures(built_site.page("en/" + page))
    assert english == chinese
    assert chinese or page in ("source/", "cite/", "annotations/", "glossary/")  # these show no figures


@pytest.mark.parametrize("page", PAGES)
def test_each_edition_declares_its_language(built_site: BuildResult, page: str):
    assert html.fromstring(built_site.page(page)).get("lang") == "zh-Hans"
    assert html.fromstring(built_site.page("en/" + page)).get("lang") == "en"


@pytest.mark.parametrize("page", PAGES)
def test_chinese_on_english_pages_is_marked_as_chinese(built_site: BuildResult, page: str):
    root = content(built_site.page("en/" + page))
    for element in root.cssselect("script, style, code, pre, svg, [lang]"):
        element.drop_tree()  # code is not text; [lang] already says its language
    assert re.findall(r"[\u3400-\u9fff]+", root.text_content()) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_chinese_number_units_in_english_prose(built_site: BuildResult, page: str):
    text = without(content(built_site.page("en/" + page)), QUOTED)
    assert re.findall(r".{0,12}[万亿].{0,12}", text) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_english_unit_words_in_chinese_prose(built_site: BuildResult, page: str):
    text = without(content(built_site.page(page)), QUOTED)
    assert re.findall(r"(?i)\b(?:thousand|million|billion|CNY|percent)\b", text) == []


@pytest.mark.parametrize("page", PAGES[:5])
def test_no_number_typed_by_hand_in_english_prose(built_site: BuildResult, page: str):
    assert hand_typed_numbers(built_site.page("en/" + page)) == []


@pytest.mark.parametrize(
    "figure_id, text",
    [
        ("red_envelope_total", "over CNY 4.5 billion"),
        ("dau", "over 50 million"),
        ("mau", "114 million"),
        ("creations", "over 1 billion"),
        ("creations_per_user_claim", "nearly 9"),
        ("creations_per_dau", "over 8.73"),
        ("tencent_share", "under 22.3%"),
    ],
)
def test_english_pages_format_numbers_in_english(built_site: BuildResult, figure_id: str, text: str):
    root = content(built_site.page("en/"))
    shown = (
        root.cssselect(f'span.fig[data-fig="{figure_id}"] > .fig__value')
        or content(built_site.page("en/chapters/opening/")).cssselect(f'span.fig[data-fig="{figure_id}"] > .fig__value')
        or content(built_site.page("en/chapters/into-your-circle/")).cssselect(
            f'span.fig[data-fig="{figure_id}"] > .fig__value'
        )
    )
    assert shown and shown[0].text_content() == text


def test_english_frames_follow_the_language(built_site: BuildResult, project: Project):
    page = content(built_site.page("en/chapters/into-your-circle/"))
    popover = page.cssselect('span.fig[data-fig="creations_per_mau"] .fig-pop')[0].text_content()
    assert "AI creations ÷ Yuanbao monthly active users (MAU)" in popover
    assert page.cssselect(".verdict--consistent")[0].text_content() == project.phrases.en.verdicts["consistent"]
    figures = content(built_site.page("en/figures/"))
    assert "Possible values" in figures.text_content() and "取值范围" not in figures.text_content()
    assert [a.get("href") for a in figures.cssselect("p.downloads a")] == [
        "../downloads/figures.json",
        "../downloads/figures.csv",
        "../downloads/figures-columns.csv",
    ]
    chapter_map = content(built_site.page("en/")).cssselect("ol.chapter-map a")
    assert [a.text_content() for a in chapter_map][
        0
    ] == "Opening: the red-envelope war and Yuanbao's two sets of numbers"


def test_english_downloads(built_site: BuildResult, project: Project):
    data = json.loads((built_site.site_dir / "en" / "downloads" / "figures.json").read_text(encoding="utf-8"))
    assert data["language"] == "en"
    mau = next(f for f in data["figures"] if f["id"] == "mau")
    assert mau["display"] == "114 million" and mau["label"] == "Yuanbao monthly active users (MAU)"
    assert mau["wording"] == "月活跃用户（MAU）达到1.14亿"  # the article's words stay the article's
    csv_text = (built_site.site_dir / "en" / "downloads" / "figures.csv").read_text(encoding="utf-8")
    assert "over CNY 4.5 billion" in csv_text


def test_english_overrides_in_mkdocs_yml_agree_with_site_yml(project: Project):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    assert english["site_name"] == project.site.title.en
    assert english["site_description"] == project.site.description.en
    assert english["site_author"] == project.site.collective.name.en
    assert project.site.collective.name.en in english["copyright"]
    assert all(licence.name in english["copyright"] for licence in project.site.licences.values())
    assert [lang["locale"] for lang in i18n["languages"]] == project.site.languages
    assert i18n["fallback_to_default"] is False


def test_english_chapter_titles_match_the_data(project: Project):
    for section in project.article.sections:
        if section.chapter:
            text = (DOCS / "chapters" / f"{section.chapter}.en.md").read_text(encoding="utf-8")
            assert re.search(rf"^# {re.escape(section.title.en)} \{{ #{section.chapter} \}}$", text, re.MULTILINE)
            assert f"\nsection: {section.id}\n" in text.split("---")[1]


def test_popovers_stay_out_of_the_search_index(built_site: BuildResult, project: Project):
    """The figures page prints readings in its cards; everywhere else they live only in popovers."""
    for prefix, locale in (("", "zh"), ("en/", "en")):
        index = json.loads((built_site.site_dir / prefix / "search-index.json").read_text(encoding="utf-8"))
        text = "".join(row[4] for row in index["sections"] if not row[0].startswith("figures/"))
        readings = [f.spec.reading(locale) for f in project.figures.figures.values()
                    if getattr(f.spec, "reading", None)]
        assert readings
        assert [reading for reading in readings if reading in text] == []
