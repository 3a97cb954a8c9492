"""The local servers of `make serve` and `make serve-versions`, with a port of the reader's choosing.

    python -m scripts.serving check PORT          exit 1, saying so, if PORT is taken (before `mkdocs serve`)
    python -m scripts.serving versions PORT       the gh-pages branch, served under the site's own prefix

`make serve-versions` serves the published branch as GitHub Pages does, under the path of data/site.yml's
base_url (/yuanbao-reading/), not at /, so every relative and absolute link resolves as it will there.
"""

from __future__ import annotations

import functools
import socket
import subprocess
import sys
import tempfile
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from macros.model.project import load_project, load_site_version
from scripts.localweb import QuietHandler

ROOT = Path(__file__).resolve().parent.parent


def port_problem(port: int) -> str | None:
    """Why PORT cannot be served on 127.0.0.1, or None."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return (f"port {port} is already in use (another `make serve`?); stop that one, or choose another: "
                    f"make serve PORT={port + 1}")
    return None


def prefix() -> str:
    """The path the site is published under ("yuanbao-reading"), from data/site.yml's base_url."""
    return urlsplit(load_project(ROOT).site.base_url).path.strip("/")


def serve_versions(port: int, branch: str = "gh-pages") -> int:
    load_site_version(ROOT)  # the data is checked as a build checks it
    with tempfile.TemporaryDirectory(prefix="pages-") as folder:
        served = Path(folder) / prefix()
        served.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", branch], cwd=ROOT, capture_output=True)
        if archive.returncode != 0:
            print(f"no branch '{branch}' to serve: `make release` or `make preview` makes it", file=sys.stderr)
            return 1
        subprocess.run(["tar", "-x", "-C", str(served)], input=archive.stdout, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=folder))
        print(f"serving {branch} at http://127.0.0.1:{port}/{prefix()}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("check", "versions") or not argv[2].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    port = int(argv[2])
    problem = port_problem(port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0 if argv[1] == "check" else serve_versions(port)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
