"""A fork (or this repository at its real home) publishes under its own address: a deploy passes the
Pages address and the repository, and every absolute link and citation follows them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests import mkdocs_fork
from tests.conftest import BUILD_ENV, copy_fixture_site

FORK_URL = "https://someone.github.io/their-reading/"


def test_a_deploy_cites_its_own_address_and_repository_everywhere(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    placeholder = yaml.safe_load((site / "data" / "site.yml").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    env = {**BUILD_ENV, "SITE_BASE_URL": FORK_URL.rstrip("/"), "GITHUB_REPOSITORY": "someone/their-reading"}
    result = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=env, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert f"base URL {FORK_URL} (from SITE_BASE_URL)" in output  # the build says which it used
    texts = {path: path.read_text(encoding="utf-8") for path in out.rglob("*")
             if path.is_file() and path.suffix in {".html", ".xml", ".json", ".bib", ".ris", ".jsonld"}}
    assert not [str(p) for p, text in texts.items() if placeholder["base_url"] in text]
    assert not [str(p) for p, text in texts.items() if placeholder["repository"] in text]
    home = texts[out / "index.html"]
    assert f'<link rel="canonical" href="{FORK_URL}0.0.1/">' in home  # the version it is, as its citations say
    assert re.search(r'content="https://someone\.github\.io/their-reading/[^"]*"', home)  # its citation tags
    assert "https://github.com/someone/their-reading/" in texts[out / "chapters" / "ledger" / "index.html"]


def test_a_local_build_says_it_uses_data_site_yml(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    env = {key: value for key, value in BUILD_ENV.items() if key != "SITE_BASE_URL"}
    result = mkdocs_fork.run(["build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=site, env=env,
                             timeout=120)
    assert result.returncode == 0 and "data/site.yml's base URL" in result.stdout + result.stderr


def test_an_address_that_is_not_https_stops_the_build_with_what_to_do(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    env = {**BUILD_ENV, "SITE_BASE_URL": "ftp://example.org/x/"}
    result = mkdocs_fork.run(["build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=site, env=env,
                             timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "SITE_BASE_URL" in output and "unset it" in output
    assert "Traceback" not in output


def test_an_odd_but_valid_address_keeps_the_sitemap_and_the_feed_valid_xml(tmp_path: Path):
    """Whatever a deploy may set (anything else, `&` included, is refused: test_hostile_inputs.py), what
    machines read stays well-formed."""
    from lxml import etree

    site = copy_fixture_site(tmp_path)
    out = tmp_path / "out"
    env = {**BUILD_ENV, "SITE_BASE_URL": "https://someone.github.io/r-d~x%20y.z/"}
    result = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=env, timeout=120)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    machine_read = list(out.rglob("*.xml"))
    assert {p.name for p in machine_read} >= {"sitemap.xml", "feed.xml"}
    for path in machine_read:
        tree = etree.parse(str(path))  # raises on anything not well-formed
        assert "r-d~x%20y.z" in etree.tostring(tree, encoding="unicode"), path
