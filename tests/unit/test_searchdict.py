"""The small jieba dictionary segments the site's text exactly as jieba's full dictionary does."""

from __future__ import annotations

from pathlib import Path

import jieba

from macros import searchdict

ROOT = Path(__file__).resolve().parents[2]


def test_the_placeholder_keeps_the_full_total():
    lines = ["元宝 5 n\n", "腾讯 7 nz\n", "红包 1 n\n"]
    assert searchdict.small_dictionary(lines, {"元宝", "红包"}) == f"元宝 5 n\n红包 1 n\n{searchdict.PLACEHOLDER} 7 x\n"


def test_the_site_is_segmented_as_with_the_full_dictionary(tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))]
    small_file = tmp_path / "small.txt"
    small_file.write_text(searchdict.for_texts(texts), encoding="utf-8")
    assert len(small_file.read_text(encoding="utf-8").splitlines()) < 10_000  # not the 350,000 of the full one
    full, small = jieba.Tokenizer(), jieba.Tokenizer(str(small_file))
    for text in texts:
        assert list(small.cut(text)) == list(full.cut(text))


def test_no_word_of_the_full_dictionary_is_longer_than_the_substrings_looked_up():
    with open(searchdict.full_dictionary_path(), encoding="utf-8") as full:
        longest = max(len(line.split(" ", 1)[0]) for line in full)
    assert longest == searchdict.for_texts.__defaults__[0]


def test_substrings_stay_inside_the_blocks_jieba_cuts():
    used = searchdict.substrings(["元宝，红包 use C++ here"], 16)
    assert used.substrings == {"元", "宝", "元宝", "红", "包", "红包"}
    assert "C++" in used and "宝红" not in used and "AT&T" not in used  # ASCII words found in ASCII blocks
