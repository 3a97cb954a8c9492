"""Releases: the version a deploy builds, and what stops a release."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from macros.citing import citations
from macros.rendering import citepage
from macros.model.errors import DataError
from macros.model.project import Edition, PREVIEW, load_project
from scripts import publish

ROOT = Path(__file__).resolve().parents[2]
VERSION = load_project(ROOT).site.version


def test_a_plain_build_and_a_release_build_cite_the_version_of_site_yml():
    assert load_project(ROOT, deployed_as=None).site.version == VERSION
    assert load_project(ROOT, deployed_as=VERSION).site.version == VERSION


def test_the_preview_cites_itself_and_asks_for_a_release():
    project = load_project(ROOT, deployed_as=PREVIEW)
    cited = citations.Cited("en", "chapters/opening/", "Opening", date(2026, 11, 29))
    preview_url = f"{project.site.base_url}dev/en/chapters/opening/"
    assert citations.versioned_url(Edition(project, "en"), "chapters/opening/") == preview_url
    block = str(citepage.cite_panel(project, cited, date(2026, 11, 29), files={}))
    assert project.phrases.en.cite.preview_note in block
    assert preview_url in block
    assert f"version {VERSION}" not in block


def test_a_build_deployed_as_another_version_stops_and_says_why():
    with pytest.raises(DataError) as raised:
        load_project(ROOT, deployed_as="9.9.9")
    message = str(raised.value)
    assert message.startswith("data/site.yml: field 'version':")
    assert "'9.9.9'" in message and f"'{VERSION}'" in message


def test_a_releasable_commit_has_no_problems():
    assert publish.release_problems("1.2.0", deployed={"1.1.0"}, changelog={"1.2.0", "1.1.0"},
                                    dirty=False, tag="v1.2.0") == []


@pytest.mark.parametrize("change, expected", [
    ({"dirty": True}, "uncommitted changes"),
    ({"changelog": {"1.1.0"}}, "CHANGELOG.md has no entry '## 1.2.0'"),
    ({"tag": "v1.2"}, "the tag is 'v1.2' but data/site.yml says version '1.2.0'"),
    ({"deployed": {"1.1.0", "1.2.0"}}, "version 1.2.0 is already deployed"),
])
def test_each_reason_not_to_release_is_named(change, expected):
    arguments = {"deployed": {"1.1.0"}, "changelog": {"1.2.0"}, "dirty": False, "tag": None, **change}
    [problem] = publish.release_problems("1.2.0", **arguments)
    assert expected in problem


def test_the_changelog_versions_are_read_as_the_build_reads_them(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [2.0.0] - later\n\n## 1.0.0\n\nText 3.0.0\n")
    assert publish.changelog_versions(tmp_path / "CHANGELOG.md") == {"2.0.0", "1.0.0"}


def test_deploys_are_dated_by_their_commit(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.strip()
    assert publish.build_env()["SOURCE_DATE_EPOCH"] == commit_time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert publish.build_env()["SOURCE_DATE_EPOCH"] == "1"
