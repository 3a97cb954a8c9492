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
