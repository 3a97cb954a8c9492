"""Reading the repository's own files as untrusted input: plain files only, bounded, UTF-8.

A symlink under docs/ would be copied into the site (`-> /etc/passwd`, `-> ../.git/config`), a link
to /dev/zero never ends, a huge file eats memory: every refusal names the path and what to do.
"""

from __future__ import annotations

import stat
from pathlib import Path

from macros.model.errors import DataError

MAX_DATA_BYTES = 1_000_000  # the largest data file today is under 40 KB
# Folders whose files reach the built site or the build: nothing in them may be a link or a device.
CHECKED_FOLDERS = ("docs", "data", "overrides")
MAX_TREE_FILE_BYTES = 5_000_000  # pages, styles and data are small; a bigger file is a mistake
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".json", ".html", ".css", ".js", ".txt", ".svg"}  # read as UTF-8


def read_text(path: Path, max_bytes: int = MAX_DATA_BYTES) -> str:
    """A file's text, refused unless it is a regular file (not a link), at most `max_bytes`, UTF-8."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError(path, "is a symbolic link; the site builds from plain files only: "
                        "replace the link with the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(path, "is not a regular file; data files must be plain text files")
    if info.st_size > max_bytes:
        raise DataError(path, f"is {info.st_size:,} bytes, over the limit of {max_bytes:,}; split it or shorten it")
    return decode(path.read_bytes()[:max_bytes + 1], path)


def decode(raw: bytes, shown_as: Path) -> str:
    """UTF-8 text, or a DataError naming the line of the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise DataError(shown_as, f"is not UTF-8 (byte {error.start}); save the file as UTF-8", line=line) from None


def unsafe_entries(root: Path, folders: tuple[str, ...] = CHECKED_FOLDERS) -> list[DataError]:
    """Every symbolic link or non-regular file (device, pipe, socket) under `folders` of `root`."""
    problems = []
    for folder in folders:
        base = root / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):  # rglob does not follow links into folders
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(DataError(path.relative_to(root), "is a symbolic link; the site builds from "
                                          "plain files only (a link could publish a private file): "
                                          "replace it with the file itself, or remove it"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(DataError(path.relative_to(root), "is not a regular file or folder: remove it"))
            elif stat.S_ISREG(mode) and path.lstat().st_size > MAX_TREE_FILE_BYTES:
                problems.append(DataError(path.relative_to(root), f"is over {MAX_TREE_FILE_BYTES:,} bytes; "
                                          "the site's files are small: shorten it or keep it out of the site"))
            elif path.suffix in TEXT_SUFFIXES:
                try:
                    decode(path.read_bytes(), path.relative_to(root))
                except DataError as error:
                    problems.append(error)
    return problems
