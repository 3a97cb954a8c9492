"""Hostile and broken inputs, each through a full strict build of the fixture site.

Every case must stop the build quickly, without a traceback and within a memory bound, with a
message naming the file (and line or field) and saying what to do; nothing is published, nothing
contributed is silently dropped. The table is the contract: add a row for every new way in.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from tests import mkdocs_fork
from tests.conftest import BUILD_ENV, copy_fixture_site

ANNOTATIONS = Path("data/annotations")
GOOD_ANNOTATION = """\
id: hostile-case
target: {chapter: ledger, section: pages}
kind: context
language: zh
body: |
  一条注释。
author: {name: 测试者, github: tester}
date: 2026-11-01
sources:
  - {title: 来源, url: "https://example.org/", accessed: 2026-11-01}
status: published
"""
SECONDS = 20  # each failing build stops in about half a second; this is the bound a test enforces
MEMORY = 2 * 1024 ** 3  # address space for the build: a YAML bomb or a huge string would exceed it


@dataclass(frozen=True)
class Case:
    change: Callable[[Path], None]  # breaks a copy of the fixture site
    message: tuple[str, ...]  # fragments the build's output must contain


@dataclass(frozen=True)
class AnnotationCase:
    """A bad annotation file: all of them go into one build, since the site checks every annotation file
    and reports every problem together; each file's message must name it."""

    text: str
    message: tuple[str, ...]  # fragments of the message about this file ("{file}": its name)


def write(relative: str | Path, text: str | bytes) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return change


def annotation(text: str, name: str = "2026-11-05-hostile.yml") -> Callable[[Path], None]:
    return write(ANNOTATIONS / name, text)


def link(relative: str, target: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return change


def page(body: str) -> Callable[[Path], None]:
    return write("docs/evil.md", f"# Evil {{ #evil }}\n\n{body}\n")


def figure_value(value: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        figures = site / "data" / "figures.yml"
        figures.write_text(figures.read_text(encoding="utf-8").replace("value: 300", f"value: {value}"),
                           encoding="utf-8")
    return change


BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{','.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8))

CASES: dict[str, Case] = {
    # Contributions lost or misplaced
    "annotation saved as .yaml": Case(annotation(GOOD_ANNOTATION, "2026-11-05-x.yaml"),
                                      ("2026-11-05-x.yaml", "end in .yml", "rename it")),
    "annotation saved as .YML": Case(annotation(GOOD_ANNOTATION, "2026-11-05-x.YML"),
                                     ("2026-11-05-x.YML", "end in .yml")),
    "annotation in a subfolder": Case(write(ANNOTATIONS / "drafts" / "x.yml", GOOD_ANNOTATION),
                                      ("drafts", "is a folder", "move its files up")),
    # Forged quotations
    # Private files
    "link to /etc/passwd in docs": Case(link("docs/assets/notes.txt", "/etc/passwd"),
                                        ("docs/assets/notes.txt", "is a symbolic link", "replace it")),
    "link to .git/config in docs": Case(link("docs/config.txt", "../.git/config"),
                                        ("docs/config.txt", "symbolic link")),
    "link to /dev/zero in data": Case(link("data/annotations/zero.yml", "/dev/zero"), ("zero.yml", "symbolic link")),
    "6 MB file in docs": Case(write("docs/assets/huge.txt", "x" * 6_000_000), ("huge.txt", "is over 5,000,000 bytes")),
    "link in overrides": Case(link("overrides/main.html", "/etc/hostname"), ("overrides/main.html", "symbolic link")),
    # Crashes and exhaustion
    "Latin-1 page": Case(write("docs/latin.md", "# Caf\xe9 { #cafe }\n".encode("latin-1")),
                         ("docs/latin.md", "is not UTF-8")),
    "infinite value": Case(figure_value("1.0e+400"), ("figures.yml:13", "figure 'buns'", "(got inf)")),
    "401-digit value": Case(figure_value("9" * 401), ("figures.yml", "figure 'buns'", "less than or equal to")),
    # Pages
    "huge power": Case(page("{{ 10 ** (10 ** 8) }}"), ("evil.md", "power of at most 64")),
    "huge repetition": Case(page("{{ q('x' * 10 ** 9) }}"), ("evil.md", "repeat text to at most")),
    "number as figure id": Case(page("{{ fig(10 ** 9) }}"), ("fig() takes text", "not int")),
    "loop": Case(page("{% for a in 'abc' %}{% for b in 'abc' %}x{% endfor %}{% endfor %}"),
                 ("evil.md", "may not use `for` statements")),
    "filter": Case(page("{{ 'x' | center(1000000000) }}"), ("evil.md", "No filter named 'center'")),
    # Messages
    "number as string": Case(figure_value("3e2"), ("figure 'buns'", "write 114000000 or 1.14e+8")),
    # The changelog: its headings become the "what changed" page's headings and ids.
    "script in a changelog heading": Case(write("CHANGELOG.md", "## 0.0.5 <script>alert(7)</script>\n- x\n"),
                                          ("CHANGELOG.md:1", "neither '## Unreleased' nor a version", "###")),
    "changelog entry twice": Case(write("CHANGELOG.md", "## 0.1.0\n- a\n\n## [0.1.0]\n- b\n"),
                                  ("CHANGELOG.md:4", "second entry")),
    "changelog as a link": Case(lambda site: (site / "CHANGELOG.md").symlink_to("/etc/passwd"),
                                ("CHANGELOG.md", "symbolic link")),
    # Refused before anything is read (the tree check), so not in the shared build below.
    "Latin-1 bytes": Case(annotation("id: x\nbody: caf\xe9\n".encode("latin-1")),
                          ("2026-11-05-hostile.yml:2", "is not UTF-8", "save the file as UTF-8")),
}

# "{file}" stands for the case's own file name in data/annotations/.
ANNOTATION_CASES: dict[str, AnnotationCase] = {
    # Contributions misplaced
    "annotation on a chapter's H1": AnnotationCase(GOOD_ANNOTATION.replace("section: pages", "section: ledger"),
                                                   ("has no section 'ledger'", "its ids: other, pages")),
    # Forged quotations
    "made-up quotation in an annotation": AnnotationCase(
        GOOD_ANNOTATION.replace("kind: context", "quote: 账本一共记了13页\nprefix: 写的是\nsuffix: 。\nkind: context"),
        ("field 'quote'", "is not verbatim")),
    # Crashes and exhaustion
    "YAML alias bomb": AnnotationCase(BOMB, ("YAML alias",)),
    "recursive alias": AnnotationCase("a: &a [*a]\n", ("YAML alias",)),
    "300 KB annotation": AnnotationCase(GOOD_ANNOTATION.replace("一条注释。", "长" * 100_000),
                                        ("over the limit of 64,000",)),
    "impossible date": AnnotationCase(GOOD_ANNOTATION.replace("date: 2026-11-01", "date: 2026-02-30"),
                                      ("{file}:8", "'2026-02-30' cannot be read", "YYYY-MM-DD")),
    "complex key": AnnotationCase("? [a, b]\n: 1\n", ("{file}:1", "a key must be plain text")),
    # Messages
    "missing field": AnnotationCase(GOOD_ANNOTATION.replace("author: {name: 测试者, github: tester}\n", ""),
                                    ("{file}:1", "field 'author' is missing")),
    "null document": AnnotationCase("# nothing here\n", ("{file}:1", "holds no data")),
    "future access date": AnnotationCase(GOOD_ANNOTATION.replace("accessed: 2026-11-01", "accessed: 2999-01-01"),
                                         ("{file}:10", "field 'sources[0].accessed'", "in the future")),
    "bad source url": AnnotationCase(GOOD_ANNOTATION.replace('"https://example.org/"', '"javascript:alert(1)"'),
                                     ("field 'sources[0].url'", "is not an http(s) link")),
    "quoted date": AnnotationCase(GOOD_ANNOTATION.replace("date: 2026-11-01", 'date: "2026-11-01"'),
                                  ("field 'date'", "a date in quotes as text", "without quotes")),
    "status: yes": AnnotationCase(GOOD_ANNOTATION.replace("status: published", "status: yes"),
                                  ("field 'status'", "YAML 1.1 read the word as true")),
    "control character in a body": AnnotationCase(
        GOOD_ANNOTATION.replace("body: |\n  一条注释。", 'body: "一条\\x01注释"'),
        ("{file}:5", "body", "control character U+0001")),
    "look-alike letter in id": AnnotationCase(GOOD_ANNOTATION.replace("id: hostile-case", "id: hostile-cаse"),
                                              ("field 'id'", "U+0430", "CYRILLIC SMALL LETTER A")),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_input_stops_the_build_with_a_clear_message(tmp_path: Path, case: Case):
    site = copy_fixture_site(tmp_path)
    case.change(site)
    out = tmp_path / "out"
    started = time.monotonic()
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=BUILD_ENV,
                           timeout=SECONDS * 3, memory=MEMORY)
    elapsed = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output[-2000:]
    assert elapsed < SECONDS
    assert "Traceback" not in output, output[-3000:]
    for fragment in case.message:
        assert fragment in output, output[-3000:]
    assert len(output) < 20_000  # no file, body or value echoed whole into the log
    assert not list(out.rglob("*.html")) if out.exists() else True  # nothing half-built is published


def file_of(name: str) -> str:
    return "2026-11-05-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".yml"


@pytest.fixture(scope="module")
def all_bad_annotations(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, float, Path]:
    """One build of the fixture site with every bad annotation file at once: (output, seconds, site dir)."""
    folder = tmp_path_factory.mktemp("bad-annotations")
    site = copy_fixture_site(folder)
    for n, (name, case) in enumerate(ANNOTATION_CASES.items()):
        text = case.text.replace("id: hostile-case\n", f"id: hostile-case-{n}\n")  # no id "already taken"
        annotation(text, file_of(name))(site)
    out = folder / "out"
    started = time.monotonic()
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=BUILD_ENV,
                           timeout=SECONDS * 3, memory=MEMORY)
    assert proc.returncode != 0
    assert not list(out.rglob("*.html")) if out.exists() else True  # nothing half-built is published
    return proc.stdout + proc.stderr, time.monotonic() - started, out


@pytest.mark.parametrize("name", ANNOTATION_CASES, ids=ANNOTATION_CASES.keys())
def test_every_bad_annotation_is_named_with_its_problem_in_one_report(all_bad_annotations, name: str):
    output, seconds, _ = all_bad_annotations
    assert seconds < SECONDS and "Traceback" not in output, output[-3000:]
    assert len(output) < 20_000  # no file, body or value echoed whole into the log
    file = file_of(name)
    # This file's report: from its name to the next file's, so each message is about this file.
    report = next((part for part in re.split(r"(?=data/annotations/2026-11-05-)", output) if file in part), "")
    assert report, f"{file} is not named in the report:\n{output[-3000:]}"
    for fragment in ANNOTATION_CASES[name].message:
        assert fragment.replace("{file}", file) in report, report[:1500]


def test_good_quotations_of_the_fixture_pass(tmp_path: Path):
    """The quote case above fails for forging, not for quoting: the real words pass."""
    site = copy_fixture_site(tmp_path)
    quoted = GOOD_ANNOTATION.replace("kind: context", "quote: 一共记了12页\nprefix: 是账本，\nsuffix: 。\n"
                                                      "kind: context")
    annotation(quoted)(site)
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=site, env=BUILD_ENV,
                           timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_page_carries_a_content_security_policy(built_site):
    from macros.csp import inline_script_hashes
    from tests.htmltools import html_files
    for path in html_files(built_site.site_dir) + [built_site.site_dir / "404.html"]:
        text = path.read_text(encoding="utf-8")
        if "<title>Redirecting...</title>" in text:  # mkdocs-redirects' stubs: a link and a refresh, no content
            continue
        policy = text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert all(h in script_src for h in inline_script_hashes(text)), path  # each inline script allowed
        assert text.index("Content-Security-Policy") < text.index("<script"), path  # before any script
