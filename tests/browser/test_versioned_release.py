"""A release deployed by mike (into a throw-away repository) keeps its /<version>/ everywhere.

mkdocs-static-i18n and mike are known to trouble each other: language-switcher links that leave
the version, sitemaps and canonical links without it. These tests read the deployed gh-pages
branch as a host would serve it, then open it in a browser.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from lxml import html

from tests.htmltools import ids_of, redirect_target
from tests.releasing import publish

pytestmark = [pytest.mark.build, pytest.mark.xdist_group(name="release")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
TEXT_FILES = {".html", ".xml", ".json", ".bib", ".ris", ".cff", ".txt"}


def local_file(pages: Path, path: str) -> Path:
    target = pages / unquote(path)
    return target / "index.html" if path.endswith("/") or path == "" else target


@cache
def ids_in(page: Path) -> set[str]:
    return ids_of(html.parse(str(page)).getroot())


def release_pages(release, version: str) -> list[Path]:
    return [p for p in sorted((release.pages / version).rglob("*.html")) if redirect_target(p) is None]


def test_versions_json_lists_the_release_as_latest(release, project):
    version = project.site.version
    assert json.loads((release.pages / "versions.json").read_text()) == [
        {"version": version, "title": version, "aliases": ["latest"]}
    ]
    assert redirect_target(release.pages / "index.html") == "latest/"


def test_latest_leads_to_the_same_page_of_the_release(release, project):
    version = project.site.version
    latest = release.pages / "latest"
    redirects = sorted(latest.rglob("index.html"))
    assert len(redirects) >= 20  # every page of both editions
    for page in redirects:
        target = redirect_target(page)
        assert target, f"{page} is not a redirect"
        relative = page.parent.relative_to(latest).as_posix()
        expected = f"{version}/" if relative == "." else f"{version}/{relative}/"
        assert urljoin(f"latest/{relative}/", target) == expected


def test_every_address_the_release_gives_names_its_version(release, project):
    """Citations, exports, canonical links, the sitemap: every absolute address is in /<version>/ and exists."""
    base, version = project.site.base_url, project.site.version
    address = re.compile(re.escape(base) + r"[^\s\"'<>)}&\\]*")
    checked = 0
    for file in sorted((release.pages / version).rglob("*")):
        if file.suffix not in TEXT_FILES or (file.suffix == ".html" and redirect_target(file)):
            continue
        for url in {found.rstrip(".,;") for found in address.findall(file.read_text(encoding="utf-8"))}:
            where = f"{url} in {file.relative_to(release.pages)}"
            path = urlsplit(url).path[len(urlsplit(base).path):]
            fragment = urlsplit(url).fragment
            if path == "" and not fragment:
                continue  # the site itself (the "website" a citation is part of)
            if path in ("feed.xml", "en/feed.xml"):  # where readers subscribe: the release's feed, at the root
                assert (release.pages / path).read_bytes() == (release.pages / version / path).read_bytes(), where
                continue
            assert path.startswith(f"{version}/"), f"{where}: not in /{version}/"
            target = local_file(release.pages, path)
            assert target.is_file(), f"{where}: no such file in the release"
            if fragment:
                assert fragment in ids_in(target), f"{where}: no #{fragment} on that page"
            checked += 1
    assert checked > 200  # citations, canonical links, sitemap, exports of both editions


def test_the_language_switcher_stays_in_the_release(release, project):
    """Relative links on pages, absolute ones on 404.html (served at any depth): all stay in /<version>/."""
    version = project.site.version
    served = f"/{release.pages.name}/"  # the prefix the host serves the branch under
    pages = release_pages(release, version)
    assert len(pages) >= 20 and release.pages / version / "404.html" in pages
    for page in pages:
        url = served + page.relative_to(release.pages).as_posix()
        links = html.parse(str(page)).getroot().cssselect("a.md-select__link[hreflang]")
        assert {a.get("hreflang") for a in links} == set(project.site.languages), url
        for link in links:
            target = urljoin(url, link.get("href"))
            assert target.startswith(f"{served}{version}/"), f"{url}: switcher leaves the release: {target}"
            assert local_file(release.pages, target.removeprefix(served)).is_file(), f"{url}: leads nowhere: {target}"


def test_a_release_shows_its_own_notes_and_nothing_unreleased(release, project):
    """`make release-prep` dated the changelog's entry; the release's "what changed" page leads with it."""
    version = project.site.version
    for prefix in ("", "en/"):
        page = html.parse(str(release.pages / version / prefix / "changes" / "index.html")).getroot()
        ids = [h.get("id") for h in page.cssselect("article h2")]
        assert ids[0] == "release-" + version.replace(".", "-") and "unreleased" not in ids, prefix


def test_a_release_is_never_deployed_twice(release, project):
    again = publish(release.repo, "release")
    assert again.returncode == 1
    assert f"version {project.site.version} is already deployed" in again.stderr


def test_in_a_browser_latest_lands_on_the_release_with_its_selector(page, release_url, project):
    version = project.site.version
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    # The redirect page under latest/ is left while it loads: that one aborted request is expected.
    page.on("requestfailed", lambda r: None if r.url.startswith(release_url + "latest/")
            else problems.append(f"failed: {r.url} ({r.failure})"))
    page.on("request", lambda r: None if r.url.startswith(release_url) or r.url.startswith("data:")
            else problems.append(f"foreign: {r.url}"))

    page.goto(release_url + "latest/en/chapters/opening/#budgets")
    page.wait_for_url(release_url + f"{version}/en/chapters/opening/#budgets")
    page.wait_for_selector(".md-version__current")
    current = page.locator(".md-version__current")
    assert current.inner_text().startswith(version)
    assert current.locator(".md-version__alias").inner_text() == "latest"
    page.evaluate("window.scrollTo(0, 0)")  # the header shows the site name and the selector at the top
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "release-en-opening.png"))
    assert page.locator('[data-md-component="outdated"]').is_hidden()  # this is the latest release

    page.locator("#budgets").evaluate("h => h.scrollIntoView()")  # back where the link led: the switch keeps it
    page.locator(".md-header__option .md-select button").hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    page.wait_for_url(release_url + f"{version}/chapters/opening/#budgets")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert problems == []


def test_outside_any_version_the_root_serves_the_releases_404_page(release, project):
    """GitHub Pages serves the branch root's 404.html for a missed address outside every version."""
    version = project.site.version
    root, own = release.pages / "404.html", release.pages / version / "404.html"
    assert root.read_bytes() == own.read_bytes()
    links = [link for link in re.findall(r'(?:href|src)="(/[^"]*)"', root.read_text(encoding="utf-8"))]
    assert links and all(f"/{version}/" in link for link in links)  # absolute, into the release: any depth works
