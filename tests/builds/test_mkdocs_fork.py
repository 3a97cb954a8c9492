"""The forked builds most tests use (tests/mkdocs_fork.py) report exactly what a fresh interpreter does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests import mkdocs_fork
from tests.conftest import BUILD_ENV, copy_fixture_site

ARGS = ["build", "--strict", "--site-dir"]


def test_a_forked_build_fails_as_a_fresh_one_with_the_same_words(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    (site / "docs" / "evil.md").write_text("{% for x in range(3) %}{{ x }}{% endfor %}\n", encoding="utf-8")
    out = str(tmp_path / "out")
    fresh = subprocess.run([sys.executable, "-m", "mkdocs", *ARGS, out], cwd=site, env=BUILD_ENV,
                           capture_output=True, text=True, timeout=120)
    forked = mkdocs_fork.run([*ARGS, out], cwd=site, env=BUILD_ENV, timeout=120)
    assert fresh.returncode == forked.returncode == 1
    assert "pages may not use `for` statements" in fresh.stderr  # the message is printed as the process ends
    assert (forked.stdout, forked.stderr) == (fresh.stdout, fresh.stderr)


def test_a_forked_build_that_runs_too_long_is_stopped(tmp_path: Path):
    try:
        mkdocs_fork.run(["serve", "--dev-addr", "127.0.0.1:0"], cwd=copy_fixture_site(tmp_path), env=BUILD_ENV,
                        timeout=0.5)
    except subprocess.TimeoutExpired as stopped:
        assert stopped.timeout == 0.5
    else:
        raise AssertionError("`mkdocs serve` returned within half a second")
