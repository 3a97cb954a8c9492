"""Copy this working tree as `git add -A` would commit it, for a throw-away build or release."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_working_tree(destination: Path, *, without: tuple[str, ...] = ("tests/",)) -> None:
    """Tracked and new (not ignored) files, minus the folders in `without`."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if name.startswith(without) or not source.exists():
            continue
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination / name, follow_symlinks=False)
