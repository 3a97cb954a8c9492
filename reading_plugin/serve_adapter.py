"""`make serve` as an editor needs it: the last good build kept, every message shown, the page reloaded.

MkDocs' development server (pinned: 1.6.1) runs its `builder` after each change; when that raises, it
logs the error and makes every request wait until a build succeeds ("the server will appear stuck").
The `on_serve` event hands the plugin that server; this adapter

- wraps its builder, so that a failed rebuild puts the last good site back in the served folder, says
  so under the checker's own message, and lets the server go on serving;
- clears MkDocs' DuplicateFilter before each rebuild: it drops a message logged once already, so saving
  again with the same mistake printed nothing but "not rebuilt";
- allows, in each page's Content-Security-Policy, exactly the inline `livereload(...)` script the server
  injects into the page as it serves it (a build never has it), so the browser reloads on a change.

Tests: tests/builds/test_serve.py, tests/browser/test_serve_reload.py; tests/unit/test_adapters.py checks
that the server still keeps what this reads where it reads it.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from mkdocs.utils import DuplicateFilter

if TYPE_CHECKING:  # only `mkdocs serve` imports the server: a build does without its 9 ms
    from mkdocs.livereload import LiveReloadServer

PINNED = "1.6.1"
log = logging.getLogger("mkdocs.plugins.reading")
BUILD_LOG = "mkdocs.commands.build"  # where MkDocs' command line adds its DuplicateFilter
_SCRIPT_SRC = re.compile(rb"(http-equiv=\"Content-Security-Policy\" content=\"[^\"]*?script-src 'self')")


def forget_logged_messages() -> None:
    """Let every message be printed again: each rebuild reports its problems afresh."""
    for found in logging.getLogger(BUILD_LOG).filters:
        if isinstance(found, DuplicateFilter):
            found.msgs.clear()


def allowing_injected_script(content: bytes, served: bytes) -> bytes:
    """`served` (the page as the server injected its script into `content`) with that script's hash added
    to the page's policy; a page without a policy as it is."""
    body_end = content.rfind(b"</body>")
    body_end = len(content) if body_end < 0 else body_end
    injected = served[body_end:len(served) - (len(content) - body_end)]
    script = re.fullmatch(rb"<script>(.*)</script>", injected, re.DOTALL)
    if script is None:
        return served
    digest = base64.b64encode(hashlib.sha256(script.group(1)).digest())
    return _SCRIPT_SRC.sub(lambda m: m.group(1) + b" 'sha256-" + digest + b"'", served, count=1)


def keep_last_good_build(server: LiveReloadServer) -> LiveReloadServer:
    build: Callable[[], None] = server.builder
    served = Path(server.root)
    inject: Callable[[bytes, int], bytes] = server._inject_js_into_html  # adds livereload as it serves a page

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        return allowing_injected_script(content, inject(content, epoch))

    def builder() -> None:
        forget_logged_messages()
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
    server._inject_js_into_html = inject_allowed  # type: ignore[method-assign]
    return server
