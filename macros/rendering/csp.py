"""A Content-Security-Policy for every page: only the site's own scripts, styles and images.

The theme writes a few small inline scripts (its storage scope, the colour scheme, tabbed content);
each is allowed by its own hash, and only these: THEME_SCRIPTS names them as Material (pinned at
THEME_VERSION) writes them, with the one slot some have (a path), so a script is never allowed because
it happens to be in the page. One injected through a title (Material writes titles unescaped into
its navigation) does not match and does not run. tests/unit/test_csp.py reads the installed theme's
templates and fails when its scripts change. Inline styles stay allowed: the charts carry style
attributes, and a style cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re

THEME_VERSION = "9.8.2"  # mkdocs-material, as pinned in pyproject.toml

# A slot holds a URL path or address as Material and our redirect pages write it: no quote, backslash,
# angle bracket or space can end the script's string early.
SLOT = "{path}"
_SLOT_TEXT = r"[A-Za-z0-9._~/:%+\-]{0,200}"

# name -> the script's text, as the theme (or our redirect pages) write it.
THEME_SCRIPTS: dict[str, str] = {
    # partials/javascripts/base.html: where the theme keeps its settings
    "scope": '__md_scope=new URL("{path}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,'
             't=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    # partials/javascripts/palette.html: the reader's colour scheme, before the page is drawn
    "palette": 'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"==='
               'palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.'
               'querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-'
               'color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-'
               'color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.'
               'primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute('
               '"data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.'
               'setAttribute("data-md-color-"+key,value)}',
    # partials/javascripts/content.html: a link to a tab opens it
    "tab-target": 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked='
                  'target.name.startsWith("__tabbed_"))',
    # partials/javascripts/content.html, with content.tabs.link: the tab last chosen
    "tabs": 'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll('
            '".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of '
            'labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.'
            'getElementById(label.htmlFor);input.checked=!0;continue e}}',
    # overrides/partials/javascripts/outdated.html: the banner on an older version (Material's, with a base)
    "outdated": 'var el=document.querySelector("[data-md-component=outdated]"),base=new URL("{path}",location),'
                'outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)',
    # reading_plugin/redirects.py: a moved page's redirect, keeping the #section
    "redirect": 'var anchor=window.location.hash.substr(1);location.href="{path}"+(anchor?"#"+anchor:"")',
}
_PATTERNS = {name: re.compile(re.escape(text).replace(re.escape(SLOT), _SLOT_TEXT))
             for name, text in THEME_SCRIPTS.items()}

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")  # data, never run: the policy ignores them
_HEAD_START = re.compile(r"<head>\s*")

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def theme_script(body: str) -> str | None:
    """The name of the theme's script `body` is, or None for any other script."""
    return next((name for name, pattern in _PATTERNS.items() if pattern.fullmatch(body)), None)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline script of the theme in the page, in page order. Any other
    inline script (one injected through a title, say) gets no hash, so the browser does not run it."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        if theme_script(match.group("body")) is None:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def with_policy(html: str) -> str:
    """The page with the policy as the first element of its head (before any script can run)."""
    policy = POLICY.format(hashes=" ".join(dict.fromkeys(inline_script_hashes(html))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    return _HEAD_START.sub(lambda m: m.group(0) + meta, html, count=1)
