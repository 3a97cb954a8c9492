"""Nothing under docs/, data/ or overrides/ may be a symbolic link or a special, huge or non-UTF-8 file.

MkDocs copies whatever docs/ holds into the site, following links: `docs/notes.txt -> /etc/passwd`
(or `-> ../.git/config`, which holds a token in CI) would be published. The build stops before any
file is read, naming each such path (macros/model/safefiles.py). Tests: tests/builds/test_hostile_inputs.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.model.safefiles import unsafe_entries


def check(config: MkDocsConfig) -> None:
    problems = unsafe_entries(Path(config.config_file_path).parent)
    if problems:
        raise PluginError("unsafe files, nothing was built:\n" + "\n".join(str(p) for p in problems))
