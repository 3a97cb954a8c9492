"""Each page's link-preview card (og:image): a 1200×630 PNG naming the site, the page and the article read,
drawn at build time in the font cut into cards/ (scripts/card_font.py), never one fetched from anywhere.

Pure: text in, PNG bytes out. The plugin (reading_plugin/cards.py) decides which pages get one and
where the file goes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from macros.model import buildcache
from macros.citing.citations import Cited
from macros.model.errors import DataError
from macros.model.project import Project

if TYPE_CHECKING:  # Pillow loads with the first card drawn: a warm build takes every card from its cache
    from PIL import ImageDraw, ImageFont

FONT_FOLDER = Path(__file__).resolve().parents[2] / "cards"
FONT = FONT_FOLDER / "font.otf"
CHARACTERS = FONT_FOLDER / "characters.txt"  # what the cut holds, written with it
SIZE = (1200, 630)  # the size Open Graph consumers ask for (1.91:1)
MARGIN = 72
BACKGROUND = "#3949ab"  # the site's indigo, darker: white on it reads at 8:1
INK = "#ffffff"
QUIET = "#dfe3f6"  # the smaller lines: 6.6:1 on the background
# GB/T 15834 line breaking: these never begin a line, those never end one.
NO_LINE_START = set("，。、：；！？）》」』】〉”’…—,.;:!?)]}")
NO_LINE_END = set("（《「『【〈“‘([{")


@dataclass(frozen=True)
class Card:
    """What one card says."""

    site: str  # the site's title, at the top
    title: str  # the page's title, large
    caption: str  # the article read, at the foot

    def text(self) -> str:
        return self.site + self.title + self.caption


def for_page(project: Project, cited: Cited) -> Card:
    """A page's card: the site, the page's title, and the article read (in English, its outlet and title
    translated, the outlet's own name beside it)."""
    article = project.article
    if cited.locale == "zh":
        caption = f"{article.outlet}《{article.title}》"
    else:
        names = article.romanised
        caption = f"{names.outlet} ({article.outlet}): “{names.title_translation}”"
    return Card(site=project.site.title(cited.locale), title=cited.title, caption=caption)


def missing_characters(text: str) -> list[str]:
    """The characters of `text` the card font lacks (spaces and line breaks aside)."""
    held = _held()
    return sorted({c for c in text if c not in held and not c.isspace()})


@lru_cache(maxsize=1)
def _held() -> frozenset[str]:
    return frozenset(CHARACTERS.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    # BASIC layout: the same pixels whether or not this machine's Pillow has libraqm.
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)


def check(card: Card, page: Path) -> None:
    """Refuse a card the font cannot set, naming the page and the characters."""
    missing = missing_characters(card.text())
    if missing:
        raise DataError(page, f"the link-preview card's font has no {' '.join(missing)}; widen CHARACTERS in "
                        "scripts/card_font.py and run `make card-font`, or change the title")


# The font's curly quotes are full-width (a CJK font's): in Latin text each takes half its advance, set
# against the word it belongs to, as a Latin font would.
OPENING_QUOTES = set("“‘")
CLOSING_QUOTES = set("”’")


def _latin_context(text: str, at: int) -> bool:
    """Whether the quotation mark at `at` stands in Latin text (its neighbours are not CJK)."""
    near = text[max(0, at - 1):at] + text[at + 1:at + 2]
    return all(c.isascii() for c in near)


def advances(text: str, font: ImageFont.FreeTypeFont) -> list[tuple[str, float, float]]:
    """Each character with where it is drawn relative to the pen and how far the pen then moves."""
    em = font.size
    found = []
    for at, char in enumerate(text):
        width = font.getlength(char)
        if char in OPENING_QUOTES and _latin_context(text, at):
            found.append((char, -em / 2, width - em / 2))
        elif char in CLOSING_QUOTES and _latin_context(text, at):
            found.append((char, 0.0, width - em / 2))
        else:
            found.append((char, 0.0, width))
    return found


def length(text: str, font: ImageFont.FreeTypeFont) -> float:
    return sum(step for _, _, step in advances(text, font))


def lines(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`: Chinese between any two characters (not before a
    closing mark or after an opening one), Latin words whole."""
    units: list[str] = []  # the pieces a line may break between
    for char in text:
        latin = char.isascii() and not char.isspace()
        if units and ((latin and units[-1][-1:].isascii() and not units[-1][-1:].isspace())
                      or char in NO_LINE_START or units[-1][-1:] in NO_LINE_END
                      or (char in OPENING_QUOTES | CLOSING_QUOTES and not units[-1][-1:].isspace())):
            units[-1] += char
        else:
            units.append(char)
    found: list[str] = []
    line = ""
    for unit in units:
        if line and length((line + unit).rstrip(), font) > width:
            found.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
    if line.strip():
        found.append(line.rstrip())
    return found


def _write(pen: ImageDraw.ImageDraw, at: tuple[float, float], text: str, font: ImageFont.FreeTypeFont,
           fill: str) -> None:
    x, y = at
    for char, offset, step in advances(text, font):
        pen.text((x + offset, y), char, font=font, fill=fill)
        x += step


TITLE_SIZES = range(76, 43, -4)  # the largest that fits, in at most three lines
LEADING = 1.3


def draw(card: Card) -> bytes:
    """The card as PNG bytes (the same bytes for the same card: the build is reproducible)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    _write(pen, (MARGIN, MARGIN), card.site, _font(34), QUIET)
    foot = lines(card.caption, _font(30), width)[:2]
    bottom = SIZE[1] - MARGIN - len(foot) * 42
    rule = bottom - 24
    pen.line((MARGIN, rule, SIZE[0] - MARGIN, rule), fill=QUIET, width=2)
    for n, line in enumerate(foot):
        _write(pen, (MARGIN, bottom + n * 42), line, _font(30), QUIET)
    top: float = MARGIN + 34 + 56
    room = rule - 40 - top
    for size in TITLE_SIZES:
        title = lines(card.title, _font(size), width)
        if len(title) <= 3 and len(title) * size * LEADING <= room:
            break
    title = title[:3]
    top += (room - len(title) * size * LEADING) / 2  # the title in the middle of its room
    for line in title:
        _write(pen, (MARGIN, top), line, _font(size), INK)
        top += size * LEADING
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True saves 3 % for three times the time
    return out.getvalue()


def card_path(page_path: str) -> str:
    """Where a page's card is, within its edition: "chapters/opening/" -> "assets/cards/chapters-opening.png"."""
    return f"assets/cards/{page_path.strip('/').replace('/', '-') or 'home'}.png"


@lru_cache(maxsize=1)
def _drawing_digest() -> str:
    """What every card's pixels depend on besides its words: this module, the font and Pillow."""
    import PIL

    return buildcache.digest([buildcache.files_digest([Path(__file__), FONT]), PIL.__version__])


def drawn(card: Card) -> bytes:
    """draw(card), from the build cache when the same card was drawn before."""
    return buildcache.cached_bytes("cards", [_drawing_digest(), card.site, card.title, card.caption],
                                   lambda: draw(card))
