"""Dates for citations: a page's last change in git, and the build date."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a rebuild of the same commit gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


# What every chapter shows besides its own source: numbers, words, glossary terms, section titles.
CHAPTER_DATA = ("data/figures.yml", "data/phrases.yml", "data/glossary.yml", "data/article.yml")


def moment(text: str) -> datetime | None:
    """A time git wrote in strict ISO 8601 (%cI, %aI, iso-strict), in UTC; None for anything else."""
    try:
        return datetime.fromisoformat(text.strip()).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=None)
def added_at(root: Path, folder: str) -> dict[str, datetime]:
    """Each file ever added under `folder` (a path relative to `root`) -> the author time of the commit that
    first added it, from one `git log`; empty outside git."""
    try:
        out = subprocess.run(["git", "log", "--diff-filter=A", "--no-renames", "--name-only", "--format=%x00%aI",
                              "--", folder], cwd=root, capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    added: dict[str, datetime] = {}
    for commit in out.split("\0")[1:]:  # newest first: a file's first addition is the last seen
        when, *names = commit.strip("\n").split("\n")
        at = moment(when)
        for name in filter(None, names):
            if at is not None:
                added[name] = at
    return added


@lru_cache(maxsize=None)
def last_changes(root: Path) -> dict[str, datetime]:
    """Each file under `root` (as a path relative to it) -> the committer time of the last commit that
    touched it, from one `git log`; empty outside git or before a first commit."""
    try:
        out = subprocess.run(["git", "log", "--relative", "--no-renames", "--name-only", "--format=%x00%cI"],
                             cwd=root, capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, datetime] = {}
    for commit in out.split("\0")[1:]:  # newest first: the first time seen for a file is its last change
        when, *names = commit.strip("\n").split("\n")
        at = moment(when)
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
