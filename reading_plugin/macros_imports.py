"""mkdocs-macros-plugin imports `requests` when it loads, for a feature this site does not use (reading
variables from an address on the web): some 40 ms of every build, `make serve` rebuild and test build,
about 3% of a warm build. Here `requests` is registered, before mkdocs-macros loads (the `reading`
plugin comes first in mkdocs.yml), as a stand-in that imports the real module on first use, which
never comes. (importlib's LazyLoader does not help: the import statement itself reads the module's
__spec__, which loads it.)

Reaches into mkdocs-macros' imports: written against the pinned version (PINNED), checked by
tests/unit/test_adapters.py.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

PINNED = "1.5.0"
NAME = "requests"


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until an attribute is asked of it, then is the real one's front."""

    def __getattr__(self, attribute: str) -> Any:  # only for attributes the stand-in lacks
        if sys.modules.get(NAME) is self:
            del sys.modules[NAME]
        real = importlib.import_module(NAME)
        return getattr(real, attribute)


def defer_requests() -> None:
    """`requests` as a stand-in until first used, unless something already loaded it."""
    if NAME not in sys.modules and importlib.util.find_spec(NAME) is not None:
        sys.modules[NAME] = _OnFirstUse(NAME)
