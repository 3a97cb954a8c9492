"""A small jieba dictionary that segments this site's text exactly as jieba's full one does.

jieba loads its 350,000-word dictionary (about a second) on every build, for a site whose text uses
a few thousand of those words. Segmenting a text only ever looks up words that occur in it, and
jieba scores a word by its frequency over the dictionary's total. So the words that occur in the
site's sources, plus one placeholder entry that keeps the full dictionary's total, segment the
same text the same way. tests/unit/test_searchdict.py checks that on the site's own pages.

The words are found by reading the dictionary file once, not by loading jieba's model: the words
jieba can see in a text are the dictionary words that occur inside one of its blocks (the runs of
characters jieba cuts, `jieba.re_han_default`), so every substring of a block, up to the longest
word, is looked up in the file. A block of ASCII only (code, URLs) can hold only the dictionary's
few ASCII words ("C++", "AT&T"), so those blocks are searched for those words instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import jieba

PLACEHOLDER = "\ue000"  # a private-use character, in no text: it only carries frequency


@dataclass(frozen=True)
class Used:
    """Where dictionary words may occur: every short run inside a block that is not all ASCII, and the
    ASCII-only blocks, one per line."""

    substrings: frozenset[str]
    ascii_blocks: str

    def __contains__(self, word: str) -> bool:
        return word in self.substrings or (word.isascii() and word in self.ascii_blocks)


def substrings(texts: Iterable[str], longest: int) -> Used:
    """Every run of at most `longest` characters inside one of jieba's blocks of `texts`."""
    found: set[str] = set()
    ascii_blocks: list[str] = []
    for text in texts:
        for block in jieba.re_han_default.findall(text):
            if block.isascii():
                ascii_blocks.append(block)
                continue
            for start in range(len(block)):
                found.update(block[start:end] for end in range(start + 1, min(len(block), start + longest) + 1))
    return Used(frozenset(found), "\n".join(ascii_blocks))


def small_dictionary(dictionary_lines: Iterable[str], used: Used | set[str]) -> str:
    """The lines of the full dictionary whose word is used, plus the placeholder keeping the total."""
    kept: list[str] = []
    total = kept_total = 0
    for line in dictionary_lines:
        word, frequency = line.split(" ")[:2]
        total += int(frequency)
        if word in used:
            kept.append(line.rstrip("\n"))
            kept_total += int(frequency)
    kept.append(f"{PLACEHOLDER} {total - kept_total} x")
    return "\n".join(kept) + "\n"


def full_dictionary_path() -> str:
    return str(jieba.get_dict_file().name)


def for_texts(texts: list[str], longest: int = 16) -> str:
    """The small dictionary for `texts`; `longest` is the full dictionary's longest word (16 characters,
    checked by tests/unit/test_searchdict.py)."""
    with open(full_dictionary_path(), encoding="utf-8") as full:
        return small_dictionary(full, substrings(texts, longest))
