"""A Content-Security-Policy for every page: only the site's own scripts, styles and images.

The theme has a few small inline scripts (its scope, the colour scheme, tabbed content); each is
allowed by its own hash, so an injected inline script would not run. Inline styles stay allowed:
the charts are inline SVG with style attributes, and a style cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_DATA_TYPES = ("application/json", "application/ld+json")  # data, never run: the policy ignores them
_HEAD_START = re.compile(r"<head>\s*")

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline script of the theme that runs, in page order. A script
    inside the page's content (between its first <article> and its last </article>) is never allowed:
    nothing the site writes there runs, so one found there was injected."""
    content = (html.find("<article"), html.rfind("</article>"))
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        if content[0] != -1 and content[0] < match.start() < content[1]:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def with_policy(html: str) -> str:
    """The page with the policy as the first element of its head (before any script can run)."""
    policy = POLICY.format(hashes=" ".join(dict.fromkeys(inline_script_hashes(html))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    return _HEAD_START.sub(lambda m: m.group(0) + meta, html, count=1)
