"""The English twin of every redirect in mkdocs.yml.

mkdocs-redirects (1.2.2) knows nothing of mkdocs-static-i18n: it writes each redirect for the
Chinese pages only, and the English build just writes the same Chinese file again. Twins share
their paths under /en/, so the English redirect is the Chinese one, moved under /en/, with the same
relative target. This hook writes it with the plugin's own functions.
Tests: tests/builds/test_real_site.py (redirects).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


from mkdocs_redirects.plugin import get_html_path, get_relative_html_path, write_html
from mkdocs.structure.files import File


def on_post_build(config: MkDocsConfig) -> None:
    redirect_maps: dict[str, str] = config.plugins["redirects"].config["redirect_maps"]
    languages = config.plugins["i18n"].config.languages
    prefixes = [language.locale for language in languages if language.build and not language.default]
    directory_urls = config.use_directory_urls
    for old, new in redirect_maps.items():
        path, _, fragment = new.partition("#")
        new_url = File(path, "", "", directory_urls).url + (f"#{fragment}" if fragment else "")
        target = get_relative_html_path(old, new_url, directory_urls)
        for prefix in prefixes:
            write_html(config.site_dir, f"{prefix}/{get_html_path(old, directory_urls)}", target)
