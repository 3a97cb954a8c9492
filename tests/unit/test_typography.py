"""Chinese typography (GB/T 15834-2011): the formatter, and every Chinese source passing the lint."""

from __future__ import annotations

import pytest

from macros.text.cjk import mark_chinese_runs
from macros.text.typography import format_quotations, format_text, fullwidth_brackets, lint_text
from scripts.typography import chinese_strings, markdown_sources, yaml_problems, yaml_sources


@pytest.mark.parametrize("text, expected", [
    ("开篇:红包大战,总额", "开篇：红包大战，总额"),
    ("消费;百度", "消费；百度"),  # autocorrect keeps `;`; our rule takes it
    ("日活跃用户(DAU)突破", "日活跃用户（DAU）突破"),  # brackets in Chinese text, Latin inside
    ("写作“无日期”(n.d.)", "写作“无日期”（n.d.）"),
    ("真的吗?好", "真的吗？好"),
    ("10亿次AI创作", "10亿次AI创作"),  # no space between Chinese and Latin letters or digits
    ("English (plain), text: fine", "English (plain), text: fine"),
])
def test_plain_text(text: str, expected: str):
    assert format_text(text) == expected


def test_markdown_keeps_template_calls_links_code_and_heading_ids():
    source = ('# 开篇:标题 { #opening }\n\n见[数字表](../figures.md#fig-x),`a(b)`,{{ fig("dau") }},'
              '{{ q("最近忙吗?") }}<a href="x?y=1">链接</a>。\n')
    assert format_text(source, "x.md") == (
        '# 开篇：标题 { #opening }\n\n见[数字表](../figures.md#fig-x)，`a(b)`，{{ fig("dau") }}，'
        '{{ q("最近忙吗？") }}<a href="x?y=1">链接</a>。\n')


def test_english_pages_only_get_their_quotations_formatted():
    source = 'The war (AI红包大战): {{ q("这个春节,或许是") }}.'
    assert format_quotations(source) == 'The war (AI红包大战): {{ q("这个春节，或许是") }}.'
    assert lint_text(source, "x.en.md")[0].line == 1


def test_phrase_slots_count_as_chinese_text():
    phrase = "说法是{claimed},范围是{computed}:{verdict}。"
    assert format_text(phrase) == "说法是{claimed}，范围是{computed}：{verdict}。"


def test_nested_brackets():
    assert fullwidth_brackets("中(外(DAU)内)文") == "中（外（DAU）内）文"


def test_english_strings_in_data_are_left_alone():
    data = {"label": {"zh": "中文,文本", "en": "English, 中文 (term)"}, "language": "en", "body": "英文,正文"}
    assert list(chinese_strings(data)) == ["中文,文本"]


@pytest.mark.parametrize("path", markdown_sources(), ids=lambda p: p.name)
def test_every_page_source_passes(path):
    assert lint_text(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("path", yaml_sources(), ids=lambda p: p.name)
def test_every_data_file_passes(path):
    assert yaml_problems(path) == []


def test_chinese_runs_on_english_pages_are_marked():
    marked = mark_chinese_runs('<p>The war (红包大战) <q lang="zh-Hans">被动接收</q> <code>中</code></p>')
    assert marked == ('<p>The war (<span lang="zh-Hans">红包大战</span>) <q lang="zh-Hans">被动接收</q> '
                      '<code>中</code></p>')
