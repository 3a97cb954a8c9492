"""A fingerprint of the article: per section, hashes of short overlapping windows of its text.

It lets the build and the tests check that a quotation is verbatim in a given section without the
repository carrying the article's text. Per section it stores the 48-bit hashes of every window of 4
characters, in the order of the text. A quotation passes only if its own windows appear one after the
other, in order, somewhere in the section: the quotation is there whole. (An unordered set of windows, as
before, let real phrases be swapped around a shared word: 社交型AI满足的是效率需求 passed.)

Why 48 bits: a string that is not in the section passes only if, at some position, the window where it
differs from the text has the same hash as the text's: at most ~2,000 positions × 2^-48 ≈ 7e-12 per
try, far below one in a billion (tests/data/test_data_files.py searches for such strings).
The trade-off: hashes this wide are not text, but someone with a computer could rebuild the text by
guessing windows one character at a time. The repository still stores no text; the fingerprint is
not meant to hide the article, which is public, only to keep the site from republishing it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from macros.model.errors import DataError
from macros.model.safefiles import read_text
from macros.model.schema import Section

WINDOW = 4  # characters; also the shortest quotation that can be checked
HASH_HEX_DIGITS = 12  # 48 bits
SCHEME = f"sha256/{HASH_HEX_DIGITS * 4}bit/{WINDOW}char/ordered+letters/v4"
MAX_QUOTE_CHARS = 40  # the site quotes short phrases only

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                         "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """NFKC, straight quotes, no white space, case-folded: what quoting may change is ignored."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return "".join(ch for ch in text if not ch.isspace())


def look_alike_characters(text: str) -> list[tuple[str, str]]:
    """Each character of `text` that stands in for a letter or digit it only looks like (a Kangxi radical
    such as ⽉ for 月, a full-width Ａ or １), with that letter: a quotation shows what was typed, so it
    must be the article's characters, not look-alikes that normalise to them. (Full-width punctuation,
    which the stored copy of the article writes half-width, is not a look-alike.)"""
    found = []
    for char in dict.fromkeys(text):
        meant = unicodedata.normalize("NFKC", char)
        if meant != char and meant and all(unicodedata.category(c)[0] in "LN" for c in meant):
            found.append((char, meant))
    return found


def _hash(window: str) -> str:
    return hashlib.sha256(f"{WINDOW}:{window}".encode("utf-8")).hexdigest()[:HASH_HEX_DIGITS]


def window_sequence(text: str) -> list[str]:
    """The hashes of every WINDOW-character window of the normalised text, in the text's order."""
    norm = normalise(text)
    return [_hash(norm[i:i + WINDOW]) for i in range(len(norm) - WINDOW + 1)]


def letters(text: str) -> str:
    """The normalised text's letters and digits only: copying is copying, whatever the punctuation."""
    return "".join(ch for ch in normalise(text) if unicodedata.category(ch)[0] in "LN")


def letter_sequence(text: str) -> list[str]:
    """The hashes of every WINDOW-letter window of the text's letters, in order (for `runs`)."""
    only = letters(text)
    return [_hash(only[i:i + WINDOW]) for i in range(len(only) - WINDOW + 1)]


def split_sections(text: str, sections: list[Section]) -> dict[str, str]:
    """Cut the article into its sections at the lines that open each one."""
    lines = text.splitlines()
    starts: list[tuple[int, str]] = []
    for section in sections:
        opening = normalise(section.starts_with)  # our copy is half-width, the data full-width
        found = [i for i, line in enumerate(lines) if normalise(line).startswith(opening)]
        if len(found) != 1:
            raise DataError("data/article.yml", f"{len(found)} lines start with "
                            f"'{section.starts_with}'; exactly one must", where=f"section '{section.id}'")
        starts.append((found[0], section.id))
    if [line for line, _ in starts] != sorted(line for line, _ in starts):
        raise DataError("data/article.yml", "sections are not listed in the article's order")
    bounds = [line for line, _ in starts] + [len(lines)]
    return {sid: "\n".join(lines[bounds[k]:bounds[k + 1]]) for k, (_, sid) in enumerate(starts)}


def make(text: str, sections: list[Section]) -> dict[str, object]:
    """The fingerprint file's content: each section's window hashes, in the order of its text."""
    windows, letter_windows = _sequences(text, sections)
    return {"scheme": SCHEME, "sections": windows, "letters": letter_windows}


def _sequences(text: str, sections: list[Section]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    bodies = split_sections(text, sections)
    return ({sid: window_sequence(body) for sid, body in bodies.items()},
            {sid: letter_sequence(body) for sid, body in bodies.items()})


@dataclass(frozen=True)
class Fingerprint:
    """Per section, the hashes of its windows in order: a quotation is verbatim only if its own windows
    come one after the other in the same order, so no string passes that is not in the section whole."""

    sections: dict[str, tuple[str, ...]]
    letters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same over letters only: `runs`

    @classmethod
    def load(cls, path: Path) -> Fingerprint:
        try:
            raw = json.loads(read_text(path))
        except (DataError, json.JSONDecodeError) as error:
            raise DataError(path, f"cannot read the article fingerprint ({error}); "
                            "make it with `make fingerprint`") from None
        if raw.get("scheme") != SCHEME:
            raise DataError(path, f"fingerprint scheme is {raw.get('scheme')!r}, expected {SCHEME!r}; "
                            "remake it with `make fingerprint`")
        return cls({sid: tuple(hashes) for sid, hashes in raw["sections"].items()},
                   {sid: tuple(hashes) for sid, hashes in raw.get("letters", {}).items()})

    @classmethod
    def of(cls, text: str, sections: list[Section]) -> Fingerprint:
        """The fingerprint of `text` itself (the file `make fingerprint` writes holds the same)."""
        windows, letter_windows = _sequences(text, sections)
        return cls({sid: tuple(hashes) for sid, hashes in windows.items()},
                   {sid: tuple(hashes) for sid, hashes in letter_windows.items()})

    @cached_property
    def _positions(self) -> dict[str, list[tuple[str, int]]]:
        """hash -> every (section, position) it is at."""
        return _positions_of(self.sections)

    @cached_property
    def _letter_positions(self) -> dict[str, list[tuple[str, int]]]:
        """The same for the letter windows."""
        return _positions_of(self.letters)

    def holds(self, quotation: str, section: str) -> bool:
        """Whether `quotation` (at least WINDOW characters) is in `section` whole, its windows in order."""
        needed = window_sequence(quotation)
        hashes = self.sections.get(section, ())
        return bool(needed) and any(
            position + len(needed) <= len(hashes) and hashes[position:position + len(needed)] == tuple(needed)
            for sid, position in self._positions.get(needed[0], []) if sid == section)

    def sections_holding(self, quotation: str) -> list[str]:
        """Every section `quotation` is verbatim in, in the article's order."""
        return [sid for sid in self.sections if self.holds(quotation, sid)]

    def check(self, quotation: str, section: str, max_chars: int = MAX_QUOTE_CHARS) -> str | None:
        """None when `quotation` is verbatim in `section`, else what is wrong (naming the section it is in,
        if it is in another)."""
        if section not in self.sections:
            return f"unknown article section '{section}' (known: {', '.join(self.sections)})"
        look_alike = look_alike_characters(quotation)
        if look_alike:
            char, meant = look_alike[0]
            return (f"'{quotation}' writes {char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}), a "
                    f"look-alike of {meant!r}; type the article's own character")
        norm = normalise(quotation)
        if len(norm) < WINDOW:
            return f"quotation '{quotation}' is shorter than {WINDOW} characters and cannot be checked"
        if len(norm) > max_chars:
            return (f"quotation '{quotation}' is {len(norm)} characters; "
                    f"quote at most {max_chars} and summarise the rest")
        if self.holds(quotation, section):
            return None
        elsewhere = self.sections_holding(quotation)
        if elsewhere:
            return (f"'{quotation}' is not in section '{section}' of the article but in section "
                    f"'{elsewhere[0]}'; point to that section")
        return f"'{quotation}' is not verbatim in section '{section}' of the article"

    def runs(self, text: str, min_chars: int) -> list[str]:
        """Every stretch of `text`'s letters (punctuation and spacing left out) at least `min_chars` long
        that is the article's, one after the other in one section: what prose may not carry unquoted."""
        norm = letters(text)
        hashes = [_hash(norm[i:i + WINDOW]) for i in range(len(norm) - WINDOW + 1)]
        found: list[str] = []
        i = 0
        while i < len(hashes):
            best = 0
            for sid, position in self._letter_positions.get(hashes[i], []):
                section, length = self.letters[sid], 1
                while (i + length < len(hashes) and position + length < len(section)
                       and hashes[i + length] == section[position + length]):
                    length += 1
                best = max(best, length)
            if best + WINDOW - 1 >= min_chars:
                found.append(norm[i:i + best + WINDOW - 1])
                i += best
            else:
                i += 1
        return found


def _positions_of(sections: Mapping[str, Sequence[str]]) -> dict[str, list[tuple[str, int]]]:
    """hash -> every (section, position) it is at."""
    found: dict[str, list[tuple[str, int]]] = {}
    for sid, hashes in sections.items():
        for position, value in enumerate(hashes):
            found.setdefault(value, []).append((sid, position))
    return found
