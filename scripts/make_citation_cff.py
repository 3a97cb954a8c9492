"""Write CITATION.cff from data/site.yml and data/article.yml."""

from __future__ import annotations

from pathlib import Path

from macros.cff import citation_cff
from macros.project import load_project

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    (ROOT / "CITATION.cff").write_text(citation_cff(load_project(ROOT)), encoding="utf-8")
    print("wrote CITATION.cff")
