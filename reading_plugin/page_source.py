"""A page's source checked before it renders, and its titles after (macros/text/pagecheck.py does the work).

A problem stops the build naming the file and line: markup in a title or heading (Material writes
titles unescaped into every page's navigation) or raw HTML that acts by itself (<script>, <meta>, an
event handler, a `javascript:` link). Tests: tests/builds/test_hostile_inputs.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from macros.text import pagecheck
from macros.model import safefiles
from macros.model.errors import DataError


def name(page: Page, config: MkDocsConfig) -> str:
    """The page's source file, as the project names it."""
    source = Path(page.file.abs_src_path or page.file.src_uri)
    try:
        return source.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return page.file.src_uri


def check(page: Page, config: MkDocsConfig) -> None:
    """The page's source file as written (front matter included, so lines count from its top)."""
    if page.file.abs_src_path is None:
        return  # a page made by a plugin, not written by anyone
    try:
        found = pagecheck.problems(safefiles.read_text(Path(page.file.abs_src_path)))
    except DataError as error:
        raise PluginError(f"page check failed, nothing was built:\n{error}") from None
    if found:
        shown = name(page, config)
        raise PluginError("page check failed, nothing was built:\n" + "\n".join(
            f"{shown}:{problem.line}: {problem.message}" for problem in found))


def _titles(toc: list[AnchorLink]) -> list[str]:
    return [title for item in toc for title in (item.title, *_titles(item.children))]


def check_titles(page: Page, config: MkDocsConfig) -> None:
    """The titles MkDocs made from the rendered page: what the theme writes unescaped."""
    for title in [page.title or "", *_titles(list(page.toc))]:
        problem = pagecheck.rendered_title_problem(title)
        if problem:
            raise PluginError(f"page check failed, nothing was built:\n{name(page, config)}: {problem}")


def check_description(page: Page, config: MkDocsConfig) -> None:
    """The front matter's description, which Material writes unescaped into the page's <head>."""
    meta = page.meta or {}
    if "description" not in meta:
        return
    problem = pagecheck.description_problem(meta["description"])
    if problem:
        raise PluginError(f"page check failed, nothing was built:\n{name(page, config)}: {problem}")
