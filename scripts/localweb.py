"""Debian's Chromium and a quiet local web server, shared by the browser tests and `make bench`."""

from __future__ import annotations

from http.server import SimpleHTTPRequestHandler
from typing import Any

CHROMIUM = "/usr/bin/chromium"  # Debian's package: Playwright's own browser download does not work here
# Without these, Chromium tries Google's hosts at start-up and on this network hangs on them.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
