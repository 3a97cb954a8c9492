"""A cache on disk for the slow, pure steps of a build (citeproc, compiling pages, drawing cards, rendering
annotation bodies, checking annotations), keyed by their inputs.

Each entry is named by a digest of everything its output depends on, library versions and our own
drawing code included, so a hit returns exactly what the step would compute. One file per entry,
written atomically, so builds running side by side (the test workers) never see half an entry.
tests/builds/test_reproducible.py builds twice, cold and then warm, and compares every file.
The folder is .cache/build/ (ignored by git; `make clean` removes it). Without a folder nothing is
cached, which is how the unit tests call these steps.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Cache in `folder` from now on (None: no cache). Called once, at start-up."""
    global _folder
    _folder = folder


def files_digest(paths: Iterable[Path]) -> str:
    """A digest of files' bytes, each kept apart from the next: the code (or font) an entry depends on."""
    found = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        found.update(len(data).to_bytes(8, "big") + data)
    return found.hexdigest()


def digest(parts: Any) -> str:
    # surrogatepass: a file name that is not UTF-8 reaches Python as lone surrogates, and is a key all the same
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cached(namespace: str, parts: Any, make: Callable[[], str]) -> str:
    """`make()`, or what it returned before for the same `parts`."""
    return cached_bytes(namespace, parts, lambda: make().encode("utf-8")).decode("utf-8")


def cached_bytes(namespace: str, parts: Any, make: Callable[[], bytes]) -> bytes:
    """The same for bytes (compiled code)."""
    found = recall(namespace, parts)
    if found is not None:
        return found
    value = make()
    remember(namespace, parts, value)
    return value


def recall(namespace: str, parts: Any) -> bytes | None:
    """What was remembered for `parts`, if anything (never anything without a cache folder)."""
    if _folder is None:
        return None
    try:
        return (_folder / namespace / f"{digest(parts)}.txt").read_bytes()
    except FileNotFoundError:
        return None


def remember(namespace: str, parts: Any, value: bytes) -> None:
    """Keep `value` for `parts`, written whole or not at all (nothing without a cache folder)."""
    if _folder is None:
        return
    entry = _folder / namespace / f"{digest(parts)}.txt"
    entry.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False) as temporary:
        temporary.write(value)
    os.replace(temporary.name, entry)
