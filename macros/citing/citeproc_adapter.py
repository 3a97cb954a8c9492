"""citeproc-py looks up the same style elements again and again: its lookups, remembered.

Rendering one citation runs tens of thousands of XPath queries over the CSL style (`xpath_search`),
most of them the same query on the same element: two thirds of a cold build's citation time. A style
never changes once parsed, so each (element, query) answer is kept. The memo holds the elements it
was asked about, so lxml keeps the same Python object for each and no key is ever reused.

This reaches into citeproc-py's internals (`CitationStylesElement.xpath_search`): written against
PINNED; tests/unit/test_adapters.py fails when the version or the method moves, and checks that
every citation of the site comes out the same with and without the memo.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any, Callable

from citeproc import model

PINNED = "0.11.1"
_ORIGINAL: Callable[[Any, str], Any] = model.CitationStylesElement.xpath_search
_answers: dict[tuple[Any, str], Any] = {}


def _remembered(element: Any, expression: str) -> Any:
    key = (element, expression)
    try:
        return _answers[key]
    except KeyError:
        _answers[key] = answer = _ORIGINAL(element, expression)
        return answer


def install() -> None:
    """Remember the lookups from now on; only on the version this was written against."""
    if version("citeproc-py") == PINNED:
        model.CitationStylesElement.xpath_search = _remembered


def uninstall() -> None:
    model.CitationStylesElement.xpath_search = _ORIGINAL
    _answers.clear()
