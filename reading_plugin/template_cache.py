"""The theme's templates compiled once, and its files listed once, not on every build.

MkDocs compiles Material's templates anew for every build, and mkdocs-static-i18n builds twice:
Jinja's bytecode cache in .cache/build/ keeps them compiled. Jinja keys each compiled template by
its name and checks its source, so an edited override (overrides/main.html) or a new Material
version compiles afresh.

MkDocs also lists every file of the theme on each build to copy its assets (`add_files_from_theme`),
walking Material's hidden `.icons/` folder (14,000 icons) only to drop every one of them by its own
filter (`.*`, `*/.*`). The theme's loader here leaves hidden folders out of the listing and lists
once per loaded config: `mkdocs serve` loads a new config, so a new theme, for every rebuild.
Templates are still found by name in every folder (`{% include ".icons/…" %}`); only the listing
changes. `make bench` measures the gain; tests/unit/test_adapters.py checks the files copied are
exactly MkDocs' own.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme


def use(env: jinja2.Environment, config: MkDocsConfig) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "build" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's folders, as MkDocs' loader reads them, listed without hidden folders."""

    def __init__(self, searchpath: list[str], listed: list[str]):
        super().__init__(searchpath)
        self._listed = listed  # shared by every loader of one theme

    def list_templates(self) -> list[str]:
        if not self._listed:
            found: set[str] = set()
            for root in self.searchpath:
                for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                    subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                    relative = os.path.relpath(folder, root)
                    for name in names:
                        path = name if relative == "." else os.path.join(relative, name)
                        found.add(path.replace(os.sep, "/"))
            self._listed.extend(sorted(found))
        return list(self._listed)


def list_theme_once(theme: Theme) -> None:
    """Every Jinja environment the theme makes from now on lists its files with _ThemeLoader."""
    make_env = Theme.get_env
    listed: list[str] = []

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        env.loader = _ThemeLoader(list(theme.dirs), listed)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # this theme object only
