"""Start a valid annotation file for one section: data/annotations/<date>-<chapter>-<section>.yml

Usage: python -m scripts.new_annotation CHAPTER SECTION [LANGUAGE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.model.annotations import chapter_index, scaffold
from macros.model.gitdates import build_date
from macros.model.project import load_article
from macros.model.schema import PhraseFile
from macros.model.validation import validate
from macros.model.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    chapter, section = argv[1], argv[2]
    language = argv[3] if len(argv) == 4 else "zh"
    if language not in ("zh", "en"):
        print(f"unknown language '{language}' (known: zh, en)", file=sys.stderr)
        return 2
    article = load_article(ROOT / "data" / "article.yml")
    index = chapter_index(article.sections, ROOT / "docs")
    if chapter not in index.chapters:
        print(f"unknown chapter '{chapter}' (known: {', '.join(sorted(index.chapters))})", file=sys.stderr)
        return 2
    if section not in index.chapters[chapter][1]:
        print(f"chapter '{chapter}' has no section '{section}' "
              f"(its ids: {', '.join(sorted(index.chapters[chapter][1]))})", file=sys.stderr)
        return 2
    today = build_date()
    path = ROOT / "data" / "annotations" / f"{today.isoformat()}-{chapter}-{section}.yml"
    if path.exists():
        print(f"{path.relative_to(ROOT)} exists already", file=sys.stderr)
        return 2
    words = validate(load_yaml(ROOT / "data" / "phrases.yml"), PhraseFile).of(language).annotations.template
    heading = index.headings.get(chapter, {}).get(language, {}).get(section, "")
    path.write_text(scaffold(f"{chapter}-{section}-{today:%Y%m%d}", chapter, section, today, language, words, heading),
                    encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: fill in body, author and sources, then run `make test`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
