"""Write CITATION.cff from data/site.yml and data/article.yml."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.cff import citation_cff  # noqa: E402 - needs the sys.path line above
from macros.project import load_project  # noqa: E402 - needs the sys.path line above

if __name__ == "__main__":
    (ROOT / "CITATION.cff").write_text(citation_cff(load_project(ROOT)), encoding="utf-8")
    print("wrote CITATION.cff")
