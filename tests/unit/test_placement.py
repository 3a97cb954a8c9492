"""Things placed at a rendered heading, found by its id (ids from the page's TOC, not from Markdown)."""

import pytest

from macros.model.anchors import alias_anchors
from macros.model.errors import DataError
from macros.text.placement import insert_at_headings

PAGE = '<h1 id="t">T</h1><p>a</p><h2 id="s" class="x">S<a class="headerlink" href="#s">¶</a></h2><p>b</p>'


def test_blocks_go_right_after_and_before_the_heading_with_that_id():
    placed = insert_at_headings(PAGE, before={"s": "<i>old</i>"}, after={"t": "<b>1</b>", "s": "<b>2</b>"})
    assert placed == ('<h1 id="t">T</h1><b>1</b><p>a</p><i>old</i>'
                      '<h2 id="s" class="x">S<a class="headerlink" href="#s">¶</a></h2><b>2</b><p>b</p>')


def test_an_unknown_id_places_nothing():
    assert insert_at_headings(PAGE, after={"nope": "<b>x</b>"}) == PAGE


def test_an_alias_must_point_at_a_heading_of_the_page():
    assert alias_anchors("chapters/x/", {"old": "s"}, {"t", "s"}) == {"s": '<div class="anchor-alias" id="old"></div>'}
    with pytest.raises(DataError, match="points to 'gone', which is not a heading id"):
        alias_anchors("chapters/x/", {"old": "gone"}, {"t", "s"})


def test_the_end_of_a_section_is_before_the_next_heading_or_at_the_end():
    page = '<h2 id="a">A</h2><p>a</p><h3 id="b">B</h3><p>b</p><h2 id="c">C</h2><p>c</p>'
    placed = insert_at_headings(page, end={"a": "<i>1</i>", "b": "<i>2</i>", "c": "<i>3</i>"})
    assert placed == ('<h2 id="a">A</h2><p>a</p><i>1</i><h3 id="b">B</h3><p>b</p><i>2</i>'
                      '<h2 id="c">C</h2><p>c</p><i>3</i>')
