"""Web addresses from data files and from a deploy's settings, read with a real URL parser.

An address ends up in attributes, in BibTeX and RIS, in the feed and the sitemap: it must be http(s),
have a host a browser can reach, and hold nothing that can end an attribute or a string early (quotes,
angle brackets, backslashes, spaces, control characters). `https://[evil.example/` is refused here, at
load time, not by the feed writer later.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

MAX_CHARS = 2000
_FORBIDDEN = re.compile(r"[\s\"'<>\\`{}|^\x00-\x1f\x7f]")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def problem(url: str, *, https_only: bool = False, max_chars: int = MAX_CHARS) -> str | None:
    """Why `url` is not a usable web address ("holds '\"', which no address may hold"), or None."""
    schemes = ("https",) if https_only else ("http", "https")
    if len(url) > max_chars:
        return f"is {len(url):,} characters long, over {max_chars:,}"
    bad = _FORBIDDEN.search(url)
    if bad:
        return f"holds {bad.group()!r}, which no address may hold"
    try:
        parts = urlsplit(url)
        port = parts.port  # reading it checks it
    except ValueError as error:
        return f"cannot be read as an address ({error})"
    if parts.scheme.lower() not in schemes:
        return "is not an https address" if https_only else "is not an http(s) address"
    host = parts.hostname or ""
    if not host or parts.username is not None or parts.password is not None or port == 0:
        return "has no host to reach (or carries a user name)"
    if not _valid_host(host):
        return f"has the host {host[:60]!r}, which is not a domain name or an IP address"
    return None


def _valid_host(host: str) -> bool:
    if ":" in host or host[-1:].isdigit():  # only such a host can be an IP address (v6, v4)
        try:
            ipaddress.ip_address(host)
            return True
        except ValueError:
            pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(ascii_host) <= 253 and len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


# Where a site is served: MkDocs writes it unescaped into sitemap.xml, so only characters XML and HTML
# take as they are.
_SITE_ADDRESS = re.compile(r"https://[A-Za-z0-9.-]+(:\d+)?/[A-Za-z0-9._~%/-]*")


def site_address_problem(url: str, max_chars: int = MAX_CHARS) -> str | None:
    """Why `url` cannot be a site's address (https, ending in /, plain characters), or None."""
    found = problem(url, https_only=True, max_chars=max_chars)
    if found is None and not _SITE_ADDRESS.fullmatch(url):
        found = "holds a character a site's address does not need (only letters, digits and - . _ ~ % / :)"
    if found is None and not url.endswith("/"):
        found = "does not end in /"
    return found


def checked_site_address(url: str) -> str:
    found = site_address_problem(url)
    if found:
        raise ValueError(f"'{url[:80]}' {found}; give the site's https:// address, ending in /")
    return url


def checked(url: str) -> str:
    """`url` if it is an http(s) address (for pydantic's AfterValidator: a problem is a ValueError)."""
    found = problem(url)
    if found:
        raise ValueError(f"'{url[:80]}' {found}; give the page's http:// or https:// address")
    return url
