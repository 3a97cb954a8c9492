"""The digit finder the build tests rely on must itself catch what it is meant to catch."""

from tests.htmltools import hand_typed_numbers

PAGE = '<html><body><article class="md-content__inner">{}</article></body></html>'


def test_a_typed_digit_is_found():
    assert hand_typed_numbers(PAGE.format("<p>月活1.14亿。</p>")) == ["月活1.14亿。"]


def test_a_chinese_number_word_is_found():
    assert hand_typed_numbers(PAGE.format("<p>投入十亿元。</p>")) == ["十亿"]


def test_macro_output_quotations_titles_and_code_are_skipped():
    body = ('<p><span class="fig">1.14亿</span><span class="article-quote">“超10亿次”</span>'
            '<cite>10亿次AI创作背后</cite><code>x2</code>千万别小看</p>')
    assert hand_typed_numbers(PAGE.format(body)) == []


def test_the_allow_list_excepts_its_entries():
    page = PAGE.format("<p>按GB/T 7714著录。</p>")
    assert hand_typed_numbers(page) == ["7714著录。"]
    assert hand_typed_numbers(page, allowed={"GB/T 7714": "a standard's name"}) == []
