"""The Content-Security-Policy allows the theme's own inline scripts by hash, and no other script."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import material
import pytest

from macros.rendering.csp import (
    SLOT, THEME_SCRIPTS, THEME_VERSION, inline_script_hashes, theme_script, with_policy)
from reading_plugin import redirects

TEMPLATES = Path(material.__file__).parent / "templates"
# Inline scripts of the theme the site never renders: no cookie consent, analytics or announcement bar,
# and MkDocs' redirects come from reading_plugin/redirects.py, not the theme's redirect.html.
UNUSED = {"partials/javascripts/consent.html", "partials/integrations/analytics.html",
          "partials/javascripts/announce.html", "redirect.html"}
OVERRIDES = Path(__file__).parents[2] / "overrides"
# The theme's outdated-banner script throws on a relative base_url; overrides/ gives it `location` as base.
OVERRIDDEN = {"partials/javascripts/outdated.html":
              'var el=document.querySelector("[data-md-component=outdated]"),base=new URL("{path}"),outdated='
              '__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)'}
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}")

SCOPE = THEME_SCRIPTS["scope"].replace(SLOT, "../..")
PALETTE = THEME_SCRIPTS["palette"]


def test_the_theme_is_the_version_whose_scripts_are_listed():
    assert metadata.version("mkdocs-material") == THEME_VERSION


def themes_inline_scripts() -> dict[str, list[str]]:
    """Every inline script in the installed theme's templates, its Jinja expressions as the slot."""
    found: dict[str, list[str]] = {}
    for template in sorted(TEMPLATES.rglob("*.html")):
        for body in _SCRIPT.findall(template.read_text(encoding="utf-8")):
            found.setdefault(template.relative_to(TEMPLATES).as_posix(), []).append(_JINJA.sub(SLOT, body))
    return found


def test_every_inline_script_of_the_theme_is_listed_or_never_rendered():
    """Fails when Material's scripts change: list the new ones in macros/rendering/csp.py (or here, if unused)."""
    listed = set(THEME_SCRIPTS.values())
    for template, bodies in themes_inline_scripts().items():
        if template in UNUSED:
            continue
        if template in OVERRIDDEN:  # the original as overridden: still the one the override was made from
            assert bodies == [OVERRIDDEN[template]], template
            bodies = [_JINJA.sub(SLOT, b) for b in _SCRIPT.findall((OVERRIDES / template).read_text("utf-8"))]
        for body in bodies:
            assert body in listed, (template, body[:120])


def test_every_listed_script_is_still_written_by_the_theme_or_by_our_redirects():
    written = {body for bodies in themes_inline_scripts().values() for body in bodies} | {
        _JINJA.sub(SLOT, body) for template in OVERRIDDEN
        for body in _SCRIPT.findall((OVERRIDES / template).read_text(encoding="utf-8"))}
    ours = _JINJA.sub(SLOT, _SCRIPT.search(redirects.PAGE.replace("{url}", SLOT)).group(1))
    for name, text in THEME_SCRIPTS.items():
        assert text in written or text == ours, name


def test_a_theme_script_is_recognised_with_any_path_in_its_slot():
    assert theme_script(SCOPE) == "scope"
    assert theme_script(THEME_SCRIPTS["scope"].replace(SLOT, "/yuanbao-reading/0.1.0/")) == "scope"
    assert theme_script(PALETTE) == "palette"


@pytest.mark.parametrize("slot", ['x",alert(1),"', "x</script>", "x\\u0022", "a b", "x" * 201])
def test_a_slot_that_could_end_the_string_early_is_no_theme_script(slot: str):
    assert theme_script(THEME_SCRIPTS["scope"].replace(SLOT, slot)) is None


def page(navigation: str) -> str:
    return (f"<html><head>\n<script>{SCOPE}</script></head><body><nav>{navigation}</nav>"
            "<article class=\"md-content__inner\"><h2>x</h2><script type=\"application/ld+json\">{}</script>"
            f"</article><script>{PALETTE}</script></body></html>")


def test_a_script_injected_anywhere_gets_no_hash():
    clean = page("Title")
    injected = page("RT</title><script>alert(1)</script>")  # Material writes titles unescaped
    assert len(inline_script_hashes(clean)) == 2
    assert inline_script_hashes(injected) == inline_script_hashes(clean)
    policy = with_policy(injected).split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in policy and policy.count("'sha256-") == 2
