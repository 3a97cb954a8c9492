"""Lint (or, with --fix, correct) the punctuation of every Chinese source: GB/T 15834-2011.

Chinese sources: docs/**/*.md (of the English twins, *.en.md, only the Chinese they quote), CHANGELOG.zh.md,
and every string in data/**/*.yml that holds Chinese and is not English text (under an `en` key, or an annotation
body in English).
Usage: python -m scripts.typography [--fix]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from macros.text.typography import _CJK_CHAR, format_quotations, format_text, lint_text

ROOT = Path(__file__).resolve().parent.parent


def markdown_sources(root: Path = ROOT) -> list[Path]:
    """Every page (of the English ones, *.en.md, only the Chinese they quote is checked) and the changelog's
    Chinese translation."""
    return sorted((root / "docs").rglob("*.md")) + sorted(root.glob("CHANGELOG.zh.md"))


def yaml_sources(root: Path = ROOT) -> list[Path]:
    return sorted((root / "data").rglob("*.yml"))


def chinese_strings(data: Any, english: bool = False) -> Iterator[str]:
    """Every string with Chinese in it that is not English text."""
    if isinstance(data, dict):
        english_body = data.get("language") == "en"
        for key, value in data.items():
            yield from chinese_strings(value, english or key == "en" or (english_body and key == "body"))
    elif isinstance(data, list):
        for item in data:
            yield from chinese_strings(item, english)
    elif isinstance(data, str) and not english and _CJK_CHAR.search(data):
        yield data


def yaml_problems(path: Path) -> list[tuple[int, str, str]]:
    """(line, old, new) for each line of a Chinese string that needs other punctuation."""
    text = path.read_text(encoding="utf-8")
    found = []
    for string in chinese_strings(yaml.safe_load(text)):
        for problem in lint_text(string):
            at = text.find(problem.text)
            found.append((text.count("\n", 0, at) + 1 if at >= 0 else 0, problem.text, problem.fixed))
    return found


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    count = 0
    for path in markdown_sources():
        text = path.read_text(encoding="utf-8")
        if fix:
            fixed = format_quotations(text) if path.name.endswith(".en.md") else format_text(text, path.name)
            path.write_text(fixed, encoding="utf-8")
            continue
        for problem in lint_text(text, path.name):
            count += 1
            print(f"{path.relative_to(ROOT)}:{problem.line}: {problem.text.strip()}\n  → {problem.fixed.strip()}")
    for path in yaml_sources():
        problems = yaml_problems(path)
        if fix and problems:
            text = path.read_text(encoding="utf-8")
            for _, old, new in problems:
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
            continue
        for line, old, new in problems:
            count += 1
            print(f"{path.relative_to(ROOT)}:{line}: {old.strip()}\n  → {new.strip()}")
    if count:
        print(f"\n{count} lines of Chinese text need GB/T 15834 punctuation; `python -m scripts.typography --fix` "
              "corrects them.")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
