"""What a pull request does to the site, for the job summary of the workflow ($GITHUB_STEP_SUMMARY).

    python -m scripts.pr_summary BASE_REF      (e.g. origin/main; prints Markdown)

It compares this working tree with BASE_REF, checked out into a temporary worktree: every added or
changed annotation file with the checker's verdict and, when it passes, the annotation as the site will
show it (its section, kind, the article's words it points at, its body, what it rests on); every figure
whose value, as the site words it, changed (old -> new). A contributor's body goes through the site's
own renderer (sanitised HTML), never in as it was written.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from datetime import timedelta
from html import escape
from pathlib import Path

import macros.model.annotations as contributed  # not `annotations`: the __future__ feature's name
from macros.words import figureview
from macros.citing.citations import versioned_url
from macros.model.errors import DataError, DataErrors
from macros.model.gitdates import build_date
from macros.model.paths import ANNOTATIONS_PAGE
from macros.model.project import Edition, Project, load_project

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh", "en")


def _annotation_files(root: Path) -> dict[str, bytes]:
    folder = root / "data" / "annotations"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}


def _values(project: Project) -> dict[str, tuple[str, ...]]:
    return {fid: tuple(figureview.display(Edition(project, locale), fig) for locale in LOCALES)
            for fid, fig in project.figures.figures.items()}


def _checked(head: Path, project: Project, index: contributed.ChapterIndex
             ) -> tuple[dict[str, contributed.Annotation], dict[str, list[str]]]:
    """The annotations of `head` that pass, by file name; the problems of the others, by file name."""
    folder = head / "data" / "annotations"

    def check(where: Path) -> contributed.Loaded:
        return contributed.load_all(where, index, project.fingerprint, build_date() + timedelta(days=1),
                                    contributed.known(project))

    try:
        loaded = check(folder)
    except DataErrors as errors:
        problems: dict[str, list[str]] = {}
        for error in errors.errors:
            problems.setdefault(Path(error.file).name, []).append(str(error))
        passed: dict[str, contributed.Annotation] = {}
        for path in sorted(folder.glob("*.yml")):  # the others, one at a time, each with its own verdict
            if path.name not in problems:
                with tempfile.TemporaryDirectory() as alone:
                    (Path(alone) / path.name).write_bytes(path.read_bytes())
                    passed[path.name] = check(Path(alone))[0]
        return passed, problems
    return {loaded.files[a.id].name: a for a in loaded}, {}


# --- contributed text, made inert for GitHub's Markdown (cmark-gfm, then its mention filter) ---------

_NO_MENTION = "@\u2060"  # a word joiner after @: "@name" is no longer a mention, and reads the same


def _inert(text: str) -> str:
    """Contributed text inside an HTML block: escaped, on one line (a blank line would end the block and
    let what follows be read as Markdown), and no @mention."""
    return escape(" ".join(text.split("\n"))).replace("@", _NO_MENTION)


def _inert_html(rendered: str) -> str:
    """A body rendered by the site (sanitised HTML) inside an HTML block: on one line, its links shown as
    their text and address in code (a link is the site's to make, not a summary's), no @mention in text."""
    html = _LINK.sub(lambda m: f"{m.group(2)} <code>{m.group(1)}</code>", rendered)
    parts = re.split(r"(<[^>]*>)", html)
    return "".join(part if part.startswith("<") else part.replace("@", _NO_MENTION) for part in parts
                   ).replace("\n", "&#10;")


_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def _cell(text: str) -> str:
    """Contributed text in a Markdown table cell: every ASCII punctuation mark escaped, so nothing in it is
    a link, an image, emphasis, HTML or a new cell."""
    out = []
    for char in " ".join(text.split("\n")):
        if char in "<>&\"|":
            out.append({"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "|": "&#124;"}[char])
        elif char == "@":
            out.append(_NO_MENTION)
        elif char.isascii() and not char.isalnum() and not char.isspace():
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _code(text: str) -> str:
    """Contributed text as a Markdown code span, fenced by more backticks than it holds."""
    flat = re.sub(r"[\x00-\x1f\x7f]", "\ufffd", text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""  # CommonMark strips one space each side
    return f"{fence}{pad}{flat}{pad}{fence}"


def _fenced(lines: list[str]) -> list[str]:
    """Lines in a fenced code block whose fence no line can close."""
    body = "\n".join(lines)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return [fence, *lines, fence]


def _shown(annotation: contributed.Annotation, project: Project, index: contributed.ChapterIndex) -> str:
    """An annotation as a reader will meet it, in one HTML block a job summary renders: who wrote it (a
    claim to be the team flagged), its id and permalink, its section by the chapter's title and the
    section's heading, kind, the article's words, body and each translation, what it rests on."""
    target = annotation.target
    section = next((s for s in project.article.sections if s.chapter == target.chapter), None)
    chapter = section.title("zh") if section and section.title else target.chapter
    heading = index.headings.get(target.chapter, {}).get("zh", {}).get(target.section, "")
    author = annotation.author
    if author.team:
        who = "<b>⚠ team: true</b>: shown under the collective's name; a maintainer confirms the author is on the team"
    else:
        who = f"{_inert(author.name or '')} (GitHub <code>{_inert(author.github or '')}</code>)"
    permalink = versioned_url(Edition(project, "zh"), ANNOTATIONS_PAGE, annotation.anchor)
    lines = [f"<p><b>{_inert(annotation.kind)}</b> · {_inert(chapter)} § {_inert(heading)} "
             f"(<code>{_inert(target.section)}</code>) · {_inert(annotation.language)} · "
             f"{_inert(annotation.date.isoformat())}</p>",
             f"<p>By {who} · id <code>{_inert(annotation.id)}</code> · permalink <code>{_inert(permalink)}</code></p>"]
    if annotation.quote:
        lines.append(f"<p>“{_inert(annotation.quote)}”</p>")
    for language in (annotation.language, *annotation.translations):
        _, text = annotation.text_for(language)
        label = "" if language == annotation.language else f"<p><i>Translation ({_inert(language)})</i></p>"
        if text.claim:
            verdict = (f"{project.figures[annotation.checks].verdict} ({annotation.checks})" if annotation.checks
                       else annotation.verdict or "")
            label += f"<p>{_inert(text.claim)} → <b>{_inert(verdict)}</b></p>"
        lines.append(f"{label}<blockquote>{_inert_html(str(contributed.render_body(text.body)))}</blockquote>")
    grounds = [_inert(b) for b in annotation.basis] + [
        f"{_inert(s.title)} <code>{_inert(s.url)}</code> ({_inert(s.accessed.isoformat())})"
        for s in annotation.sources]
    if annotation.figures:
        grounds.append("figures: " + ", ".join(f"<code>{_inert(f)}</code>" for f in annotation.figures))
    lines.append(f"<p>Rests on: {'; '.join(grounds)}</p>")
    return "\n".join(lines)


def _wording(project: Project, figure_id: str) -> str:
    fig = project.figures.figures.get(figure_id)
    wording = getattr(fig.spec, "wording", None) if fig else None
    return _cell(f"“{wording}”") if wording else "—"


def summarise(base: Path, head: Path) -> str:
    """The Markdown summary of what changes from the site at `base` to the site at `head`."""
    out = ["## What this pull request changes on the site", "",
           "This summary shows text contributed in the pull request, as plain text: nothing in it is a link, "
           "an image or a mention. It is made by the pull request's own `scripts/`, so a change to them "
           "changes it too (CONTRIBUTING.md).", ""]
    try:
        project = load_project(head)
    except DataError as error:
        return "\n".join(out + ["The data does not load, so nothing can be built:", "",
                                *_fenced(str(error).split("\n")), ""])
    before, after = _annotation_files(base), _annotation_files(head)
    touched = [name for name in after if before.get(name) != after[name]]
    removed = [name for name in before if name not in after]
    index = contributed.chapter_index(project.article.sections, head / "docs")  # what annotations may target
    passed, problems = _checked(head, project, index) if touched else ({}, {})
    out += ["### Annotations", ""]
    if not touched and not removed:
        out += ["No annotation file added or changed.", ""]
    for name in touched:
        status = "added" if name not in before else "changed"
        if name in problems:
            out += [f"#### ✗ {_code(name)} ({status}): the checker refuses it", "", *_fenced(problems[name]), ""]
        elif name in passed:
            out += [f"#### ✓ {_code(name)} ({status}): passes the checker", "", _shown(passed[name], project, index),
                    ""]
    for name in removed:
        out += [f"#### {_code(name)} (removed): its permalink would break; withdraw it instead (CONTRIBUTING.md)", ""]
    out += ["### Figures", ""]
    try:
        old = _values(load_project(base))
    except DataError:
        old = {}
    new = _values(project)
    changed = [fid for fid in new if old.get(fid) != new[fid]]
    if not changed:
        out += ["No figure's value changed.", ""]
    else:
        out += ["| figure | the article's words | before (zh / en) | after (zh / en) |", "| --- | --- | --- | --- |"]
        for fid in changed:
            was = " / ".join(old[fid]) if fid in old else "(new)"
            out.append(f"| {_code(fid)} | {_wording(project, fid)} | {_cell(was)} | {_cell(' / '.join(new[fid]))} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="pr-base-") as folder:
        base = Path(folder) / "base"
        added = subprocess.run(["git", "worktree", "add", "--detach", str(base), argv[1]], cwd=ROOT,
                               capture_output=True, text=True)
        if added.returncode != 0:
            print(f"cannot check out {argv[1]}: {added.stderr.strip()}", file=sys.stderr)
            return 2
        try:
            print(summarise(base, ROOT))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
