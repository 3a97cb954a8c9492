"""Two builds of the same commit, with the same SOURCE_DATE_EPOCH, are the same files, byte for byte.

Allowed differences: none. Without SOURCE_DATE_EPOCH the build date changes, and with it the
sitemap's lastmod, the timestamp inside sitemap.xml.gz, the access date shown where a reader's
browser runs no script, and the date pre-filled in "suggest an annotation" links (README:
"Reproducible builds"). `make release` sets SOURCE_DATE_EPOCH to the commit's time.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import BUILD_DAY, BUILD_EPOCH, ROOT, BuildResult, build_site

pytestmark = pytest.mark.build
ALLOWED_DIFFERENCES: set[str] = set()  # paths, relative to the site; see the module's docstring


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_commit_are_identical(built_site: BuildResult, tmp_path: Path):
    again = build_site(ROOT, tmp_path / "again", fresh=True)
    assert again.returncode == 0, again.output
    first, second = files_of(built_site.site_dir), files_of(again.site_dir)
    assert sorted(first) == sorted(second)
    differing = {name for name in first if first[name] != second[name]}
    assert differing <= ALLOWED_DIFFERENCES


def test_the_build_is_dated_by_source_date_epoch(built_site: BuildResult):
    site = built_site.site_dir
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {BUILD_DAY.isoformat()}
    with gzip.open(site / "sitemap.xml.gz") as packed:
        packed.read()
        assert packed.mtime == BUILD_EPOCH
    opening = (site / "chapters" / "opening" / "index.html").read_text(encoding="utf-8")
    assert f'class="access-date" data-format="iso">{BUILD_DAY.isoformat()}<' in opening
