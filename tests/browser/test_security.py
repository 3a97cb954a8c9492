"""What the Content-Security-Policy does in a real browser: the theme's own inline scripts run, a script
that reached the page through a title (Material writes titles unescaped) does not."""

from __future__ import annotations

from macros.rendering.csp import with_policy


def test_an_injected_script_does_not_run_and_the_themes_do(page, site_url, built_site):
    built = (built_site.site_dir / "chapters" / "opening" / "index.html").read_text(encoding="utf-8")
    without_policy = built.split('<meta http-equiv="Content-Security-Policy"', 1)
    html = without_policy[0] + without_policy[1].split(">\n", 1)[1]  # the page as served before the policy
    injected = html.replace("<nav", '<script>window.injected = "ran"</script><nav', 1)
    address = site_url + "chapters/opening/injected.html"
    page.route(address, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                   body=with_policy(injected)))
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(address)
    assert page.evaluate("typeof window.injected") == "undefined"  # blocked
    assert page.evaluate("typeof __md_scope") == "object"  # the theme's scope script ran
    assert page.evaluate("document.body.dataset.mdColorScheme") is not None
    assert len(violations) == 1, violations  # the injected one, and only it
    page.console_errors.clear()
