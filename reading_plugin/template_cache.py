"""The theme's templates compiled once, not on every build: Jinja's bytecode cache in .cache/build/.

MkDocs compiles Material's templates anew for every build, and mkdocs-static-i18n builds twice.
Jinja keys each compiled template by its name and checks its source, so an edited override
(overrides/main.html) or a new Material version compiles afresh. `make bench` measures the gain.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig


def use(env: jinja2.Environment, config: MkDocsConfig) -> jinja2.Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "build" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
