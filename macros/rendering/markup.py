"""HTML from a template we wrote and values we did not: every value escaped, unless it is Markup already."""

from __future__ import annotations

from markupsafe import Markup, escape


def html(template: str, /, *args: object, **values: object) -> Markup:
    """What `Markup(template).format(*args, **values)` makes, at under half its cost: markupsafe formats
    through `string.Formatter`, in Python, and a build with a thousand annotations does this tens of
    thousands of times. The fields are plain (`{}`, `{0}`, `{name}`): each value is escaped before
    `str.format` sees it, so a format spec or an attribute lookup would apply to the escaped text."""
    return Markup(template.format(*[escape(arg) for arg in args],
                                  **{name: escape(value) for name, value in values.items()}))
