"""`make release-prep VERSION=x.y.z` makes the release commit: version, changelogs, CITATION.cff, ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.model.changelog import parse_changelog
from macros.model.project import load_project
from scripts.release_prep import PrepError, prepare
from scripts.worktree import copy_working_tree

DAY = date(2026, 12, 24)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    copy_working_tree(repo)
    site = tmp_path_factory.mktemp("built")  # a build with one new id the ledger lacks
    (site / "chapters" / "opening").mkdir(parents=True)
    (site / "chapters" / "opening" / "index.html").write_text(
        '<article class="md-content__inner"><h2 id="a-new-heading">x</h2></article>', encoding="utf-8")
    (site / "changes").mkdir()  # built before the changelog was dated: what it will show is "unreleased"
    (site / "changes" / "index.html").write_text(
        '<article class="md-content__inner"><h2 id="unreleased">x</h2></article>', encoding="utf-8")
    prepare(repo, "9.9.9", DAY, site)
    return repo


def test_the_version_is_named_everywhere_it_is_kept(prepared: Path):
    assert load_project(prepared).site.version == "9.9.9"
    assert 'version = "9.9.9"' in (prepared / "pyproject.toml").read_text(encoding="utf-8")
    cff = yaml.safe_load((prepared / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == "9.9.9" and str(cff["date-released"]) == DAY.isoformat()
    assert "/9.9.9/" in cff["url"]


@pytest.mark.parametrize("name", ["CHANGELOG.md", "CHANGELOG.zh.md"])
def test_each_changelogs_unreleased_entry_becomes_the_dated_version(prepared: Path, name: str):
    entries = parse_changelog((prepared / name).read_text(encoding="utf-8"))
    assert entries[0].version == "9.9.9" and entries[0].released == DAY and entries[0].notes
    assert all(entry.version is not None for entry in entries)  # nothing left "Unreleased"


def test_the_ledger_records_the_new_ids(prepared: Path):
    ledger = yaml.safe_load((prepared / "data" / "anchors.yml").read_text(encoding="utf-8"))
    assert "a-new-heading" in ledger["pages"]["chapters/opening/"]
    assert "release-9-9-9" in ledger["pages"]["changes/"]  # the heading dating the changelog gives


def test_preparing_again_changes_nothing(prepared: Path, tmp_path: Path):
    before = {p: p.read_bytes() for p in prepared.rglob("*") if p.is_file() and ".git" not in p.parts}
    prepare(prepared, "9.9.9", DAY, tmp_path)
    assert {p: p.read_bytes() for p in before} == before


def test_a_version_that_is_not_three_numbers_is_refused(tmp_path: Path):
    with pytest.raises(PrepError, match="'1.0' is not a version"):
        prepare(tmp_path, "1.0", DAY, tmp_path)
