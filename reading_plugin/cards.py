"""Each page's link-preview card, drawn when its edition is written (macros/rendering/cards.py draws; ReadingBuild.head
names each page's card in its <head> and keeps the list)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from macros.rendering import cards

from .i18n_adapter import current_language, default_language


def write(found: dict[str, cards.Card], config: MkDocsConfig) -> None:
    """The cards of the language just built, at their paths in its edition."""
    language = current_language(config)
    root = Path(config.site_dir) / ("" if language == default_language(config) else language)
    for path, card in sorted(found.items()):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cards.drawn(card))
