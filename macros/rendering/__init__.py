"""Rendering, the top layer: pages, charts, glossary, annotations, cite panels, downloads, the changes page,
the feed, cards and the sandbox pages render in. It renders what the layers below hand it."""
