"""Every chapter, in both languages, can be cited: blocks, downloads and the metadata tools read."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from urllib.parse import parse_qs

import bibtexparser
import extruct
import jsonschema
import pytest
import rispy
import yaml
from lxml import html

from macros.gitdates import CHAPTER_DATA, last_change
from macros.project import Project
from tests.conftest import BUILD_DAY, ROOT, BuildResult
from tests.htmltools import content
from tests.zotero_names import from_coins, from_meta, from_ris

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
    assert meta["citation_author"] == meta["DC.creator"] == project.site.collective.name(locale) + ","
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
    title = next(s.title(locale) for s in project.article.sections if s.chapter == slug)
    assert [s["rft.title"][0] for s in spans] == [title] + [f"{title} § {heading}" for _, heading in sections]
    assert all(
        s["rft.type"] == ["webpage"] and s["rft.aucorp"] == [project.site.collective.name(locale)] for s in spans
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
    locale = "en" if prefix else "zh"
    assert [item["id"] for item in whole] == [f"yuanbao-reading-{locale}", f"dingjiaoone-yuanbao-{locale}"]
    home = f"{project.site.base_url}{project.site.version}/{prefix}"
    assert whole[0]["title"] == project.site.title(locale) and whole[0]["URL"] == home  # the site, as released
    assert whole[0]["issued"] == {"date-parts": [[BUILD_DAY.year, BUILD_DAY.month, BUILD_DAY.day]]}  # its release


def download_files(built_site, suffix: str) -> list:
    return sorted((built_site.site_dir).glob(f"**/downloads/cite/*.{suffix}"))


def test_every_bib_file_passes_biber_and_a_bibtex_parser(built_site, tmp_path):
    """biber checks each entry against biblatex's data model (mandatory fields, field types, langid)."""
    if not shutil.which("biber"):
        if os.environ.get("CI"):
            pytest.fail("biber is missing; .ci/run installs Debian's biber package")
        pytest.skip("biber is missing (apt-get install biber)")
    files = download_files(built_site, "bib")
    assert len(files) == 2 * (len(CHAPTERS) + 2)
    # One biber run over every entry (biber takes a second to start): an entry in several files (the
    # original) must be the same in each, so each key is checked once, for the files that hold it.
    entries: dict[str, tuple[str, list[str]]] = {}
    for bib in files:
        text = bib.read_text(encoding="utf-8")
        assert not bibtexparser.parse_string(text).failed_blocks, bib
        for entry in re.split(r"\n(?=@)", text.strip()):
            key = entry.split("{", 1)[1].split(",", 1)[0]
            known, where = entries.setdefault(key, (entry, []))
            assert known == entry, f"{key} differs between {where[0]} and {bib.name}"
            where.append(str(bib.relative_to(built_site.site_dir)))
    (tmp_path / "all.bib").write_text("\n\n".join(entry for entry, _ in entries.values()) + "\n", encoding="utf-8")
    result = subprocess.run(["biber", "--tool", "--validate-datamodel", "all.bib"], cwd=tmp_path,  # WARN: logged
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "WARN" not in result.stdout + result.stderr, result.stdout[-2000:]
    assert len(entries) > 2 * len(CHAPTERS) * 4  # every chapter, section, figure and the original, in both


def test_every_ris_file_parses_and_dates_the_sites_pages(built_site, project):
    """Read by a RIS library: the site's pages carry PY (the year) and DA (YYYY/MM/DD), the original,
    which gives no date, neither; no edition (ET), which Zotero would file as a note of its own."""
    files = download_files(built_site, "ris")
    assert len(files) == 2 * (len(CHAPTERS) + 2)
    for path in files:
        entries = rispy.loads(path.read_text(encoding="utf-8"))
        ours = [e for e in entries if e["urls"][0].startswith(project.site.base_url)]
        originals = [e for e in entries if e not in ours]
        # A chapter's and the site's files: the original once, last; the figures' file: one per stated figure.
        assert ours and (len(originals) == 1 or path.stem == "figures"), path
        assert all(re.fullmatch(r"\d{4}", e["year"]) and re.fullmatch(r"\d{4}/\d\d/\d\d", e["date"]) for e in ours)
        assert all("year" not in original and "date" not in original for original in originals)
        assert all("edition" not in e for e in entries) and all(e["notes"] for e in ours), path


def test_every_csl_json_file_is_valid_against_the_official_schema(built_site):
    schema = json.loads((ROOT / "tests" / "fixtures" / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    files = download_files(built_site, "json")
    assert len(files) == 2 * (len(CHAPTERS) + 2)
    for path in files:
        errors = [error.message for error in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))]
        assert errors == [], path


def test_footer_states_the_licences(built_site, project):
    for page in ["", "en/", "chapters/opening/", "en/figures/"]:
        footer = html.fromstring(built_site.page(page)).cssselect("footer")[0].text_content()
        assert all(licence.name in footer for licence in project.site.licences.values())


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_zotero_keeps_every_creator_whole_from_every_path(built_site, project, locale, prefix, slug):
    """Zotero's own name rules (tests/zotero_names.py) applied to every creator string the site emits
    for a chapter: its head tags, its COinS spans and its RIS download (the site's collective, and the
    original article's author in the Chinese edition) each give one whole name."""
    collective = project.site.collective.name(locale)
    tree = chapter(built_site, prefix, slug)
    tags = 'head meta[name="citation_author"], head meta[name="DC.creator"]'
    metas = [m.get("content") for m in tree.cssselect(tags)]
    assert len(metas) == 2 and all(from_meta(value).whole(collective) for value in metas)
    spans = [from_coins(span.get("title")) for span in tree.cssselect("span.Z3988")]
    assert spans and all(len(names) == 1 and names[0].whole(collective) for names in spans)
    ris = rispy.loads((built_site.site_dir / f"{prefix}downloads/cite/{slug}.ris").read_text(encoding="utf-8"))
    ours = [entry for entry in ris if entry["urls"][0].startswith(project.site.base_url)]
    assert ours and all([from_ris(a) for a in entry["authors"]] == [from_ris(collective + ",")] for entry in ours)
    assert all(from_ris(a).whole(collective) and from_ris(a).single_field for e in ours for a in e["authors"])
    if locale == "zh":
        original = next(entry for entry in ris if entry not in ours)
        assert [from_ris(a).whole(project.article.author) for a in original["authors"]] == [True]


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_the_home_page_cites_the_whole_site_as_released(built_site, project, locale, prefix):
    tree = html.fromstring(built_site.page(prefix))
    meta = {m.get("name") or m.get("property"): m.get("content") for m in tree.cssselect("head meta")}
    assert meta["citation_title"] == meta["og:title"] == project.site.title(locale)
    assert meta["citation_public_url"] == meta["og:url"] == f"{project.site.base_url}{project.site.version}/{prefix}"
    assert meta["citation_publication_date"] == BUILD_DAY.strftime("%Y/%m/%d")  # the release's day
    assert from_meta(meta["citation_author"]).whole(project.site.collective.name(locale))


def test_in_english_gbt_gives_the_original_in_chinese_first(built_site, project):
    tree = chapter(built_site, "en/", "opening")
    original = tree.cssselect('.cite__group--original .cite__format[data-format="gbt7714"] code')[0].text_content()
    chinese, english = original.split("\n")
    assert chinese.startswith(f"[1] {project.article.author}. {project.article.title}[EB/OL].")
    assert english.startswith("CHEN Y. 10 yi ci AI chuangzuo beihou")  # the same entry, romanised, unnumbered


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_suggesting_an_annotation_opens_a_file_in_the_readers_language_naming_the_section(
        built_site, project, locale, prefix):
    tree = chapter(built_site, prefix, "opening")
    link = tree.cssselect('details.cite[data-cite$="-opening-users-%s"] .cite__suggest a' % locale)[0].get("href")
    assert link.startswith(f"{project.site.repository}/new/main/data/annotations?")
    query = parse_qs(link.split("?", 1)[1])
    template = project.phrases.of(locale).annotations.template
    heading = dict(section_headings(tree))["users"]
    value = query["value"][0]
    assert f"# {template.section}: opening § {heading}" in value and f"# {template.intro}" in value
    assert yaml.safe_load(value)["language"] == locale


@pytest.mark.parametrize("locale, prefix", EDITIONS)
def test_every_figure_offers_its_citation_from_its_popover_its_card_and_the_overview(built_site, project, locale,
                                                                                   prefix):
    from macros import figurecite, figureview

    figures_page = html.fromstring(built_site.page(f"{prefix}figures/"))
    assert figures_page.cssselect("h1")[0].text_content().rstrip("¶").strip() == \
        project.phrases.of(locale).cite.figures_page  # the title a figure's citation names
    updated = last_change(ROOT, ["docs/figures.md", "docs/figures.en.md", *CHAPTER_DATA]) or BUILD_DAY
    for figure_id in project.figures.ids:
        anchor = "fig-" + figure_id.replace("_", "-")
        [card] = figures_page.cssselect(f'details.figure-card[data-fig="{figure_id}"]')
        [panel] = card.cssselect("details.cite--figure")
        assert panel.get("id") == f"cite-{anchor}" and panel.get("data-default") == "number"
        view = figureview.view(project, project.figures[figure_id], locale)
        number = panel.cssselect('.cite__format[data-format="number"] code')[0].text_content()
        assert number == figurecite.with_citation(project, view, locale, updated)
        assert [f.get("data-format") for f in panel.cssselect(".cite__format")][1:] == list(
            ("gbt7714", "apa", "chicago_note", "chicago_bibliography", "bibtex", "ris", "csl_json"))
        [row] = figures_page.cssselect(f'.figures-overview tr[data-fig="{figure_id}"]')
        assert row.cssselect("a.figure-cite-link")[0].get("href") == f"#cite-{anchor}"
    pops = 0
    for slug in CHAPTERS:
        for figure in chapter(built_site, prefix, slug).cssselect("span.fig[data-fig]"):
            view = figureview.view(project, project.figures[figure.get("data-fig")], locale)
            [button] = figure.cssselect("button.fig-pop__copy")
            assert button.get("data-copy") == figurecite.with_citation(project, view, locale, updated)
            links = [a.get("href") for a in figure.cssselect(".fig-pop__more a")]
            assert links[-1] == f"../../figures/#cite-fig-{view.id.replace('_', '-')}"
            pops += 1
    assert pops > 20
    records = json.loads((built_site.site_dir / prefix / "downloads" / "cite" / "figures.json").read_text("utf-8"))
    assert len(records) == len(project.figures.ids)  # every figure's citation, in one file
    for record, figure_id in zip(records, project.figures.ids, strict=True):
        assert figure_id in record["note"]
