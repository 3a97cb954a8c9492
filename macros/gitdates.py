"""Dates for citations: a page's last change in git, and the build date."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a rebuild of the same commit gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


@lru_cache(maxsize=None)
def last_change(path: Path) -> date | None:
    """The committer date of the last commit that touched `path`; None outside git or before a commit."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                             capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return date.fromisoformat(out) if out else None
