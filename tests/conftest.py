"""Shared fixtures: the real site is built once per test session; fixture sites are built on demand."""

from __future__ import annotations

import fcntl
import json
import tempfile
import threading
import time
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, TypeVar

import pytest

from macros.model.fingerprint import make as make_fingerprint
from macros.model.project import Project, load_article, load_project
from tests import mkdocs_fork, releasing

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
# A local copy of the article, where data/article.yml says a maintainer keeps one (never in the repository).
ARTICLE_SOURCE = ROOT / (load_article(ROOT / "data" / "article.yml").local_copy or "no local copy")
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


BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(BUILD_EPOCH)}


def build_site(project_dir: Path, site_dir: Path, *, fresh: bool = False) -> BuildResult:
    """`mkdocs build --strict`, dated BUILD_DAY: in a fresh interpreter exactly as `make build` runs it
    (`fresh`), or forked from one that has imported MkDocs already (tests/mkdocs_fork.py), which is
    the same command a second sooner."""
    args = ["build", "--strict", "--site-dir", str(site_dir)]
    if fresh:
        proc = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project_dir, capture_output=True,
                              text=True, env=BUILD_ENV, timeout=300)
    else:
        proc = mkdocs_fork.run(args, cwd=project_dir, env=BUILD_ENV, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(ROOT)


SHARED_PREFIX = "reading-tests-"


def shared_folder() -> Path:
    """A folder shared by every test worker of this run (xdist gives them one run id), for what is made once."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"single-{os.getpid()}"
    folder = Path(tempfile.gettempdir()) / f"{SHARED_PREFIX}{run}"
    folder.mkdir(exist_ok=True)
    return folder


def _forget_old_runs(hours: float = 6) -> None:
    """Shared folders of runs long finished (each holds a few built sites), so /tmp does not fill up."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(f"{SHARED_PREFIX}*"):
        if now - folder.stat().st_mtime > hours * 3600:
            shutil.rmtree(folder, ignore_errors=True)


def made_once(name: str, make: Callable[[Path], None], read: Callable[[Path], T]) -> T:
    """`make(folder)` run once for the whole run, by whichever worker (or background thread) asks first;
    the others wait for it under a file lock. `read(folder)` gives what it made, to every caller."""
    shared = shared_folder()
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a failed attempt starts afresh
            folder.mkdir()
            make(folder)
            done.touch()
    return read(folder)


def _build(project_dir: Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        result = build_site(project_dir(folder), folder / "out", fresh=True)  # what every test reads: as `make build`
        (folder / "build.log").write_text(result.output, encoding="utf-8")
        assert result.returncode == 0, result.output
    return make


def _built(folder: Path) -> BuildResult:
    return BuildResult(0, (folder / "build.log").read_text(encoding="utf-8"), folder / "out")


_build_real_site = _build(lambda _: ROOT)
_build_fixture_site = _build(lambda folder: copy_fixture_site(folder, whole=True))


def built_real_site() -> BuildResult:
    """The real site, built once for the whole run (by whichever worker or thread asks first)."""
    return made_once("real-site", _build_real_site, _built)


@pytest.fixture(scope="session")
def built_site() -> BuildResult:
    return built_real_site()


# The pages of the whole second reading that only its own tests read: the copies the other tests break
# on purpose build a hundred times and do without them (a third of each build).
WHOLE_READING_ONLY = ("figures.md", "figures.en.md", "cite.md", "cite.en.md")


def copy_fixture_site(tmp_path: Path, *, whole: bool = False) -> Path:
    """A private copy of tests/fixtures/site; `whole`: with every page of the second reading."""
    site = tmp_path / "project"
    shutil.copytree(FIXTURE_SITE, site, ignore=None if whole else shutil.ignore_patterns(*WHOLE_READING_ONLY))
    (site / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    # The build cache (compiled theme templates, citeproc's output) is keyed by everything its entries depend
    # on and written atomically, so every copy shares the repository's: a copy's build is then as warm as
    # `make build`, instead of compiling the theme again in each of a hundred builds.
    (ROOT / ".cache").mkdir(exist_ok=True)
    (site / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
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
def built_fixture_site() -> BuildResult:
    """The fixture site as it is (with its annotations), built once per session."""
    return made_once("fixture-site", _build_fixture_site, _built)


# --- the site's own data first: when it does not load, its message once, and nothing else --------

def data_problem(root: Path) -> str | None:
    """What stops the site's data from loading (as a build would say it), or None."""
    from datetime import date, timedelta

    from macros.model import annotations
    from macros.model.changelog import load_changelogs
    from macros.model.errors import DataError
    from macros.model.safefiles import read_text

    try:
        project = load_project(root)
        index = annotations.chapter_index(project.article.sections, root / "docs")
        annotations.load_all(root / "data" / "annotations", index, project.fingerprint,
                             date.today() + timedelta(days=1), annotations.known(project))
        load_changelogs(root, project.site.languages, read_text)
    except DataError as error:
        return str(error)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop before any test when the data does not load: hundreds of tests would each fail with the same
    message, which is said here once, first (in the main process; xdist's workers are not started)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    problem = data_problem(ROOT)
    if problem:
        sys.stderr.write(f"\nThe site's data does not load, so no test was run. Fix this first:\n\n{problem}\n\n")
        pytest.exit("the site's data does not load: the message above says where and what to do", returncode=1)


# --- a faster run: what many tests read is made in the background while quick tests run ---------

ORDER = ("unit", "data", "builds", "browser")  # quick tests first, so the shared builds are ready when needed


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        parts = Path(str(item.path)).relative_to(ROOT / "tests").parts
        return ORDER.index(parts[0]) if parts and parts[0] in ORDER else len(ORDER)

    items.sort(key=rank)  # stable: the same order on every worker, as xdist requires


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the shared builds at once, each on one worker, in a thread that waits for its subprocess;
    only when this run has tests that read them."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    if worker == "gw0":
        _forget_old_runs()
    kinds = {Path(str(item.path)).relative_to(ROOT / "tests").parts[0] for item in session.items}
    if not kinds & {"builds", "browser"}:
        return
    jobs = {"gw0": [("real-site", _build_real_site, _built)],
            "gw1": [("fixture-site", _build_fixture_site, _built)]}.get(worker, [])
    if "browser" in kinds and worker == "gw1":
        jobs.append(("release", releasing.release_in, releasing.released))
    for job in jobs:
        threading.Thread(target=_quietly, args=job, daemon=True).start()


def _quietly(name: str, make: Callable[[Path], None], read: Callable[[Path], Any]) -> None:
    try:
        made_once(name, make, read)
    except Exception:  # the test that needs it makes it again, and reports the failure
        pass
