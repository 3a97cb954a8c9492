"""Where this copy of the site is hosted: data/site.yml's address, or the one a deploy is given.

A fork (or this repository once it has its real home) publishes under its own GitHub Pages address,
and its "suggest an annotation" links open its own repository. The workflow's deploy job passes both:
SITE_BASE_URL (the Pages address, from actions/configure-pages) and GITHUB_REPOSITORY (which GitHub
sets, "owner/name"). Only SITE_BASE_URL switches hosting on, so the test job, which also has
GITHUB_REPOSITORY, builds with data/site.yml's values as a local build does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from macros.model import urls
from macros.model.errors import DataError
from macros.model.schema import Site

BASE_URL = "SITE_BASE_URL"
REPOSITORY = "GITHUB_REPOSITORY"
SERVER = "GITHUB_SERVER_URL"
# Set to 1 by `make pdf` and by a release: this build is followed by its PDFs, which its home page links.
PDFS_PROMISED = "READING_PDF"


@dataclass(frozen=True)
class Hosting:
    base_url: str
    repository: str | None  # https://github.com/owner/name, or None to keep data/site.yml's

    def describe(self) -> str:
        return (f"base URL {self.base_url} (from {BASE_URL})" +
                (f", repository {self.repository} (from {REPOSITORY})" if self.repository else ""))


MAX_CHARS = 200  # an address a deploy sets; a longer one is a mistake (a 100 KB value once made a 158 MB site)


def from_environment(environ: Mapping[str, str]) -> Hosting | None:
    """The hosting a deploy names, or None: then data/site.yml's base_url and repository hold."""
    base_url = environ.get(BASE_URL, "").strip()
    if not base_url:
        return None
    base_url = base_url if base_url.endswith("/") else base_url + "/"  # configure-pages gives none
    found = urls.site_address_problem(base_url, MAX_CHARS)
    if found:
        raise DataError(Path(BASE_URL), f"'{base_url[:80]}' {found}; give the site's address, e.g. "
                        "https://owner.github.io/name/, or unset it to use data/site.yml's base_url")
    name = environ.get(REPOSITORY, "").strip()
    if name and (len(name) > MAX_CHARS or not re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", name)):
        raise DataError(Path(REPOSITORY), f"'{name[:80]}' is not owner/name; unset it to use data/site.yml's "
                        "repository")
    server = environ.get(SERVER, "https://github.com").strip().rstrip("/")
    found = urls.problem(server, https_only=True, max_chars=MAX_CHARS)
    if found is None and urlsplit(server).path.strip("/"):
        found = "has a path; give the server's address alone, e.g. https://github.com"
    if found:
        raise DataError(Path(SERVER), f"'{server[:80]}' {found}; unset it to use https://github.com")
    return Hosting(base_url, f"{server}/{name}" if name else None)


def apply(site: Site, hosting: Hosting | None) -> Site:
    if hosting is None:
        return site
    update = {"base_url": hosting.base_url} | ({"repository": hosting.repository} if hosting.repository else {})
    return site.model_copy(update=update)
