"""Write CITATION.cff from data/site.yml, data/article.yml and CHANGELOG.md."""

from __future__ import annotations

from pathlib import Path

from macros.citing.cff import citation_cff, release_day
from macros.model.changelog import parse_changelog
from macros.model.project import load_project
from macros.model.safefiles import read_text

ROOT = Path(__file__).resolve().parent.parent


def written(root: Path) -> str:
    """What CITATION.cff holds for the project at `root`."""
    project = load_project(root)
    return citation_cff(project, release_day(project, parse_changelog(read_text(root / "CHANGELOG.md"))))


if __name__ == "__main__":
    (ROOT / "CITATION.cff").write_text(written(ROOT), encoding="utf-8")
    print("wrote CITATION.cff")
