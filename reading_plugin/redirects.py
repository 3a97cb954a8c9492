"""The English twin of every redirect in mkdocs.yml.

mkdocs-redirects (pinned: 1.2.2) knows nothing of mkdocs-static-i18n: it writes each redirect for
the Chinese pages only, and the English build just writes the same Chinese file again. Twins share
their paths under /en/, so the English redirect is the Chinese one, moved under /en/, with the same
relative target, written with the plugin's own functions. Tests: tests/builds/test_real_site.py.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs_redirects.plugin import get_html_path, get_relative_html_path, write_html

from .i18n_adapter import built_languages


def write_twins(config: MkDocsConfig) -> None:
    redirect_maps: dict[str, str] = config.plugins["redirects"].config["redirect_maps"]
    directory_urls = config.use_directory_urls
    for old, new in redirect_maps.items():
        path, _, fragment = new.partition("#")
        new_url = File(path, "", "", directory_urls).url + (f"#{fragment}" if fragment else "")
        target = get_relative_html_path(old, new_url, directory_urls)
        for prefix in built_languages(config):
            write_html(config.site_dir, f"{prefix}/{get_html_path(old, directory_urls)}", target)
