"""Shared fixtures: the real site is built once per test session; fixture sites are built on demand."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from macros.fingerprint import make as make_fingerprint
from macros.project import Project, load_article, load_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
ARTICLE_SOURCE = ROOT.parent / "shared" / "source" / "000_0bae9a1fdfa1cd96.txt"
# Every test build is dated by SOURCE_DATE_EPOCH, as a release is (by its commit): a fixed day that is
# not today, so tests can see that the build honours it, and two builds can be compared byte for byte.
BUILD_EPOCH = 1767225600
BUILD_DAY = datetime.fromtimestamp(BUILD_EPOCH, tz=timezone.utc).date()  # 2026-01-01


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together
    site_dir: Path

    def page(self, url: str) -> str:
        return (self.site_dir / url / "index.html").read_text(encoding="utf-8")


def build_site(project_dir: Path, site_dir: Path) -> BuildResult:
    """`mkdocs build --strict` in a fresh interpreter, exactly as `make build` runs it, dated BUILD_DAY."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(BUILD_EPOCH)}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir, capture_output=True, text=True, env=env, timeout=300,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(ROOT)


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, project_dir: Callable[[Path], Path]) -> BuildResult:
    """A site built once for the whole run: test workers share it (the first makes it, under a lock),
    since every test only reads it. `project_dir` gives the project to build, given a scratch folder."""
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        out, log = shared / f"{name}-out", shared / f"{name}.log"
        if log.exists():
            return BuildResult(0, log.read_text(encoding="utf-8"), out)
        result = build_site(project_dir(shared / f"{name}-project"), out)
        assert result.returncode == 0, result.output
        log.write_text(result.output, encoding="utf-8")
        return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return built_once(tmp_path_factory, "real-site", lambda _: ROOT)


def copy_fixture_site(tmp_path: Path) -> Path:
    site = tmp_path / "project"
    shutil.copytree(FIXTURE_SITE, site)
    (site / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    # The site's own words around numbers are not fixture data: use the real ones.
    shutil.copy(ROOT / "data" / "phrases.yml", site / "data" / "phrases.yml")
    shutil.copytree(ROOT / "docs" / "assets", site / "docs" / "assets")
    fingerprint = make_fingerprint((site / "article.txt").read_text(encoding="utf-8"),
                                   load_article(site / "data" / "article.yml").sections)
    (site / "data" / "fingerprint.json").write_text(json.dumps(fingerprint), encoding="utf-8")
    return site


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/site, wired to this repository's macros, ready to break."""
    return copy_fixture_site(tmp_path)


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The fixture site as it is (with its annotations), built once per session."""
    return built_once(tmp_path_factory, "fixture-site", copy_fixture_site)
