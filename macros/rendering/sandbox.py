"""Render pages through Jinja's sandbox, with nothing in reach but our macros.

mkdocs-macros-plugin builds a plain (unsandboxed) Jinja environment in its on_config and offers no
option to change that, so `install` swaps in a sandboxed copy of it before the first page renders.
This reaches into the plugin's internals (`_env`): the plugin is pinned in requirements.lock and
tests/builds/test_fixture_sites.py fails if an upgrade breaks the swap.
"""

from __future__ import annotations

import marshal
import sys
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, Template, TemplateNotFound, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from macros.model.buildcache import cached_bytes, files_digest
from macros.rendering.charts import ChartError
from macros.model.errors import DataError
from macros.rendering.pages import PageError

# What a page can get wrong: each stops the build with one clean message, never a traceback.
PAGE_MISTAKES = (PageError, DataError, ChartError, TemplateError, TypeError)


def page_failed(page: str, error: BaseException) -> SystemExit:
    """Stop the build with the page and the problem. mkdocs-macros prints a traceback for any
    Exception a template raises; SystemExit is not an Exception, so it passes through cleanly."""
    return SystemExit(f"ERROR    -  page '{page}' failed, nothing was built:\n{type(error).__name__}: {error}")


# The environment settings the plugin forwards from its j2_* options; copied to the sandbox.
_COPIED_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "undefined",
)


class DocsOnlyLoader(FileSystemLoader):
    """Includes resolve inside the docs folder only, symbolic links included."""

    def __init__(self, docs_dir: Path):
        super().__init__(str(docs_dir))
        self.docs_dir = docs_dir.resolve()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except TemplateNotFound:
            raise TemplateNotFound(f"{template} (pages may include files inside docs/ only)") from None
        if not Path(filename).resolve().is_relative_to(self.docs_dir):
            raise TemplateNotFound(f"{template} resolves outside docs/; pages may include files inside docs/ only")
        return source, filename, uptodate


_SANDBOX_CODE = files_digest([Path(__file__)])
jinja_version = version("jinja2")

MAX_POWER = 64  # 10 ** 64 is plenty for a page; 10 ** (10 ** 8) would run for ever
MAX_REPEATED = 10_000  # characters or items a page may make by repetition ('x' * n)
# Statements a page never needs and that could run for ever or build without bound.
_REFUSED_STATEMENTS = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Extends,
                       nodes.Import, nodes.FromImport, nodes.Block)


class PageSandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing any step into a module object, loops, and unbounded arithmetic.

    Pages only call our macros; `**` and `*` are intercepted so `{{ 10 ** (10 ** 8) }}` and
    `{{ q('x' * 10 ** 9) }}` stop at once with a message instead of hanging or eating memory.
    """

    intercepted_binops = frozenset(["**", "*"])
    current_page = "page"  # set for each page by `start_page`, for messages

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        try:
            code = marshal.loads(cached_bytes("pages", [source, *self._compiled_by()],
                                              lambda: marshal.dumps(self.compile(source))))
        except PAGE_MISTAKES as error:
            raise page_failed(self.current_page, error) from None
        return (template_class or self.template_class).from_code(self, code, self.make_globals(globals))

    def _compiled_by(self) -> list[str]:
        """What a page's compiled code depends on besides its text: this sandbox (its checks run when a
        page is compiled, so a changed check recompiles every page), the settings, Jinja and Python."""
        return [_SANDBOX_CODE, jinja_version, sys.version, *(repr(getattr(self, name)) for name in _COPIED_SETTINGS)]

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, ModuleType) or isinstance(value, ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if not all(isinstance(x, (int, float)) for x in (left, right)) or abs(right) > MAX_POWER:
                raise SecurityError(f"a page may raise to a power of at most {MAX_POWER}; "
                                    "put numbers in data/figures.yml and show them with fig()")
            return left ** right
        sized = [x for x in (left, right) if isinstance(x, (str, list, tuple))]
        if sized:
            times = right if sized[0] is left else left
            if isinstance(times, int) and len(sized[0]) * max(times, 0) > MAX_REPEATED:
                raise SecurityError(f"a page may repeat text to at most {MAX_REPEATED:,} characters")
        return left * right

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for statement in _REFUSED_STATEMENTS:
            found = next(tree.find_all(statement), None)
            if found is not None:
                raise SecurityError(f"line {found.lineno}: pages may not use "
                                    f"`{type(found).__name__.lower()}` statements; call the site's macros only")
        return tree


class _MacrosOnlyTemplate(Template):
    """The plugin passes all its variables (the MkDocs config among them) to every page; pages get
    none of them, only the sandbox's globals: our macros and Jinja's harmless defaults."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return str(super().render())
        except PAGE_MISTAKES as error:
            raise page_failed(getattr(self.environment, "current_page", "page"), error) from None


PageSandbox.template_class = _MacrosOnlyTemplate


def sandboxed_copy(plain: Environment, docs_dir: Path, macros: dict[str, Callable[..., Any]]) -> PageSandbox:
    settings = {name: getattr(plain, name) for name in _COPIED_SETTINGS}
    sandbox = PageSandbox(loader=DocsOnlyLoader(docs_dir), **settings)
    # Only our macros: no filters (`|center(10 ** 9)`), no range, lipsum, cycler or namespace.
    sandbox.globals = dict(macros)
    sandbox.filters = {}
    sandbox.tests = {}
    return sandbox


def install(plugin: Any, docs_dir: Path, macros: dict[str, Callable[..., Any]], page: str) -> None:
    """Replace the plugin's environment by a sandbox once (later calls keep it); name the page it renders."""
    current = plugin.env
    if not isinstance(current, PageSandbox):
        current = plugin._env = sandboxed_copy(current, docs_dir, macros)
    current.current_page = page
