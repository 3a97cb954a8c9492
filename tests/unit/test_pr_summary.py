"""The pull request's job summary (scripts/pr_summary.py) on a fixture change: an added, a changed and a
broken annotation, and a changed figure."""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import html

from scripts.pr_summary import summarise
from tests.conftest import copy_fixture_site

ADDED = """id: ledger-new
target: {chapter: ledger, section: pages}
kind: counterpoint
language: zh
body: |
  另一种看法：<script>alert(1)</script>**页数**未必等于天数。
author: {name: 新贡献者, github: newcomer}
date: 2026-11-05
basis: [article]
status: published
"""
BROKEN = ADDED.replace("id: ledger-new", "id: ledger-broken").replace("kind: counterpoint", "kind: opinion")


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = copy_fixture_site(tmp_path_factory.mktemp("base"))
    head_parent = tmp_path_factory.mktemp("head")
    head = head_parent / "project"
    shutil.copytree(base, head, symlinks=True)
    notes = head / "data" / "annotations"
    (notes / "2026-11-05-ledger-new.yml").write_text(ADDED, encoding="utf-8")
    (notes / "2026-11-05-ledger-broken.yml").write_text(BROKEN, encoding="utf-8")
    changed = notes / "2026-11-01-ledger-context.yml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("自己数的", "亲手数的"), encoding="utf-8")
    figures = head / "data" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("formula: buns / pages", "formula: buns / pages / 2"), encoding="utf-8")
    return summarise(base, head)


def test_an_added_annotation_is_shown_as_the_site_will_show_it(summary):
    assert "By 新贡献者 (GitHub <code>newcomer</code>) · id <code>ledger-new</code>" in summary
    assert "permalink <code>https://example.org/fixture/0.0.1/annotations/#ann-ledger-new</code>" in summary
    part = summary.split("`2026-11-05-ledger-new.yml` (added)")[1].split("####")[0]
    assert "passes the checker" in part and "<b>counterpoint</b>" in part and "(<code>pages</code>)" in part
    assert "§ " in part and "§  (" not in part  # the section by its heading
    assert "<strong>页数</strong>" in part and "<script>" not in part  # rendered, and sanitised as on the site
    assert "Rests on: article" in part


def test_a_changed_annotation_is_shown_with_its_new_text(summary):
    part = summary.split("`2026-11-01-ledger-context.yml` (changed)")[1].split("####")[0]
    assert "passes the checker" in part and "亲手数的" in part


def test_a_broken_annotation_gets_the_checkers_words(summary):
    part = summary.split("`2026-11-05-ledger-broken.yml` (added)")[1].split("####")[0]
    assert "the checker refuses it" in part and "field 'kind'" in part


def test_unchanged_files_are_not_listed_and_a_changed_figure_shows_old_and_new(summary):
    assert "ledger-check.yml" not in summary and "ledger-withdrawn.yml" not in summary
    row = next(line for line in summary.splitlines() if line.startswith("| `buns_per_page`"))
    wording, before, after = row.split("|")[2:5]
    assert wording.strip() == "—"  # a derived figure has no words of the article's
    assert before.strip() != after.strip() and "/" in before and "/" in after  # both languages, old -> new
    assert not [line for line in summary.splitlines() if line.startswith("| `buns` ")]  # unchanged: not listed


# --- contributed text stays text in GitHub's renderer (cmark-gfm, as GitHub renders a job summary) -----

HOSTILE = """id: ledger-hostile-text
target: {chapter: ledger, section: pages}
kind: fact-check
claim: "一个说法\\n\\n[claim link](https://evil.example/c) @octocat"
verdict: unverifiable
language: zh
body: |
  正文，提到 @octocat 和 https://evil.example/plain 。

      缩进的代码

  ![image](https://evil.example/i.png) [body link](https://evil.example/b)
  <img src="https://evil.example/raw.png"> | not | a | cell
author: {name: "某人 @octocat", github: someone}
date: 2026-11-05
sources:
  - {title: "来源\\n\\n![source image](https://evil.example/s.png)", url: "https://example.org/x", accessed: 2026-11-05}
translations:
  en:
    claim: "A claim [en link](https://evil.example/e)"
    body: "English body with [a link](https://evil.example/t)."
status: published
"""
FENCE_BREAKER = ADDED.replace("id: ledger-new", "id: ledger-fence").replace(
    "kind: counterpoint", "quote: \"```\\n[fence link](https://evil.example/f)\"\nprefix: x\nsuffix: y\n"
                          "kind: counterpoint")


@pytest.fixture(scope="module")
def hostile_summary(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = copy_fixture_site(tmp_path_factory.mktemp("hostile-base"))
    head = tmp_path_factory.mktemp("hostile-head") / "project"
    shutil.copytree(base, head, symlinks=True)
    notes = head / "data" / "annotations"
    (notes / "2026-11-05-ledger-hostile-text.yml").write_text(HOSTILE, encoding="utf-8")
    (notes / "2026-11-05-a`b`.yml").write_text(FENCE_BREAKER, encoding="utf-8")
    figures = head / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace(
        '    wording: "一共记了12页"',
        '    wording: "一共记了12页"\n'
        '    says: {zh: "[says link](https://evil.example/s) | extra cell", en: "@octocat"}'),
        encoding="utf-8")
    return summarise(base, head)


def rendered(markdown: str) -> html.HtmlElement:
    """The summary as GitHub renders it: cmark-gfm with its extensions, raw HTML kept (GitHub then filters
    tags, which only removes more)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    made = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return html.fromstring(f"<div>{made}</div>")


def test_no_contributed_text_becomes_a_link_image_cell_or_mention(hostile_summary):
    page = rendered(hostile_summary)
    assert page.cssselect("a") == [] and page.cssselect("img") == [] and page.cssselect("script") == []
    for row in page.cssselect("tr"):
        assert len(row.cssselect("td, th")) == 4, html.tostring(row, encoding="unicode")
    prose = [t for t in page.xpath("//text()[not(ancestor::code) and not(ancestor::pre)]")]
    assert not [t for t in prose if re.search(r"(?<![\\w])@[A-Za-z0-9]", t)]  # GitHub would notify @octocat
    text = page.text_content()
    for shown in ("[claim link](https://evil.example/c)", "body link https://evil.example/b",
                  "![source image](https://evil.example/s.png)", "[says link](https://evil.example/s) | extra cell",
                  "English body with", "[fence link](https://evil.example/f)", "a`b`.yml"):
        assert shown in text, shown  # shown, as text


def test_a_changed_figure_shows_the_articles_words_beside_old_and_new(hostile_summary):
    row = next(line for line in hostile_summary.splitlines() if line.startswith("| `pages`"))
    assert "“一共记了12页”" in row


def test_the_summary_says_it_shows_contributed_text(hostile_summary):
    assert "shows text contributed in the pull request, as plain text" in hostile_summary
