"""Small fixture sites, built and broken on purpose: the build must fail loudly and say why."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site
from tests.htmltools import content


def add_page(site: Path, name: str, body: str) -> None:
    (site / "docs" / name).write_text(body, encoding="utf-8")


def test_the_fixture_site_builds_and_shows_its_figures(fixture_site: Path, tmp_path: Path):
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode == 0, result.output
    root = content(result.page(""))
    assert root.cssselect('[data-fig="buns"] .fig__value')[0].text_content() == "超过300个"
    assert root.cssselect('[data-fig="buns_per_page"] .fig__value')[0].text_content() == "超过25个"
    assert root.cssselect('[data-check="meat_half"] .verdict--implied')


PAYLOADS = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "lipsum globals": "{{ lipsum.__globals__ }}",
    "class mro": "{{ ''.__class__.__mro__ }}",
    "plugin config": "{{ config.theme.get_env() }}",
    "include outside docs": '{% include "../mkdocs.yml" %}',
    "include absolute path": '{% include "/etc/passwd" %}',
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_pages_cannot_run_code_or_read_files(fixture_site: Path, tmp_path: Path, payload: str):
    add_page(fixture_site, "evil.md", f"# Evil {{ #evil }}\n\n{payload}\n")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "evil.md" in result.output
    assert re.search(r"SecurityError|is unsafe|is undefined|TemplateNotFound|inside docs/ only", result.output)
    assert "uid=" not in result.output
    assert not (tmp_path / "out" / "evil" / "index.html").exists()


def test_include_through_a_symlink_out_of_docs_is_refused(fixture_site: Path, tmp_path: Path):
    (fixture_site / "docs" / "leak.txt").symlink_to(fixture_site / "mkdocs.yml")
    add_page(fixture_site, "evil.md", '# Evil { #evil }\n\n{% include "leak.txt" %}\n')
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    # refused before any page renders: no link may stand under docs/ (reading_plugin/safe_tree.py)
    assert "docs/leak.txt: is a symbolic link" in result.output


def test_unknown_figure_id_names_the_page_the_id_and_the_closest(fixture_site: Path, tmp_path: Path):
    add_page(fixture_site, "typo.md", '# Typo { #typo }\n\n{{ fig("bun") }}\n')
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "page 'typo.md': unknown figure id 'bun' (closest known ids: buns" in result.output


def test_unknown_macro_fails_the_build(fixture_site: Path, tmp_path: Path):
    add_page(fixture_site, "typo.md", '# Typo { #typo }\n\n{{ figure("buns") }}\n')
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "'figure' is undefined" in result.output


def test_quotation_not_in_the_article_fails(fixture_site: Path, tmp_path: Path):
    add_page(fixture_site, "quote.md", '---\nsection: opening\n---\n# Q { #q }\n\n{{ q("卖出超过400个包子") }}\n')
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "page 'quote.md': '卖出超过400个包子' is not verbatim in section 'opening'" in result.output


def test_bad_data_stops_the_build_before_any_page(fixture_site: Path, tmp_path: Path):
    figures = fixture_site / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("value: 300", "value: 3e2"), encoding="utf-8")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert "data check failed, nothing was built" in result.output
    assert re.search(r"data/figures\.yml:\d+: figure 'buns': field 'value': expected a number but got the string '3e2'",
                     result.output)
    assert not (tmp_path / "out" / "index.html").exists()


def test_wording_not_in_the_article_stops_the_build(fixture_site: Path, tmp_path: Path):
    figures = fixture_site / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("一共记了12页", "一共记了13页")
                       .replace("value: 12\n", "value: 13\n"), encoding="utf-8")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"figures\.yml:\d+: figure 'pages': '一共记了13页' is not verbatim in section 'ledger'",
                     result.output)


def test_heading_id_written_without_spaces_is_not_a_jinja_comment(fixture_site: Path, tmp_path: Path):
    add_page(fixture_site, "ids.md", "# 标题 {#custom-id}\n\n正文。\n")
    result = build_site(fixture_site, tmp_path / "out")
    assert result.returncode == 0, result.output
    assert content(result.page("ids/")).cssselect("h1#custom-id")


def test_the_sandboxed_plugin_is_the_pinned_version():
    """macros/rendering/sandbox.py replaces a private attribute of mkdocs-macros-plugin: upgrade deliberately."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.search(r"^mkdocs-macros-plugin==(\S+)", lock, re.MULTILINE).group(1)
    assert version("mkdocs-macros-plugin") == pinned
    assert f'"mkdocs-macros-plugin=={pinned}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
