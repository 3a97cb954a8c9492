"""`make serve` reloads the reader's open tab when a data file changes, under the site's own CSP."""

from __future__ import annotations

from pathlib import Path

from tests.builds.test_serve import fetched, serving, wait_for
from tests.conftest import copy_fixture_site


def test_an_edit_to_a_data_file_reloads_the_open_page(page, tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    log = tmp_path / "serve.log"
    with serving(site, log) as url:
        assert wait_for(lambda: fetched(url)), log.read_text(encoding="utf-8")[-2000:]
        page.goto(url)
        assert "包子数" in page.content()
        figures = site / "data" / "figures.yml"
        figures.write_text(figures.read_text(encoding="utf-8").replace('label: {zh: "包子数"',
                                                                        'label: {zh: "包子总数"', 1), encoding="utf-8")
        page.wait_for_selector("text=包子总数", state="attached", timeout=30_000)  # no goto: the page reloaded
        assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors
