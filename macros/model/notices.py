"""Warnings about what a build worked around but cannot fix: a commit's date that cannot be true.

A commit on main stays there, so nothing it holds may stop a later build; the build ignores what it
cannot use and says so here. These are not MkDocs warnings, which `--strict` turns into failures:
they go to their own logger, printed as MkDocs prints its own, once each.
"""

from __future__ import annotations

import logging

log = logging.getLogger("reading.history")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False  # not to MkDocs' loggers (strict mode would count it as a failure)
_said: set[str] = set()


def warn(message: str) -> None:
    if message not in _said:
        _said.add(message)
        log.warning(message)
