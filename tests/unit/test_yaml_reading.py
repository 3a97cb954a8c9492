"""The site's YAML reader builds values in the pass that checks the nodes: what it builds must be what
PyYAML's safe loader (the reader every YAML tool here agrees with) builds from the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.model.errors import DataError
from macros.model.yamlio import _Loader, parse_yaml

DOCUMENTS = {
    "scalars": "a: 1\nb: 2.5\nc: true\nd: null\ne: 2026-11-01\nf: '2026'\ng: [1, x, 2026-01-01]\nh: ~\n",
    "keys that are not text": "1: a\ntrue: b\n2026-01-01: c\nnull: d\n",
    "explicit tags": "a: !!str 123\nb: !!int '7'\nc: !!float 1\n",
    "a merge key": "base: {x: 1}\nc:\n  <<: {x: 2}\n  y: 3\n",
    "a set and an ordered map": "a: !!set {x, y}\nb: !!omap [x: 1, y: 2]\n",
    "binary": "a: !!binary aGVsbG8=\n",
    "nested sequences": "- a\n- - b\n  - {c: d}\n",
    "numbers YAML 1.1 reads": "a: 1e3\nb: .inf\nc: 0x1F\nd: 1_000\ne: 0o17\n",
    "Chinese text": "标题: 10亿次AI创作背后\n引文: [“社交”, 元宝派]\n",
    # Tags are remembered by text and quoting: the same text, plain and quoted, keeps its own type.
    "the same text plain and quoted": "a: 1\nb: '1'\nc: 1\nd: \"true\"\ne: true\n1: '1'\n'2': 2\n",
}


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_it_builds_what_the_safe_loader_builds(text):
    assert parse_yaml(text, Path("x.yml")).data == yaml.safe_load(text)


def test_every_key_and_item_keeps_its_line():
    doc = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y\nd: 2\n", Path("x.yml"))
    assert doc.lines == {("a",): 1, ("a", "b"): 2, ("a", "c"): 3, ("a", "c", 0): 4, ("a", "c", 1): 5, ("d",): 6}


@pytest.mark.parametrize("text, line", [("a: 1\nb: 2026-02-30\n", 2), ("x:\n  - 2026-13-01\n", 2)])
def test_a_value_it_cannot_build_names_its_line(text, line):
    with pytest.raises(DataError) as raised:
        parse_yaml(text, Path("x.yml"))
    assert raised.value.line == line and "cannot be read" in str(raised.value)


def test_a_duplicate_key_is_refused_even_beside_a_merge_key():
    with pytest.raises(DataError, match="duplicate key 'y'"):
        parse_yaml("c:\n  <<: {x: 2}\n  y: 3\n  y: 4\n", Path("x.yml"))


def test_tags_are_remembered_only_where_text_and_quoting_decide_them():
    """Path resolvers (yaml.add_path_resolver) would make a tag depend on where the scalar is too."""
    assert not _Loader.yaml_path_resolvers


@pytest.mark.parametrize("text", [
    "标题: 一条\n正文: 二\x01三\n",  # plain, after Chinese: libyaml counts in bytes, the line in characters
    "a: 1\nb: '二\x7f'\n",  # single-quoted
    "b: |\n  x\x1by\n",  # a literal block
    "b: >\n  x\x1by\n",  # a folded block
    "a: 1\nb: \"二\x01\"\n",  # double-quoted, written as it is (not an escape)
    "a: 1\n\"k\ufffe\": 2\n",  # a key
])
def test_a_control_character_written_as_it_is_is_refused_by_yaml_with_its_line(text):
    """YAML's reader refuses these before any walk (which then only checks escapes): the message says where."""
    with pytest.raises(DataError) as raised:
        parse_yaml(text, Path("x.yml"))
    assert raised.value.line == 2 and "which no YAML file may hold" in str(raised.value)


@pytest.mark.parametrize("text", ["a: 1\rb: x\x01\r", "a: 1\r\nb: x\x01\r\n", "a: 1\x85b: x\x01", "a: 1\u2028b: x\x01",
                                  "a: 1\u2029b: x\x01"], ids=["CR", "CR LF", "NEL", "LS", "PS"])
def test_the_line_of_a_refused_character_counts_every_line_break_yaml_does(text):
    with pytest.raises(DataError) as raised:
        parse_yaml(text, Path("x.yml"))
    assert raised.value.line == 2


def test_without_libyaml_the_same_character_is_refused_with_its_line(monkeypatch):
    """PyYAML's own reader, where libyaml is missing, refuses it as the loader is made, and counts characters."""
    from macros.model import yamlio

    class PureLoader(yaml.SafeLoader):
        pass

    monkeypatch.setattr(yamlio, "_BaseLoader", yaml.SafeLoader)
    monkeypatch.setattr(yamlio, "_Loader", PureLoader)
    with pytest.raises(DataError) as raised:
        parse_yaml("标题: 一条\n正文: 二\x01三\n", Path("x.yml"))
    assert raised.value.line == 2 and "U+0001, which no YAML file may hold" in str(raised.value)


@pytest.mark.parametrize("text, shown", [("a: 1\nb: \"二\\x01\"\n", "U+0001"), ("a: 1\n\"k\\e\": 2\n", "U+001B")])
def test_a_control_character_made_by_an_escape_is_refused_with_its_line(text, shown):
    with pytest.raises(DataError) as raised:
        parse_yaml(text, Path("x.yml"))
    assert raised.value.line == 2 and f"control character {shown}" in str(raised.value)


def test_an_escape_outside_double_quotes_is_text():
    assert parse_yaml("a: 'x\\x01'\nb: x\\e\n", Path("x.yml")).data == {"a": "x\\x01", "b": "x\\e"}


@pytest.mark.parametrize("text, line, message", [
    ("u: \"https://x.example/?a=1&b=2\"\nv: &x [1]\nw: *x\n", 3, "uses a YAML alias"),  # an anchor: nodes noted
    ("u: \"https://x.example/?a=1&b=2\"\nw: *x\n", 2, "found undefined alias"),
    ("w: *x\n", 1, "found undefined alias"),  # no `&` anywhere: no anchor, so no alias can name one
])
def test_an_alias_is_refused_with_or_without_an_anchor(text, line, message):
    with pytest.raises(DataError) as raised:
        parse_yaml(text, Path("x.yml"))
    assert raised.value.line == line and message in str(raised.value)
