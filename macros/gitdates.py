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


@lru_cache(maxsize=None)
def last_changes(root: Path) -> dict[str, date]:
    """Each file under `root` (as a path relative to it) -> the committer date of the last commit that
    touched it, from one `git log`; empty outside git or before a first commit."""
    try:
        out = subprocess.run(["git", "log", "--relative", "--no-renames", "--name-only", "--format=%x00%cs"],
                             cwd=root, capture_output=True, text=True, timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changes: dict[str, date] = {}
    for commit in out.split("\0")[1:]:  # newest first: the first date seen for a file is its last change
        day, *names = commit.strip("\n").split("\n")
        for name in filter(None, names):
            changes.setdefault(name, date.fromisoformat(day))
    return changes


def last_change(root: Path, files: Iterable[str]) -> date | None:
    """The last change of any of `files` (paths relative to `root`): a page is as new as what it shows."""
    changes = last_changes(root)
    known = [day for name in files if (day := changes.get(name))]
    return max(known, default=None)
