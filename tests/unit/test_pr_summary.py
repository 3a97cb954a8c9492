"""The pull request's job summary (scripts/pr_summary.py) on a fixture change: an added, a changed and a
broken annotation, and a changed figure."""

from __future__ import annotations

import shutil

import pytest

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
    before, after = row.split("|")[2:4]
    assert before.strip() != after.strip() and "/" in before and "/" in after  # both languages, old -> new
    assert not [line for line in summary.splitlines() if line.startswith("| `buns` ")]  # unchanged: not listed
