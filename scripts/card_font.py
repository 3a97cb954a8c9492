"""`make card-font`: cut cards/font.otf, the font the link-preview cards are drawn in, from Noto Sans CJK SC
Bold (Debian's fonts-noto-cjk), keeping the 3,755 common characters of GB 2312 level 1, ASCII and the
punctuation and full-width forms both editions use, and write beside it its licence and the characters
it holds.

The build never reaches for a font on the machine or the network: the cut is in the repository, and a
page title with a character it lacks stops the build with this command's name (macros/rendering/cards.py).
Run it again only to widen the cut (CHARACTERS) or to follow a new Noto release.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FAMILY = "Noto Sans CJK SC"
OUT = ROOT / "cards" / "font.otf"
LICENCE = ROOT / "cards" / "OFL.txt"
HELD = ROOT / "cards" / "characters.txt"  # what the build checks titles against (macros/rendering/cards.py)
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")


def gb2312_level_one() -> str:
    """GB 2312's level-1 hanzi: rows 16 to 55 (0xB0–0xD7), 94 cells each, the last row ending at 0xF9."""
    found = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the unassigned cells at the end of row 55
    return "".join(found)


CHARACTERS = (
    "".join(chr(c) for c in range(0x20, 0x7F))  # ASCII
    + "“”‘’《》〈〉「」『』【】（）［］｛｝：；，。、！？…—–·・％＋－×÷＝～／·"  # GB/T 15834 marks and signs
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    + "〇零一二三四五六七八九十百千万亿元次个人年月日"  # numbers and units, whatever level they are in
    + gb2312_level_one()
)


def collection_index(collection: TTCollection, family: str) -> int:
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise SystemExit(f"{family} is not in {SOURCE}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 2
    options = subset.Options()
    options.layout_features = []  # Pillow sets the titles glyph by glyph: no layout tables
    options.hinting = False  # drawn large, antialiased: hints do nothing
    options.name_IDs = ["*"]  # keep the copyright and the licence in the font
    options.notdef_outline = True
    collection = TTCollection(str(SOURCE), lazy=False)
    font = collection.fonts[collection_index(collection, FAMILY)]
    cutter = subset.Subsetter(options)
    cutter.populate(text=CHARACTERS)
    cutter.subset(font)
    OUT.parent.mkdir(exist_ok=True)
    subset.save_font(font, str(OUT), options)
    LICENCE.write_text(licence_text(font["name"].getDebugName(0) or ""), encoding="utf-8")
    held = {chr(code) for code in font.getBestCmap()}
    HELD.write_text("".join(sorted(held)) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(set(CHARACTERS))} characters, {OUT.stat().st_size // 1024} KB")
    return 0


def licence_text(copyright_line: str) -> str:
    """The font's copyright line, then the SIL Open Font License 1.1 as Debian ships it with the font."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    block = text.split("License: SIL-1.1\n", 2)[2].split("\nLicense:", 1)[0]
    body = "\n".join("" if line.strip() == "." else line[1:] for line in block.splitlines())
    return (f"cards/font.otf is a subset of {FAMILY} Bold (Noto CJK 2.004), cut by scripts/card_font.py.\n"
            f"{copyright_line}\n\n{body.strip()}\n")


if __name__ == "__main__":
    sys.exit(main())
