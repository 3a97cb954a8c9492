"""Web addresses from data and from a deploy, read with a real URL parser."""

from __future__ import annotations

import pytest
from rfc3986_validator import validate_rfc3986

from macros.model.urls import problem

GOOD = ["https://www.jinnalai.com/jiaodian/810517.html", "http://example.org/", "https://example.org/a&b/?q=1#x",
        "https://例子.中国/页面", "https://127.0.0.1:8000/", "https://[2001:db8::1]/"]


@pytest.mark.parametrize("url", GOOD)
def test_a_web_address_passes_and_is_a_valid_uri(url: str):
    assert problem(url) is None
    ascii_only = url.encode("ascii", "ignore").decode() if url.isascii() else None
    assert ascii_only is None or validate_rfc3986(ascii_only)  # what a feed or a BibTeX reader is given


@pytest.mark.parametrize("url, reason", [
    ("javascript:alert(1)", "is not an http(s) address"),
    ("data:text/html,<b>x</b>", "holds '<'"),
    ("https://[evil.example/", "cannot be read as an address (Invalid IPv6 URL)"),
    ('https://x.example/"><script>', "holds '\"'"),
    ("https://x.example/a b", "holds ' '"),
    ("https://x.example/\x1b[31m", "holds '\\x1b'"),
    ("https://x.example:99999/", "cannot be read as an address (Port out of range"),
    ("https:///nohost", "has no host to reach"),
    ("https://user:pw@x.example/", "carries a user name"),
    ("https://-bad-.example/", "is not a domain name or an IP address"),
    ("https://localhost/", "is not a domain name or an IP address"),
    ("https://x.example/" + "a" * 2000, "is 2,018 characters long, over 2,000"),
])
def test_what_is_not_a_usable_address_is_named(url: str, reason: str):
    found = problem(url)
    assert found is not None and reason in found


def test_https_only_where_the_site_is_served():
    assert problem("http://example.org/", https_only=True) == "is not an https address"


@pytest.mark.parametrize("url, reason", [
    ("https://owner.github.io/name/", None),
    ("https://owner.github.io/r&d/", "holds a character a site's address does not need"),
    ("https://owner.github.io/name", "does not end in /"),
    ("https://owner.github.io/name/?x=1", "holds a character"),
])
def test_a_sites_address_holds_only_what_a_sitemap_takes_as_it_is(url: str, reason: str | None):
    from macros.model.urls import site_address_problem
    found = site_address_problem(url)
    assert (found is None) if reason is None else (found is not None and reason in found)
