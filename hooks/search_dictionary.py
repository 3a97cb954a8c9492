"""Material's search segments Chinese with a small jieba dictionary made for this site's text.

The dictionary (macros/searchdict.py) gives the same segmentation as jieba's full one, which takes
about a second to load on every build. It is made from the sources that text comes from, once per
change of them, and kept in .cache/build/jieba/.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import jieba
from mkdocs.plugins import event_priority

# Hooks load before the macros plugin puts the project on sys.path: load the one module by its path.
_spec = importlib.util.spec_from_file_location("searchdict", Path(__file__).parent.parent / "macros" / "searchdict.py")
assert _spec and _spec.loader
searchdict = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(searchdict)

SOURCES = ["docs/**/*.md", "data/**/*.yml", "macros/*.py", "mkdocs.yml"]  # all the indexed text comes from


@event_priority(100)  # before Material's search plugin reads `jieba_dict`
def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    texts = [path.read_text(encoding="utf-8") for pattern in SOURCES for path in sorted(root.glob(pattern))]
    key = hashlib.sha256(json.dumps([texts, jieba.__version__], ensure_ascii=False).encode()).hexdigest()
    dictionary = root / ".cache" / "build" / "jieba" / f"{key}.txt"
    if not dictionary.exists():
        dictionary.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: builds running side by side (test workers) never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dictionary.parent, delete=False) as part:
            part.write(searchdict.for_texts(texts))
        os.replace(part.name, dictionary)
    config.plugins["material/search"].config.jieba_dict = str(dictionary)
    return config
