"""Which Chromium the browser tests, `make pdf` and `make bench` drive: the headless shell first."""

from __future__ import annotations

import shutil

import pytest

from scripts import localweb


def installed_only(monkeypatch: pytest.MonkeyPatch, *paths: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda path: path if path in paths else None)


def test_the_headless_shell_is_preferred_and_the_full_browser_stands_in_for_it(monkeypatch):
    installed_only(monkeypatch, "/usr/bin/chromium", "/usr/bin/chromium-headless-shell")
    assert localweb.installed_chromium() == "/usr/bin/chromium-headless-shell"
    installed_only(monkeypatch, "/usr/bin/chromium")
    assert localweb.installed_chromium() == "/usr/bin/chromium"


def test_without_chromium_launching_says_which_package_to_install(monkeypatch):
    installed_only(monkeypatch)
    assert localweb.installed_chromium() is None
    with pytest.raises(SystemExit, match="apt-get install chromium-headless-shell"):
        localweb.launch(object())
