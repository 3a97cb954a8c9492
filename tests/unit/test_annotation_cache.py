"""A build takes its checked annotations from the build cache only while everything they were checked
against is the same: each input changed on its own checks every file again."""

from __future__ import annotations

import dataclasses
import os
from datetime import timedelta
from pathlib import Path
from typing import Callable, Iterator

import pytest

from macros.model import annotationcache, annotations, buildcache
from macros.model.annotations import ChapterIndex
from macros.model.errors import DataError
from macros.model.fingerprint import Fingerprint
from tests.unit.test_annotations import FINGERPRINT, GOOD, INDEX, NOTHING_KNOWN, SECTIONS, TEXT, TODAY, write


@dataclasses.dataclass
class Notes:
    path: Path
    checked: list[int]  # one item each time every file is checked
    check_all: Callable[..., annotations.Loaded]  # annotations.load_all itself


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Two good annotations, a build cache of their own, and a count of the times every file is checked."""
    monkeypatch.setattr(buildcache, "_folder", tmp_path / "cache")
    notes = tmp_path / "annotations"
    notes.mkdir()
    write(notes, "2026-11-28-one.yml", GOOD)
    write(notes, "2026-11-28-two.yml", {**GOOD, "id": "second-note", "body": "另一条。"})
    (notes / "README.md").write_text("How to annotate.\n", encoding="utf-8")
    checked: list[int] = []
    check_all = annotations.load_all
    monkeypatch.setattr(annotations, "load_all", lambda *args: checked.append(1) or check_all(*args))
    return Notes(notes, checked, check_all)


def load(folder: Path, index: ChapterIndex = INDEX, fingerprint: Fingerprint = FINGERPRINT, not_after=TODAY,
         known: annotations.Known = NOTHING_KNOWN) -> annotations.Loaded:
    return annotationcache.load_all(folder, index, fingerprint, not_after, known)


def test_the_second_build_takes_what_the_first_checked(notes):
    first = load(notes.path)
    second = load(notes.path)
    assert notes.checked == [1]
    assert second == first and [a.id for a in second] == ["good-note", "second-note"]
    assert second.files == first.files == {"good-note": notes.path / "2026-11-28-one.yml",
                                           "second-note": notes.path / "2026-11-28-two.yml"}
    assert second[0].date == GOOD["date"] and second[0].model_fields_set == first[0].model_fields_set


CHANGES = {
    "a byte of a file": lambda folder: (folder / "2026-11-28-two.yml").write_text(
        (folder / "2026-11-28-two.yml").read_text(encoding="utf-8").replace("另一条", "另一条注释"),
        encoding="utf-8"),
    "a file's name": lambda folder: (folder / "2026-11-28-two.yml").rename(folder / "2026-11-27-two.yml"),
    "a new file": lambda folder: write(folder, "2026-11-29-three.yml", {**GOOD, "id": "third-note"}),
    "a file removed": lambda folder: (folder / "2026-11-28-two.yml").unlink(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_the_files_checks_them_again(notes, change):
    load(notes.path)
    change(notes.path)
    loaded = load(notes.path)
    assert notes.checked == [1, 1]
    fresh = notes.check_all(notes.path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)
    assert loaded == fresh and loaded.files == fresh.files


CHECKED_AGAINST = {
    "the day": dict(not_after=TODAY + timedelta(days=1)),
    "the chapters' sections": dict(index=ChapterIndex({"one": ("one", {"one", "summary", "numbers", "more"})})),
    "the article's fingerprint": dict(fingerprint=Fingerprint.of(TEXT + "再加一句话。\n", SECTIONS)),
    "the figures": dict(known=dataclasses.replace(NOTHING_KNOWN, figure_ids=frozenset({"mau"}))),
    "the article's sums": dict(known=dataclasses.replace(NOTHING_KNOWN, claim_ids=frozenset({"total"}))),
    "the template's placeholders": dict(known=dataclasses.replace(NOTHING_KNOWN, placeholders=frozenset({"x"}))),
}


@pytest.mark.parametrize("changed", CHECKED_AGAINST.values(), ids=CHECKED_AGAINST.keys())
def test_a_change_to_what_they_are_checked_against_checks_them_again(notes, changed):
    load(notes.path)
    load(notes.path, **changed)
    assert notes.checked == [1, 1]
    load(notes.path, **changed)
    assert notes.checked == [1, 1]


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in for macros/, one module in it, as the code the checks are keyed on."""
    folder = tmp_path / "engine"
    folder.mkdir()
    (folder / "check.py").write_text("LIMIT = 1\n", encoding="utf-8")
    monkeypatch.setattr(annotationcache, "ENGINE", folder)
    annotationcache._checker.cache_clear()
    yield folder
    annotationcache._checker.cache_clear()


def test_a_change_to_the_code_checks_them_again(notes, engine):
    load(notes.path)
    (engine / "check.py").write_text("LIMIT = 2\n", encoding="utf-8")
    annotationcache._checker.cache_clear()
    load(notes.path)
    assert notes.checked == [1, 1]


def test_a_folder_with_a_problem_is_never_remembered(notes):
    write(notes.path, "2026-11-29-bad.yml",
          {**GOOD, "id": "bad-note", "target": {"chapter": "one", "section": "nowhere"}})
    for _ in range(2):
        with pytest.raises(DataError, match="has no section 'nowhere'"):
            load(notes.path)
    assert notes.checked == [1, 1]


def test_a_link_or_an_oversized_file_is_left_to_the_checks_that_refuse_it(notes, tmp_path):
    outside = tmp_path / "outside.yml"
    write(tmp_path, "outside.yml", {**GOOD, "id": "outside-note"})
    (notes.path / "2026-11-29-link.yml").symlink_to(outside)
    with pytest.raises(DataError, match="symbolic link"):
        load(notes.path)
    (notes.path / "2026-11-29-link.yml").unlink()
    (notes.path / "2026-11-29-huge.yml").write_text("#" * (annotations.MAX_FILE_BYTES + 1), encoding="utf-8")
    with pytest.raises(DataError, match="over the limit"):
        load(notes.path)
    assert not (tmp_path / "cache" / "annotations").exists()


def test_without_a_cache_folder_every_build_checks(notes, monkeypatch):
    monkeypatch.setattr(buildcache, "_folder", None)
    assert load(notes.path) == load(notes.path)
    assert notes.checked == [1, 1]


def test_a_file_saved_while_it_was_checked_is_not_remembered_for_its_old_bytes(notes, monkeypatch):
    """The folder's key is read before the check: an editor saving in between (under `make serve`) must not
    leave the new file's result under the old bytes, which a later build would take without a check."""
    refused = {**GOOD, "id": "good-note", "target": {"chapter": "one", "section": "nowhere"}}
    write(notes.path, "2026-11-28-one.yml", refused)
    listed = annotationcache._files

    def listed_then_saved(folder: Path) -> list[tuple[str, str]] | None:
        found = listed(folder)
        write(notes.path, "2026-11-28-one.yml", GOOD)  # the fix, saved as the build starts checking
        return found

    monkeypatch.setattr(annotationcache, "_files", listed_then_saved)
    assert [a.target.section for a in load(notes.path)] == ["summary", "summary"]
    monkeypatch.setattr(annotationcache, "_files", listed)
    write(notes.path, "2026-11-28-one.yml", refused)  # undone: the refused bytes again
    with pytest.raises(DataError, match="has no section 'nowhere'"):
        load(notes.path)


def test_an_editors_lock_file_beside_the_engine_is_not_code(notes, engine):
    (engine / ".#check.py").symlink_to("someone@host.1234")  # Emacs, while a buffer has unsaved changes
    assert load(notes.path) == load(notes.path) and notes.checked == [1]


def test_a_file_name_that_is_not_utf8_is_a_key_like_any_other(notes):
    name = os.fsdecode(b"2026-11-28-\xff.yml")  # reaches Python as a lone surrogate
    write(notes.path, name, {**GOOD, "id": "third-note"})
    first = load(notes.path)
    assert load(notes.path) == first and notes.checked == [1] and first.files["third-note"].name == name


def test_a_file_gone_while_the_folder_is_listed_is_left_to_the_checks(notes, monkeypatch):
    real_open = open

    def vanishing(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("-two.yml"):
            raise FileNotFoundError(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", vanishing)
    assert [a.id for a in load(notes.path)] == ["good-note", "second-note"]
    assert notes.checked == [1]
    assert not (notes.path.parent / "cache" / "annotations").exists()


def test_a_files_digest_keeps_each_file_apart(tmp_path):
    """Moving bytes from one file to the next is a change of code, as much as changing them."""
    names = ["a.py", "b.py", "c.py", "d.py"]
    for name, text in zip(names, ["ab", "c", "a", "bc"], strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
    first, second = (buildcache.files_digest([tmp_path / n for n in pair]) for pair in (names[:2], names[2:]))
    assert first != second
    assert buildcache.files_digest([tmp_path / "a.py"]) == buildcache.files_digest([tmp_path / "a.py"])
