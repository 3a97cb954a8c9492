"""A contributor's path end to end, on the fixture site: the template, the checker's refusal of what is
left unfilled, a filled-in file that builds green with no other step, and the pull request's summary."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml
from lxml import html

from macros.model.annotations import chapter_index, scaffold
from macros.model.project import load_article, load_project
from scripts.pr_summary import summarise
from tests import mkdocs_fork
from tests.conftest import BUILD_ENV, copy_fixture_site


def build(site: Path, out: Path) -> tuple[int, str]:
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=BUILD_ENV, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def test_from_the_template_to_a_green_build_and_a_reviewable_summary(tmp_path: Path):
    base = copy_fixture_site(tmp_path / "base")
    head = tmp_path / "head" / "project"
    shutil.copytree(base, head, symlinks=True)
    today = date.today()
    # 1. The template, as `make annotation CHAPTER=ledger SECTION=pages` (or the site's link) writes it.
    words = load_project(head).phrases.of("zh").annotations.template
    index = chapter_index(load_article(head / "data" / "article.yml").sections, head / "docs")
    path = head / "data" / "annotations" / f"{today.isoformat()}-ledger-pages.yml"
    path.write_text(scaffold(f"ledger-pages-{today:%Y%m%d}", "ledger", "pages", today, "zh", words,
                             index.headings["ledger"]["zh"]["pages"]), encoding="utf-8")
    # 2. Left as it is, it is refused, each placeholder named.
    code, output = build(head, tmp_path / "refused")
    assert code != 0 and "still holds the template's placeholder" in output and "example address" in output
    # 3. Filled in, it builds green: no ledger step, nothing else to run.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(body="账本的页数是作者自己数的。", author={"name": "某位读者", "github": "a-reader"},
                basis=["article"], translations={"en": {"body": "The author counted the pages."}})
    data.pop("sources")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, output = build(head, tmp_path / "out")
    assert code == 0, output[-3000:]
    anchor = f"ann-ledger-pages-{today:%Y%m%d}"
    page = html.parse(str(tmp_path / "out" / "annotations" / "index.html")).getroot()
    assert page.cssselect(f"#{anchor}") and "账本的页数是作者自己数的" in page.text_content()
    english = html.parse(str(tmp_path / "out" / "en" / "annotations" / "index.html")).getroot()
    assert "The author counted the pages." in english.text_content()
    # 4. What review needs: who, the id and the permalink it will have, each language.
    summary = summarise(base, head)
    assert f"#### ✓ `{path.name}` (added): passes the checker" in summary
    assert "By 某位读者 (GitHub <code>a-reader</code>)" in summary
    assert f"id <code>ledger-pages-{today:%Y%m%d}</code>" in summary
    assert f"permalink <code>https://example.org/fixture/0.0.1/annotations/#{anchor}</code>" in summary
    assert "Translation (en)" in summary and "The author counted the pages." in summary
