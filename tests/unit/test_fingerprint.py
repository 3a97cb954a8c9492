"""The article fingerprint: quotations are checked per section without storing the text."""

import pytest

from macros.model.fingerprint import MAX_QUOTE_CHARS, WINDOW, Fingerprint, make, normalise, window_sequence
from macros.model.schema import Section

TEXT = "标题行\n\n第一段:元宝公布了两组数据,“一起看”很受欢迎。\n\n小标题\n\n第二段 写的是 别的事情。\n"
SECTIONS = [
    Section(id="front", starts_with="标题行", chapter=None),
    Section(id="one", starts_with="第一段", chapter="one"),
    Section(id="two", starts_with="小标题", heading="小标题", chapter="two"),
]


@pytest.fixture
def fingerprint() -> Fingerprint:
    return Fingerprint.of(TEXT, SECTIONS)


def test_normalise_ignores_spacing_quote_style_and_width():
    assert normalise("“一起 看”  ＡＩ") == normalise('"一起看"ai')


def test_verbatim_quotation_passes_in_its_own_section(fingerprint):
    assert fingerprint.check("元宝公布了两组数据", "one") is None
    assert fingerprint.check('"一起看"很受欢迎', "one") is None  # straight quotes for curly ones
    assert fingerprint.check("写的是别的事情", "two") is None  # spaces do not matter


def test_quotation_from_another_section_fails_and_names_the_section_it_is_in(fingerprint):
    assert fingerprint.check("元宝公布了两组数据", "two") == (
        "'元宝公布了两组数据' is not in section 'two' of the article but in section 'one'; point to that section")


def test_altered_quotation_fails(fingerprint):
    assert "not verbatim" in fingerprint.check("元宝公布了三组数据", "one")


def test_too_short_and_too_long_quotations_are_refused(fingerprint):
    assert f"shorter than {WINDOW}" in fingerprint.check("元宝", "one")
    assert f"quote at most {MAX_QUOTE_CHARS}" in fingerprint.check("元" * (MAX_QUOTE_CHARS + 1), "one")


def test_unknown_section_is_named(fingerprint):
    assert "unknown article section 'three'" in fingerprint.check("元宝公布了", "three")


def test_fingerprint_does_not_contain_the_text():
    raw = make(TEXT, SECTIONS)
    stored = "".join(h for hashes in raw["sections"].values() for h in hashes)
    assert "元宝" not in stored and all(len(h) == 12 for hashes in raw["sections"].values() for h in hashes)


def test_hashes_follow_the_texts_order():
    raw = make(TEXT, SECTIONS)
    body = TEXT.split("\n\n")[1]
    assert raw["sections"]["one"] == window_sequence(body)


def test_real_windows_stitched_in_another_order_fail():
    text = "开头\n\n甲乙丙丁戊己庚。子丑丙丁戊寅卯。\n"
    sections = [Section(id="front", starts_with="开头", chapter=None),
                Section(id="one", starts_with="甲", chapter="one")]
    fingerprint = Fingerprint.of(text, sections)
    assert fingerprint.check("甲乙丙丁戊己庚。", "one") is None
    # every 4-character window of this stands in the section, but not one after the other
    stitched = "子丑丙丁戊己庚。"
    assert set(window_sequence(stitched)) <= set(fingerprint.sections["one"])
    assert "not verbatim" in fingerprint.check(stitched, "one")


def test_no_string_passes_that_is_not_in_the_section_whole():
    """The forgery the unordered fingerprint let through: two real phrases that share a word, swapped
    around it (社交型AI满足的是效率需求). A search over every such stitch of a text's own windows, and over
    its real substrings: each passes exactly when it is one."""
    import itertools
    text = ("开头\n\n工具型AI满足的是效率需求，用完即走。社交型AI满足的是情感和归属需求，留下来。"
            "一天里活跃的用户也都在那一天的月活里，所以日活不会超过月活。\n")
    sections = [Section(id="front", starts_with="开头", chapter=None),
                Section(id="one", starts_with="工具型", chapter="one")]
    fingerprint = Fingerprint.of(text, sections)
    body = normalise(text.split("\n\n")[1])
    assert "not verbatim" in fingerprint.check("社交型AI满足的是效率需求", "one")
    tries = passed = 0
    for (i, j), length in itertools.product(itertools.permutations(range(len(body) - 8), 2), (4, 5, 6, 7)):
        left, right = body[i:i + length], body[j:j + length]
        for overlap in range(1, length):  # join two real pieces where they share characters
            if left[-overlap:] != right[:overlap]:
                continue
            candidate = left + right[overlap:]
            tries += 1
            found = fingerprint.holds(candidate, "one")
            assert found == (candidate in body), candidate
            passed += found
    assert tries > 1000 and passed < tries


def test_runs_of_the_article_are_found_in_other_text():
    fingerprint = Fingerprint.of(TEXT, SECTIONS)
    assert fingerprint.runs("我们说：元宝公布了两组数据，另有评论。", min_chars=8) == ["元宝公布了两组数据"]
    assert fingerprint.runs("元宝公布了三组数据", min_chars=8) == []


def test_a_made_up_quotation_passes_with_a_chance_below_one_in_a_billion():
    from macros.model.fingerprint import HASH_HEX_DIGITS
    largest_section = 20_000  # windows; the real article's largest section has under 3,000
    assert largest_section / 2 ** (HASH_HEX_DIGITS * 4) < 1e-9


def test_a_run_copied_with_other_punctuation_is_still_found():
    fingerprint = Fingerprint.of(TEXT, SECTIONS)
    assert fingerprint.runs("元宝公布了——两组数据", min_chars=8) == ["元宝公布了两组数据"]
