"""Chinese typography (GB/T 15834-2011): full-width ，：；？！（） in Chinese text, half-width elsewhere.

autocorrect-py (a maintained CJK copywriting linter) does the punctuation; its spacing rules are off
because this site, like the article, sets no space between Chinese and Latin letters or digits
(see CONTRIBUTING.md). autocorrect keeps half-width brackets around Latin text ("用户(DAU)"), which
GB/T sets full-width inside Chinese text, so `fullwidth_brackets` adds that one rule.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import autocorrect_py

from macros.text.cjk import CHINESE_MARKS, HAN

CJK = HAN
_CJK_CHAR = re.compile(f"[{CJK}]")
# Chinese text around a mark: ideographs, and the marks that only Chinese text uses (“”《》、。，…).
CHINESE = CJK + CHINESE_MARKS + "\u201c\u201d"
_CHINESE_CHAR = re.compile(f"[{CHINESE}]")
# Brackets without brackets inside; a nested pair is handled in a second pass.
_BRACKET_PAIR = re.compile(r"\(([^()\n]*)\)")

CONFIG = Path(__file__).resolve().parents[2] / ".autocorrectrc"


@cache
def _configured() -> None:
    # load_config is in autocorrect-py's Rust extension but missing from its type stub.
    autocorrect_py.load_config(json.dumps(json.loads(CONFIG.read_text(encoding="utf-8"))))  # type: ignore[attr-defined]


def fullwidth_brackets(text: str) -> str:
    """(…) → （…） where the brackets sit in Chinese text: a Chinese neighbour outside, or Chinese inside."""

    def fix(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        inside = match.group(1)
        if _CHINESE_CHAR.match(before) or _CHINESE_CHAR.match(after) or _CJK_CHAR.search(inside):
            return f"（{inside}）"
        return match.group(0)

    for _ in range(3):  # nested pairs: the inner one first
        fixed = _BRACKET_PAIR.sub(fix, text)
        if fixed == text:
            break
        text = fixed
    return text


# In Markdown: template calls, inline code, HTML tags and link targets are not prose. Each is set aside
# as a placeholder ideograph (a macro's output is Chinese text too), and put back after formatting;
# the text quoted inside a call (q("…"), wordings) is prose and is formatted on its own.
_NOT_PROSE = re.compile(r"\{\{.*?\}\}|`[^`\n]*`|<[^<>\n]+>|\]\([^()\s]*\)|[ \t]*\{ ?#[^{}\n]*\}", re.DOTALL)
_SLOT = re.compile(r"\{[a-z_]+\}")  # a phrase's slot ({q}, {verdict}) is filled with Chinese text
_PLACEHOLDER = "\u9f98"  # 龘: an ideograph no sentence here uses
_CALL_STRING = re.compile(r'(?<=")([^"\n]+)(?=")')


def format_text(text: str, filename: str = "x.txt") -> str:
    """Chinese text with GB/T punctuation; `filename` tells autocorrect the format (Markdown skips code)."""
    _configured()
    if _PLACEHOLDER in text:
        raise ValueError(f"{filename}: the text contains {_PLACEHOLDER}, which the formatter uses as a placeholder")
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        piece = match.group(0)
        if piece.startswith("{{"):
            piece = _format_call(piece)
        kept.append(piece)
        return _PLACEHOLDER

    masked = (_NOT_PROSE if filename.endswith(".md") else _SLOT).sub(set_aside, text)
    formatted = _remaining_marks(fullwidth_brackets(autocorrect_py.format_for(masked, filename)))
    pieces = iter(kept)
    return re.sub(_PLACEHOLDER, lambda _: next(pieces), formatted)


_CALL = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def format_quotations(text: str) -> str:
    """Only the Chinese inside template calls (q("…")): what an English page quotes of the article."""
    _configured()
    return _CALL.sub(lambda call: _format_call(call.group(0)), text)


def _format_call(call: str) -> str:
    """The Chinese strings inside one template call formatted; the call itself left as it is."""
    return _CALL_STRING.sub(lambda m: _format_plain(m.group(1)) if _CJK_CHAR.search(m.group(1)) else m.group(1),
                            call)


def _format_plain(text: str) -> str:
    return _remaining_marks(fullwidth_brackets(autocorrect_py.format(text)))


_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_MARK_TOUCHING_CJK = re.compile(rf"(?<=[{CHINESE}])[,:;?!]|[,:;?!](?=[{CHINESE}])")


def _remaining_marks(text: str) -> str:
    """What autocorrect leaves (it keeps `;` half-width): a mark touching a Chinese character."""
    return _MARK_TOUCHING_CJK.sub(lambda m: _FULL_WIDTH[m.group(0)], text)


@dataclass(frozen=True)
class Problem:
    line: int
    text: str
    fixed: str


def lint_text(text: str, filename: str = "x.txt") -> list[Problem]:
    """Lines that `format_text` would change (on English pages: `format_quotations`), numbered from 1."""
    fixed = format_quotations(text) if filename.endswith(".en.md") else format_text(text, filename)
    if fixed == text:
        return []
    pairs = enumerate(zip(text.splitlines(), fixed.splitlines(), strict=True), 1)
    return [Problem(n, old, new) for n, (old, new) in pairs if old != new]
