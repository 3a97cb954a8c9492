"""`make serve` as a contributor uses it: an edit to data/ shows on the next page load, and a broken
data file prints the checker's message while the last good build stays served."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from tests.conftest import ROOT, copy_fixture_site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetched(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


@contextmanager
def serving(site: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` of `site` on a free port, its output in `log`: its address, until the block ends."""
    port = free_port()
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=site, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(condition, seconds: float = 30):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    return None


def test_the_real_site_watches_its_data():
    assert "data" in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("watch", [])


def test_serve_rebuilds_on_a_data_change_and_keeps_the_last_good_build(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    log = tmp_path / "serve.log"
    with serving(site, log) as url:
        first = wait_for(lambda: fetched(url))
        assert first and "包子数" in first and "包子总数" not in first, log.read_text(encoding="utf-8")[-2000:]
        figures = site / "data" / "figures.yml"
        good = figures.read_text(encoding="utf-8")
        figures.write_text(good.replace('label: {zh: "包子数"', 'label: {zh: "包子总数"', 1), encoding="utf-8")
        assert wait_for(lambda: "包子总数" in (fetched(url) or "")), log.read_text(encoding="utf-8")[-2000:]

        figures.write_text(good + "\nfigures: [this, is, not, a, mapping\n", encoding="utf-8")
        message = wait_for(lambda: re.search(r"data/figures\.yml:\d+: not valid YAML.*", log.read_text("utf-8")))
        assert message, log.read_text(encoding="utf-8")[-2000:]  # the checker's words: the file, its line, what
        assert "Traceback" not in log.read_text(encoding="utf-8")
        assert "包子总数" in (fetched(url) or "")  # the last good build is still served
        figures.write_text(good, encoding="utf-8")  # good data again, then a page with a macro that fails
        assert wait_for(lambda: "包子数" in (fetched(url) or "") and "包子总数" not in (fetched(url) or ""))
        page = site / "docs" / "index.md"
        page_text = page.read_text(encoding="utf-8")
        page.write_text(page_text + '\n{{ fig("no_such_figure") }}\n', encoding="utf-8")
        assert wait_for(lambda: "no_such_figure" in log.read_text(encoding="utf-8")), log.read_text("utf-8")[-2000:]
        assert "包子数" in (fetched(url) or "")  # still answering, with the last good build
        # The same mistake saved twice is reported twice (MkDocs' DuplicateFilter would print it once).
        for n in (1, 2):
            page.write_text(page_text + "\n<script>alert(1)</script>\n" + "\n" * n, encoding="utf-8")
            assert wait_for(lambda n=n: log.read_text(encoding="utf-8").count("the tag <script>") >= n), \
                log.read_text(encoding="utf-8")[-2000:]
        page.write_text(page_text + "\n恢复了。\n", encoding="utf-8")
        assert wait_for(lambda: "恢复了" in (fetched(url) or "")), log.read_text(encoding="utf-8")[-2000:]
