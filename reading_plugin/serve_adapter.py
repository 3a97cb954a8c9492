"""`make serve` keeps serving the last good build when an edit breaks one.

MkDocs' development server (pinned: 1.6.1) runs its `builder` after each change; when that raises, it
logs the error and makes every request wait until a build succeeds ("the server will appear stuck").
The `on_serve` event hands the plugin that server: this wraps its builder so that a failed rebuild
puts the last good site back in the served folder, says so under the checker's own message, and lets
the server go on serving. Tests: tests/builds/test_serve.py; tests/unit/test_adapters.py checks that
the server still keeps its builder and its folder where this reads them.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

from mkdocs.livereload import LiveReloadServer

PINNED = "1.6.1"
log = logging.getLogger("mkdocs.plugins.reading")


def keep_last_good_build(server: LiveReloadServer) -> LiveReloadServer:
    build: Callable[[], None] = server.builder
    served = Path(server.root)

    def builder() -> None:
        with tempfile.TemporaryDirectory(prefix="last-good-") as folder:
            last_good = Path(folder) / "site"
            shutil.copytree(served, last_good)
            try:
                build()
            # The build has printed the checker's message (file, line, what to do). A page's failed macro ends
            # in SystemExit (mkdocs-macros exits on a rendering error): not an Exception, but it must not end
            # the rebuild thread, or the server stops answering for good.
            except (Exception, SystemExit) as error:
                if isinstance(error, SystemExit) and isinstance(error.code, str):
                    print(error.code, file=sys.stderr)  # what a build prints as it exits: the page and the fix
                shutil.rmtree(served, ignore_errors=True)
                shutil.copytree(last_good, served)
                log.error("The site was not rebuilt: still serving the last good build. "
                          "Fix the problem above and save again.")

    server.builder = builder
    return server
