"""`html()` makes what `Markup(template).format()` makes: every value escaped unless it is Markup already."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from macros.rendering.markup import html

HOSTILE = ['<script>alert(1)</script>', '" onmouseover="x', "it's & <b>", "{0}{name}", "中文“引号”", 1234, None,
           Markup("<em>kept</em>")]


@pytest.mark.parametrize("value", HOSTILE)
def test_each_value_is_escaped_as_markupsafe_would(value):
    template = '<a href="{0}" title="{name}">{0}</a>'
    made = html(template, value, name=value)
    assert isinstance(made, Markup)
    assert made == Markup(template).format(value, name=value)


def test_markup_passes_through_and_text_does_not():
    assert html("<p>{}</p>", Markup("<b>x</b>")) == "<p><b>x</b></p>"
    assert html("<p>{}</p>", "<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
