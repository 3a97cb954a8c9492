from macros.text.cjk import join_cjk_lines


def test_sentences_of_a_chinese_paragraph_are_joined():
    assert join_cjk_lines("第一句。\n第二句。\n") == "第一句。第二句。\n"


def test_lines_ending_or_starting_with_a_macro_call_are_joined():
    assert join_cjk_lines('总额{{ fig("a") }}\n{{ check("b") }}\n') == '总额{{ fig("a") }}{{ check("b") }}\n'


def test_structure_is_kept():
    text = "# 标题 { #top }\n段落。\n\n- 列表一。\n- 列表二。\nEnglish line\n中文。\n"
    assert join_cjk_lines(text) == text


def test_code_blocks_are_left_alone():
    text = "```\n代码。\n第二行。\n```\n段落。\n继续。\n"
    assert join_cjk_lines(text) == "```\n代码。\n第二行。\n```\n段落。继续。\n"


def test_a_heading_is_never_joined_to_the_next_line():
    assert join_cjk_lines("# 标题\n段落。\n") == "# 标题\n段落。\n"


def test_a_line_that_opens_with_a_latin_word_run_into_chinese_continues_the_paragraph():
    joined = join_cjk_lines("作者先承认这件事难得多。\nAI产品不是没有出过圈。")
    assert joined == "作者先承认这件事难得多。AI产品不是没有出过圈。"
    assert join_cjk_lines("中文句子。\nAI is English.") == "中文句子。\nAI is English."


def test_annotation_bodies_join_their_chinese_lines():
    from macros.model.annotations import render_body
    assert str(render_body("第一句。\n第二句。")) == "<p>第一句。第二句。</p>"
    assert str(render_body("First.\nSecond.")) == "<p>First.\nSecond.</p>"


def test_a_list_items_indented_second_sentence_joins_its_first():
    assert join_cjk_lines("- 第一句。\n  第二句。\n- 下一项。\n") == "- 第一句。第二句。\n- 下一项。\n"
    assert join_cjk_lines("1. 第一句。\n   第二句。\n") == "1. 第一句。第二句。\n"  # a numbered item's indent
    assert join_cjk_lines("- 第一句。\n\n  另一段。\n") == "- 第一句。\n\n  另一段。\n"  # a new paragraph stays
