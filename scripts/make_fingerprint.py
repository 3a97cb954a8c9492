"""Make data/fingerprint.json from a local copy of the article (which the repository never carries).

Usage: python -m scripts.make_fingerprint PATH/TO/ARTICLE.txt
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.model.fingerprint import make
from macros.model.project import load_article

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    article = load_article(ROOT / "data" / "article.yml")
    fingerprint = make(Path(argv[1]).read_text(encoding="utf-8"), article.sections)
    out = ROOT / "data" / "fingerprint.json"
    out.write_text(json.dumps(fingerprint, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sections: dict[str, list[str]] = fingerprint["sections"]  # type: ignore[assignment]  # make() builds this
    print(f"wrote {out.relative_to(ROOT)}: " + ", ".join(f"{sid} {len(hashes)}" for sid, hashes in sections.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
