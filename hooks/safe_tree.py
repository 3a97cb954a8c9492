"""Nothing under docs/, data/ or overrides/ may be a symbolic link or a special file.

MkDocs copies whatever docs/ holds into the site, following links: `docs/notes.txt -> /etc/passwd`
(or `-> ../.git/config`, which holds the deploy token in CI) would be published. The build stops
first, naming each such path (macros/safefiles.py). Tests: tests/builds/test_hostile_inputs.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load before the macros plugin
from macros.safefiles import unsafe_entries  # noqa: E402


@event_priority(200)  # before every other plugin reads a file
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problems = unsafe_entries(Path(config.config_file_path).parent)
    if problems:
        raise PluginError("unsafe files, nothing was built:\n" + "\n".join(str(p) for p in problems))
    return config
