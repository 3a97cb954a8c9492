"""Every stylesheet parses as a browser reads it: a stray brace or a broken declaration makes browsers drop the
rule after it silently (the figures overview's caption once), so any parse error fails here with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tinycss2

ROOT = Path(__file__).parents[2]
STYLESHEETS = sorted([*ROOT.glob("docs/**/*.css"), *ROOT.glob("overrides/**/*.css")])


def parse_errors(css: str) -> list[str]:
    """Each parse error in `css` with its line: in rule lists, selectors, blocks and declarations."""
    found: list[str] = []

    def tokens(nodes: list[Any], line: int) -> None:
        for node in nodes:
            if node.type == "error":
                found.append(f"line {node.source_line}: {node.message}")
            inner = getattr(node, "content", None)  # () [] {} blocks and functions
            if node.type in ("() block", "[] block", "{} block", "function") and inner:
                tokens(inner, line)

    def rules(nodes: list[Any]) -> None:
        for rule in nodes:
            if rule.type == "error":
                found.append(f"line {rule.source_line}: {rule.message}")
                continue
            tokens(rule.prelude, rule.source_line)
            if rule.content is None:
                continue
            if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer", "container"):
                rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
                continue
            for declaration in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
                if declaration.type == "error":
                    found.append(f"line {declaration.source_line}: {declaration.message}")
                elif declaration.type == "declaration":
                    tokens(declaration.value, declaration.source_line)
                elif declaration.type in ("qualified-rule", "at-rule"):  # nested rules
                    rules([declaration])

    rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return found


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_the_stylesheet_parses_without_an_error(path: Path):
    assert parse_errors(path.read_text(encoding="utf-8")) == []


def test_the_lint_finds_a_stray_brace_and_a_broken_declaration():
    assert parse_errors("@media (min-width: 1px) { a { b: c; } }\n}\np { color: red; }") == [
        "line 2: Unmatched }"]
    assert parse_errors("p { color red; }") != []
    assert STYLESHEETS, "no stylesheet found"
