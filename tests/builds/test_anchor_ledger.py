"""Published anchors never break: the ledger in data/anchors.yml against what the build serves."""

from __future__ import annotations

import markdown
import yaml

from macros.model import anchors
from macros.model.anchors import Ledger, Published
from tests.conftest import ROOT, BuildResult, build_site
from macros.model.anchors import published_ids
from tests.htmltools import content


def redirects() -> dict[str, str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next((p["reading"] for p in config["plugins"] if isinstance(p, dict) and "reading" in p), {})
    return plugin.get("redirects", {})


def test_every_published_anchor_still_works(built_site: BuildResult):
    ledger = anchors.load(ROOT / "data" / "anchors.yml")
    assert anchors.problems(ledger, published_ids(built_site.site_dir), redirects()) == []


def test_ledger_covers_both_editions():
    pages = anchors.load(ROOT / "data" / "anchors.yml").pages
    assert "./" in pages and "en/" in pages and "chapters/opening/" in pages and "en/chapters/opening/" in pages
    assert pages["chapters/opening/"] == pages["en/chapters/opening/"]


LEDGER = Ledger(pages={"chapters/a/": ["top", "summary"], "old-page/": ["top"]})


def test_a_removed_id_fails():
    served = Published({"chapters/a/": {"top"}, "old-page/": {"top"}})
    assert anchors.problems(LEDGER, served, {}) == [
        "'chapters/a/#summary' is gone: restore the id, or add an alias in data/anchors.yml "
        "(aliases: {'chapters/a/': {summary: new-id}})"]


def test_an_alias_keeps_a_renamed_id_working():
    ledger = Ledger(pages=LEDGER.pages, aliases={"chapters/a/": {"summary": "overview"}})
    served = Published({"chapters/a/": {"top", "overview"}, "old-page/": {"top"}})
    # A release records the new id too, so the ledger only grows; between releases it needs no entry.
    assert anchors.problems(ledger, served, {}) == []
    assert anchors.problems(ledger, served, {}, complete=True) == [
        "'chapters/a/' publishes ids the ledger lacks (overview): run `make anchors`"]
    assert anchors.problems(anchors.extended(ledger, served), served, {}, complete=True) == []


def test_a_removed_page_fails_unless_redirected():
    served = Published({"chapters/a/": {"top", "summary"}})
    assert anchors.problems(LEDGER, served, {}) == ["page 'old-page/' is gone: restore it or add a redirect for it"]
    assert anchors.problems(LEDGER, served, {"old-page/": "chapters/a/"}) == []


def test_extending_never_removes():
    grown = anchors.extended(LEDGER, Published({"chapters/a/": {"new"}}))
    assert grown.pages["chapters/a/"] == ["top", "summary", "new"] and "old-page/" in grown.pages


def test_renaming_a_heading_keeps_its_id():
    def render(text: str) -> str:
        return markdown.markdown(text, extensions=["attr_list", "toc"])

    assert 'id="summary"' in render("## 摘要 { #summary }") and 'id="summary"' in render("## 本节概要 { #summary }")


def test_an_alias_is_rendered_as_an_anchor_before_the_new_heading(fixture_site, tmp_path):
    (fixture_site / "data" / "anchors.yml").write_text(
        "pages: {'./': [home]}\naliases: {'./': {old-home: home}}\n", encoding="utf-8")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode == 0, result.output
    alias = content(result.page("")).cssselect(".anchor-alias#old-home")
    assert alias and alias[0].getnext().get("id") == "home"


def test_an_alias_to_a_missing_id_stops_the_build(fixture_site, tmp_path):
    (fixture_site / "data" / "anchors.yml").write_text(
        "pages: {'./': [home]}\naliases: {'./': {old-home: nowhere}}\n", encoding="utf-8")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "alias 'old-home' on page './' points to 'nowhere', which is not a heading id of that page" in result.output
