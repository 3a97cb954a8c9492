"""The one way this engine asks git anything: the repository's history dates pages, finds releases and
reads the data at each. Outside git, or when git fails, the answer is None and callers do without."""

from __future__ import annotations

import subprocess
from pathlib import Path

TIMEOUT = 60  # seconds: a `git log` of this repository takes well under one


def git_bytes(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """What `git <args>` prints in `root`; None when git is missing, fails or takes too long."""
    try:
        result = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, timeout=TIMEOUT,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def git_text(root: Path, *args: str) -> str | None:
    """git_bytes as text (UTF-8; a byte that is not becomes U+FFFD rather than stopping the build)."""
    out = git_bytes(root, *args)
    return out.decode("utf-8", errors="replace") if out is not None else None
