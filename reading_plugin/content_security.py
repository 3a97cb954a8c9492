"""Every page carries a Content-Security-Policy <meta> allowing only the site's own resources.

The policy and the hashes of the theme's inline scripts come from macros/rendering/csp.py; the plugin applies
it last, so the hashes match the scripts as served. Tests: tests/builds/test_hostile_inputs.py (the
policy) and tests/browser (every page still runs: a violation is a console error).
"""

from __future__ import annotations

from macros.rendering.csp import with_policy

__all__ = ["with_policy"]
