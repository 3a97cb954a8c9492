"""Releasing this working tree with scripts/publish.py, in a throw-away git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.model.project import load_project
from scripts.release_prep import prepare
from scripts.serving import prefix
from scripts.worktree import copy_working_tree

ROOT = Path(__file__).parents[1]


@dataclass
class Release:
    repo: Path  # the throw-away repository, with its gh-pages branch
    pages: Path  # the gh-pages branch, checked out: what GitHub Pages (or any host) serves


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def publish(repo: Path, kind: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_IDENTITY}
    for name in ("GITHUB_REF_TYPE", "GITHUB_REF_NAME", "MIKE_DOCS_VERSION"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "scripts.publish", kind], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def release_into(repo: Path, pages_parent: Path, site: Path | None = None) -> Release:
    """Prepare this working tree's version in `repo` as a maintainer does (`make release-prep`; its ids from
    `site`, a build of the same tree, when given), commit it, release it with mike, and check out its
    gh-pages branch."""
    copy_working_tree(repo)
    # The repository's build cache (keyed by all its entries depend on), as a maintainer's clone has one:
    # the release builds warm, as `make release` does after `make test`.
    (ROOT / ".cache").mkdir(exist_ok=True)
    (repo / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
    prepare(repo, load_project(repo).site.version, date.today(), site)
    env = {**os.environ, **GIT_IDENTITY}
    for command in ("init -q -b main", "add -A", "commit -q -m release"):
        subprocess.run(["git", *command.split()], cwd=repo, env=env, check=True)
    published = publish(repo, "release")
    assert published.returncode == 0, published.stdout + published.stderr
    pages = pages_parent / prefix()  # served under data/site.yml's prefix, as a GitHub project site is
    pages.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(pages)], input=archive, check=True)
    return Release(repo, pages)


def release_in(folder: Path) -> None:
    """A release made in a fresh folder: the repository in repo/, the served branch under pages/."""
    from tests.conftest import built_real_site  # the same tree, built once for the run

    (folder / "repo").mkdir(parents=True)
    (folder / "pages").mkdir()
    release_into(folder / "repo", folder / "pages", built_real_site().site_dir)


def released(folder: Path) -> Release:
    """The release `release_in` made in `folder`."""
    return Release(folder / "repo", folder / "pages" / prefix())
