"""Join the source lines of a Chinese paragraph, so one-sentence-per-line prose renders without
stray spaces between sentences (a browser shows a line break inside a paragraph as a space).

Python-Markdown has no option for this. pymdownx-cjk-autojoin (0.2.0) joins in a Markdown
preprocessor, which runs after mkdocs-macros has replaced `{{ fig("mau") }}` at a line's edge with
HTML, so those lines stay apart; and its CJK range leaves out the curly quotes and the full-width
：；？！（） our lines end on, and Extension A ideographs. Joining the source, before macros run, sees
the calls as they are written."""

from __future__ import annotations

import re

# The ranges the site treats as Chinese, stated once (macros/text/typography.py uses them too).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
CHINESE_MARKS = "\u3000-\u303f\uff00-\uffef"  # 、。《》「」 and the full-width forms ，：；？！（）
_CJK = "\u2018-\u201f" + CHINESE_MARKS + HAN  # with curly quotes: where a Chinese line may start or end
_ENDS_CHINESE = re.compile(rf"(?:[{_CJK}]|\}}\}})$")  # a Chinese character or a macro call
# A Chinese character, a macro call, or a Latin word run straight into Chinese ("AI产品…").
_STARTS_CHINESE = re.compile(rf"^(?:[{_CJK}]|\{{\{{|[A-Za-z0-9]+[{HAN}])")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Inside our quotation marks, the article's own double quotes become single ones (GB/T 15834: “‘’”).
_NESTED = str.maketrans({"“": "‘", "”": "’"})


def nested_quotes(text: str) -> str:
    """Text to be put inside double quotation marks, its own double quotes made single."""
    return text.translate(_NESTED)


def join_cjk_lines(markdown: str) -> str:
    """Remove the line break between two lines of one Chinese paragraph.

    Only a line that starts with Chinese (or a macro call) can continue a paragraph in
    Markdown, so list items and tables are untouched; headings and fenced code too. A list item's
    indented second line joins its first.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    in_code = False
    for line in lines:
        # An indented line right under a line of text continues that paragraph (a list item's second
        # sentence); an indented code block needs a blank line before it, so none is taken for one.
        text = line.lstrip(" ")
        joins = (
            not in_code and out and _STARTS_CHINESE.match(text)
            and _ENDS_CHINESE.search(out[-1]) and not out[-1].lstrip().startswith("#")
        )
        if _FENCE.match(line):
            in_code = not in_code
        if joins:
            out[-1] += text
        else:
            out.append(line)
    return "\n".join(out)


_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)
# From a Chinese character to the last Chinese character or mark, digits and Latin letters between (10亿次AI创作).
_CHINESE_RUN = re.compile(rf"[{HAN}][{HAN}{CHINESE_MARKS}“”0-9A-Za-z.%·]*[{HAN}{CHINESE_MARKS}”]|[{HAN}]")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track", "param"}
_OPAQUE = {"script", "style", "code", "pre", "svg", "textarea"}


def mark_chinese_runs(fragment: str, lang: str = "zh-Hans") -> str:
    """Wrap Chinese text in an English page's HTML in <span lang>, so browsers pick a Chinese font.

    Text already inside an element with a `lang` attribute, or inside code, scripts and SVG, is left alone.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, whether it or an ancestor sets lang or is opaque)
    for token in _TOKEN.split(fragment):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            if token.startswith(("<!", "<?")):
                continue
            name = re.match(r"</?\s*([A-Za-z0-9-]+)", token)
            if not name:
                continue
            tag = name.group(1).lower()
            if token.startswith("</"):
                while stack and stack.pop()[0] != tag:
                    pass
            elif tag not in _VOID and not token.endswith("/>"):
                inherited = bool(stack) and stack[-1][1]
                stack.append((tag, inherited or tag in _OPAQUE or re.search(r"\slang=", token) is not None))
            continue
        if stack and stack[-1][1]:
            out.append(token)
        else:
            out.append(_CHINESE_RUN.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', token))
    return "".join(out)
