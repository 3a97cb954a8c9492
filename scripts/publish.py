"""Deploy the site with mike into the gh-pages branch: a release, or the preview of main.

    python -m scripts.publish release [--push]   # this commit's version (data/site.yml), aliased "latest"
    python -m scripts.publish preview [--push]   # main, as the version "dev"

A release also prints each edition's PDF of the whole reading into its own folder (the home page links
them), and puts its 404 page and its feeds at the branch root, for addresses outside any version.
A release is deployed once and never changed: it needs a clean working tree, an entry in
CHANGELOG.md, the tag v<version> when run for a tag in GitHub Actions, and a version the branch
does not hold yet. Builds are dated by the commit (SOURCE_DATE_EPOCH), so they can be repeated.
`make release` and `make preview` run this; .github/workflows/site.yml runs them in CI.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timezone
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.model.changelog import parse_changelog
from macros.model.hosting import PDFS_PROMISED
from macros.model.project import PREVIEW, load_project

ROOT = Path(__file__).resolve().parent.parent

DIST = ROOT / "dist"  # a release's PDFs, for CI to attach (ignored by git)
LATEST = "latest"  # the alias readers land on (mkdocs.yml: extra.version.default)


class PublishError(Exception):
    pass


def mike(*args: str, env: dict[str, str] | None = None, capture: bool = False) -> str:
    command = [str(Path(sys.executable).with_name("mike")), *args]
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, check=False,
                            capture_output=capture)
    if result.returncode != 0:
        raise PublishError(f"`mike {' '.join(args)}` failed (exit {result.returncode})\n{result.stderr or ''}")
    return result.stdout if capture else ""


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def deployed_versions(branch: str) -> set[str]:
    listing = json.loads(mike("list", "--json", "--branch", branch, capture=True) or "[]")
    return {entry["version"] for entry in listing}


def changelog_versions(changelog: Path) -> set[str]:
    """The versions CHANGELOG.md has entries for, read as the build reads them (macros/model/changelog.py)."""
    if not changelog.exists():
        return set()
    return {entry.version for entry in parse_changelog(changelog.read_text(encoding="utf-8"), changelog)
            if entry.version}


def release_problems(version: str, *, deployed: set[str], changelog: set[str], dirty: bool,
                     tag: str | None) -> list[str]:
    """Why this commit cannot be released as `version`; empty when it can."""
    problems = []
    if dirty:
        problems.append("the working tree has uncommitted changes; a release is built from a commit")
    if version not in changelog:
        problems.append(f"CHANGELOG.md has no entry '## {version}'; run `make release-prep VERSION={version}` "
                        "and commit its result")
    if tag is not None and tag != f"v{version}":
        problems.append(f"the tag is '{tag}' but data/site.yml says version '{version}'; tag it 'v{version}'")
    if version in deployed:
        problems.append(f"version {version} is already deployed, and a release never changes; "
                        "raise `version` in data/site.yml (and pyproject.toml) for a new release")
    return problems


# What a release also puts at the root of the branch, outside every version: the 404 page GitHub Pages
# serves for any address outside a version (its links absolute, into /<version>/), and each edition's
# feed, the address readers subscribe to (macros/rendering/feed.py), kept current by every release.
ROOT_FILES = ("404.html", "feed.xml", "en/feed.xml")


def commit_files(branch: str, files: dict[str, str], message: str) -> None:
    """Put blobs (path in the branch -> blob id) on the branch in one commit, without checking it out."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(folder) / "index")}

        def plumbing(*args: str) -> str:
            return subprocess.run(["git", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                                  check=True).stdout.strip()

        plumbing("read-tree", branch)
        for path, blob in files.items():
            plumbing("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}")
        commit = plumbing("commit-tree", plumbing("write-tree"), "-p", branch, "-m", message)
        plumbing("update-ref", f"refs/heads/{branch}", commit)


def put_root_files(version: str, branch: str) -> None:
    """The release's ROOT_FILES at the root of the branch too (mike leaves the root alone)."""
    commit_files(branch, {name: git("rev-parse", f"{branch}:{version}/{name}") for name in ROOT_FILES},
                 f"The 404 page and the feeds at the root: version {version}'s")


def put_latest_files(version: str, branch: str) -> None:
    """The release's downloads (PDFs, figures.csv, citation files, feeds: every file but its pages, assets
    and search index) under /latest/ too: mike makes the alias of redirect pages, which serve pages but
    leave an address such as /latest/downloads/figures.csv empty."""
    entries = (line.split("\t", 1) for line in git("ls-tree", "-r", f"{branch}:{version}").splitlines())
    files = {f"{LATEST}/{name}": meta.split()[2] for meta, name in entries
             if not name.endswith(".html") and not name.startswith(("assets/", "search/", "en/search/"))}
    commit_files(branch, files, f"Version {version}'s downloads under /{LATEST}/ too")


def put_pdfs(version: str, branch: str) -> None:
    """Each edition's PDF of the whole reading, printed from the version as deployed, into its folder."""
    from scripts.make_pdf import make_pdfs  # Chromium through Playwright: only a release needs it

    with tempfile.TemporaryDirectory() as folder:
        deployed = Path(folder) / version
        deployed.mkdir()
        archive = subprocess.run(["git", "archive", "--format=tar", f"{branch}:{version}"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(deployed)], input=archive, check=True)
        printed = make_pdfs(deployed, deployed_as=version, printed_on=build_day())
        files = {f"{version}/{path.relative_to(deployed).as_posix()}": git("hash-object", "-w", str(path))
                 for path in printed}
        DIST.mkdir(exist_ok=True)  # also beside the repository, for CI to attach to the release's run
        for path in printed:
            shutil.copyfile(path, DIST / path.name)
    commit_files(branch, files, f"The PDFs of version {version}")


def unrecorded_ids(version: str, branch: str) -> list[str]:
    """What the deployed version publishes that data/anchors.yml does not record: a release's ids must all
    be there, so that later versions keep them (between releases a new id needs no entry)."""
    from macros.model import anchors

    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", f"{branch}:{version}"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        ledger = anchors.load(ROOT / "data" / "anchors.yml")
        return [problem for problem in anchors.problems(ledger, anchors.published_ids(Path(folder)), {},
                                                        complete=True) if "ledger lacks" in problem]


def build_day() -> date:
    """The day the build of this commit is dated by (SOURCE_DATE_EPOCH, the commit's time)."""
    return datetime.fromtimestamp(int(build_env()["SOURCE_DATE_EPOCH"]), tz=timezone.utc).date()


def build_env() -> dict[str, str]:
    # mike runs `mkdocs` from PATH: the one beside this interpreter (.venv/bin).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    env.setdefault("SOURCE_DATE_EPOCH", git("log", "-1", "--format=%ct"))  # the same commit, the same files
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["release", "preview"])
    parser.add_argument("--push", action="store_true", help="push the branch to the remote afterwards")
    parser.add_argument("--branch", default="gh-pages")
    args = parser.parse_args()
    push = ["--push"] if args.push else []
    branch = ["--branch", args.branch]
    try:
        if args.kind == "preview":
            mike("deploy", PREVIEW, *branch, *push, env=build_env())
            print(f"deployed the preview as /{PREVIEW}/ on {args.branch}")
            return 0
        version = load_project(ROOT).site.version
        tag = os.environ.get("GITHUB_REF_NAME") if os.environ.get("GITHUB_REF_TYPE") == "tag" else None
        problems = release_problems(
            version, deployed=deployed_versions(args.branch), changelog=changelog_versions(ROOT / "CHANGELOG.md"),
            dirty=bool(git("status", "--porcelain")), tag=tag,
        )
        if problems:
            raise PublishError("cannot release:\n" + "\n".join(f"- {p}" for p in problems))
        mike("deploy", "--update-aliases", version, LATEST, *branch, env={**build_env(), PDFS_PROMISED: "1"})
        unrecorded = unrecorded_ids(version, args.branch)
        if unrecorded:
            raise PublishError("cannot release: the anchor ledger does not record every id this version "
                               "publishes (nothing was pushed):\n" + "\n".join(f"- {p}" for p in unrecorded) +
                               "\nrun `make release-prep VERSION=" + version + "`, which records them, and commit")
        put_pdfs(version, args.branch)
        mike("set-default", LATEST, *branch)
        put_root_files(version, args.branch)
        put_latest_files(version, args.branch)
        if args.push:
            git("push", "origin", args.branch)
        print(f"released {version} as /{version}/ (alias /{LATEST}/) on {args.branch}")
        return 0
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
