"""The link-preview cards: lines broken as Chinese and English break, only characters the font holds,
the same pixels every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.rendering import cards
from macros.model.errors import DataError


@pytest.fixture(scope="module")
def font():
    return cards._font(60)


def test_chinese_breaks_anywhere_but_never_before_a_closing_mark(font):
    text = "元宝“AI社交”一文细读：红包大战、用户规模与创作次数，以及四家公司的不同押注。"
    for width in range(200, 1000, 37):
        found = cards.lines(text, font, width)
        assert "".join(found) == text
        assert all(line[0] not in cards.NO_LINE_START for line in found[1:]), found
        assert all(line[-1] not in cards.NO_LINE_END for line in found), found
        assert all(cards.length(line, font) <= width or len(line) <= 2 for line in found), found


def test_latin_words_stay_whole(font):
    text = "The opening: the red-envelope war and Yuanbao's two sets of numbers"
    found = cards.lines(text, font, 500)
    assert " ".join(found) == text and len(found) > 1
    assert all(word in text.split() for line in found for word in line.split())


def test_curly_quotes_take_half_their_width_in_latin_text_only(font):
    em = font.size
    latin = {c: (offset, step) for c, offset, step in cards.advances("a “b” c", font)}
    chinese = {c: (offset, step) for c, offset, step in cards.advances("元“宝”元", font)}
    assert latin["“"] == (-em / 2, font.getlength("“") - em / 2) and latin["”"][1] == font.getlength("”") - em / 2
    assert chinese["“"] == (0.0, font.getlength("“")) and chinese["”"] == (0.0, font.getlength("”"))


def test_the_font_holds_every_character_of_the_sites_titles(project):
    words = [project.site.title(locale) for locale in project.site.languages]
    words += [project.article.title, project.article.romanised.title_translation]
    assert cards.missing_characters("".join(words)) == []
    assert cards.missing_characters("龘 ok") == ["龘"]  # outside GB 2312 level 1


def test_a_title_it_cannot_set_is_refused_naming_the_page_and_the_characters():
    with pytest.raises(DataError) as refused:
        cards.check(cards.Card("site", "𠀀 and 龘", "caption"), Path("docs/x.md"))
    message = str(refused.value)
    assert "docs/x.md" in message and "龘 𠀀" in message and "make card-font" in message


def test_the_same_card_is_the_same_bytes_and_another_title_other_bytes():
    card = cards.Card("元宝“AI社交”一文细读", "开篇", "定焦One")
    first = cards.draw(card)
    assert first == cards.draw(card) and first != cards.draw(cards.Card(card.site, "数字表", card.caption))


def test_a_long_title_shrinks_to_three_lines_at_most(font):
    long = "一个很长的标题" * 12
    card = cards.Card("site", long, "caption")
    assert cards.draw(card)[:8] == b"\x89PNG\r\n\x1a\n"
    small = cards._font(cards.TITLE_SIZES[-1])
    assert len(cards.lines(long, small, cards.SIZE[0] - 2 * cards.MARGIN)) > 3  # so the cut at three lines matters


def test_card_paths_within_an_edition():
    assert cards.card_path("") == "assets/cards/home.png"
    assert cards.card_path("chapters/opening/") == "assets/cards/chapters-opening.png"
