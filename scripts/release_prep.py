"""Prepare the release commit of VERSION: everything a release needs but the tag.

    python -m scripts.release_prep VERSION [--site SITE_DIR]      (`make release-prep VERSION=x.y.z`)

1. data/site.yml and pyproject.toml name VERSION;
2. in CHANGELOG.md and its translations, `## Unreleased` becomes `## [VERSION] - <today>`;
3. CITATION.cff is written again (its version, address and release day);
4. the anchor ledger records every id this version publishes, from a build of the tree (SITE_DIR: one
   made already), so later versions must keep them.
`make release-prep` then runs the tests; commit the result and tag it `v<VERSION>`. Run twice, it
changes nothing the second time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

from macros.model.anchors import Ledger, dump, extended, load, published_ids
from macros.model.changelog import ORIGINAL_LANGUAGE, changelog_path, parse_changelog
from macros.rendering.changespage import UNRELEASED_ANCHOR, release_anchor
from macros.model.errors import DataError
from macros.model.project import load_project
from scripts.building import strict_build
from scripts.make_citation_cff import written

ROOT = Path(__file__).resolve().parent.parent
_VERSION = re.compile(r"\d+\.\d+\.\d+")


class PrepError(Exception):
    pass


def set_version(root: Path, version: str) -> None:
    """data/site.yml's `version:` and pyproject.toml's, each the one line that names it."""
    for name, pattern, line in (("data/site.yml", r'^version: "[^"]*"$', f'version: "{version}"'),
                                ("pyproject.toml", r'^version = "[^"]*"', f'version = "{version}"')):
        path = root / name
        text, count = re.subn(pattern, line, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
        if count != 1:
            raise PrepError(f"{name} has no line matching {pattern}; set the version there by hand")
        path.write_text(text, encoding="utf-8")


def date_changelogs(root: Path, version: str, day: date) -> list[Path]:
    """Each changelog's `## Unreleased` made `## [version] - day` (the changelogs whose version it names
    already are left as they are); the files changed."""
    languages = load_project(root).site.languages
    changed = []
    for language in dict.fromkeys([ORIGINAL_LANGUAGE, *languages]):
        path = changelog_path(root, language)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        entries = parse_changelog(text, path)
        if any(entry.version == version for entry in entries):
            continue
        if not any(entry.version is None for entry in entries):
            raise PrepError(f"{path.name} has neither '## Unreleased' nor '## {version}': write what this "
                            "release brings under '## Unreleased' first")
        text = re.sub(r"^## +Unreleased *$", f"## [{version}] - {day.isoformat()}", text, count=1,
                      flags=re.MULTILINE | re.IGNORECASE)
        path.write_text(text, encoding="utf-8")
        changed.append(path)
    return changed


def record_anchors(root: Path, site: Path | None, version: str) -> None:
    """The ledger extended with every id of a fresh strict build of `root`; or of `site`, a build made before
    the changelog was dated, with the one heading dating it adds: the version's, on each changes page."""
    def extend(built: Path, added: dict[str, set[str]]) -> None:
        path = root / "data" / "anchors.yml"
        ledger = load(path) if path.exists() else Ledger(pages={})
        published = published_ids(built)
        for page, ids in added.items():
            published.pages.setdefault(page, set()).update(ids)
        path.write_text(dump(extended(ledger, published)), encoding="utf-8")

    if site is not None:
        served = published_ids(site).pages
        extend(site, {page: {release_anchor(version)} for page, ids in served.items()
                      if UNRELEASED_ANCHOR in ids})
        return
    with tempfile.TemporaryDirectory(prefix="release-prep-") as folder:
        built = strict_build(root, Path(folder))
        if built.returncode != 0:
            raise PrepError("the site does not build, so nothing was prepared past the changelog:\n"
                            + (built.stdout + built.stderr)[-3000:])
        extend(Path(folder), {})


def prepare(root: Path, version: str, day: date, site: Path | None = None) -> None:
    if not _VERSION.fullmatch(version):
        raise PrepError(f"'{version}' is not a version; give three numbers, e.g. 0.2.0")
    set_version(root, version)
    date_changelogs(root, version, day)
    (root / "CITATION.cff").write_text(written(root), encoding="utf-8")
    record_anchors(root, site, version)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("version")
    parser.add_argument("--site", type=Path, help="a build of this tree to take the ids from, instead of building")
    args = parser.parse_args(argv[1:])
    try:
        prepare(ROOT, args.version, date.today(), args.site)
    except (PrepError, DataError) as error:
        print(f"release-prep: {error}", file=sys.stderr)
        return 1
    print(f"prepared {args.version}: data/site.yml, pyproject.toml, the changelogs, CITATION.cff and the "
          f"anchor ledger; run the tests, commit, then `git tag v{args.version}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
