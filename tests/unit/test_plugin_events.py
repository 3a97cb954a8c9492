"""Every event the site's code drives is named where a maintainer looks for it: the `reading` plugin's
docstring and mkdocs.yml's comment above it, and mkdocs-macros' module hooks in macros/__init__.py."""

from __future__ import annotations

import inspect
from pathlib import Path

import macros
import reading_plugin
from reading_plugin import ReadingPlugin

ROOT = Path(__file__).parents[2]


def events_of(plugin: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(plugin, inspect.isfunction)
            if name.startswith("on_") and name in vars(plugin)}


def test_the_plugins_docstring_lists_every_event_it_handles():
    events = events_of(ReadingPlugin)
    assert {"on_config", "on_page_content", "on_post_page", "on_post_build"} <= events
    docstring = reading_plugin.__doc__ or ""
    assert [event for event in sorted(events) if f"- {event}" not in docstring] == []


def test_mkdocs_yml_names_every_event_the_plugin_handles():
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("  - reading:")[0].rstrip().split("\n")
    comment = []
    for line in reversed(before):  # the comment block just above the plugin's entry
        if not line.strip().startswith("#"):
            break
        comment.append(line)
    text = "\n".join(comment)
    assert [event for event in sorted(events_of(ReadingPlugin)) if event not in text] == []


def test_the_macros_module_is_wiring_only_and_names_its_hooks():
    hooks = {name for name, _ in inspect.getmembers(macros, inspect.isfunction) if name.startswith("on_")}
    assert hooks == {"on_pre_page_macros", "on_post_page_macros"}
    yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(hook in yml and hook in (reading_plugin.__doc__ or "") for hook in hooks)
    # No state of its own: the build lives on the plugin (no module-level registry joins the two).
    assert [name for name, value in vars(macros).items()
            if not name.startswith("__") and isinstance(value, (dict, list, set))] == []
