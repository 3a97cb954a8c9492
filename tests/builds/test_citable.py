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

from macros.citing import citations
from macros.model.gitdates import CHAPTER_DATA, last_change, last_changes
from macros.model.project import Edition, Project
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


# Every page a reader may save, in each edition: (path, the page's title as cited).
PAGES = ["", "chapters/opening/", "figures/", "reading/", "players/", "glossary/", "annotations/", "source/", "cite/",
         "changes/"]


def meta_of(tree: html.HtmlElement) -> dict[str, str]:
    return {m.get("name") or m.get("property"): m.get("content") for m in tree.cssselect("head meta")}


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_head_metadata_for_reference_managers(built_site, project, locale, prefix, slug):
    tree = chapter(built_site, prefix, slug)
    meta = meta_of(tree)
    title = next(s.title(locale) for s in project.article.sections if s.chapter == slug)
    assert meta["citation_title"] == title
    collective = project.site.collective.name(locale)
    assert meta["citation_author"] == meta["DC.creator"] == citations.single_name(collective)
    assert meta["citation_language"] == locale
    assert meta["citation_public_url"] == expected_url(project, prefix, slug)
    assert meta["og:type"] == "website" and meta["og:site_name"] == project.site.title(locale)
    assert "DC.type" not in meta  # Zotero would make it "[Text]" in APA and "Text." in Chicago
    assert meta["og:url"] == expected_url(project, prefix, slug)
    assert meta["og:locale"] == {"zh": "zh_CN", "en": "en_US"}[locale]
    assert meta["description"] == meta["og:description"]  # its own (its front matter), not the site's
    assert meta["description"] != project.site.description(locale)
    updated = last_change(ROOT, [f"docs/chapters/{slug}{'' if locale == 'zh' else '.en'}.md", *CHAPTER_DATA,
                                 *annotation_files(slug)]) or BUILD_DAY
    assert meta["citation_publication_date"] == updated.strftime("%Y/%m/%d")
    assert meta["DC.date"] == updated.isoformat()


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_names_one_versioned_address_and_one_date(built_site, project, prefix, path):
    """Whatever page a reader saves, its metadata gives the author, its title, the content's date and the
    address of this version: the same address in the canonical link, every tag, COinS and JSON-LD."""
    tree = html.fromstring(built_site.page(f"{prefix}{path}"))
    meta = meta_of(tree)
    locale = "en" if prefix else "zh"
    url = f"{project.site.base_url}{project.site.version}/{prefix}{path}"
    [canonical] = tree.cssselect('link[rel="canonical"]')
    assert canonical.get("href") == meta["og:url"] == meta["citation_public_url"] == url
    assert meta["citation_title"] == meta["og:title"] == meta["DC.title"]
    assert from_meta(meta["citation_author"]).whole(project.site.collective.name(locale))
    day = meta["DC.date"]
    assert meta["citation_publication_date"] == day.replace("-", "/")
    [span] = tree.cssselect("span.Z3988")  # one item per page, whatever its sections
    coins = parse_qs(span.get("title"))
    assert coins["rft.identifier"] == [url] and coins["rft.date"] == [day]
    assert coins["rft.title"] == [meta["citation_title"]]
    for data in extruct.extract(built_site.page(f"{prefix}{path}"), syntaxes=["json-ld"])["json-ld"]:
        assert data["url"] == url and data["dateModified"] == data["datePublished"] == day


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


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_home_page_is_a_website_and_the_figures_page_a_dataset(built_site, project, prefix):
    [home] = extruct.extract(built_site.page(prefix), syntaxes=["json-ld"])["json-ld"]
    assert home["@type"] == "WebSite" and home["isBasedOn"]["url"] == project.article.repost.url
    [figures] = extruct.extract(built_site.page(f"{prefix}figures/"), syntaxes=["json-ld"])["json-ld"]
    assert figures["@type"] == "Dataset"
    base = f"{project.site.base_url}{project.site.version}/{prefix}downloads/"
    assert [(d["encodingFormat"], d["contentUrl"]) for d in figures["distribution"]] == [
        ("application/json", base + "figures.json"), ("text/csv", base + "figures.csv")]


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_a_cite_panel_for_the_chapter_with_the_original_and_one_for_every_section(built_site, project, locale,
                                                                                  prefix, slug):
    tree = chapter(built_site, prefix, slug)
    blocks = tree.cssselect("details.cite")
    sections = section_headings(tree)
    assert len(blocks) == 1 + len(sections)
    every = list(citations.FORMAT_KEYS)
    entries = set()
    for block in blocks:
        groups = block.cssselect(".cite__group")
        assert len(groups) == (2 if block is blocks[0] else 1)  # the chapter's panel cites the original too
        for group in groups:
            formats = group.cssselect(".cite__format")
            assert [f.get("data-format") for f in formats] == every
            for format_block in formats:  # an entry, and its in-text citation under it, each copied on its own
                codes = format_block.cssselect("pre > code")
                assert len(format_block.cssselect(".cite__copy")) == len(codes) in (1, 2)
        apa = groups[0].cssselect('.cite__format[data-format="apa"] pre > code')
        entries.add(apa[0].text_content())  # the page's reference entry, the same for every section
        assert "\n" not in apa[0].text_content() and apa[1].text_content().startswith("(")
        assert block.get("data-control")  # the label of the control site.js puts beside the heading
        links = [a.get("href") for a in block.cssselect(".cite__files a")]
        assert links == [f"../../downloads/cite/{slug}.{ext}" for ext in ("bib", "ris", "json")]
        assert not block.cssselect(".annotation__suggest")  # "suggest an annotation" stands with the annotations
    assert len(entries) == 1 and expected_url(project, prefix, slug) in entries.pop()  # no fragment in the entry
    for section_id, heading in sections:  # each section's block comes right after its heading, its locator
        heading_element = tree.cssselect(f"#{section_id}")[0]
        follower = heading_element.getnext()
        assert follower.tag == "details" and follower.get("data-cite") == f"yuanbao-reading-{slug}-{locale}"
        in_text = follower.cssselect('.cite__format[data-format="apa"] pre.cite__in-text code')[0].text_content()
        assert heading in in_text
        gbt = follower.cssselect('.cite__format[data-format="gbt7714"] pre.cite__in-text code')[0].text_content()
        assert expected_url(project, prefix, slug, section_id) in gbt  # GB/T: the section's link in the text
    assert tree.cssselect(".cite .access-date")  # filled with today's date by the browser


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_citation_files_hold_one_item_per_page_and_the_original_once(built_site, project, prefix):
    folder = built_site.site_dir / prefix / "downloads" / "cite"
    locale = "en" if prefix else "zh"
    original = f"dingjiaoone-yuanbao-{locale}"
    for stem in [*CHAPTERS, "figures", "site"]:
        items = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        ours = "yuanbao-reading-" + (f"{stem}-{locale}" if stem != "site" else locale)
        assert [item["id"] for item in items] == [ours, original], stem
        assert "#" not in items[0]["URL"] and items[0]["URL"].startswith(project.site.base_url)
        library = bibtexparser.parse_string((folder / f"{stem}.bib").read_text(encoding="utf-8"))
        assert not library.failed_blocks and [e.key for e in library.entries] == [ours, original]
        assert len(rispy.loads((folder / f"{stem}.ris").read_text(encoding="utf-8"))) == 2
    whole = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    for download in folder.iterdir():  # no date in a file that is the day it was built, or a placeholder
        text = download.read_text(encoding="utf-8")
        assert "urldate" not in text and "Y2  -" not in text and "XXXX" not in text, download.name
    home = f"{project.site.base_url}{project.site.version}/{prefix}"
    assert whole[0]["title"] == project.site.title(locale) and whole[0]["URL"] == home  # the site, as released
    released = max(last_changes(ROOT).values()).date()  # no tag here: the last change in git
    assert whole[0]["issued"] == {"date-parts": [[released.year, released.month, released.day]]}


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
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARN")]
    # The one warning kept, on purpose: the original gives no date and @online's data model wants one (date
    # or year). A made-up year, or EDTF's "XXXX" (which Zotero imports as the text "XXXX"), would be worse
    # than a warning; every other entry validates cleanly.
    undated = {"dingjiaoone-yuanbao-zh", "dingjiaoone-yuanbao-en"}
    assert result.returncode == 0, result.stdout[-2000:]
    assert len(warnings) == len(undated), warnings
    assert all(any(f"'{key}'" in w and "date" in w for w in warnings) for key in undated), warnings
    assert len(entries) == 2 * (len(CHAPTERS) + 2) + 2  # each page once and the original once, in both


def test_every_ris_file_parses_and_dates_the_sites_pages(built_site, project):
    """Read by a RIS library: the site's pages carry PY (the year) and DA (YYYY/MM/DD), the original,
    which gives no date, neither; no edition (ET), which Zotero would file as a note of its own."""
    files = download_files(built_site, "ris")
    assert len(files) == 2 * (len(CHAPTERS) + 2)
    for path in files:
        entries = rispy.loads(path.read_text(encoding="utf-8"))
        ours = [e for e in entries if e["urls"][0].startswith(project.site.base_url)]
        originals = [e for e in entries if e not in ours]
        assert len(ours) == len(originals) == 1, path  # the page, then the original it reads
        assert all("section" not in e for e in entries), path  # a section is a locator (Zotero drops SE)
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
    assert all(value.endswith(",") == (" " in collective) for value in metas)  # a comma only where Zotero needs it
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
    """For a machine (its tags) and for a person (the panel on the home and how-to-cite pages, every format),
    dated by the release: here, with no release tag, the last change in git; never the build's day."""
    tree = html.fromstring(built_site.page(prefix))
    meta = meta_of(tree)
    assert meta["citation_title"] == meta["og:title"] == project.site.title(locale)
    assert meta["citation_public_url"] == meta["og:url"] == f"{project.site.base_url}{project.site.version}/{prefix}"
    released = max(last_changes(ROOT).values()).date()
    assert meta["citation_publication_date"] == released.strftime("%Y/%m/%d")
    assert from_meta(meta["citation_author"]).whole(project.site.collective.name(locale))
    for page in (prefix, f"{prefix}cite/"):
        [panel] = html.fromstring(built_site.page(page)).cssselect("details.cite--site")
        formats = [f.get("data-format") for f in panel.cssselect(".cite__format")]
        assert formats == list(citations.FORMAT_KEYS)
        apa = panel.cssselect('.cite__format[data-format="apa"] pre > code')[0].text_content()
        assert apa.startswith(f"{project.site.collective.name(locale)}. ({released.year}")
        assert f"{project.site.base_url}{project.site.version}/{prefix}" in apa


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
    [aside] = tree.cssselect('aside.annotation-section[data-section="users"]')
    link = aside.cssselect("a.annotation__suggest")[0].get("href")
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
    from macros.citing import figurecite
    from macros.words import figureview

    figures_page = html.fromstring(built_site.page(f"{prefix}figures/"))
    assert figures_page.cssselect("h1")[0].text_content().rstrip("¶").strip() == \
        project.phrases.of(locale).cite.figures_page  # the title a figure's citation names
    updated = last_change(ROOT, ["docs/figures.md", "docs/figures.en.md", *CHAPTER_DATA]) or BUILD_DAY
    for figure_id in project.figures.ids:
        anchor = "fig-" + figure_id.replace("_", "-")
        [card] = figures_page.cssselect(f'details.figure-card[data-fig="{figure_id}"]')
        [panel] = card.cssselect("details.cite--figure")
        assert panel.get("id") == f"cite-{anchor}" and panel.get("data-default") == "number"
        view = figureview.view(Edition(project, locale), project.figures[figure_id])
        number = panel.cssselect('.cite__format[data-format="number"] code')[0].text_content()
        assert number == figurecite.with_citation(Edition(project, locale), view, updated)
        json_items = json.loads(panel.cssselect('.cite__format[data-format="csl_json"] pre > code')[0].text_content())
        assert [item["id"] for item in json_items][:1] == [f"yuanbao-reading-figures-{locale}"]
        assert figure_id in json_items[0]["note"] and "#" not in json_items[0]["URL"]
        assert [f.get("data-format") for f in panel.cssselect(".cite__format")][1:] == list(
            ("gbt7714", "apa", "chicago_note", "chicago_bibliography", "bibtex", "ris", "csl_json"))
        [row] = figures_page.cssselect(f'.figures-overview tr[data-fig="{figure_id}"]')
        assert row.cssselect("a.figure-cite-link")[0].get("href") == f"#cite-{anchor}"
    pops = 0
    for slug in CHAPTERS:
        for figure in chapter(built_site, prefix, slug).cssselect("span.fig[data-fig]"):
            view = figureview.view(Edition(project, locale), project.figures[figure.get("data-fig")])
            [button] = figure.cssselect("button.fig-pop__copy")
            assert button.get("data-copy") == figurecite.with_citation(Edition(project, locale), view, updated)
            links = [a.get("href") for a in figure.cssselect(".fig-pop__more a")]
            assert links[1] == f"../../figures/#cite-fig-{view.id.replace('_', '-')}"
            # and the original, at the figure's wording where the browser follows a text fragment
            assert links[2].startswith(project.article.repost.url)
            pops += 1
    assert pops > 20
    records = json.loads((built_site.site_dir / prefix / "downloads" / "cite" / "figures.json").read_text("utf-8"))
    assert [r["id"] for r in records] == [f"yuanbao-reading-figures-{locale}", f"dingjiaoone-yuanbao-{locale}"]


@pytest.mark.parametrize("locale, prefix, slug", CASES)
def test_a_chapter_says_under_its_title_what_it_reads_and_when_it_changed(built_site, project, locale, prefix, slug):
    tree = chapter(built_site, prefix, slug)
    [byline] = tree.cssselect("h1 ~ .page-byline")
    between = []  # right under the title: only its cite panel and its COinS come between
    before = byline.getprevious()
    while before.tag != "h1":
        between.append(before.get("class"))
        before = before.getprevious()
    assert between == ["Z3988", "cite"], between
    [repost] = byline.cssselect('a[rel="external"]')
    assert repost.get("href") == project.article.repost.url
    text = byline.text_content()
    names = project.article.romanised
    for name, romanised in ((project.article.author, names.author), (project.article.editor, names.editor)):
        assert name in text and (locale == "zh" or f"{romanised.family} {romanised.given}" in text)
    assert project.article.outlet in text and project.site.version in text
    assert meta_of(tree)["DC.date"] in text  # the page's last change, as its citations date it


@pytest.mark.parametrize("path", ["figures/", "en/reading/", "glossary/", "en/"])
def test_every_other_page_says_when_it_changed_at_its_foot(built_site, project, path):
    tree = html.fromstring(built_site.page(path))
    [updated] = tree.cssselect("article .page-updated")
    assert meta_of(tree)["DC.date"] in updated.text_content() and project.site.version in updated.text_content()
    assert not tree.cssselect(".page-byline")
