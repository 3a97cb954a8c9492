"""Every page carries a Content-Security-Policy <meta> allowing only the site's own resources.

The policy and the hashes of the theme's inline scripts come from macros/csp.py. The last hook to
touch a page, so the hashes match the scripts as served. Tests: tests/builds/test_hostile_inputs.py
(the policy) and tests/browser (every page still runs: a violation is a console error).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load before the macros plugin
from macros.csp import with_policy  # noqa: E402


@event_priority(-100)  # after every other plugin and hook has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return with_policy(output) if template_name == "404.html" and output else output
