"""A fingerprint of the article: per section, hashes of short overlapping windows of its text.

It lets the build and the tests check that a quotation is verbatim in a given section without the
repository carrying the article. Hashes are truncated to 20 bits and stored as a sorted set, so the
text cannot be read back from them; the price is a small chance that a made-up phrase passes
(about 0.3% per window in the longest section; a quotation of n characters has n - 3 windows).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .schema import Section

WINDOW = 4  # characters; also the shortest quotation that can be checked
HASH_HEX_DIGITS = 5  # 20 bits
SCHEME = f"sha256/{HASH_HEX_DIGITS * 4}bit/{WINDOW}char/v1"
MAX_QUOTE_CHARS = 40  # the site quotes short phrases only

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                         "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """NFKC, straight quotes, no white space, case-folded: what quoting may change is ignored."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return "".join(ch for ch in text if not ch.isspace())


def window_hashes(text: str) -> set[str]:
    norm = normalise(text)
    return {
        hashlib.sha256(norm[i:i + WINDOW].encode("utf-8")).hexdigest()[:HASH_HEX_DIGITS]
        for i in range(len(norm) - WINDOW + 1)
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
    return {
        "scheme": SCHEME,
        "sections": {sid: sorted(window_hashes(body)) for sid, body in split_sections(text, sections).items()},
    }


@dataclass(frozen=True)
class Fingerprint:
    sections: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path) -> Fingerprint:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError) as error:
            raise DataError(path, f"cannot read the article fingerprint ({error}); "
                            "make it with `make fingerprint`") from None
        if raw.get("scheme") != SCHEME:
            raise DataError(path, f"fingerprint scheme is {raw.get('scheme')!r}, expected {SCHEME!r}; "
                            "remake it with `make fingerprint`")
        return cls({sid: frozenset(hashes) for sid, hashes in raw["sections"].items()})

    def check(self, quotation: str, section: str) -> str | None:
        """None when `quotation` is verbatim in `section`, else what is wrong."""
        if section not in self.sections:
            return f"unknown article section '{section}' (known: {', '.join(self.sections)})"
        norm = normalise(quotation)
        if len(norm) < WINDOW:
            return f"quotation '{quotation}' is shorter than {WINDOW} characters and cannot be checked"
        if len(norm) > MAX_QUOTE_CHARS:
            return (f"quotation '{quotation}' is {len(norm)} characters; "
                    f"quote at most {MAX_QUOTE_CHARS} and summarise the rest")
        if not window_hashes(quotation) <= self.sections[section]:
            return f"'{quotation}' is not verbatim in section '{section}' of the article"
        return None
