"""Material's search segments Chinese with a small jieba dictionary made for this site's text.

The dictionary (macros/searchdict.py) gives the same segmentation as jieba's full one, which takes
about a second to load on every build. It is made from the sources that text comes from, once per
change of them, and kept in .cache/build/jieba/.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros import searchdict
from macros.buildcache import digest
from macros.errors import DataError
from macros.safefiles import read_text

SOURCES = ["docs/**/*.md", "data/**/*.yml", "macros/*.py", "mkdocs.yml"]  # all the indexed text comes from


def configure(config: MkDocsConfig) -> None:
    """Point Material's search at the small dictionary (made first, when the sources changed)."""
    if "material/search" not in config.plugins:
        return
    root = Path(config.config_file_path).parent
    try:  # the same bounded reader as the data files: no link, no device, no huge or non-UTF-8 file
        texts = [read_text(path) for pattern in SOURCES for path in sorted(root.glob(pattern))]
    except DataError as error:
        raise PluginError(f"data check failed, nothing was built:\n{error}") from None
    dictionary = root / ".cache" / "build" / "jieba" / f"{digest([texts, jieba.__version__])}.txt"
    if not dictionary.exists():
        dictionary.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: builds running side by side (test workers) never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dictionary.parent, delete=False) as part:
            part.write(searchdict.for_texts(texts))
        os.replace(part.name, dictionary)
    config.plugins["material/search"].config.jieba_dict = str(dictionary)
