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
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))  # the theme's banner threw here

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


def _fetch(url: str) -> tuple[int, bytes]:
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, b""


def _refresh_target(body: bytes) -> str | None:
    found = re.search(rb'http-equiv="refresh" content="0; ?url=([^"]+)"', body)
    return found.group(1).decode() if found else None


def test_every_link_and_download_answers_from_latest_and_from_the_version(release_url, project):
    """The published branch as a host serves it, under its prefix: from /latest/ and from /<version>/, every
    page, every link on it (pages, anchors' pages, assets, downloads) answers; a download linked from the
    version answers under /latest/ too."""
    version = project.site.version
    start = [release_url + "latest/", release_url + "latest/en/", release_url + f"{version}/"]
    seen: set[str] = set()
    broken: list[str] = []
    downloads: set[str] = set()
    queue = list(start)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = _fetch(url)
        if status != 200:
            broken.append(f"{url} ({status})")
            continue
        if not (url.endswith("/") or url.endswith(".html")):
            continue
        target = _refresh_target(body)
        if target:  # a redirect page (latest/, a moved page): where it leads must answer
            queue.append(urljoin(url, target).split("#")[0])
            continue
        for link in html.fromstring(body).xpath("//a/@href | //link/@href | //script/@src | //img/@src"):
            absolute = urljoin(url, link).split("#")[0]
            if not absolute.startswith(release_url) or absolute in seen:
                continue  # another host (the article, a licence): not ours to serve
            if f"/{version}/" in absolute and not absolute.endswith(("/", ".html")) and "/assets/" not in absolute \
                    and "/search/" not in absolute:
                downloads.add(absolute.split(f"/{version}/", 1)[1])
            queue.append(absolute)
    assert broken == []
    assert len(seen) > 60 and {"downloads/figures.csv", "downloads/yuanbao-reading-zh.pdf"} <= downloads
    missing_latest = [path for path in sorted(downloads) if _fetch(release_url + "latest/" + path)[0] != 200]
    assert missing_latest == []  # /latest/downloads/figures.csv, the PDFs, the citation files


def test_the_404_pages_banner_and_links_lead_somewhere_from_any_depth(release, release_url):
    """GitHub Pages serves the root 404.html at whatever address was missed: its links are absolute."""
    page = html.fromstring((release.pages / "404.html").read_bytes())
    assert page.cssselect("article h1")[0].text_content().startswith("404：")
    links = page.xpath("//a/@href")
    assert links
    missed = release_url + "no/such/page/here/"
    for link in links:
        if link.startswith(("http://", "https://", "#")):
            continue
        assert _fetch(urljoin(missed, link).split("#")[0])[0] == 200, link
