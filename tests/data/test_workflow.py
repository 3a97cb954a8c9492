"""The GitHub Actions workflow: tests everywhere, deploys only from main and tags, with the Makefile."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
TARGETS = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


def commands(job: str) -> list[str]:
    return [step["run"] for step in WORKFLOW["jobs"][job]["steps"] if "run" in step]


def test_pull_requests_are_tested_read_only_and_never_deploy():
    triggers = WORKFLOW[True]  # PyYAML reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert WORKFLOW["permissions"] == {}  # nothing by default; each job names what it needs
    assert WORKFLOW["jobs"]["test"]["permissions"] == {"contents": "read"}
    deploy, pages = WORKFLOW["jobs"]["deploy"], WORKFLOW["jobs"]["pages"]
    assert deploy["needs"] == ["test", "pages"] and deploy["if"] == "github.event_name == 'push'"
    assert deploy["permissions"] == {"contents": "write"}
    assert pages["if"] == deploy["if"] and pages["permissions"] == {"pages": "read"}  # reads the address only


def test_a_deploy_names_the_address_it_is_published_at():
    """A fork publishes under its own Pages address (macros/model/hosting.py; tests/builds/test_hosting.py)."""
    pages = WORKFLOW["jobs"]["pages"]
    assert [s["uses"].split("@")[0] for s in pages["steps"]] == ["actions/configure-pages"]
    assert pages["outputs"]["base_url"] == "${{ steps.pages.outputs.base_url }}"
    deploying = [s for s in WORKFLOW["jobs"]["deploy"]["steps"] if s.get("run", "").startswith("make ")]
    assert deploying and all(s["env"]["SITE_BASE_URL"] == "${{ needs.pages.outputs.base_url }}" for s in deploying)


def test_ci_runs_the_same_commands_as_a_contributor():
    assert "bash .ci/run" in commands("test")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    made = [c.split()[1] for c in commands("deploy") if c.startswith("make ")]
    assert made == ["release", "preview"] and set(made) <= TARGETS


def test_supply_chain_is_pinned_and_credentials_stay_put():
    for name, job in WORKFLOW["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 60, name
        if any("run" in step for step in job["steps"]):  # a job that runs commands runs them in Debian
            assert re.fullmatch(r"debian:bookworm@sha256:[0-9a-f]{64}", job["container"]), name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]  # a commit, not a tag
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    token_steps = [s for job in WORKFLOW["jobs"].values() for s in job["steps"] if "secrets." in str(s)]
    assert len(token_steps) == 1  # the push alone has a token, and runs no hook repository code may have left
    assert token_steps[0]["run"].startswith("git -c core.hooksPath=/dev/null push ")


def test_a_pull_request_shows_its_changes_and_its_site_without_a_token():
    steps = WORKFLOW["jobs"]["test"]["steps"]
    summary = next(s for s in steps if "scripts.pr_summary" in s.get("run", ""))
    assert "pull_request" in summary["if"] and "!cancelled()" in summary["if"]  # also when a check fails
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"] and "${{" not in summary["run"]  # no expression in a shell
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and "secrets." not in str(steps)
    assert "make build" in [s.get("run") for s in steps]


def test_the_pull_request_templates_chinese_follows_gb_t_15834():
    """Its Chinese lines (each English item has one beneath it) use full-width marks, as the site does."""
    from macros.text.typography import _CJK_CHAR, lint_text

    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    chinese = [line for line in template.splitlines()
               if _CJK_CHAR.search(line) and not line.lstrip().startswith(("- [ ]", "**", "<!--"))]
    assert len(chinese) >= 6 and [p for line in chinese for p in lint_text(line, "x.md")] == []
