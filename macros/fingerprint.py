"""A fingerprint of the article: per section, hashes of short overlapping windows of its text.

It lets the build and the tests check that a quotation is verbatim in a given section without the
repository carrying the article's text. Per section it stores, as unordered sets, 48-bit hashes of
every window of 4 characters and of every window of 8 characters. A quotation passes only if each
of its 4-character windows is in the section, and, from 8 characters on, each of its 8-character
windows too (so real phrases stitched together in another order fail).

Why 48 bits: a made-up quotation of 4 characters passes only if its one window's hash happens to be
in a set of at most ~2,000, a chance of 2,000 / 2^48 ≈ 7e-12 per try, far below one in a billion;
longer ones have more windows to pass. (Session 1 used 20 bits: one forged hit in ~420 tries.)
The trade-off: hashes this wide are not text, but someone with a computer could rebuild the text by
guessing windows one character at a time. The repository still stores no text; the fingerprint is
not meant to hide the article, which is public, only to keep the site from republishing it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .safefiles import read_text
from .schema import Section

WINDOW = 4  # characters; also the shortest quotation that can be checked
LONG_WINDOW = 8  # consecutive windows: a quotation this long must also match in runs of 8
HASH_HEX_DIGITS = 12  # 48 bits
SCHEME = f"sha256/{HASH_HEX_DIGITS * 4}bit/{WINDOW}+{LONG_WINDOW}char/v2"
MAX_QUOTE_CHARS = 40  # the site quotes short phrases only

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                         "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """NFKC, straight quotes, no white space, case-folded: what quoting may change is ignored."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return "".join(ch for ch in text if not ch.isspace())


def window_hashes(text: str, width: int = WINDOW) -> set[str]:
    """Hashes of every `width`-character window of the normalised text (the width is part of the hash)."""
    norm = normalise(text)
    return {
        hashlib.sha256(f"{width}:{norm[i:i + width]}".encode("utf-8")).hexdigest()[:HASH_HEX_DIGITS]
        for i in range(len(norm) - width + 1)
    }


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
    """The fingerprint file's content: each section's window hashes, both widths in one sorted set."""
    return {
        "scheme": SCHEME,
        "sections": {sid: sorted(window_hashes(body) | window_hashes(body, LONG_WINDOW))
                     for sid, body in split_sections(text, sections).items()},
    }


@dataclass(frozen=True)
class Fingerprint:
    sections: dict[str, frozenset[str]]

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
        return cls({sid: frozenset(hashes) for sid, hashes in raw["sections"].items()})

    def check(self, quotation: str, section: str, max_chars: int = MAX_QUOTE_CHARS) -> str | None:
        """None when `quotation` is verbatim in `section`, else what is wrong."""
        if section not in self.sections:
            return f"unknown article section '{section}' (known: {', '.join(self.sections)})"
        norm = normalise(quotation)
        if len(norm) < WINDOW:
            return f"quotation '{quotation}' is shorter than {WINDOW} characters and cannot be checked"
        if len(norm) > max_chars:
            return (f"quotation '{quotation}' is {len(norm)} characters; "
                    f"quote at most {max_chars} and summarise the rest")
        needed = window_hashes(quotation) | window_hashes(quotation, LONG_WINDOW)
        if not needed <= self.sections[section]:
            return f"'{quotation}' is not verbatim in section '{section}' of the article"
        return None
