"""The Content-Security-Policy allows the theme's inline scripts by hash, and nothing in the content."""

from __future__ import annotations

from macros.csp import inline_script_hashes, with_policy

PAGE = ("<html><head>\n<script>var theme=1</script></head><body><article class=\"md-content__inner\">"
        "<h2>x</h2><script>alert(7)</script><article class=\"annotation\">a</article>"
        "<script type=\"application/ld+json\">{}</script></article><script>var after=2</script></body></html>")


def test_only_the_themes_inline_scripts_are_allowed():
    allowed = inline_script_hashes(PAGE)
    assert len(allowed) == 2  # the head's and the one after the content; never the injected one
    assert allowed == inline_script_hashes(PAGE.replace("<script>alert(7)</script>", ""))
    policy = with_policy(PAGE)
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
