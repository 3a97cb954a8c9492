"""What a pull request does to the site, for the job summary of the workflow ($GITHUB_STEP_SUMMARY).

    python -m scripts.pr_summary BASE_REF      (e.g. origin/main; prints Markdown)

It compares this working tree with BASE_REF, checked out into a temporary worktree: every added or
changed annotation file with the checker's verdict and, when it passes, the annotation as the site will
show it (its section, kind, the article's words it points at, its body, what it rests on); every figure
whose value, as the site words it, changed (old -> new). A contributor's body goes through the site's
own renderer (sanitised HTML), never in as it was written.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import timedelta
from html import escape
from pathlib import Path

import macros.annotations as contributed  # not `annotations`: the __future__ feature's name
from macros import figureview
from macros.errors import DataError, DataErrors
from macros.gitdates import build_date
from macros.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh", "en")


def _annotation_files(root: Path) -> dict[str, bytes]:
    folder = root / "data" / "annotations"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}


def _values(project: Project) -> dict[str, tuple[str, ...]]:
    return {fid: tuple(figureview.display(project, fig, locale) for locale in LOCALES)
            for fid, fig in project.figures.figures.items()}


def _checked(head: Path, project: Project, index: contributed.ChapterIndex
             ) -> tuple[dict[str, contributed.Annotation], dict[str, list[str]]]:
    """The annotations of `head` that pass, by file name; the problems of the others, by file name."""
    folder = head / "data" / "annotations"

    def check(where: Path) -> contributed.Loaded:
        return contributed.load_all(where, index, project.fingerprint, build_date() + timedelta(days=1),
                                    frozenset(project.figures.figures), project.figures.claim_ids)

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


def _shown(annotation: contributed.Annotation, project: Project, index: contributed.ChapterIndex) -> str:
    """An annotation as a reader will meet it, in HTML a job summary renders: its section by the chapter's
    title and the section's heading (and id), kind, the article's words, body and what it rests on."""
    target = annotation.target
    section = next((s for s in project.article.sections if s.chapter == target.chapter), None)
    chapter = section.title("zh") if section and section.title else target.chapter
    heading = index.headings.get(target.chapter, {}).get("zh", {}).get(target.section, "")
    language, text = annotation.text_for(annotation.language)
    lines = [f"<p><b>{escape(annotation.kind)}</b> · {escape(chapter)} § {escape(heading)} "
             f"(<code>{escape(target.section)}</code>) · {escape(language)} · "
             f"{escape(annotation.date.isoformat())}</p>"]
    if annotation.quote:
        lines.append(f"<p>“{escape(annotation.quote)}”</p>")
    if text.claim:
        verdict = (f"{project.figures[annotation.checks].verdict} ({annotation.checks})" if annotation.checks
                   else annotation.verdict or "")
        lines.append(f"<p>{escape(text.claim)} → <b>{escape(verdict)}</b></p>")
    lines.append(f"<blockquote>{contributed.render_body(text.body)}</blockquote>")
    grounds = [escape(b) for b in annotation.basis] + [
        f'<a href="{escape(s.url)}">{escape(s.title)}</a> ({escape(s.accessed.isoformat())})'
        for s in annotation.sources]
    if annotation.figures:
        grounds.append("figures: " + ", ".join(f"<code>{escape(f)}</code>" for f in annotation.figures))
    lines.append(f"<p>Rests on: {'; '.join(grounds)}</p>")
    return "\n".join(lines)


def summarise(base: Path, head: Path) -> str:
    """The Markdown summary of what changes from the site at `base` to the site at `head`."""
    out = ["## What this pull request changes on the site", ""]
    try:
        project = load_project(head)
    except DataError as error:
        return "\n".join(out + ["The data does not load, so nothing can be built:", "", "```", str(error), "```", ""])
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
            out += [f"#### ✗ `{name}` ({status}): the checker refuses it", "", "```"] + problems[name] + ["```", ""]
        elif name in passed:
            out += [f"#### ✓ `{name}` ({status}): passes the checker", "", _shown(passed[name], project, index), ""]
    for name in removed:
        out += [f"#### `{name}` (removed): its permalink would break; withdraw it instead (CONTRIBUTING.md)", ""]
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
        out += ["| figure | before (zh / en) | after (zh / en) |", "| --- | --- | --- |"]
        for fid in changed:
            was = " / ".join(old[fid]) if fid in old else "(new)"
            out.append(f"| `{fid}` | {escape(was)} | {escape(' / '.join(new[fid]))} |")
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
