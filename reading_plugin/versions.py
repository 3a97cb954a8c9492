"""What changes when mike deploys a version: the selector, and site_url's final slash.

Material's version selector only where mike deploys, since only mike writes versions.json.
mkdocs.yml declares the selector (`extra.version`). A plain build (`make build`, `make serve`, a copy
of site/ on any static host) has no versions.json beside it, and the selector would request the
missing file on every page; so outside mike the declaration is taken out.
Reads mike's environment variable and the shape of the site_url mike sets (pinned: mike==2.2.0).
Tests: tests/builds/test_real_site.py (plain build) and tests/browser/test_versioned_release.py.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

MIKE_VERSION = "MIKE_DOCS_VERSION"  # set by mike while it builds a version to deploy


def configure(config: MkDocsConfig, plain_version: str | None = None) -> None:
    """`plain_version`: the version a plain build is (data/site.yml's), put into site_url as mike puts the
    one it deploys, so canonical links and the sitemap name the address citations name; None keeps site_url
    (`mkdocs serve`, whose address is site_url's path)."""
    version = os.environ.get(MIKE_VERSION)
    if not version:
        config.extra.pop("version", None)
        if plain_version and config.site_url and not config.site_url.endswith(f"/{plain_version}/"):
            config.site_url = config.site_url.rstrip("/") + f"/{plain_version}/"
    elif config.site_url and config.site_url.endswith(f"/{version}/"):
        # A second build in the same run (mkdocs-static-i18n builds English inside the Chinese build):
        # undo our slash, or mike's urljoin would append the version again.
        config.site_url = config.site_url.removesuffix(f"{version}/")


def before_build(config: MkDocsConfig) -> None:
    if os.environ.get(MIKE_VERSION) and config.site_url and not config.site_url.endswith("/"):
        # mike's plugin sets ".../<version>" without the slash; mkdocs-static-i18n's sitemap appends
        # page paths to site_url directly, which would give ".../0.1.0en/...".
        config.site_url += "/"
