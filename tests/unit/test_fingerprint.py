"""The article fingerprint: quotations are checked per section without storing the text."""

import pytest

from macros.fingerprint import MAX_QUOTE_CHARS, WINDOW, Fingerprint, make, normalise, window_hashes
from macros.schema import Section

TEXT = "标题行\n\n第一段:元宝公布了两组数据,“一起看”很受欢迎。\n\n小标题\n\n第二段 写的是 别的事情。\n"
SECTIONS = [
    Section(id="front", starts_with="标题行", chapter=None),
    Section(id="one", starts_with="第一段", chapter="one"),
    Section(id="two", starts_with="小标题", heading="小标题", chapter="two"),
]


@pytest.fixture
def fingerprint() -> Fingerprint:
    raw = make(TEXT, SECTIONS)
    return Fingerprint({sid: frozenset(h) for sid, h in raw["sections"].items()})


def test_normalise_ignores_spacing_quote_style_and_width():
    assert normalise("“一起 看”  ＡＩ") == normalise('"一起看"ai')


def test_verbatim_quotation_passes_in_its_own_section(fingerprint):
    assert fingerprint.check("元宝公布了两组数据", "one") is None
    assert fingerprint.check('"一起看"很受欢迎', "one") is None  # straight quotes for curly ones
    assert fingerprint.check("写的是别的事情", "two") is None  # spaces do not matter


def test_quotation_from_another_section_fails(fingerprint):
    assert "not verbatim in section 'two'" in fingerprint.check("元宝公布了两组数据", "two")


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


def test_hashes_are_an_unordered_set():
    raw = make(TEXT, SECTIONS)
    body = TEXT.split("\n\n")[1]
    assert raw["sections"]["one"] == sorted(window_hashes(body) | window_hashes(body, 8))


def test_real_windows_stitched_in_another_order_fail():
    text = "开头\n\n甲乙丙丁戊己庚。子丑丙丁戊寅卯。\n"
    sections = [Section(id="front", starts_with="开头", chapter=None),
                Section(id="one", starts_with="甲", chapter="one")]
    fingerprint = Fingerprint({k: frozenset(v) for k, v in make(text, sections)["sections"].items()})
    assert fingerprint.check("甲乙丙丁戊己庚。", "one") is None
    # every 4-character window of this stands in the section, but not one after the other
    stitched = "子丑丙丁戊己庚。"
    assert window_hashes(stitched) <= fingerprint.sections["one"]
    assert "not verbatim" in fingerprint.check(stitched, "one")


def test_a_made_up_quotation_passes_with_a_chance_below_one_in_a_billion():
    from macros.fingerprint import HASH_HEX_DIGITS
    largest_section = 20_000  # windows; the real article's largest section has under 3,000
    assert largest_section / 2 ** (HASH_HEX_DIGITS * 4) < 1e-9
