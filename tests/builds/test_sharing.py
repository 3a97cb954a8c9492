"""What a link shared in a chat app or a social network shows: each page's own description and its card."""

from __future__ import annotations

import struct

import pytest
import yaml
from lxml import html

from macros.rendering import cards
from tests.conftest import BuildResult
from tests.htmltools import html_files, redirect_target


def head_of(path) -> dict[str, str]:
    tree = html.fromstring(path.read_text(encoding="utf-8"))
    return {m.get("name") or m.get("property"): m.get("content") for m in tree.cssselect("head meta")}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pages(site: BuildResult) -> list:
    return [p for p in html_files(site.site_dir) if redirect_target(p) is None]


def test_every_page_has_its_own_description_and_its_card(built_site: BuildResult, project):
    descriptions: dict[str, str] = {}
    site_root = f"{project.site.base_url}{project.site.version}/"
    for path in pages(built_site):
        where = path.relative_to(built_site.site_dir).as_posix()
        meta = head_of(path)
        locale = "en" if where.startswith("en/") else "zh"
        assert meta["og:description"] == meta["description"], where
        assert meta["description"] != project.site.description(locale), where  # its own, not the site's
        descriptions[where] = meta["description"]
        image = meta["og:image"]
        assert image.startswith(site_root), (where, image)  # absolute, at the release, on this site's host
        card = built_site.site_dir / image[len(site_root):]
        assert png_size(card.read_bytes()) == cards.SIZE, where
        assert (meta["og:image:width"], meta["og:image:height"]) == tuple(str(n) for n in cards.SIZE)
        assert meta["og:image:alt"] == meta["og:title"] and meta["twitter:card"] == "summary_large_image"
    assert len(descriptions) >= 26 and len(set(descriptions.values())) == len(descriptions)  # one per page


def test_each_card_names_its_page_and_the_article(built_site: BuildResult, project):
    """The card of a page is drawn from its title (the same words the page's og:title gives)."""
    for prefix, locale in (("", "zh"), ("en/", "en")):
        meta = head_of(built_site.site_dir / prefix / "chapters" / "opening" / "index.html")
        card = cards.for_page(project, type("Cited", (), {"locale": locale, "title": meta["og:title"]})())
        assert card.title == meta["og:title"] and card.site == project.site.title(locale)
        drawn = (built_site.site_dir / prefix / "assets" / "cards" / "chapters-opening.png").read_bytes()
        assert drawn == cards.draw(card)  # these words, in these pixels
    zh, en = (cards.for_page(project, type("Cited", (), {"locale": locale, "title": "x"})()).caption
              for locale in ("zh", "en"))
    assert project.article.title in zh and project.article.romanised.title_translation in en


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_descriptions_are_plain_short_and_in_the_pages_language(project, prefix: str):
    for path in sorted(project.root.glob("docs/**/*.md")):
        if path.name.endswith(".en.md") != bool(prefix):
            continue
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}
        description = (front or {}).get("description")
        assert description, f"{path.name}: give it a `description:` in its front matter"
        assert len(description) <= 200
        has_han = any("\u4e00" <= c <= "\u9fff" for c in description)
        assert has_han if not prefix else description.isascii() or "定焦One" in description, path.name
