"""What changed, read from the repository's history: releases (the tags `v<version>`), the data as each
release had it, and every later commit that changed a figure (a correction to what was published).

The data of a past commit is read with the same strict YAML reader as today's (size cap, no aliases,
no control characters: macros/model/yamlio.py) but never through today's schemas, so an old file that
today's checker would refuse still compares; a file that cannot be read at all makes its commit "not
comparable" rather than a list of every figure removed. Outside git (or in a folder of another
repository), or before the first tag, there is simply no history: nothing here invents a release or
a date.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from macros.model import notices
from macros.model.errors import DataError
from macros.model.git import git_bytes, git_text
from macros.model.gitdates import commit_time
from macros.model.yamlio import parse_yaml

FIGURES_FILE = "data/figures.yml"
ANNOTATIONS_FOLDER = "data/annotations"
LEDGER_FILE = "data/anchors.yml"
# What a reader sees of a figure: a change to any of these is a change to the figure (its name in each
# language: schema.FigureFieldNames, kept equal by tests/unit/test_history.py). Where it also appears
# (also_stated) is not listed: the figure reads the same.
FIGURE_FIELDS = ("label", "value", "upper", "ends", "relation", "precision", "unit", "says", "wording", "formula",
                 "significant", "counts", "period", "reading")


@dataclass(frozen=True)
class Release:
    version: str
    at: datetime  # the tag's time (an annotated tag's, else its commit's)
    commit: str

    @property
    def day(self) -> date:
        return self.at.date()


@dataclass(frozen=True)
class DataState:
    """The data as one commit (or the working tree) has it."""

    figures: dict[str, dict[str, Any]] | None = field(default_factory=dict)  # id -> FIGURE_FIELDS; None: unreadable
    annotations: dict[str, str] = field(default_factory=dict)  # id -> status
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)  # page -> old id -> new id


@dataclass(frozen=True)
class FigureChange:
    figure: str
    field: str  # one of FIGURE_FIELDS, or "added" / "removed"
    old: Any = None
    new: Any = None
    units: tuple[Any, Any] = (None, None)  # each side's unit, which its value is written in


@dataclass(frozen=True)
class Changes:
    comparable: bool = True  # False: one side's figures could not be read, so nothing is compared
    figures: tuple[FigureChange, ...] = ()
    annotations_added: tuple[str, ...] = ()
    annotations_withdrawn: tuple[str, ...] = ()
    ids_renamed: tuple[tuple[str, str, str], ...] = ()  # (page, old id, new id)


@dataclass(frozen=True)
class Correction:
    """One commit after the first release that changed figures."""

    at: datetime  # the commit's time
    commit: str
    changes: tuple[FigureChange, ...]

    @property
    def day(self) -> date:
        return self.at.date()


# --- pure: reading and comparing states ------------------------------------------------------

def _load(text: str | None, name: str) -> Any:
    """A past file's data, or None if there is none or it cannot be read (the reasons are today's)."""
    if not text:
        return None
    try:
        return parse_yaml(text, Path(name)).data
    except DataError:
        return None


def _words(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()))


def _number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and abs(value) <= 10**15)


# The shape each field had in every version of the data; anything else cannot be compared.
def _text(value: Any) -> bool:
    return isinstance(value, str)


_SHAPES: dict[str, Callable[[Any], bool]] = {
    "value": _number, "upper": _number, "significant": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "relation": _text, "unit": _text, "ends": _text, "wording": _text, "formula": lambda v: _text(v) or _number(v),
    "label": _words, "counts": _words, "period": _words, "reading": _words, "says": _words,
    "precision": lambda v: isinstance(v, dict) and all(isinstance(k, str) and _words(w) for k, w in v.items()),
}


def _figures_of(doc: Any, where: str) -> dict[str, dict[str, Any]] | None:
    """Each figure's FIGURE_FIELDS, or None (with a warning naming `where`) if any has a shape no version
    of the data gave it: `value: yes`, `.inf`, a list where words belong."""
    if not (isinstance(doc, dict) and isinstance(doc.get("figures"), dict)):
        return None
    figures: dict[str, dict[str, Any]] = {}
    for figure_id, spec in doc["figures"].items():
        if not isinstance(spec, dict):
            continue
        for name in FIGURE_FIELDS:
            if name in spec and spec[name] is not None and not _SHAPES[name](spec[name]):
                notices.warn(f"{where}: figure '{str(figure_id)[:40]}' has {name} {str(spec[name])[:40]!r}, which "
                             "cannot be compared; its figures are shown as not comparable")
                return None
        figures[str(figure_id)] = {name: spec[name] for name in FIGURE_FIELDS if name in spec}
    return figures


def state_of(figures_text: str | None, annotation_texts: list[str], ledger_text: str | None,
             where: str = "the working tree") -> DataState:
    """A state from the files' texts (`where`: the commit they are from, for warnings)."""
    figures_doc = _load(figures_text, FIGURES_FILE)
    figures = _figures_of(figures_doc, f"{where}: {FIGURES_FILE}")
    annotations: dict[str, str] = {}
    for text in annotation_texts:
        doc = _load(text, ANNOTATIONS_FOLDER)
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            annotations[doc["id"]] = str(doc.get("status", "published"))
    ledger = _load(ledger_text, LEDGER_FILE)
    aliases = ledger.get("aliases") if isinstance(ledger, dict) else None
    return DataState(figures, annotations, {str(page): {str(old): str(new) for old, new in ids.items()}
                                            for page, ids in (aliases if isinstance(aliases, dict) else {}).items()
                                            if isinstance(ids, dict)})


def figure_changes(old: dict[str, dict[str, Any]] | None, new: dict[str, dict[str, Any]] | None
                   ) -> tuple[FigureChange, ...]:
    """What changed between two readable figure files; nothing where either could not be read."""
    if old is None or new is None:
        return ()
    changes: list[FigureChange] = []
    for figure_id, fields in new.items():
        if figure_id not in old:
            changes.append(FigureChange(figure_id, "added", None, fields))
            continue
        units = (old[figure_id].get("unit"), fields.get("unit"))
        changes.extend(FigureChange(figure_id, name, old[figure_id].get(name), fields.get(name), units)
                       for name in FIGURE_FIELDS if old[figure_id].get(name) != fields.get(name))
    changes.extend(FigureChange(figure_id, "removed", fields, None) for figure_id, fields in old.items()
                   if figure_id not in new)
    return tuple(changes)


def compare(old: DataState, new: DataState) -> Changes:
    """What a reader of `old` would find changed in `new`."""
    withdrawn = tuple(sorted(i for i, status in new.annotations.items()
                             if status == "withdrawn" and old.annotations.get(i) not in (None, "withdrawn")))
    added = tuple(sorted(i for i, status in new.annotations.items()
                         if i not in old.annotations and status == "published"))
    renamed = tuple(sorted((page, old_id, new_id) for page, ids in new.aliases.items()
                           for old_id, new_id in ids.items() if old.aliases.get(page, {}).get(old_id) != new_id))
    comparable = old.figures is not None and new.figures is not None
    return Changes(comparable, figure_changes(old.figures, new.figures), added, withdrawn, renamed)


# --- the repository ------------------------------------------------------------------------------

_RELEASE_TAG = re.compile(r"v(\d+)\.(\d+)\.(\d+)")


def _inside_own_repository(root: Path) -> bool:
    """Whether `root` is the top of its git repository (not a folder inside another one's tree)."""
    top = git_text(root, "rev-parse", "--show-toplevel")
    return top is not None and Path(top.strip()).resolve() == root.resolve()


def releases(root: Path) -> list[Release]:
    """Every tag v<major>.<minor>.<patch> in HEAD's history, in version order, with its day and commit."""
    if not _inside_own_repository(root):
        return []
    # Tags on this commit's history only: a build of an older commit never lists later releases.
    out = git_text(root, "for-each-ref", "--merged=HEAD", "--format=%(refname:strip=2)%00%(creatordate:iso-strict)",
               "refs/tags/v*")
    found = []
    for line in (out or "").splitlines():
        tag, _, when = line.partition("\0")
        number = _RELEASE_TAG.fullmatch(tag)
        commit = (git_text(root, "rev-parse", "--verify", "--quiet", f"{tag}^{{commit}}") or "").strip()
        at = commit_time(when, f"{commit[:12] or '?'} (tag {tag[:40]})",
                                "the list of releases, which leaves this one out") if number else None
        if number and commit and at:
            found.append((tuple(int(n) for n in number.groups()), Release(tag[1:], at, commit)))
    return [release for _, release in sorted(found, key=lambda pair: pair[0])]


def _read_at(root: Path, commit: str, paths: list[str]) -> list[str | None]:
    """The texts of `paths` at `commit` (None where missing), in one `git cat-file --batch`."""
    return _read(root, [f"{commit}:{path}" for path in paths])


def _read(root: Path, objects: list[str]) -> list[str | None]:
    """The texts of `objects` ("<commit>:<path>"; None where missing), in one `git cat-file --batch`."""
    rest = git_bytes(root, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in objects).encode("utf-8"))
    if rest is None:
        return [None] * len(objects)
    texts: list[str | None] = []
    for _ in objects:  # "<object> blob <size>\n<content>\n", or "<name> missing\n"
        header, _, rest = rest.partition(b"\n")
        if not header or header.endswith(b" missing"):
            texts.append(None)
            continue
        size = int(header.split()[-1])
        texts.append(rest[:size].decode("utf-8", errors="replace"))
        rest = rest[size + 1:]
    return texts


def state_at(root: Path, commit: str) -> DataState:
    """The data as `commit` had it."""
    listing = git_text(root, "ls-tree", "--name-only", f"{commit}:{ANNOTATIONS_FOLDER}") or ""
    annotation_paths = [f"{ANNOTATIONS_FOLDER}/{name}" for name in listing.splitlines() if name.endswith(".yml")]
    figures_text, ledger_text, *annotation_texts = _read_at(root, commit, [FIGURES_FILE, LEDGER_FILE,
                                                                           *annotation_paths])
    return state_of(figures_text, [t for t in annotation_texts if t], ledger_text, f"commit {commit[:12]}")


def state_now(root: Path) -> DataState:
    """The data as the working tree has it (what this build shows)."""
    def text(path: Path) -> str | None:
        return path.read_text(encoding="utf-8") if path.is_file() else None

    folder = root / ANNOTATIONS_FOLDER
    annotations = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yml"))] if folder.is_dir() else []
    return state_of(text(root / FIGURES_FILE), annotations, text(root / LEDGER_FILE))


def corrections(root: Path, since: str) -> list[Correction]:
    """Every commit after `since` (the first release) that changed a figure, newest first."""
    # The main line only: a merged branch's corrections count once, as its merge brought them.
    out = git_text(root, "log", "--first-parent", "--format=%H%x00%cI", f"{since}..HEAD", "--", FIGURES_FILE)
    found = []
    for line in (out or "").splitlines():
        commit, _, when = line.partition("\0")
        before, after = _read(root, [f"{commit}^1:{FIGURES_FILE}", f"{commit}:{FIGURES_FILE}"])
        changes = figure_changes(state_of(before, [], None, f"commit {commit[:12]}^1").figures,
                                 state_of(after, [], None, f"commit {commit[:12]}").figures)
        at = commit_time(when, commit, "the list of corrections")
        if changes and at:
            found.append(Correction(at, commit, changes))
    return found


def withdrawn_at(root: Path, path: str) -> datetime | None:
    """The time of the commit that first set an annotation file's `status` to withdrawn (later edits to the
    file do not move it), or None outside git or before that commit exists."""
    out = git_text(root, "log", "--reverse", "--format=%H %cI", "-G", r"^status:[[:space:]]*withdrawn", "--", path)
    first = (out or "").split("\n", 1)[0]
    if not first:
        return None
    commit, _, when = first.partition(" ")
    return commit_time(when, commit, "dating the withdrawal")


@dataclass(frozen=True)
class History:
    """The repository's releases (oldest first), the data at each, the data now (read only when there
    is a release to compare it with), and the corrections since the first release."""

    releases: tuple[Release, ...]
    states: dict[str, DataState]  # version -> the data at its tag
    read_now: Callable[[], DataState]
    corrections: tuple[Correction, ...]

    @functools.cached_property
    def now(self) -> DataState:
        return self.read_now()

    def changes_in(self, version: str) -> tuple[Release, Release | None, Changes] | None:
        """(the release, the one before it, what changed) for a tagged version; None if it is not tagged."""
        index = next((i for i, r in enumerate(self.releases) if r.version == version), None)
        if index is None:
            return None
        release = self.releases[index]
        if index == 0:
            return release, None, Changes()
        before = self.releases[index - 1]
        return release, before, compare(self.states[before.version], self.states[version])

    def unreleased(self) -> tuple[Release, Changes] | None:
        """(the latest release, what changed since)."""
        if not self.releases:
            return None
        latest = self.releases[-1]
        return latest, compare(self.states[latest.version], self.now)


def load_history(root: Path) -> History:
    found = tuple(releases(root))
    return History(found, {r.version: state_at(root, r.commit) for r in found}, lambda: state_now(root),
                   tuple(corrections(root, found[0].commit)) if found else ())
