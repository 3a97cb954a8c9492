"""Make data/fingerprint.json from a local copy of the article (which the repository never carries).

Usage: python -m scripts.make_fingerprint [PATH/TO/ARTICLE.txt]
Without a path, the copy data/article.yml's `local_copy` names (relative to the project).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.model.fingerprint import make
from macros.model.project import load_article

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    article = load_article(ROOT / "data" / "article.yml")
    given = argv[1] if len(argv) == 2 else (article.local_copy if len(argv) == 1 else None)
    if given is None:
        print(__doc__, file=sys.stderr)
        return 2
    source = ROOT / given  # an absolute path stays itself
    if not source.is_file():
        print(f"make_fingerprint: no article text at {source}; give its path (make fingerprint ARTICLE=path) "
              "or set local_copy in data/article.yml", file=sys.stderr)
        return 2
    fingerprint = make(source.read_text(encoding="utf-8"), article.sections)
    out = ROOT / "data" / "fingerprint.json"
    out.write_text(json.dumps(fingerprint, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sections: dict[str, list[str]] = fingerprint["sections"]  # type: ignore[assignment]  # make() builds this
    print(f"wrote {out.relative_to(ROOT)}: " + ", ".join(f"{sid} {len(hashes)}" for sid, hashes in sections.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
