"""The annotation checker: each bad file refused with the file, the field and what to do; bodies made safe."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import re

import lxml.html
import pytest
import yaml

from macros.model import annotations
from macros.model.annotations import MAX_BODY_CHARS, Annotation, ChapterIndex, render_body
from macros.model.errors import DataError
from macros.model.fingerprint import Fingerprint
from macros.model.project import load_project
from macros.model.schema import Section

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 11, 29)
TEXT = "开头\n\n第一段里有一句话:元宝公布了两组数据。\n"
SECTIONS = [
    Section(id="front", starts_with="开头", chapter=None),
    Section(id="one", starts_with="第一段", chapter="one"),
]
FINGERPRINT = Fingerprint.of(TEXT, SECTIONS)
NOTHING_KNOWN = annotations.Known()  # no figures, no sums, no placeholders
INDEX = ChapterIndex({"one": ("one", {"one", "summary", "numbers"})})
GOOD = {
    "id": "good-note",
    "target": {"chapter": "one", "section": "summary"},
    "quote": "元宝公布了两组数据",
    "prefix": "一句话：",
    "suffix": "。",
    "kind": "context",
    "language": "zh",
    "body": "一段**注释**。",
    "author": {"name": "某人", "github": "someone"},
    "date": date(2026, 11, 28),
    "sources": [{"title": "来源", "url": "https://example.org/a", "accessed": date(2026, 11, 28)}],
    "status": "published",
}


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def error_of(tmp_path: Path, **changes) -> str:
    data = {**GOOD, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    write(tmp_path, "bad.yml", data)
    with pytest.raises(DataError) as caught:
        annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)
    return str(caught.value)


def test_a_good_file_loads(tmp_path):
    write(tmp_path, "good.yml", GOOD)
    [loaded] = annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)
    assert loaded.id == "good-note" and loaded.anchor == "ann-good-note"


def test_missing_field(tmp_path):
    data = {k: v for k, v in GOOD.items() if k != "author"}
    write(tmp_path, "bad.yml", data)
    with pytest.raises(DataError, match=r"bad\.yml:1: field 'author' is missing"):
        annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)


def test_unknown_field(tmp_path):
    assert re.search(r"bad\.yml:\d+: unknown field 'mood'", error_of(tmp_path, mood="happy"))


def test_unknown_chapter(tmp_path):
    message = error_of(tmp_path, target={"chapter": "two", "section": "summary"})
    assert "bad.yml:2: field 'target': unknown chapter 'two' (known: one)" in message


def test_unknown_section(tmp_path):
    message = error_of(tmp_path, target={"chapter": "one", "section": "nowhere"})
    assert "field 'target': chapter 'one' has no section 'nowhere' (its ids: numbers, one, summary)" in message


def test_quotation_not_in_the_article(tmp_path):
    message = error_of(tmp_path, quote="元宝公布了三组数据")
    assert (
        "field 'quote': '元宝公布了三组数据' is not verbatim in section 'one' of the article; "
        "quote the article's words exactly"
        in message
    )


def test_id_already_taken(tmp_path):
    write(tmp_path, "a.yml", GOOD)
    write(tmp_path, "b.yml", GOOD)
    with pytest.raises(
        DataError, match=r"b\.yml:1: field 'id': 'good-note' is already taken by a\.yml; choose another id"
    ):
        annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)


def test_date_in_the_future(tmp_path):
    assert "field 'date': 2026-12-01 is in the future; use the day you wrote it" in error_of(
        tmp_path, date=date(2026, 12, 1)
    )


def test_non_http_link(tmp_path):
    message = error_of(tmp_path, sources=[{"title": "x", "url": "javascript:alert(1)", "accessed": date(2026, 11, 1)}])
    assert "field 'sources[0].url'" in message
    assert "'javascript:alert(1)' is not an http(s) address; give the page's http:// or https:// address" in message
    assert message.count("javascript:alert(1)") == 1  # the value once, not repeated


def test_oversized_body_states_the_limit(tmp_path):
    message = error_of(tmp_path, body="字" * (MAX_BODY_CHARS + 1))
    assert "field 'body'" in message and f"at most {MAX_BODY_CHARS} characters" in message


def test_fact_check_names_claim_and_verdict(tmp_path):
    assert "a fact-check names the `claim` it checks and either its `verdict`" in error_of(tmp_path, kind="fact-check")
    both = error_of(tmp_path, kind="fact-check", claim="c", verdict="unverifiable", checks="sum")
    assert "either its `verdict`" in both


def test_a_fact_check_of_the_articles_own_sums_takes_the_figures_pages_verdict(tmp_path):
    free = error_of(tmp_path, kind="fact-check", claim="c", verdict="accurate", sources=None, basis=["article"])
    assert "cannot call the article accurate or not" in free and "`checks: <the id" in free
    unknown = error_of(tmp_path, kind="fact-check", claim="c", checks="no_such_sum")
    assert "field 'checks': 'no_such_sum' is not one of the article's sums" in unknown
    write(tmp_path, "bad.yml", {**GOOD, "kind": "fact-check", "claim": "c", "checks": "a_sum"})
    sums = annotations.Known(claim_ids=frozenset({"a_sum"}))
    [loaded] = annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, sums)
    assert loaded.checks == "a_sum" and loaded.verdict is None


def test_withdrawn_needs_a_reason(tmp_path):
    assert "a withdrawn annotation gives a `withdrawn_reason`" in error_of(tmp_path, status="withdrawn")


def test_all_problems_of_all_files_are_reported_together(tmp_path):
    write(tmp_path, "a.yml", {**GOOD, "id": "first-note", "date": date(2027, 1, 1)})
    write(tmp_path, "b.yml", {**GOOD, "id": "second-note", "quote": "不在原文里的话"})
    with pytest.raises(DataError) as caught:
        annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)
    assert "a.yml" in str(caught.value) and "b.yml" in str(caught.value)


@pytest.mark.parametrize(
    "body, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="https://example.org" onclick="alert(1)">x</a>', "onclick"),
        ('<iframe src="https://example.org"></iframe>', "<iframe"),
        ("[x](javascript:alert(1))", "javascript:"),
        ('[x](https://example.org){onclick="alert(1)"}', "<a onclick"),
        ('<div markdown="1">*x*</div>', "<div"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ],
)
def test_bodies_are_sanitised(body, forbidden):
    html = str(render_body(body))
    assert forbidden not in html
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    attributes = {name for element in tree.iter() for name in element.attrib}
    assert attributes <= {"href", "rel", "title"}  # no event handler, no style, no id


def test_template_syntax_is_shown_as_written():
    assert "{{ 7*7 }}" in str(render_body("{{ 7*7 }}")) and "49" not in str(render_body("{{ 7*7 }}"))


def test_ordinary_markdown_survives():
    assert str(render_body("**bold** and [a link](https://example.org/x)")) == (
        '<p><strong>bold</strong> and <a href="https://example.org/x" rel="nofollow noopener noreferrer external">'
        "a link</a></p>"
    )


def test_a_rendered_body_is_taken_from_the_build_cache_and_keyed_by_the_renderer(tmp_path, monkeypatch):
    """A build renders each body once across builds; what it takes from the cache is what it wrote."""
    from macros.model import buildcache

    text = "**remembered** body"
    monkeypatch.setattr(buildcache, "_folder", tmp_path)
    render_body.cache_clear()
    try:
        fresh = str(render_body(text))
        (entry,) = (tmp_path / "bodies").iterdir()
        assert entry.read_text(encoding="utf-8") == fresh == "<p><strong>remembered</strong> body</p>"
        entry.write_text("<p>as the cache has it</p>", encoding="utf-8")
        render_body.cache_clear()
        assert str(render_body(text)) == "<p>as the cache has it</p>"
        before = annotations._renderer()
        monkeypatch.setattr(annotations.markdown, "__version__", "0.0")  # another Markdown: another entry
        annotations._renderer.cache_clear()
        render_body.cache_clear()
        assert annotations._renderer() != before and str(render_body(text)) == fresh
    finally:
        annotations._renderer.cache_clear()
        render_body.cache_clear()


def template(language: str):
    return load_project(ROOT).phrases.of(language).annotations.template


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_scaffold_is_a_valid_annotation_in_the_readers_language(language):
    words = template(language)
    text = annotations.scaffold("opening-users-20261129", "opening", "users", TODAY, language, words, "用户与活跃度")
    data = yaml.safe_load(text)
    assert data["author"]["github"] == words.github  # the contributor fills in their handle
    data["author"]["github"] = "someone"
    assert Annotation.model_validate(data).target.section == "users" and data["language"] == language
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert f"# {words.section}: opening § 用户与活跃度" in comments  # the section by its heading
    assert f"# {words.status}" in comments  # what `status: published` means, said beside it
    assert data["body"].strip() == words.body and data["author"]["name"] == words.author
    if language == "zh":
        assert all(re.search(r"[\u4e00-\u9fff]", line) for line in comments[1:])  # Chinese readers read Chinese


def test_the_committed_json_schema_is_the_models():
    assert (ROOT / "data" / "annotations" / "schema.json").read_text(encoding="utf-8") == annotations.json_schema()


def test_motivations_follow_the_w3c_vocabulary():
    assert set(annotations.MOTIVATIONS) == set(Annotation.model_fields["kind"].annotation.__args__)
    assert set(annotations.MOTIVATIONS.values()) <= {
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    }


def test_the_scaffold_is_refused_until_it_is_filled_in(tmp_path, monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "scripts.new_annotation", "opening", "nowhere"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "chapter 'opening' has no section 'nowhere'" in result.stderr
    data = yaml.safe_load(annotations.scaffold("opening-users-20261129", "opening", "users", TODAY, "en",
                                               template("en")))
    index = ChapterIndex({"opening": ("opening", {"users"})})
    words = template("en")
    placeholders = annotations.Known(placeholders=frozenset({words.body, words.author, words.github,
                                                             words.source_title}))
    write(tmp_path, f"{TODAY}-opening-users.yml", data)
    with pytest.raises(DataError) as refused:
        annotations.load_all(tmp_path, index, FINGERPRINT, TODAY, placeholders)
    for field_name in ("body", "author.name", "author.github", "sources[0].title"):
        assert f"field '{field_name}': still holds the template's placeholder" in str(refused.value)
    assert "the template's example address https://example.org/" in str(refused.value)
    filled = {**data, "body": "My own words.", "author": {"name": "Someone", "github": "someone"},
              "sources": [{"title": "A page", "url": "https://example.net/page", "accessed": TODAY}]}
    write(tmp_path, f"{TODAY}-opening-users.yml", filled)
    [loaded] = annotations.load_all(tmp_path, index, FINGERPRINT, TODAY, placeholders)
    assert loaded.language == "en" and loaded.status == "published"
    (tmp_path / f"{TODAY}-opening-users.yml").rename(tmp_path / f"{TODAY}-opening-summary.yml")
    write(tmp_path, f"{TODAY}-opening-summary.yml", {**filled, "target": {"chapter": "opening", "section": "users"}})
    index = ChapterIndex({"opening": ("opening", {"users", "summary"})})
    with pytest.raises(DataError, match=r"the file is named for opening § summary but targets opening § users"):
        annotations.load_all(tmp_path, index, FINGERPRINT, TODAY, placeholders)


# --- the team, what an annotation rests on, translations ----------------------------------


def test_the_team_writes_under_the_collective(tmp_path):
    write(tmp_path, "team.yml", {**GOOD, "author": {"team": True}})
    [loaded] = annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, NOTHING_KNOWN)
    assert loaded.author.team and loaded.author.name is None
    assert "leave `name` out" in error_of(tmp_path, author={"team": True, "name": "某人"})
    assert "give your `name` and your `github` handle" in error_of(tmp_path, author={"github": "someone"})
    assert "give your `name` and your `github` handle" in error_of(tmp_path, author={"name": "某人"})


def test_an_annotation_may_rest_on_the_article_or_our_arithmetic(tmp_path):
    write(tmp_path, "a.yml", {**GOOD, "sources": [], "basis": ["article"]})
    write(tmp_path, "b.yml", {**GOOD, "id": "sums", "sources": [], "basis": ["arithmetic"], "figures": ["mau"]})
    figures = annotations.Known(figure_ids=frozenset({"mau"}))
    loaded = annotations.load_all(tmp_path, INDEX, FINGERPRINT, TODAY, figures)
    assert [a.basis for a in loaded] == [["article"], ["arithmetic"]]


@pytest.mark.parametrize("changes, message", [
    ({"sources": []}, "say what the annotation rests on"),
    ({"basis": ["arithmetic"]}, "`basis: [arithmetic]` and `figures`"),
    ({"figures": ["mau"]}, "`basis: [arithmetic]` and `figures`"),
    ({"basis": ["arithmetic"], "figures": ["nope"]}, "unknown figure id 'nope'"),
    ({"translations": {"zh": {"body": "重复"}}}, "the body is already in 'zh'"),
    ({"kind": "fact-check", "claim": "说法", "verdict": "accurate", "translations": {"en": {"body": "x"}}},
     "translations.en: give `claim`"),
])
def test_bases_and_translations_are_checked(tmp_path, changes, message):
    assert message in error_of(tmp_path, **changes)


def test_each_edition_shows_its_own_language():
    note = Annotation.model_validate({**GOOD, "translations": {"en": {"body": "A note."}}})
    assert note.text_for("en") == ("en", note.translations["en"])
    language, text = note.text_for("zh")
    assert language == "zh" and text.body == GOOD["body"]
    untranslated = Annotation.model_validate(GOOD)
    assert untranslated.text_for("en")[0] == "zh"  # shown in its own language, marked as such


def test_headings_are_read_by_markdown_itself_with_attributes_in_any_form():
    from macros.model.annotations import headings_of
    text = "---\nsection: x\n---\n\n# 标题 { #top }\n\n## 用户 { #users .wide }\n\n### Sub {#sub}\n\n## Plain\n"
    assert headings_of(text) == ((1, "top", "标题"), (2, "users", "用户"), (3, "sub", "Sub"), (2, "plain", "Plain"))


def test_a_quote_is_placed_by_the_articles_words_around_it(tmp_path):
    assert "give `prefix` and `suffix`" in error_of(tmp_path, prefix=None)
    assert "give the quote, or leave them out" in error_of(tmp_path, quote=None)
    message = error_of(tmp_path, prefix="一段话：")
    assert "field 'prefix'" in message and "copy the characters just before and just after" in message
