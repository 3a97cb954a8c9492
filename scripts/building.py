"""`mkdocs build --strict` as the scripts run it, its log captured: never with `--quiet`, which keeps from
`--strict` the warnings it should fail on (MkDocs 1.6 counts only the warnings its log lets through, and
`--quiet` lets none through), so a broken link or anchor would pass."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def strict_build(project: Path, site_dir: Path, env: Mapping[str, str] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True)
