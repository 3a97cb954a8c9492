"""Redirect pages for pages renamed or moved since a release, in every edition, each in its language.

The map (old page -> new page) is this plugin's `redirects` option in mkdocs.yml. Each language's
build writes its own edition's redirects: the Chinese ones at the site root, the English twins under
/en/ with the same relative target (twins share their paths). mkdocs-redirects (pinned: 1.2.2) is
used only for how it turns pages into paths, so that a redirect lands where that plugin would put
it; its own pages said `lang="en"` for Chinese readers and knew nothing of the English edition.
Tests: tests/builds/test_real_site.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs_redirects.plugin import get_html_path, get_relative_html_path

from macros.rendering.markup import html
from macros.rendering.csp import with_policy

from .i18n_adapter import current_language, default_language
from .page_language import CHINESE

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{url}">
<script>var anchor=window.location.hash.substr(1);location.href="{url}"+(anchor?"#"+anchor:"")</script>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>{moved}{colon}<a href="{url}">{url}</a></p>
</body>
</html>
"""


def page(url: str, language: str, moved: str, colon: str) -> str:
    """One redirect page: where it leads, in the reader's language, with the site's security policy."""
    filled = html(PAGE, lang=CHINESE if language == "zh" else language, title=moved, url=url, moved=moved,
                  colon=colon)
    return with_policy(str(filled))


def write(config: MkDocsConfig, redirect_maps: dict[str, str], moved: str, colon: str) -> list[Path]:
    """This build's language edition's redirect pages (`moved`, `colon`: their words, in that language)."""
    language = current_language(config)
    prefix = "" if language == default_language(config) else f"{language}/"
    directory_urls = config.use_directory_urls
    written = []
    for old, new in redirect_maps.items():
        path, _, fragment = new.partition("#")
        new_url = File(path, "", "", directory_urls).url + (f"#{fragment}" if fragment else "")
        target = Path(config.site_dir) / f"{prefix}{get_html_path(old, directory_urls)}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(get_relative_html_path(old, new_url, directory_urls), language, moved, colon),
                          encoding="utf-8")
        written.append(target)
    return written
