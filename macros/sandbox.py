"""Render pages through Jinja's sandbox, with nothing in reach but our macros.

mkdocs-macros-plugin builds a plain (unsandboxed) Jinja environment in its on_config and offers no
option to change that, so `install` swaps in a sandboxed copy of it before the first page renders.
This reaches into the plugin's internals (`_env`): the plugin is pinned in requirements.lock and
tests/builds/test_fixture_sites.py fails if an upgrade breaks the swap.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

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


class PageSandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing any step into a module object."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, ModuleType) or isinstance(value, ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)


class _MacrosOnlyTemplate(PageSandbox.template_class):  # type: ignore[name-defined,misc] - a class attribute, not a type
    """The plugin passes all its variables (the MkDocs config among them) to every page; pages get
    none of them, only the sandbox's globals: our macros and Jinja's harmless defaults."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return super().render()


PageSandbox.template_class = _MacrosOnlyTemplate


def sandboxed_copy(plain: Environment, docs_dir: Path, macros: dict[str, Callable[..., Any]]) -> PageSandbox:
    settings = {name: getattr(plain, name) for name in _COPIED_SETTINGS}
    sandbox = PageSandbox(loader=DocsOnlyLoader(docs_dir), **settings)
    sandbox.globals.update(macros)
    return sandbox


def install(plugin: Any, docs_dir: Path, macros: dict[str, Callable[..., Any]]) -> None:
    """Replace the plugin's environment by a sandbox once; later calls do nothing."""
    current = plugin.env
    if isinstance(current, PageSandbox):
        return
    plugin._env = sandboxed_copy(current, docs_dir, macros)
