"""Where the site reaches into another plugin's internals, the pinned version and the internal still hold.

Each adapter names the version it was written against; an upgrade that moves an internal fails here,
before a build misbehaves.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from reading_plugin import i18n_adapter
from macros import sandbox

ROOT = Path(__file__).resolve().parents[2]


def pinned(package: str) -> str:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(package)}==(\S+)", lock, re.MULTILINE)
    assert found, f"{package} is not pinned in requirements.lock"
    return found.group(1)


def test_mkdocs_static_i18n_is_the_version_the_adapter_reads():
    assert version("mkdocs-static-i18n") == pinned("mkdocs-static-i18n") == i18n_adapter.PINNED


def test_mkdocs_static_i18n_still_keeps_its_languages_on_the_plugin():
    from mkdocs_static_i18n.plugin import I18n
    plugin = I18n()
    plugin.load_config({"languages": [{"locale": "zh", "default": True, "name": "中文"},
                                      {"locale": "en", "name": "English"}]})
    assert plugin.default_language == "zh"
    assert "current_language" in vars(plugin) or hasattr(plugin, "current_language")


def test_mkdocs_macros_still_keeps_its_jinja_environment_in_env():
    from mkdocs_macros.plugin import MacrosPlugin
    assert version("mkdocs-macros-plugin") == pinned("mkdocs-macros-plugin") == "1.5.0"
    assert isinstance(MacrosPlugin.env, property) and "_env" in MacrosPlugin.env.fget.__code__.co_names
    assert sandbox.install.__code__.co_names.count("_env") >= 1
