"""The theme's templates compiled once, not on every build: Jinja's bytecode cache in .cache/build/.

MkDocs compiles Material's templates anew for every build, and mkdocs-static-i18n builds twice.
Jinja keys each compiled template by its name and checks its source, so an edited override
(overrides/main.html) or a new Material version compiles afresh. `make bench` measures the gain.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
import jinja2

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "build" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
