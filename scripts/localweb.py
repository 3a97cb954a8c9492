"""Debian's Chromium and a quiet local web server, shared by the browser tests, `make pdf` and `make bench`."""

from __future__ import annotations

import shutil
from http.server import SimpleHTTPRequestHandler
from typing import Any

# Debian's builds of Chromium (Playwright's own browser download does not work here), the first installed.
# The headless shell (package chromium-headless-shell) is the same Blink and V8 without the desktop browser
# around them, which is how Playwright runs headless tests itself: the browser tests, most of `make test`'s
# time, take a fifth less CPU in it. The full browser (package chromium) does the same work where it is the
# only one installed.
CHROMIUM_BUILDS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
# Without these, Chromium tries Google's hosts at start-up and on this network hangs on them.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def installed_chromium() -> str | None:
    """The path of the first of CHROMIUM_BUILDS installed here, or None."""
    return next((path for path in CHROMIUM_BUILDS if shutil.which(path)), None)


def launch(playwright: Any) -> Any:
    executable = installed_chromium()
    if executable is None:
        raise SystemExit("No Chromium here: apt-get install chromium-headless-shell (Debian's package).")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
