"""Hostile and broken inputs, each through a full strict build of the fixture site.

Every case must stop the build quickly, without a traceback and within a memory bound, with a
message naming the file (and line or field) and saying what to do; nothing is published, nothing
contributed is silently dropped. The table is the contract: add a row for every new way in.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree

from tests import mkdocs_fork
from tests.conftest import BUILD_ENV, FIXTURE_SITE, copy_fixture_site

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
  - {title: 来源, url: "https://example.org/source", accessed: 2026-11-01}
status: published
"""
SECONDS = 20  # each failing build stops in about half a second; this is the bound a test enforces
MEMORY = 2 * 1024 ** 3  # address space for the build: a YAML bomb or a huge string would exceed it


@dataclass(frozen=True)
class Case:
    change: Callable[[Path], None]  # breaks a copy of the fixture site
    message: tuple[str, ...]  # fragments the build's output must contain
    env: dict[str, str] = field(default_factory=dict)  # what a deploy sets


def unchanged(site: Path) -> None:
    """For cases that set only the environment."""


def replace_in(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(site: Path) -> None:
        path = site / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


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
    "full-width digits in a page's quotation": Case(page("{{ q('一共记了１２页', 'ledger') }}"),
                                                     ("evil.md", "FULLWIDTH DIGIT ONE", "a look-alike of '1'")),
    "look-alike in a figure's wording": Case(replace_in("data/figures.yml", "一共记了12页", "⼀共记了12页"),
                                             ("figures.yml", "figure 'pages'", "KANGXI RADICAL ONE")),
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
    # Script through titles: Material writes titles unescaped into every page's navigation.
    "script in a front-matter title": Case(write("docs/evil.md", '---\ntitle: "RT</title><script>alert(1)</script>"\n'
                                                                 '---\n\n# Evil { #evil }\n'),
                                           ("docs/evil.md:2", "front matter's title holds '<'", "without < >")),
    "script in a heading": Case(write("docs/evil.md", "# RT</title><script>alert(1)</script> { #evil }\n"),
                                ("docs/evil.md:1", "heading '#' holds '<'")),
    "entity in a heading": Case(write("docs/evil.md", "# Evil { #evil }\n\n## A &lt;b&gt; { #b }\n"),
                                ("docs/evil.md:3", "holds '&lt;'")),
    "script in a chapter title": Case(replace_in("data/article.yml", 'title: {zh: "账本"',
                                                 'title: {zh: "账本</title><script>alert(1)</script>"'),
                                      ("article.yml", "holds markup", "plain text")),
    "markup in the site's title": Case(replace_in("data/site.yml", 'title: {zh: "示例"',
                                                  'title: {zh: "示例<img src=x>"'), ("site.yml", "holds markup")),
    "script in SITE_BASE_URL": Case(unchanged, ("SITE_BASE_URL", "holds '\"'", "unset it"),
                                    {"SITE_BASE_URL": 'https://x.example/"><script>alert(1)</script>/'}),
    "100 KB SITE_BASE_URL": Case(unchanged, ("SITE_BASE_URL", "characters long, over 200"),
                                 {"SITE_BASE_URL": "https://x.example/" + "a" * 100_000}),
    "http SITE_BASE_URL": Case(unchanged, ("SITE_BASE_URL", "is not an https address"),
                               {"SITE_BASE_URL": "http://x.example/"}),
    "ampersand in SITE_BASE_URL": Case(unchanged, ("SITE_BASE_URL", "holds a character a site's address"),
                                       {"SITE_BASE_URL": "https://x.example/r&d/"}),
    "broken host in SITE_BASE_URL": Case(unchanged, ("SITE_BASE_URL", "Invalid IPv6 URL"),
                                         {"SITE_BASE_URL": "https://[evil.example/"}),
    "script in GITHUB_SERVER_URL": Case(unchanged, ("GITHUB_SERVER_URL", "is not an https address"),
                                        {"SITE_BASE_URL": "https://o.github.io/n/",
                                         "GITHUB_SERVER_URL": "javascript:alert(1)//"}),
    "quote in GITHUB_REPOSITORY": Case(unchanged, ("GITHUB_REPOSITORY", "is not owner/name"),
                                       {"SITE_BASE_URL": "https://o.github.io/n/", "GITHUB_REPOSITORY": 'o/n"><b'}),
    # Raw HTML that acts by itself
    "meta refresh in a page": Case(page('<meta http-equiv="refresh" content="0; url=https://evil.example/">'),
                                   ("docs/evil.md:3", "the tag <meta>", "remove it")),
    "script in a page": Case(page("<script>alert(1)</script>"), ("docs/evil.md:3", "the tag <script>")),
    "iframe in a page": Case(page('<iframe src="https://evil.example/"></iframe>'), ("docs/evil.md:3", "<iframe>")),
    "base in a page": Case(page('<base href="https://evil.example/">'), ("docs/evil.md:3", "the tag <base>")),
    "event handler in a page": Case(page('<img src="x.png"\n     onerror="alert(1)">'),
                                    ("docs/evil.md:4", "an event handler (onerror=)")),
    "javascript link in a page": Case(page("[click](javascript:alert(1))"), ("docs/evil.md:3", "'javascript:' link")),
    "javascript href in a page": Case(page('<a href=" javascript:alert(1)">x</a>'),
                                      ("docs/evil.md:3", "'javascript:' link")),
    # Data files: every address is http(s), read with a real parser
    "javascript: as the repost's address": Case(replace_in("data/article.yml", '"https://example.org/article"',
                                                           '"javascript:alert(1)"'),
                                                ("article.yml", "repost.url", "is not an http(s) address")),
    "a refresh as the list separator": Case(replace_in("data/phrases.yml", 'list_join: "、"',
                                                      'list_join: "<meta http-equiv=refresh content=0;url=https://e.example/>"'),
                                           ("data/phrases.yml:", "zh.list_join holds '<'", "never as markup")),
    "an entity in a phrase": Case(replace_in("data/phrases.yml", 'dash: " — "', 'dash: " &mdash; "'),
                                  ("data/phrases.yml:", "en.dash holds '&mdash;'")),
    "broken licence address": Case(replace_in("data/site.yml", '"https://creativecommons.org/licenses/by/4.0/"',
                                              '"https://[cc.example/"'),
                                   ("site.yml", "Invalid IPv6 URL")),
    # Messages that lead the contributor to the right fix
    "a quote from another chapter": Case(
        lambda site: (write("docs/chapters/home.md", "---\nsection: opening\n---\n\n# 示例 { #home }\n\n"
                            "## 包子 { #buns }\n\n正文。\n")(site),
                      write("docs/chapters/home.en.md", "---\nsection: opening\n---\n\n# Example { #home }\n\n"
                            "## Buns { #buns }\n\nText.\n")(site),
                      annotation(GOOD_ANNOTATION.replace("kind: context", "quote: 去年卖出超过300个包子\n"
                                                         "prefix: 本店\nsuffix: \"，其中\"\nkind: context"))(site)),
        ("field 'target'", "is the article's words in chapter 'home', not in chapter 'ledger'",
         "set `target: {chapter: home, section: …}`", "(buns)")),
    "a value that is not the wording's number": Case(figure_value("299"),
                                                     ("figure 'buns'", "`value` 299 is not the number the wording "
                                                      "writes (300", "`not_as_written`")),
    # The changelog: its headings become the "what changed" page's headings and ids.
    "script in a changelog heading": Case(write("CHANGELOG.md", "## 0.0.5 <script>alert(7)</script>\n- x\n"),
                                          ("CHANGELOG.md:1", "neither '## Unreleased' nor a version", "###")),
    "changelog entry twice": Case(write("CHANGELOG.md", "## 0.1.0\n- a\n\n## [0.1.0]\n- b\n"),
                                  ("CHANGELOG.md:4", "second entry")),
    "changelog as a link": Case(lambda site: (site / "CHANGELOG.md").symlink_to("/etc/passwd"),
                                ("CHANGELOG.md", "symbolic link")),
    # A page's description and title go into its <head> and its link-preview card.
    "markup in a page's description": Case(write("docs/evil.md", '---\ndescription: "<script>x</script>"\n---\n\n'
                                                  "# Evil { #evil }\n"),
                                            ("docs/evil.md", "description holds '<'", "plain text")),
    "a description that is a list": Case(write("docs/evil.md", "---\ndescription: [a, b]\n---\n\n# Evil { #evil }\n"),
                                         ("docs/evil.md", "description is not text", "one sentence")),
    "a title the card's font cannot set": Case(
        lambda site: (replace_in("mkdocs.yml", "  - reading  #", "  - reading:\n      cards: true\n  #")(site),
                      write("docs/evil.md", "# 龘𠀀 { #evil }\n")(site)),
        ("evil.md", "font has no 龘 𠀀", "make card-font")),
    # The data's identity: what a fork changes, checked like the rest.
    "macros without the reading plugin": Case(replace_in("mkdocs.yml", "  - reading  #", "  # - reading  #"),
                                              ("mkdocs.yml", "add the `reading` plugin", "loads and checks")),
    "a site key with spaces": Case(replace_in("data/site.yml", "key: ledger-reading", 'key: "Ledger reading"'),
                                   ("site.yml", "key", "should match pattern")),
    "a citation format without a name": Case(
        replace_in("data/phrases.yml", 'apa: "APA 第7版", ', ""),
        ("phrases.yml", "zh.cite.format_names", "no name for the citation format apa")),
    "a printed page outside the site": Case(replace_in("data/site.yml", "[figures/, cite/", "[../../etc/, cite/"),
                                            ("site.yml", "printed_after_chapters", "should match pattern")),
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
    "quotation in Kangxi radicals": AnnotationCase(
        GOOD_ANNOTATION.replace("kind: context", "quote: ⼀共记了12页\nprefix: 账本，\nsuffix: 。\nkind: context"),
        ("field 'quote'", "U+2F00 KANGXI RADICAL ONE", "a look-alike of '一'")),
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
    "bad source url": AnnotationCase(GOOD_ANNOTATION.replace('"https://example.org/source"', '"javascript:alert(1)"'),
                                     ("field 'sources[0].url'", "is not an http(s) address")),
    "quoted date": AnnotationCase(GOOD_ANNOTATION.replace("date: 2026-11-01", 'date: "2026-11-01"'),
                                  ("field 'date'", "a date in quotes as text", "without quotes")),
    "status: yes": AnnotationCase(GOOD_ANNOTATION.replace("status: published", "status: yes"),
                                  ("field 'status'", "YAML 1.1 read the word as true")),
    "control character in a body": AnnotationCase(
        GOOD_ANNOTATION.replace("body: |\n  一条注释。", 'body: "一条\\x01注释"'),
        ("{file}:5", "body", "control character U+0001")),
    "control character written as it is, after Chinese": AnnotationCase(
        GOOD_ANNOTATION.replace("一条注释。", "一条\x07注释。"), ("{file}:6", "U+0007", "no YAML file may hold")),
    "control character as a character reference": AnnotationCase(
        GOOD_ANNOTATION.replace("一条注释。", "一条&#x1b;[31m注释。"), ("{file}:5", "body", "renders as U+001B")),
    "right-to-left override in the author's name": AnnotationCase(
        GOOD_ANNOTATION.replace("name: 测试者", "name: \"测试\u202e者\""), ("author.name", "U+202E", "reorders")),
    "right-to-left override in a claim": AnnotationCase(
        GOOD_ANNOTATION.replace("kind: context", "kind: fact-check\nclaim: \"说\u2067法\"\nverdict: unverifiable"),
        ("claim", "U+2067", "reorders")),
    "a figure listed 3,000 times": AnnotationCase(
        GOOD_ANNOTATION.replace("status: published", "status: published\nbasis: [arithmetic]\nfigures: ["
                                + ", ".join(["buns"] * 3000) + "]"), ("figures", "at most 12")),
    "an empty claim": AnnotationCase(GOOD_ANNOTATION.replace("kind: context",
                                                             'kind: fact-check\nclaim: ""\nverdict: unverifiable'),
                                     ("{file}:4", "field 'claim'", "at least 1 character")),
    "a figure listed twice": AnnotationCase(
        GOOD_ANNOTATION.replace("status: published", "status: published\nbasis: [arithmetic]\nfigures: [buns, buns]"),
        ("lists 'buns' more than once",)),
    "source address with a broken host": AnnotationCase(
        GOOD_ANNOTATION.replace('"https://example.org/source"', '"https://[evil.example/"'),
        ("field 'sources[0].url'", "Invalid IPv6 URL")),
    "a section id in Chinese": AnnotationCase(GOOD_ANNOTATION.replace("section: pages", "section: 页数"),
                                              ("chapter 'ledger' has no section '页数'", "its ids: other, pages")),
    "a line indented one space too far": AnnotationCase(GOOD_ANNOTATION.replace("kind: context", " kind: context"),
                                                        ("not valid YAML", "probably indentation",
                                                         "' kind: context'")),
    "the template left as it is": AnnotationCase(
        GOOD_ANNOTATION.replace("一条注释。", "在这里用 Markdown 写注释，用你自己的话。")
        .replace("name: 测试者", "name: 你的名字").replace('"https://example.org/source"', '"https://example.org/"'),
        ("field 'body': still holds the template's placeholder", "field 'author.name': still holds",
         "the template's example address https://example.org/")),
    "look-alike letter in id": AnnotationCase(GOOD_ANNOTATION.replace("id: hostile-case", "id: hostile-cаse"),
                                              ("field 'id'", "U+0430", "CYRILLIC SMALL LETTER A")),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_input_stops_the_build_with_a_clear_message(tmp_path: Path, case: Case):
    site = copy_fixture_site(tmp_path)
    case.change(site)
    out = tmp_path / "out"
    started = time.monotonic()
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env={**BUILD_ENV, **case.env},
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
    report = "".join(part for part in re.split(r"(?=data/annotations/2026-11-05-)", output) if file in part)
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


def test_changelogs_saved_with_windows_line_endings_build(tmp_path: Path):
    site = copy_fixture_site(tmp_path)
    for name, notes in (("CHANGELOG.md", "- first"), ("CHANGELOG.zh.md", "- 第一版")):
        (site / name).write_bytes(f"# Changelog\r\n\r\n## Unreleased\r\n\r\n{notes}\r\n".encode("utf-8"))
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=site, env=BUILD_ENV,
                           timeout=120)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]


def test_every_page_carries_a_content_security_policy(built_site):
    """Each page's policy allows its inline scripts, and each of those is one of the theme's: nothing the
    site writes itself is blocked, and nothing else would run."""
    from macros.rendering.csp import inline_script_hashes, theme_script
    from tests.htmltools import html_files
    inline = re.compile(r"<script>(.*?)</script>", re.DOTALL)
    for path in html_files(built_site.site_dir) + [built_site.site_dir / "404.html"]:
        text = path.read_text(encoding="utf-8")
        policy = text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert all(h in script_src for h in inline_script_hashes(text)), path  # each inline script allowed
        assert all(theme_script(body) for body in inline.findall(text)), path
        assert text.index("Content-Security-Policy") < text.index("<script"), path  # before any script


# --- git history: once a commit is on main it stays, so nothing in it may break a later build --------------

GOOD_DAY = "2025-12-01T10:00:00+00:00"  # before the tests' build day (tests/conftest.py: BUILD_EPOCH)
CHANGES_PAGE = "# 更新记录 { #changes }\n\n{{ changes() }}\n"
FIGURES = Path("data/figures.yml")
FIXTURE_FIGURES = FIXTURE_SITE / FIGURES


@dataclass(frozen=True)
class Step:
    """One commit on top of the fixture site: what it changes, when it says it was made, a tag on it."""

    change: Callable[[Path], None] = unchanged
    date: str = GOOD_DAY
    tag: str | None = None


@dataclass(frozen=True)
class HistoryCase:
    steps: tuple[Step, ...]
    warning: tuple[str, ...]  # fragments of the build's warning ("{commit}": the last commit's short id)
    absent: tuple[str, ...] = ()  # what no page, feed or download may then hold
    page_says: str | None = None  # what the "what changed" page (zh) shows instead


def git(site: Path, *args: str, date: str = GOOD_DAY) -> str:
    env = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=site, env=env,
                          check=True, capture_output=True, text=True).stdout.strip()


def with_history(site: Path, steps: tuple[Step, ...]) -> str:
    """The fixture site as a repository: its first commit, then `steps`; the last commit's id."""
    write("docs/changes.md", CHANGES_PAGE)(site)
    write("docs/changes.en.md", CHANGES_PAGE.replace("更新记录", "What changed"))(site)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "the fixture site")
    for n, step in enumerate(steps):
        step.change(site)
        git(site, "add", "-A")
        git(site, "commit", "-q", "--allow-empty", "-m", f"step {n}", date=step.date)
        if step.tag:
            git(site, "tag", "-a", step.tag, "-m", step.tag, date=step.date)
    return git(site, "rev-parse", "--short=12", "HEAD")


RELEASED = Step(tag="v0.0.1")
HISTORY_CASES: dict[str, HistoryCase] = {
    "a commit dated in the year 10000": HistoryCase(
        (Step(write("docs/index.md", "# 首页 { #home }\n\n改过。\n"), date="@253402300800 +0000"),),
        ("commit {commit}", "its date '10000-01-01", "cannot be read")),
    "a commit dated 2099": HistoryCase(
        (Step(write("docs/index.md", "# 首页 { #home }\n\n改过。\n"), date="2099-01-01T00:00:00+00:00"),),
        ("commit {commit}", "is dated 2099-01-01, after today"), absent=("2099",)),
    "value: yes after the first release": HistoryCase(
        (RELEASED, Step(replace_in(FIGURES.as_posix(), "value: 300", "value: yes")),
         Step(replace_in(FIGURES.as_posix(), "value: yes", "value: 300"))),
        ("figure 'buns' has value 'True'", "cannot be compared")),
    "value: .inf in a release": HistoryCase(
        (Step(replace_in(FIGURES.as_posix(), "value: 300", "value: .inf"), tag="v0.0.1"),
         Step(replace_in(FIGURES.as_posix(), "value: .inf", "value: 300"))),
        ("figure 'buns' has value 'inf'", "cannot be compared"), page_says="数字没有比较"),
    "a list where words belong in a release": HistoryCase(
        (Step(replace_in(FIGURES.as_posix(), "relation: exact", "relation: [exact, more]"), tag="v0.0.1"),
         Step(replace_in(FIGURES.as_posix(), "relation: [exact, more]", "relation: exact"))),
        ("figure 'pages' has relation \"['exact', 'more']\"", "cannot be compared"), page_says="数字没有比较"),
    "a release whose figures are not YAML": HistoryCase(
        (Step(write(FIGURES, "figures: [unclosed\n"), tag="v0.0.1"),
         Step(lambda site: shutil.copy(FIXTURE_FIGURES, site / FIGURES))),
        (), page_says="数字没有比较"),
    "a tag dated 2099": HistoryCase(
        (Step(tag="v0.0.1", date="2099-01-01T00:00:00+00:00"),),
        ("(tag v0.0.1)", "is dated 2099-01-01, after today", "leaves this one out"), absent=("2099",)),
}


@pytest.mark.parametrize("case", HISTORY_CASES.values(), ids=HISTORY_CASES.keys())
def test_odd_history_is_worked_around_with_a_warning_naming_the_commit(tmp_path: Path, case: HistoryCase):
    site = copy_fixture_site(tmp_path)
    commit = with_history(site, case.steps)
    out = tmp_path / "out"
    proc = mkdocs_fork.run(["build", "--strict", "--site-dir", str(out)], cwd=site, env=BUILD_ENV,
                           timeout=SECONDS * 3, memory=MEMORY)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Traceback" not in output, output[-3000:]
    for fragment in case.warning:
        assert fragment.replace("{commit}", commit) in output, output[-3000:]
    for path in out.rglob("*"):
        if path.suffix in {".html", ".xml", ".bib", ".ris", ".json", ".jsonld"}:
            text = path.read_text(encoding="utf-8")
            assert not [word for word in case.absent if word in text], path
            if path.suffix == ".xml":
                etree.parse(str(path))  # the feed and the sitemap stay well-formed
    if case.page_says:
        assert case.page_says in (out / "changes" / "index.html").read_text(encoding="utf-8")
