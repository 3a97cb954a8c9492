"""What a page's source may not hold, found with its line before anything renders.

- Markup in a title or heading: Material writes page and heading titles unescaped into the navigation,
  the table of contents and the footer, outside the page's content, so `<` or an entity there would be
  markup on every page (a script, a refresh).
- A description (front matter's `description:`, the page's link preview and abstract) that is not one
  short line of plain text: Material writes it unescaped into <meta content="…">.
- Raw HTML that acts on its own: <script>, <meta> (a refresh sends readers elsewhere, which no policy
  stops), <iframe>, <frame>, <object>, <embed>, <base>, event-handler attributes (onclick=…) and
  `javascript:` links. The site's own markup comes from macros, never from a page's source.

Code (fenced blocks and `inline code`) is text, not markup, and is not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(?P<text>.*?))?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FRONT_MATTER_TITLE = re.compile(r"^title\s*:\s*(?P<text>.*)$")
_ATTRIBUTES = re.compile(r"\{\s*[#.:][^}]*\}\s*$")  # `{ #id }` of attr_list: markup of its own kind
_MARKUP_IN_TITLE = re.compile(r"[<>]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_ACTIVE_TAG = re.compile(r"<\s*(script|meta|iframe|frame|frameset|object|embed|base|applet)\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[A-Za-z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
_SCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|(?:href|src|action|formaction)\s*=\s*[\"']?\s*)"
                          r"((?:java|vb)script:|data:text/html)", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _title_problem(text: str, line: int, what: str) -> Problem | None:
    found = _MARKUP_IN_TITLE.search(_ATTRIBUTES.sub("", text))
    if found is None:
        return None
    return Problem(line, f"{what} holds {found.group()!r}, which the theme would write as markup into "
                   "the navigation of every page; write the title without < > or character entities")


def problems(source: str) -> list[Problem]:
    """Every problem of a page's source (front matter included), with its line."""
    found: list[Problem] = []
    lines = source.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # front matter: its title is the page's title
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), 0)
        for n in range(1, end):
            title = _FRONT_MATTER_TITLE.match(lines[n])
            problem = title and _title_problem(title.group("text"), n + 1, "the front matter's title")
            if problem:
                found.append(problem)
        start = end + 1 if end else 0
    fence: str | None = None
    visible = [""] * len(lines)  # the source with code blanked out, line for line
    for n in range(start, len(lines)):
        line, number = lines[n], n + 1
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        text = visible[n] = _CODE_SPAN.sub("", line)
        heading = _ATX.match(text)
        if heading and heading.group("text"):
            problem = _title_problem(heading.group("text"), number, f"heading '{heading.group(1)}'")
        elif _SETEXT.match(text) and n > start and visible[n - 1].strip():
            problem = _title_problem(visible[n - 1], number - 1, "the heading")
        else:
            problem = None
        if problem:
            found.append(problem)
    text = "\n".join(visible)  # a tag may run over several lines
    for pattern, what in ((_ACTIVE_TAG, "the tag <{}>"), (_EVENT_HANDLER, "an event handler ({}=)"),
                          (_SCRIPT_LINK, "a '{}' link")):
        for match in pattern.finditer(text):
            found.append(Problem(text.count("\n", 0, match.start(1)) + 1,
                                 f"holds {what.format(match.group(1).lower())}, which would act on readers' "
                                 "browsers by itself; pages carry text, links and the site's macros only: remove it"))
    return sorted(found, key=lambda problem: problem.line)


def rendered_title_problem(title: str) -> str | None:
    """A title as MkDocs made it from the rendered page (a macro may have written it): no markup."""
    if "<" in title or ">" in title:
        return (f"title {title[:80]!r} holds markup, which the theme would write into the navigation of every "
                "page; write the title as plain text")
    return None


DESCRIPTION_LIMIT = 200  # characters: what link previews show of it, and more


def description_problem(value: object) -> str | None:
    """A page's description as its front matter gives it (parsed), or None when it is fine."""
    if not isinstance(value, str) or not value.strip():
        return "the front matter's description is not text: write `description: ` and one sentence"
    if "\n" in value.strip() or len(value) > DESCRIPTION_LIMIT:
        return (f"the front matter's description is {len(value)} characters over {value.count(chr(10)) + 1} "
                f"line(s); keep it to one line of at most {DESCRIPTION_LIMIT} characters")
    found = re.search(r'[<>"&]', value)
    if found:
        return (f"the front matter's description holds {found.group()!r}, which the theme would write as markup "
                "into the page's <head>; write it as plain text (“curly” quotation marks are fine)")
    return None
