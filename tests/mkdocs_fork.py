"""`mkdocs build` for the fixture-site tests, in a child forked from an interpreter that has already
imported MkDocs, Material, the plugins and macros/.

A test run makes about forty small builds, most of which stop at start-up on purpose; importing
everything again took 0.45 s of each one's 0.65 s. Each test worker starts one "zygote": a plain,
single-threaded Python process (never the pytest worker itself, which runs threads and so must not
fork) that imports once, then forks a child per build. The child moves into the project, takes the
environment it is given, limits its address space if asked, writes its output to files and runs
MkDocs' own command line, printing an uncaught exception's traceback as `python -m mkdocs` would.

The real site's build and `make build` still start a fresh interpreter (tests/conftest.py:build_site).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Imported once in the zygote: what every build would import first (the plugins of mkdocs.yml and
# of the fixture site).
WARM_MODULES = ("mkdocs.__main__", "mkdocs.commands.build",
                "mkdocs_macros.plugin", "mkdocs_static_i18n.plugin", "mike.mkdocs_plugin",
                "mkdocs_redirects.plugin", "reading_plugin", "macros",
                # and what a build that gets as far as its pages imports next (the Markdown extensions of
                # mkdocs.yml, pygments for code, cssselect for the search index)
                "material.templates", "markdown.extensions.attr_list", "markdown.extensions.codehilite",
                "markdown.extensions.fenced_code", "markdown.extensions.tables", "pygments.lexers",
                "pygments.formatters", "lxml.cssselect", "colorama")


# --- the test side -------------------------------------------------------------------------------

_lock = threading.Lock()
_zygote: subprocess.Popen[str] | None = None


def _started() -> subprocess.Popen[str]:
    global _zygote
    if _zygote is None or _zygote.poll() is not None:
        _zygote = subprocess.Popen([sys.executable, "-m", "tests.mkdocs_fork"], cwd=ROOT, text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        atexit.register(_zygote.stdin.close)  # type: ignore[union-attr]  # it stops at end of input
    return _zygote


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float,
        memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs <args>` in `cwd` with exactly `env`, as subprocess.run(capture_output=True, text=True)
    would report it; raises subprocess.TimeoutExpired when it runs longer than `timeout` seconds."""
    with _lock, tempfile.TemporaryDirectory(prefix="mkdocs-fork-") as folder:
        request = {"args": args, "cwd": str(cwd), "env": env, "timeout": timeout, "memory": memory,
                   "stdout": str(Path(folder) / "stdout"), "stderr": str(Path(folder) / "stderr")}
        zygote = _started()
        assert zygote.stdin and zygote.stdout
        zygote.stdin.write(json.dumps(request) + "\n")
        zygote.stdin.flush()
        answer = zygote.stdout.readline()
        if not answer:
            raise RuntimeError(f"the mkdocs zygote stopped (exit status {zygote.wait()})")
        reply = json.loads(answer)
        stdout, stderr = (Path(request[name]).read_text(encoding="utf-8", errors="replace")
                          for name in ("stdout", "stderr"))
    if reply["timed_out"]:
        raise subprocess.TimeoutExpired(["mkdocs", *args], timeout, stdout, stderr)
    return subprocess.CompletedProcess(["mkdocs", *args], reply["returncode"], stdout, stderr)


# --- the zygote ----------------------------------------------------------------------------------

def _child(request: dict[str, Any]) -> None:
    """Never returns: becomes `python -m mkdocs <args>` and exits with its status."""
    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if request["memory"]:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.argv = ["mkdocs", *request["args"]]
        from mkdocs.__main__ import cli
        cli.main(args=request["args"], prog_name="mkdocs")
        code = 0
    except SystemExit as exit:  # as the interpreter ends: a number is the status, anything else is printed
        code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        if exit.code is not None and not isinstance(exit.code, int):
            print(exit.code, file=sys.stderr)
    except BaseException:
        import traceback
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _wait(pid: int, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return {"returncode": os.waitstatus_to_exitcode(status), "timed_out": False}
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return {"returncode": -9, "timed_out": True}
        time.sleep(0.005)


def serve() -> None:
    import importlib
    for module in WARM_MODULES:
        importlib.import_module(module)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(request)
        print(json.dumps(_wait(pid, request["timeout"])), flush=True)


if __name__ == "__main__":
    serve()
