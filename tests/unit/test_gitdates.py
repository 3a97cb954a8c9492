"""A page's update date is the last change in git of anything it shows, read with one `git log`."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from macros.model import gitdates
from macros.model.gitdates import added_at, last_change, last_changes, moment


def commit(repo: Path, name: str, day: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(day, encoding="utf-8")
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T12:00:00Z", "GIT_AUTHOR_DATE": f"{day}T12:00:00Z"}
    subprocess.run(["git", "add", name], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", name],
                   cwd=repo, check=True, env=env)


def test_the_newest_of_the_files_a_page_shows(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "docs/chapters/a.md", "2026-01-02")
    commit(tmp_path, "data/figures.yml", "2026-03-04")
    commit(tmp_path, "docs/chapters/a.md", "2026-02-03")  # older than the data, newer than itself
    commit(tmp_path, "data/annotations/x.yml", "2026-05-06")
    changes = last_changes(tmp_path)
    assert changes["docs/chapters/a.md"] == datetime(2026, 2, 3, 12, tzinfo=timezone.utc)  # its last, not first
    assert last_change(tmp_path, ["docs/chapters/a.md"]) == date(2026, 2, 3)
    assert last_change(tmp_path, ["docs/chapters/a.md", "data/figures.yml"]) == date(2026, 3, 4)
    assert last_change(tmp_path, ["docs/chapters/a.md", "data/annotations/x.yml"]) == date(2026, 5, 6)
    assert last_change(tmp_path, ["never/committed.md"]) is None


def test_outside_git_there_is_no_date(tmp_path):
    assert last_changes(tmp_path) == {} and last_change(tmp_path, ["a.md"]) is None


def test_a_file_was_added_when_it_was_first_committed(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "data/annotations/x.yml", "2026-05-06")
    commit(tmp_path, "data/annotations/x.yml", "2026-06-07")  # an edit does not move its creation
    commit(tmp_path, "data/figures.yml", "2026-07-08")
    assert added_at(tmp_path, "data/annotations") == {
        "data/annotations/x.yml": datetime(2026, 5, 6, 12, tzinfo=timezone.utc)}


def test_only_a_time_git_writes_in_iso_8601_is_read():
    assert moment("2026-11-29T20:16:58+08:00") == datetime(2026, 11, 29, 12, 16, 58, tzinfo=timezone.utc)
    assert moment("10000-01-01T00:00:00Z") is None and moment("") is None and moment("garbage") is None


@pytest.mark.parametrize("epoch, dated", [("1767225600", date(2026, 1, 1)), ("32503680000", None), ("soon", None),
                                          ("9" * 30, None)])
def test_a_release_dated_by_its_commit_is_never_dated_after_today(monkeypatch: pytest.MonkeyPatch, epoch: str,
                                                                   dated: date | None):
    """SOURCE_DATE_EPOCH comes from the release commit, whose date its author set: a time after today (here
    the year 3000) or no time at all dates the build today."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert gitdates.build_date() == (dated or date.today())
