"""The scripts' strict build fails on a broken anchor, which `--quiet` would let through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.building import strict_build

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_a_broken_anchor_fails_the_scripts_strict_build_which_quiet_would_pass(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Q\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# A\n\n[x](b.md#nowhere)\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    built = strict_build(tmp_path, tmp_path / "site", ENV)
    assert built.returncode == 1 and "does not contain an anchor '#nowhere'" in built.stdout + built.stderr
    # Why strict_build never passes --quiet: MkDocs 1.6 then counts no warning (when this fails, it does).
    quiet = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                            str(tmp_path / "quiet")], cwd=tmp_path, env=ENV, capture_output=True, text=True)
    assert quiet.returncode == 0
