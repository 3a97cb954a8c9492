"""One Chromium (Debian's, never a downloaded one) and one local server for the browser tests."""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from http.server import ThreadingHTTPServer
from typing import Iterator

import pytest

from scripts.localweb import QuietHandler, installed_chromium, launch
from tests import releasing
from tests.conftest import made_once

DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if installed_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs Debian's chromium-headless-shell package")
        pytest.skip("Chromium is missing (apt-get install chromium-headless-shell) — browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _tab(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(_tab):
    """A desktop-sized tab; `page.console_errors` collects console errors. The same tab for every test
    that asks (a new one costs a renderer process, a third of a short test), left on a blank page with
    empty storage and the desktop size after each. Modules that need more (touch, clipboard, a fake
    clock) define their own."""
    errors: list[str] = []

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            errors.append(message.text)

    _tab.on("console", on_console)
    _tab.console_errors = errors
    try:
        yield _tab
    finally:
        _tab.remove_listener("console", on_console)
        if _tab.url.startswith("http"):
            _tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        _tab.context.clear_cookies()
        _tab.set_viewport_size(DESKTOP)
        _tab.goto("about:blank")  # the next test's first address is a new document, even with a #section


def _serve(site_dir: Path) -> Iterator[str]:
    """A built site, served from a path prefix, as a hosted release would be."""
    handler = functools.partial(QuietHandler, directory=str(site_dir.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/{site_dir.name}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    yield from _serve(built_site.site_dir)


@pytest.fixture(scope="session")
def fixture_site_url(built_fixture_site) -> Iterator[str]:
    yield from _serve(built_fixture_site.site_dir)


@pytest.fixture(scope="session")
def release() -> releasing.Release:
    """This working tree, committed to a throw-away repository and released with mike into gh-pages.

    Made once for the whole run (it takes ten seconds, and every test only reads it)."""
    return made_once("release", releasing.release_in, releasing.released)


@pytest.fixture(scope="session")
def release_url(release: releasing.Release) -> Iterator[str]:
    yield from _serve(release.pages)
