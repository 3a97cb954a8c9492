"""The changelogs, read into their entries: `## Unreleased` and one `## <version>` per release, newest first.

CHANGELOG.md is written in English (what GitHub, scripts/publish.py and CITATION.cff read); each other
edition has its translation, CHANGELOG.<language>.md, with the same headings in the same order, so each
edition's "what changed" page and feed speak its language. Headings become the page's headings and ids
(macros/rendering/changespage.py) and name the versions scripts/publish.py may release, so anything else under
`## ` stops the build with the line.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from macros.model.errors import DataError
from macros.model.yamlio import CONTROL_CHARACTER


@dataclass(frozen=True)
class ChangelogEntry:
    version: str | None  # None: the changes not yet released
    notes: str  # Markdown
    released: date | None = None  # Keep a Changelog's "## [1.2.3] - 2026-12-01": the day it was released
    line: int = 0  # of its heading, for messages


_HEADING = re.compile(r"^## +(.*?) *$")
# "1.2.3", or Keep a Changelog's "[1.2.3] - 2026-12-01": what follows the version is never shown (the
# page dates a release by its tag), so it cannot put anything on the page; an ISO date there is the day
# CITATION.cff gives as the release's (macros/citing/cff.py).
_VERSION = re.compile(r"\[?(\d+\.\d+\.\d+)\]?(?: +- +(.*))?")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_changelog(text: str, path: Path = Path("CHANGELOG.md")) -> list[ChangelogEntry]:
    """Each `## <version>` (or `## Unreleased`) section of CHANGELOG.md, in the file's order. Its headings
    become the page's headings and ids, so anything else there stops the build, naming the line."""
    entries: list[tuple[str | None, date | None, int, list[str]]] = []
    in_code = False
    # Saved on Windows (CRLF) or an old Mac (CR): the same lines.
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        control = CONTROL_CHARACTER.search(line)
        if control:
            raise DataError(path, f"holds the control character U+{ord(control.group()):04X}, which no page or feed "
                            "can show; remove it", line=number)
        if _FENCE.match(line):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading is None:
            if entries:
                entries[-1][3].append(line)
            continue
        name = heading.group(1)
        version = _VERSION.fullmatch(name)
        if name.lower() != "unreleased" and version is None:
            raise DataError(path, f"heading '## {name[:60]}' is neither '## Unreleased' nor a version "
                            "('## 1.2.3' or '## [1.2.3] - date'); the changelog's headings become the page's, "
                            "so write one of those (use ### for anything else)", line=number)
        key = version.group(1) if version else None
        if any(known == key for known, _, _, _ in entries):
            raise DataError(path, f"'{name}' has a second entry; merge the two", line=number)
        entries.append((key, _released(version.group(2) if version else None, path, number), number, []))
    return [ChangelogEntry(key, "\n".join(lines).strip(), day, at) for key, day, at, lines in entries]


def _released(text: str | None, path: Path, line: int) -> date | None:
    """The release day a version's heading gives, if it gives one as YYYY-MM-DD."""
    if text is None or not _DAY.fullmatch(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DataError(path, f"'{text.strip()}' is not a day of the calendar; write the release day as "
                        "YYYY-MM-DD", line=line) from None


ORIGINAL_LANGUAGE = "en"  # CHANGELOG.md's


def changelog_path(root: Path, language: str) -> Path:
    """Where `language`'s changelog is: CHANGELOG.md for English, CHANGELOG.<language>.md for the others."""
    return root / ("CHANGELOG.md" if language == ORIGINAL_LANGUAGE else f"CHANGELOG.{language}.md")


def load_changelogs(root: Path, languages: Iterable[str],
                    read: Callable[[Path], str]) -> dict[str, list[ChangelogEntry]]:
    """Each edition's changelog. Without CHANGELOG.md every edition has none; with it, every other edition
    needs its translation, heading for heading (version, order and release day), or the build stops
    naming the file and line where they part."""
    original = changelog_path(root, ORIGINAL_LANGUAGE)
    if not (original.exists() or original.is_symlink()):
        return {language: [] for language in languages}
    entries = parse_changelog(read(original), original)
    found = {ORIGINAL_LANGUAGE: entries}
    for language in languages:
        if language == ORIGINAL_LANGUAGE:
            continue
        path = changelog_path(root, language)
        if not (path.exists() or path.is_symlink()):
            raise DataError(path, f"is missing: the '{language}' edition shows its own changelog; translate "
                            f"{original.name} into it, heading for heading")
        translated = parse_changelog(read(path), path)
        _check_translation(entries, translated, original, path)
        found[language] = translated
    return {language: found.get(language, entries) for language in languages}


def _check_translation(entries: list[ChangelogEntry], translated: list[ChangelogEntry], original: Path,
                       path: Path) -> None:
    """The translation's headings are the original's, one for one; an entry has notes in both or neither."""
    keep = "; a translation keeps the original's headings (version, release day) in its order"
    for ours, theirs in zip_longest(entries, translated):
        if theirs is None:
            raise DataError(path, f"has no '## {_name(ours)}' ({original.name}:{ours.line}); translate that "
                            "entry" + keep)
        if ours is None:
            raise DataError(path, f"'## {_name(theirs)}' is not in {original.name}; add it there or remove "
                            "it here" + keep, line=theirs.line)
        if (ours.version, ours.released) != (theirs.version, theirs.released):
            raise DataError(path, f"'## {_name(theirs)}' stands where {original.name}:{ours.line} has "
                            f"'## {_name(ours)}'" + keep, line=theirs.line)
        if bool(ours.notes) != bool(theirs.notes):
            empty, entry = (path, theirs) if ours.notes else (original, ours)
            raise DataError(empty, f"'## {_name(entry)}' has no notes while its translation has; write "
                            "them in both files", line=entry.line)


def _name(entry: ChangelogEntry) -> str:
    if entry.version is None:
        return "Unreleased"
    return f"[{entry.version}] - {entry.released.isoformat()}" if entry.released else entry.version


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, for ordering: 0.10.0 after 0.9.0."""
    return tuple(int(part) for part in version.split("."))
