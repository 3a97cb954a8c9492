"""A small jieba dictionary that segments this site's text exactly as jieba's full one does.

jieba loads its 350,000-word dictionary (about a second) on every build, for a site whose text uses
a few thousand of those words. Segmenting a text only ever looks up words that occur in it, and
jieba scores a word by its frequency over the dictionary's total. So the words that occur in the
site's sources, plus one placeholder entry that keeps the full dictionary's total, segment the
same text the same way. tests/unit/test_searchdict.py checks that on the site's own pages.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import jieba

PLACEHOLDER = "\ue000"  # a private-use character, in no text: it only carries frequency


def words_in(texts: Iterable[str], tokenizer: jieba.Tokenizer) -> set[str]:
    """Every dictionary word occurring in `texts`, found the way jieba looks for them when it cuts."""
    found: set[str] = set()
    for text in texts:
        for block in jieba.re_han_default.split(text):
            if not block:
                continue
            for start, ends in tokenizer.get_DAG(block).items():
                found.update(block[start:end + 1] for end in ends)
    return found


def small_dictionary(dictionary_lines: Iterable[str], used: set[str]) -> str:
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


@lru_cache(maxsize=1)  # `mkdocs serve` remakes the dictionary after each edit: load the full one once
def _full_tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def for_texts(texts: list[str]) -> str:
    """The small dictionary for `texts` (the first call loads jieba's full dictionary: about a second)."""
    tokenizer = _full_tokenizer()
    with open(tokenizer.get_dict_file().name, encoding="utf-8") as full:
        return small_dictionary(full, words_in(texts, tokenizer))
