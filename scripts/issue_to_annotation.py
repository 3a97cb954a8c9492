"""Turn an issue filed with the "suggest an annotation" form into an annotation file, for a maintainer.

    gh issue view 12 --json number,body,author,createdAt > issue.json
    make annotation-from-issue ISSUE=issue.json

The issue is read the way GitHub writes a submitted form: a `### <label>` line per field, then its value
(`_No response_` when left empty); the labels and options come from .github/ISSUE_TEMPLATE/annotation.yml
itself. What the reader wrote is data: it goes into the file through the YAML writer, never as YAML or
template text. The file is then checked by the same checker as `make test`, and what is still missing
(a fact-check's claim and verdict, a quote's prefix and suffix, a source's title) is printed with its fix.
Annotations are published by pull request only: review the file, then open one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

import macros.model.annotations as contributed
from macros.model.errors import DataError
from macros.model.project import load_project

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "annotation.yml"
NO_RESPONSE = "_No response_"
OPTION_VALUE = re.compile(r"·\s*([a-z-]+)\s*$")  # "背景 · context" -> context
BASIS_WORDS = {"原文": "article", "article": "article", "计算": "arithmetic", "arithmetic": "arithmetic"}


class IssueError(Exception):
    """The issue cannot be turned into a file: what is wrong, and what to do."""


@dataclass(frozen=True)
class Issue:
    number: int
    login: str
    created: date
    fields: dict[str, str | None]  # form field id -> what the reader entered (None: left empty)


def form_labels(form: Path = FORM) -> dict[str, str]:
    """The form's field labels -> their ids (what a submitted issue's `###` headings are)."""
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    return {item["attributes"]["label"]: item["id"] for item in data["body"] if "id" in item}


def read_issue(raw: str, form: Path = FORM) -> Issue:
    """An issue as `gh issue view --json number,body,author,createdAt` gives it."""
    try:
        data = json.loads(raw)
        body, number, login = data["body"], int(data["number"]), data["author"]["login"]
        created = datetime.fromisoformat(data["createdAt"].replace("Z", "+00:00")).date()
    except (ValueError, KeyError, TypeError) as error:
        raise IssueError(f"not the JSON of `gh issue view N --json number,body,author,createdAt` ({error})") from None
    labels = form_labels(form)
    fields: dict[str, str | None] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n") + ["### "]:
        if line.startswith("### "):
            if current is not None:
                value = "\n".join(lines).strip()
                fields[current] = None if value in ("", NO_RESPONSE) else value
            label = line[4:].strip()
            current = labels.get(label)
            if current is None and label:
                raise IssueError(f"issue #{number}: the heading '### {label}' is not a field of {FORM.name}: was it "
                                 "filed with the annotation form, and edited since?")
            lines = []
        else:
            lines.append(line)
    missing = [name for name in ("section", "kind", "language", "body") if not fields.get(name)]
    if missing:
        raise IssueError(f"issue #{number}: no {', '.join(missing)}: ask the reader in the issue, or fill them in "
                         "the file by hand")
    return Issue(number, login, created, fields)


def option(value: str, field: str, number: int) -> str:
    found = OPTION_VALUE.search(value)
    if found is None:
        raise IssueError(f"issue #{number}: field '{field}' holds '{value[:40]}', not one of the form's options")
    return found.group(1)


def annotation_of(issue: Issue, chapters: dict[str, set[str]]) -> tuple[str, dict[str, Any], list[str]]:
    """The file's name, its fields, and the lines of "what it rests on" that are neither an address nor
    the article or the site's arithmetic (for the maintainer: nothing the reader wrote is dropped unsaid)."""
    fields = issue.fields
    where = (fields["section"] or "").strip().lstrip("/")
    chapter, _, section = where.partition("#")
    if chapter not in chapters:
        raise IssueError(f"issue #{issue.number}: section '{where[:60]}' names no chapter "
                         f"(known: {', '.join(sorted(chapters))}); write it as chapter#section")
    if section not in chapters[chapter]:
        raise IssueError(f"issue #{issue.number}: chapter '{chapter}' has no section '{section[:40]}' "
                         f"(its ids: {', '.join(sorted(chapters[chapter]))})")
    data: dict[str, Any] = {"id": f"{chapter}-{section}-issue{issue.number}",
                            "target": {"chapter": chapter, "section": section},
                            "kind": option(fields["kind"] or "", "kind", issue.number),
                            "language": option(fields["language"] or "", "language", issue.number)}
    if fields.get("quote"):
        data["quote"] = fields["quote"]
    if data["kind"] == "fact-check":
        data.update(claim="", verdict="unverifiable")  # for the maintainer to write from the body
    data["body"] = (fields["body"] or "").strip() + "\n"
    data["author"] = {"name": (fields.get("name") or issue.login).strip(), "github": issue.login}
    data["date"] = issue.created
    sources, basis, unread = [], [], []
    for line in (fields.get("sources") or "").splitlines():
        line = line.strip().lstrip("-* ").strip()
        if BASIS_WORDS.get(line.lower()):
            basis.append(BASIS_WORDS[line.lower()])
        elif line.startswith(("http://", "https://")) and " " not in line:
            sources.append({"title": urlsplit(line).hostname or line, "url": line, "accessed": issue.created})
        elif line:
            unread.append(line)
    if basis:
        data["basis"] = sorted(set(basis))
    if sources:
        data["sources"] = sources
    data["status"] = "published"
    return f"{issue.created.isoformat()}-{chapter}-{section}-issue{issue.number}.yml", data, unread


def todo(data: dict[str, Any], unread: list[str]) -> list[str]:
    """What the form cannot ask for, which the maintainer writes from the issue."""
    left = [f"the issue's \"what it rests on\" says {line[:80]!r}: neither an address nor 原文/计算; make it a "
            "source or a basis, or ask the reader" for line in unread]
    if data["kind"] == "fact-check":
        left.append("`claim`: the claim the annotation checks, from its text; `verdict`: accurate, inaccurate, "
                    "misleading or unverifiable (or `checks`: the id of one of the article's own sums)")
    if "quote" in data:
        left.append("`prefix` and `suffix`: the 1 to 8 characters just before and after the quote in the article "
                    "(the checker holds them against the article), or remove the quote")
    if data.get("sources"):
        left.append("each source's `title`: the page's own title (now its host name)")
    if not data.get("sources") and not data.get("basis"):
        left.append("what it rests on: `sources`, or `basis: [article]` / `basis: [arithmetic]` with `figures`")
    return left


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the checker refuses aliases: a date used twice is written twice


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None  # a body as a block, as contributors write it
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def file_text(issue: Issue, data: dict[str, Any]) -> str:
    header = (f"# yaml-language-server: $schema=./schema.json\n"
              f"# From issue #{issue.number} by @{issue.login}: check what it rests on, the sources' titles and,\n"
              f"# with a quote, its prefix and suffix; then open a pull request.\n")
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def check(path: Path, project: Any, index: contributed.ChapterIndex) -> list[str]:
    """What the checker of `make test` says of the file alone (nothing: it is ready for review)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        try:
            contributed.load_all(Path(folder), index, project.fingerprint, date.today(), contributed.known(project))
        except DataError as error:
            return [line.replace(str(error.file), path.name) for line in str(error).splitlines()]
    return []


def main(argv: list[str] | None = None, root: Path = ROOT, into: Path | None = None) -> int:
    """`into`: the folder the file goes in (data/annotations/; the tests give another)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("issue", type=Path, help="the JSON of `gh issue view N --json number,body,author,createdAt`")
    args = parser.parse_args(argv)
    project = load_project(root)
    index = contributed.chapter_index(project.article.sections, root / "docs")
    chapters = {slug: ids for slug, (_, ids) in index.chapters.items()}
    try:
        issue = read_issue(args.issue.read_text(encoding="utf-8"))
        name, data, unread = annotation_of(issue, chapters)
    except (IssueError, OSError, UnicodeDecodeError) as error:
        print(f"{args.issue}: {error}", file=sys.stderr)
        return 2
    path = (into or root / "data" / "annotations") / name
    if path.exists():
        print(f"{path} exists already: issue #{issue.number} was turned into a file before", file=sys.stderr)
        return 2
    path.write_text(file_text(issue, data), encoding="utf-8")
    left = todo(data, unread) + check(path, project, index)
    print(f"wrote {path} from issue #{issue.number}")
    if left:
        print("still to do before the pull request:\n" + "\n".join(f"  {line}" for line in left))
        return 1
    print("it passes the checker: review it, run `make test` and open a pull request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
