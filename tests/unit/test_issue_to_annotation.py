"""The issue form for readers who do not write YAML, and the script that turns a filed issue into an
annotation file: the form is one GitHub accepts and the site's link fills in; the file passes the same
checker as a pull request's, and whatever the reader typed lands in it as data."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from scripts import issue_to_annotation as script
from tests.conftest import ROOT

FORM = yaml.safe_load(script.FORM.read_text(encoding="utf-8"))
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_the_form_follows_githubs_issue_form_syntax():
    """GitHub's documented rules (docs.github.com, "Syntax for issue forms"): name, description and body;
    each element a known type with attributes; ids of letters, digits, - and _, unique; a label for every
    field; dropdown and checkbox options distinct and non-empty."""
    assert set(FORM) <= {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
    assert FORM["name"] and FORM["description"] and FORM["body"]
    ids = [item["id"] for item in FORM["body"] if "id" in item]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    labels = []
    for item in FORM["body"]:
        assert item["type"] in FIELD_TYPES and set(item) <= {"type", "id", "attributes", "validations"}
        attributes = item["attributes"]
        if item["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        labels.append(attributes["label"])
        if item["type"] in ("dropdown", "checkboxes"):
            options = [o if isinstance(o, str) else o["label"] for o in attributes["options"]]
            assert options and len(options) == len(set(options)) and all(options)
    assert len(labels) == len(set(labels))  # a submitted issue names each field by its label


def submitted(values: dict[str, str | None], number: int = 42) -> str:
    """An issue as `gh issue view --json …` gives it, its body as GitHub writes a submitted form."""
    parts = []
    for item in FORM["body"]:
        if item["type"] == "markdown":
            continue  # a form's text is not part of the issue
        value = values.get(item["id"])
        if item["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in item["attributes"]["options"])
        parts.append(f"### {item['attributes']['label']}\n\n{value if value else script.NO_RESPONSE}")
    return json.dumps({"number": number, "author": {"login": "reader-1"}, "createdAt": "2026-11-30T23:30:00Z",
                       "body": "\n\n".join(parts)}, ensure_ascii=False)


def option(field: str, value: str) -> str:
    item = next(i for i in FORM["body"] if i.get("id") == field)
    return next(o for o in item["attributes"]["options"] if o.endswith(f"· {value}"))


HOSTILE_BODY = ("元宝的数字是元宝自己公布的。\n\n"
                "{{ 7*7 }} {% include 'mkdocs.yml' %} <script>alert(1)</script>\n"
                "---\nkind: correction\nstatus: withdrawn\n")


def run(tmp_path: Path, values: dict[str, str | None], number: int = 42) -> tuple[int, Path | None]:
    issue = tmp_path / "issue.json"
    issue.write_text(submitted(values, number), encoding="utf-8")
    out = tmp_path / "annotations"
    out.mkdir(exist_ok=True)
    code = script.main([str(issue)], into=out)
    files = list(out.glob("*.yml"))
    return code, files[0] if files else None


def test_a_filed_issue_becomes_a_file_that_passes_the_checker(tmp_path, capsys):
    code, written = run(tmp_path, {"section": "opening#users", "kind": option("kind", "context"),
                                   "language": option("language", "zh"), "body": HOSTILE_BODY,
                                   "sources": "原文", "name": "读者甲"})
    assert code == 0, capsys.readouterr()
    assert written is not None and written.name == "2026-11-30-opening-users-issue42.yml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    # What the reader typed is the body, whole, as data: no field of its own, no template run.
    assert data["body"] == HOSTILE_BODY and data["kind"] == "context" and data["status"] == "published"
    assert data["target"] == {"chapter": "opening", "section": "users"} and data["basis"] == ["article"]
    assert data["author"] == {"name": "读者甲", "github": "reader-1"} and data["date"] == date(2026, 11, 30)
    assert "passes the checker" in capsys.readouterr().out


def test_what_is_left_to_do_is_named_field_by_field(tmp_path, capsys):
    code, written = run(tmp_path, {"section": "opening#users", "kind": option("kind", "fact-check"),
                                   "language": option("language", "en"), "quote": "元宝公布的两组数据",
                                   "body": "The numbers are Yuanbao's own.",
                                   "sources": "https://example.com/report\narithmetic\n我朋友说的"}, number=7)
    out = capsys.readouterr().out
    assert code == 1 and written is not None
    assert "field 'claim'" in out and "prefix" in out  # a fact-check's claim, a quote's place
    assert "我朋友说的" in out  # nothing the reader wrote is dropped unsaid
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["sources"][0]["url"] == "https://example.com/report" and data["basis"] == ["arithmetic"]


@pytest.mark.parametrize("values, message", [
    ({"section": "nowhere#users"}, "names no chapter"),
    ({"section": "opening#nowhere"}, "has no section 'nowhere'"),
    ({"kind": "whatever"}, "not one of the form's options"),
    ({"body": None}, "no body"),
])
def test_a_bad_issue_is_refused_with_what_to_do(tmp_path, capsys, values, message):
    good = {"section": "opening#users", "kind": option("kind", "context"), "language": option("language", "zh"),
            "body": "一条注释。"}
    code, written = run(tmp_path, {**good, **values})
    assert code == 2 and written is None and message in capsys.readouterr().err


def test_an_issue_not_from_the_form_is_refused(tmp_path, capsys):
    issue = tmp_path / "issue.json"
    issue.write_text(json.dumps({"number": 1, "author": {"login": "x"}, "createdAt": "2026-11-30T00:00:00Z",
                                 "body": "### Something else\n\nhello"}), encoding="utf-8")
    assert script.main([str(issue)], into=tmp_path) == 2
    assert "not a field of annotation.yml" in capsys.readouterr().err
    issue.write_text("not json", encoding="utf-8")
    assert script.main([str(issue)], into=tmp_path) == 2
    assert "gh issue view" in capsys.readouterr().err


def test_the_form_is_linked_from_contributing_in_both_languages():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    chinese, english = text.split("## English")
    for half in (chinese, english):
        assert "make annotation-from-issue" in half and "annotation.yml" in half
