"""Dates for citations: a page's last change in git, and the build date."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from macros.model import notices
from macros.model.git import git_text

# A commit may be dated by a clock a little ahead; one dated later than this is not believed.
FUTURE_SLACK = timedelta(days=1)


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a rebuild of the same commit gives the same site (a
    release sets it from its commit, whose date its author chose: a day after today, or none, is today)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            named = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            notices.warn(f"SOURCE_DATE_EPOCH {epoch[:30]!r} is not a time in seconds; the build is dated today")
            return date.today()
        if named <= latest_believable():
            return named.date()
        notices.warn(f"SOURCE_DATE_EPOCH names {named.date()}, after today; the build is dated today")
    return date.today()


def latest_believable() -> datetime:
    """The latest time a commit can really have been made."""
    return datetime.now(timezone.utc) + FUTURE_SLACK


# What every chapter shows besides its own source: numbers, words, glossary terms, section titles.
CHAPTER_DATA = ("data/figures.yml", "data/phrases.yml", "data/glossary.yml", "data/article.yml")


def moment(text: str) -> datetime | None:
    """A time git wrote in strict ISO 8601 (%cI, %aI, iso-strict), in UTC; None for anything else."""
    try:
        return datetime.fromisoformat(text.strip()).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def commit_time(text: str, commit: str, use: str) -> datetime | None:
    """The time `commit` gives (`text`, from git), for `use`: None, with a warning naming the commit, where
    it cannot be read or lies after today (its author set it; a merge keeps it)."""
    at = moment(text)
    if at is None:
        notices.warn(f"commit {commit[:60]}: its date {text.strip()[:40]!r} cannot be read; it is not used for {use}")
    elif at > latest_believable():
        notices.warn(f"commit {commit[:60]} is dated {at.date().isoformat()}, after today; its date is not used "
                     f"for {use}")
        return None
    return at


@lru_cache(maxsize=64)
def resolved_root(root: Path) -> Path:
    """`root.resolve()`, remembered: a build asks for it once per annotation and per page."""
    return root.resolve()


# Unbounded, yet no bigger than the tree: one entry per file a build asks about, the same ones build after
# build under `mkdocs serve`. (A bound of 4,096 made a build with 10,000 annotations resolve every file
# again on every page that shows it.)
@lru_cache(maxsize=None)
def in_repository(root: Path, path: Path) -> str | None:
    """A file's path as git names it (relative to `root`, links resolved), or None for a file outside it.
    Remembered: a build asks for each annotation file on every page that shows it."""
    resolved, top = path.resolve(), resolved_root(root)
    return resolved.relative_to(top).as_posix() if resolved.is_relative_to(top) else None


@lru_cache(maxsize=None)
def added_at(root: Path, folder: str) -> dict[str, datetime]:
    """Each file ever added under `folder` (a path relative to `root`) -> the author time of the commit that
    first added it, from one `git log`; empty outside git."""
    out = git_text(root, "log", "--diff-filter=A", "--no-renames", "--name-only", "--format=%x00%H %aI", "--",
                   folder) or ""
    added: dict[str, datetime] = {}
    for commit in out.split("\0")[1:]:  # newest first: a file's first addition is the last seen
        header, *names = commit.strip("\n").split("\n")
        commit_id, _, when = header.partition(" ")
        at = commit_time(when, commit_id, "dating the files it added")
        for name in filter(None, names):
            if at is not None:
                added[name] = at
    return added


@lru_cache(maxsize=None)
def last_changes(root: Path) -> dict[str, datetime]:
    """Each file under `root` (as a path relative to it) -> the committer time of the last commit that
    touched it, from one `git log`; empty outside git or before a first commit."""
    out = git_text(root, "log", "--relative", "--no-renames", "--name-only", "--format=%x00%H %cI") or ""
    changes: dict[str, datetime] = {}
    for commit in out.split("\0")[1:]:  # newest first: the first time seen for a file is its last change
        header, *names = commit.strip("\n").split("\n")
        commit_id, _, when = header.partition(" ")
        at = commit_time(when, commit_id, "dating the pages it changed")
        for name in filter(None, names):
            if at is not None:
                changes.setdefault(name, at)
    return changes


def last_change_at(root: Path, files: Iterable[str]) -> datetime | None:
    """The last change of any of `files` (paths relative to `root`): a page is as new as what it shows."""
    changes = last_changes(root)
    return max((at for name in files if (at := changes.get(name))), default=None)


def last_change(root: Path, files: Iterable[str]) -> date | None:
    """The day of last_change_at."""
    at = last_change_at(root, files)
    return at.date() if at else None
