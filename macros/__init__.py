"""mkdocs-macros' entry point, wiring only: the macros pages call and the hooks around each page.

The `reading` plugin (reading_plugin/, listed before `macros` in mkdocs.yml) loads and checks the project
in its on_config, which runs first, and keeps it as its `build`; every function here takes that build from
the config's plugins. mkdocs-static-i18n runs on_config again for each further language: define_env then
registers the same build's macros again.

Pages can call: fig, check, verdict, q, article_title, article_heading, repost_link, chapter_map, figures_overview,
figures_catalogue, constraints, not_figures, downloads, cite_original, cite_site, annotations, chart, glossary,
changes, feed_link, paper_note, pdf_link.
Everything else lives in modules that know nothing of MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from reading_plugin.reading_build import ReadingBuild


def build_of(env: Any) -> ReadingBuild:
    """The build the `reading` plugin loaded for this config."""
    plugin = env.conf.plugins.get("reading")
    build = getattr(plugin, "build", None)
    if build is None:
        raise PluginError("mkdocs.yml: add the `reading` plugin (reading_plugin/, installed by `make`) to plugins; "
                          "it loads and checks the data the macros read")
    return build  # type: ignore[no-any-return]


def define_env(env: Any) -> None:
    for name, function in build_of(env).macros().items():
        env.macro(function, name)


def on_pre_page_macros(env: Any) -> None:
    env.markdown = build_of(env).before_macros(env)


def on_post_page_macros(env: Any) -> None:
    env.markdown = build_of(env).after_macros(env.markdown, env.page.file.src_uri)
