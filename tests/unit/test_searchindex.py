"""The search index leaves out what EXCLUDED names: its own matcher picks the elements cssselect picks."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from macros.rendering import searchindex
from macros.rendering.searchindex import _Excluded
from tests.htmltools import excluded_both_ways

# Each kind of selector EXCLUDED uses, and its near misses: a class on another tag, a summary that is not
# the child of the details named, classes that only contain the name, an attribute with a value, a comment.
SAMPLE = """<article class="md-content__inner">
<details class="cite x"><summary>s</summary></details><div class="cite">not a details</div>
<figure class="chart"></figure><figure class="charts"></figure><span class="fig-pop">p</span>
<p data-search-exclude="yes">x</p><p data-search-exclude>y</p><p data-search-excluded>z</p>
<details class="annotation__more"><summary>more</summary><div><summary>deeper</summary></div></details>
<details class="annotation__more-not"><summary>other</summary></details><script>1</script><!-- c -->
<p class="print-only	screen-only">tab-separated</p><p class="PRINT-ONLY">upper case</p><style></style>
</article>"""


def test_it_picks_exactly_the_elements_cssselect_picks():
    ours, theirs = excluded_both_ways(SAMPLE)
    assert ours == theirs


def test_the_sample_holds_every_kind_of_match():
    tree = lxml_html.fromstring(SAMPLE)
    picked = [element for element in tree.iter() if searchindex._EXCLUDED(element)]
    assert [e.text for e in picked if e.tag == "summary"] == ["more"] and len(picked) == 9


@pytest.mark.parametrize("selector", ["a:hover", "div p", "a[href^=x]", "p::first-line", "a + b"])
def test_a_selector_it_cannot_match_is_refused_at_start_up(selector: str):
    with pytest.raises(ValueError, match="searchindex.EXCLUDED"):
        _Excluded([selector])
