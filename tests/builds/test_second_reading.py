"""The fixture site (tests/fixtures/site) is a whole second reading of a made-up article: both editions, a
derived figure, an annotation, the cite page and its downloads, the feed. It builds from the same code as
this site with its own data/ and docs/ only, and nothing of this site's article comes out of it: a fork
that reads another article changes data/ and docs/, never the code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from tests.conftest import ROOT, BuildResult

FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "site" / "docs"
TEXT_SUFFIXES = {".html", ".xml", ".json", ".jsonld", ".csv", ".bib", ".ris", ".js", ".css", ".txt", ".svg"}


def page_paths(docs: Path) -> set[str]:
    """The pages of an edition, as paths within it ("chapters/opening/", "" for the home page)."""
    paths = set()
    for source in docs.rglob("*.md"):
        name = source.relative_to(docs).as_posix().removesuffix(".md").removesuffix(".en")
        paths.add("" if name == "index" else f"{name}/")
    return paths


def this_articles_identity(project) -> set[str]:
    """What names this site's article or this site: its title, people, outlet, repost, collective, keys."""
    article, site = project.article, project.site
    names = {article.title, article.outlet, article.author, article.editor, article.repost.url,
             article.repost.site, article.romanised.title, article.romanised.title_translation,
             article.romanised.outlet, article.key, site.key, site.base_url, site.repository,
             *(site.title(locale) for locale in site.languages),
             *(site.description(locale) for locale in site.languages),
             *(site.collective.name(locale) for locale in site.languages)}
    titles = {section.title(locale) for section in article.sections if section.title for locale in site.languages}
    # The article's subject, in both languages: a made-up article about buns has no reason to name it.
    return names | {t for t in titles if len(t) > 3} | {"元宝", "Yuanbao", "腾讯", "Tencent"}


def built_text_files(out: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(out.rglob("*"))
            if path.is_file() and path.suffix in TEXT_SUFFIXES}


@pytest.fixture(scope="module")
def output(built_fixture_site: BuildResult) -> dict[Path, str]:
    assert built_fixture_site.returncode == 0, built_fixture_site.output
    return built_text_files(built_fixture_site.site_dir)


def test_the_second_reading_has_every_part(built_fixture_site: BuildResult, output):
    out = built_fixture_site.site_dir
    for root in ("", "en/"):
        for page in ("", "chapters/ledger/", "figures/", "cite/", "annotations/"):
            assert (out / root / page / "index.html").is_file(), root + page
        for download in ("feed.xml", "downloads/figures.json", "downloads/figures.csv",
                         "downloads/annotations.jsonld", "downloads/cite/site.bib", "downloads/cite/ledger.ris",
                         "downloads/cite/figures.json"):
            assert (out / root / download).is_file(), root + download
    figures = json.loads(output[out / "en" / "downloads" / "figures.json"])
    assert any(f.get("kind") == "derived" for f in figures["figures"])
    assert 'data-cite="ledger-reading-ledger-zh"' in output[out / "chapters" / "ledger" / "index.html"]
    assert "@online{test-ledger-en," in output[out / "en" / "downloads" / "cite" / "ledger.bib"]
    assert 'class="annotation' in output[out / "annotations" / "index.html"]


def test_nothing_of_this_article_comes_out_of_the_second_reading(project, output):
    found = [(path.name, name) for path, text in output.items() for name in sorted(this_articles_identity(project))
             if name in text]
    assert not found


def test_the_second_reading_links_to_no_page_of_this_site(built_fixture_site: BuildResult, output):
    """Every link of the fixture's pages stays within its own pages: none to a page only this site has."""
    out = built_fixture_site.site_dir
    theirs = page_paths(FIXTURE_DOCS)
    only_ours = page_paths(ROOT / "docs") - theirs
    assert {"players/", "reading/", "chapters/opening/"} <= only_ours
    wrong = []
    for path, text in output.items():
        if path.suffix != ".html":
            continue
        here = "http://site/" + path.relative_to(out).as_posix()
        for link in lxml_html.fromstring(text).xpath("//@href | //@src"):
            target = urlsplit(urljoin(here, link))
            if target.netloc != "site":
                continue
            within = re.sub(r"^/(en/)?", "", target.path).removesuffix("index.html")
            if within in only_ours:
                wrong.append((path.relative_to(out).as_posix(), link))
    assert not wrong


def test_the_sites_own_words_name_nothing_of_this_article(project):
    """data/phrases.yml is the site's words around any article (the fixture reads them too): this
    article's names, charts and examples live in data/article.yml, data/figures.yml and data/site.yml."""
    words = (ROOT / "data" / "phrases.yml").read_text(encoding="utf-8")
    names = this_articles_identity(project) | set(project.article.proper_names)
    assert [name for name in sorted(names) if name in words and name not in ("AI", "QQ")] == []
