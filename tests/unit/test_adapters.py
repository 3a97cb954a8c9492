"""Where the site reaches into another plugin's internals, the pinned version and the internal still hold.

Each adapter names the version it was written against; an upgrade that moves an internal fails here,
before a build misbehaves.
"""

from __future__ import annotations

import base64
import hashlib

import re
from importlib.metadata import version
from pathlib import Path

from reading_plugin import i18n_adapter
from macros.rendering import sandbox
from macros.model.project import Edition

ROOT = Path(__file__).resolve().parents[2]


def pinned(package: str) -> str:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(package)}==(\S+)", lock, re.MULTILINE)
    assert found, f"{package} is not pinned in requirements.lock"
    return found.group(1)


def test_mkdocs_static_i18n_is_the_version_the_adapter_reads():
    assert version("mkdocs-static-i18n") == pinned("mkdocs-static-i18n") == i18n_adapter.PINNED


def test_mkdocs_static_i18n_still_keeps_its_languages_on_the_plugin():
    from mkdocs_static_i18n.plugin import I18n
    plugin = I18n()
    plugin.load_config({"languages": [{"locale": "zh", "default": True, "name": "中文"},
                                      {"locale": "en", "name": "English"}]})
    assert plugin.default_language == "zh"
    assert "current_language" in vars(plugin) or hasattr(plugin, "current_language")


def test_mkdocs_macros_still_keeps_its_jinja_environment_in_env():
    from mkdocs_macros.plugin import MacrosPlugin
    assert version("mkdocs-macros-plugin") == pinned("mkdocs-macros-plugin") == "1.5.0"
    assert isinstance(MacrosPlugin.env, property) and "_env" in MacrosPlugin.env.fget.__code__.co_names
    assert sandbox.install.__code__.co_names.count("_env") >= 1


def test_citeproc_py_is_the_version_whose_lookups_are_remembered():
    from citeproc import model
    from macros.citing import citations, citeproc_adapter
    citations.citeproc()  # loads citeproc-py, with the memo, as the first citation a build renders does
    assert version("citeproc-py") == pinned("citeproc-py") == citeproc_adapter.PINNED
    assert model.CitationStylesElement.xpath_search is citeproc_adapter._remembered
    assert citeproc_adapter._ORIGINAL.__code__.co_names == ("xpath", "nsmap")  # the method remembered


def test_every_citation_of_the_site_is_the_same_with_and_without_remembered_lookups():
    from datetime import date

    from macros.citing import citeproc_adapter, citations
    from macros.model.project import load_project
    project = load_project(ROOT)
    pages = [citations.Cited(locale, "chapters/opening/", "标题 Title", date(2026, 1, 1), anchor, section)
             for locale in ("zh", "en") for anchor, section in ((None, None), ("users", "用户 Users"))]
    items = [(citations.page_item(project, page, citations.ACCESSED_TODAY), citations.locator(project, page))
             for page in pages]
    items += [(citations.original_item(Edition(project, locale), citations.ACCESSED_TODAY), None)
              for locale in ("zh", "en")]

    def render_all() -> list[dict[str, citations.Formatted]]:
        citations._style.cache_clear()
        citations._memory.clear()
        return [citations.formats(item, item["language"], project.phrases.of(item["language"]).cite, where)
                for item, where in items]

    remembered = render_all()
    from citeproc import model
    assert model.CitationStylesElement.xpath_search is citeproc_adapter._remembered and citeproc_adapter._answers
    citeproc_adapter.uninstall()
    try:
        plain = render_all()
    finally:
        citeproc_adapter.install()
    assert remembered == plain


def test_mkdocs_serve_still_runs_the_builder_it_keeps_and_serves_its_root():
    import inspect

    from mkdocs.livereload import LiveReloadServer

    from reading_plugin import serve_adapter
    assert version("mkdocs") == pinned("mkdocs") == serve_adapter.PINNED
    assert "self.builder()" in inspect.getsource(LiveReloadServer._build_loop)  # what the adapter wraps

    def build() -> None:
        pass

    server = LiveReloadServer(builder=build, host="127.0.0.1", port=0, root="/tmp/served")
    try:
        assert server.builder is build and server.root == "/tmp/served"
        # The page as served: MkDocs injects its livereload script where this adapter finds it.
        assert "self._inject_js_into_html(" in inspect.getsource(LiveReloadServer._serve_request)
        page = (b'<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
                b'script-src \'self\' \'sha256-x\'; style-src \'self\'"></head><body><p>x</p></body></html>')
        plain = server._inject_js_into_html(page, 1)
        assert b"livereload(" in plain
        wrapped = serve_adapter.keep_last_good_build(server)
        assert wrapped.builder is not build  # wrapped where it is read
        allowed = wrapped._inject_js_into_html(page, 1)
        script = allowed.split(b"<script>")[1].split(b"</script>")[0]
        digest = base64.b64encode(hashlib.sha256(script).digest())
        assert b"script-src 'self' 'sha256-" + digest + b"' 'sha256-x'" in allowed  # that script, by hash
    finally:
        server.server_close()


def test_mkdocs_still_filters_repeated_messages_where_serve_clears_them():
    import inspect
    import logging

    import mkdocs.__main__
    from mkdocs.commands import build
    from mkdocs.utils import DuplicateFilter

    from reading_plugin import serve_adapter
    # MkDocs' command line puts a DuplicateFilter on the build log: the one the adapter clears.
    assert "build.log.addFilter(utils.DuplicateFilter())" in inspect.getsource(mkdocs.__main__)
    assert build.log.name == serve_adapter.BUILD_LOG
    added = DuplicateFilter()
    build.log.addFilter(added)
    try:
        added.msgs.add("a message seen before")
        serve_adapter.forget_logged_messages()
        assert added.msgs == set()
    finally:
        build.log.removeFilter(added)
    assert logging.getLogger(serve_adapter.BUILD_LOG) is build.log


def test_the_theme_listed_once_copies_exactly_the_files_mkdocs_lists_itself():
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    from reading_plugin import template_cache

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert Theme.get_env.__qualname__ == "Theme.get_env"  # the method whose environments get the loader

    def copied() -> list[tuple[str, str]]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return sorted((file.src_uri, file.abs_src_path or "") for file in files)

    theirs = copied()
    template_cache.list_theme_once(config.theme)
    ours = copied()
    assert ours == theirs and len(ours) > 20  # Material's scripts, styles, fonts' licences, images
    assert copied() == ours  # the second build's listing is the first's
    env = config.theme.get_env()
    assert all(not name.startswith(".") and "/." not in name for name in env.list_templates())
    assert env.get_template(".icons/material/github.svg")  # hidden folders still serve their templates


def test_mkdocs_macros_still_imports_requests_which_stays_unloaded_until_used():
    import subprocess
    import sys

    from reading_plugin import macros_imports
    assert version("mkdocs-macros-plugin") == pinned("mkdocs-macros-plugin") == macros_imports.PINNED
    probe = """
import sys
import reading_plugin
import mkdocs_macros.plugin
loaded_before = "urllib3" in sys.modules
assert mkdocs_macros.util.requests.get  # the plugin still reaches it by this name, and it loads on use
print(loaded_before, "urllib3" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout.split() == ["False", "True"], result.stdout + result.stderr
