"""CHANGELOG.md, read into its entries: `## Unreleased` and one `## <version>` per release, newest first.

Its headings become the "what changed" page's headings and ids (macros/changespage.py) and name the
versions scripts/publish.py may release, so anything else under `## ` stops the build with the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import DataError
from .yamlio import CONTROL_CHARACTER

@dataclass(frozen=True)
class ChangelogEntry:
    version: str | None  # None: the changes not yet released
    notes: str  # Markdown
    released: date | None = None  # Keep a Changelog's "## [1.2.3] - 2026-12-01": the day it was released


_HEADING = re.compile(r"^## +(.*?) *$")
# "1.2.3", or Keep a Changelog's "[1.2.3] - 2026-12-01": what follows the version is never shown (the
# page dates a release by its tag), so it cannot put anything on the page; an ISO date there is the day
# CITATION.cff gives as the release's (macros/cff.py).
_VERSION = re.compile(r"\[?(\d+\.\d+\.\d+)\]?(?: +- +(.*))?")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_changelog(text: str, path: Path = Path("CHANGELOG.md")) -> list[ChangelogEntry]:
    """Each `## <version>` (or `## Unreleased`) section of CHANGELOG.md, in the file's order. Its headings
    become the page's headings and ids, so anything else there stops the build, naming the line."""
    entries: list[tuple[str | None, date | None, list[str]]] = []
    in_code = False
    for number, line in enumerate(text.split("\n"), start=1):
        control = CONTROL_CHARACTER.search(line)
        if control:
            raise DataError(path, f"holds the control character U+{ord(control.group()):04X}, which no page or feed "
                            "can show; remove it", line=number)
        if _FENCE.match(line):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading is None:
            if entries:
                entries[-1][2].append(line)
            continue
        name = heading.group(1)
        version = _VERSION.fullmatch(name)
        if name.lower() != "unreleased" and version is None:
            raise DataError(path, f"heading '## {name[:60]}' is neither '## Unreleased' nor a version "
                            "('## 1.2.3' or '## [1.2.3] - date'); the changelog's headings become the page's, "
                            "so write one of those (use ### for anything else)", line=number)
        key = version.group(1) if version else None
        if any(known == key for known, _, _ in entries):
            raise DataError(path, f"'{name}' has a second entry; merge the two", line=number)
        entries.append((key, _released(version.group(2) if version else None, path, number), []))
    return [ChangelogEntry(key, "\n".join(lines).strip(), day) for key, day, lines in entries]


def _released(text: str | None, path: Path, line: int) -> date | None:
    """The release day a version's heading gives, if it gives one as YYYY-MM-DD."""
    if text is None or not _DAY.fullmatch(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DataError(path, f"'{text.strip()}' is not a day of the calendar; write the release day as "
                        "YYYY-MM-DD", line=line) from None


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, for ordering: 0.10.0 after 0.9.0."""
    return tuple(int(part) for part in version.split("."))
