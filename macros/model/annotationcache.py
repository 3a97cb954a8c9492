"""The annotations a build checked before, taken from the build cache while nothing they depend on changed.

Reading and checking an annotation (YAML, the schema, its body rendered, its quotation) was the largest
part of what each one added to a warm build. `load_all` here returns what `annotations.load_all` returned
for the same inputs: every file of the folder (name and bytes), what the files are checked against (the
chapters' sections, the fingerprint, the figures and the article's sums, the template's placeholders, the
day), the engine's own code, the interpreter and the libraries that read and check them. Anything else (a
changed byte, a new file, a new day, a new release of pydantic) checks every file again. Only a folder
that passed is remembered: a problem is found again, and reported again, on every build. Entries are
pickles, trusted as the compiled pages' code is: the cache is local (.cache/build/, ignored by git, never
restored in CI).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from datetime import date
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import yaml

from macros.model import annotations as contributed
from macros.model import buildcache
from macros.model.fingerprint import Fingerprint

ENGINE = Path(__file__).resolve().parents[1]  # macros/: any change to the code that checks may change the outcome
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "Markdown", "nh3", "MarkupSafe")


@lru_cache(maxsize=1)
def _checker() -> str:
    """The code that reads and checks annotations: every module of the engine (not an editor's hidden lock
    file, nor a link), the interpreter (unicodedata, urllib, re) and the libraries, libyaml or not."""
    modules = [path for path in sorted(ENGINE.rglob("*.py"))
               if not path.name.startswith(".") and stat.S_ISREG(path.lstat().st_mode)]
    return buildcache.digest([buildcache.files_digest(modules), sys.version,
                              {name: version(name) for name in LIBRARIES}, getattr(yaml, "__with_libyaml__", False)])


def _files(folder: Path) -> list[tuple[str, str]] | None:
    """Each file of `folder` by name, with a digest of its bytes; None where `load_all` would refuse one
    before reading it (a link, a folder, a device, a file over the limit) or one went away while listed,
    so that the checks say what is wrong."""
    found = []
    try:
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.name in contributed.NOT_ANNOTATIONS:
                continue
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_size > contributed.MAX_FILE_BYTES:
                return None
            with open(entry.path, "rb") as file:
                found.append((entry.name, hashlib.sha256(file.read(contributed.MAX_FILE_BYTES + 1)).hexdigest()))
    except OSError:
        return None
    return found


def _fingerprint_digest(fingerprint: Fingerprint) -> str:
    return hashlib.sha256(repr((sorted(fingerprint.sections.items()),
                                sorted(fingerprint.letters.items()))).encode()).hexdigest()


def load_all(folder: Path, index: contributed.ChapterIndex, fingerprint: Fingerprint, not_after: date,
             known: contributed.Known) -> contributed.Loaded:
    """`annotations.load_all`, from the build cache when the same files were checked against the same
    things before (without a cache folder, as in the unit tests, it checks them)."""
    files = _files(folder)
    if files is None:
        return contributed.load_all(folder, index, fingerprint, not_after, known)
    inputs = [_checker(), files,
              sorted((slug, section, sorted(ids)) for slug, (section, ids) in index.chapters.items()),
              _fingerprint_digest(fingerprint), not_after.isoformat(),
              sorted(known.figure_ids), sorted(known.claim_ids), sorted(known.placeholders)]
    remembered = buildcache.recall("annotations", inputs)
    if remembered is None:
        loaded = contributed.load_all(folder, index, fingerprint, not_after, known)  # raises on any problem
        # Remembered for the bytes it checked: a file saved while it was checked (an editor, under
        # `make serve`) leaves the folder for the next build to check.
        if _files(folder) == files:
            buildcache.remember("annotations", inputs, pickle.dumps(
                [(loaded.files[a.id].name, a) for a in loaded], protocol=pickle.HIGHEST_PROTOCOL))
        return loaded
    found = contributed.Loaded()
    for name, annotation in pickle.loads(remembered):
        found.append(annotation)
        found.files[annotation.id] = folder / name
    return found
