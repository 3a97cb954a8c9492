"""What changed between releases, read from a real (throw-away) git repository, and the feed made from it."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import feedparser
import pytest

from macros.model import annotations as contributed
from macros.rendering import changespage, feed
from macros.model import history
from macros.model.changelog import ChangelogEntry, load_changelogs, parse_changelog
from macros.model.errors import DataError
from macros.model.project import Edition, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)

FIGURES = """\
figures:
  mau:
    kind: stated
    label: {zh: "元宝月活跃用户（MAU）", en: "Yuanbao monthly active users (MAU)"}
    value: %s
    unit: users
    relation: %s
    wording: "月活跃用户（MAU）达到1.14亿"
  dau:
    kind: stated
    label: {zh: "元宝日活跃用户（DAU）", en: "Yuanbao daily active users (DAU)"}
    value: 50000000
    unit: users
    relation: more_than
    wording: "日活跃用户（DAU）突破5000万"
"""


def git(repo: Path, *args: str, day: str = "2026-11-20") -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True, env={"GIT_COMMITTER_DATE": f"{day}T10:00:00Z",
                                             "GIT_AUTHOR_DATE": f"{day}T10:00:00Z", "PATH": "/usr/bin:/bin"})


def write(repo: Path, path: str, text: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def annotation(annotation_id: str, status: str = "published") -> str:
    reason = '\nwithdrawn_reason: "superseded"' if status == "withdrawn" else ""
    return f"id: {annotation_id}\nstatus: {status}{reason}\n"


def commit(repo: Path, message: str, files: dict[str, str], tag: str | None = None) -> None:
    """Write `files` (path -> text) and commit them, tagged `tag` if given."""
    for path, text in files.items():
        write(repo, path, text)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    if tag:
        git(repo, "tag", tag)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """v0.1.0, then a release v0.2.0 that corrects a figure, adds and withdraws annotations and renames an id,
    then one more correction not yet released."""
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "first", {"data/figures.yml": FIGURES % (114000000, "exact"),
                               "data/annotations/a.yml": annotation("first-note"),
                               "data/anchors.yml": "aliases: {}\n"}, tag="v0.1.0")
    commit(tmp_path, "second", {"data/figures.yml": FIGURES % (115000000, "exact"),
                                "data/annotations/a.yml": annotation("first-note", "withdrawn"),
                                "data/annotations/b.yml": annotation("second-note"),
                                "data/anchors.yml": 'aliases: {"chapters/opening/": {old-users: users}}\n'},
           tag="v0.2.0")
    commit(tmp_path, "third", {"data/figures.yml": FIGURES % (115000000, "more_than")})
    return tmp_path


def test_releases_states_and_corrections_come_from_the_tags_and_the_commits(repo: Path):
    releases = history.releases(repo)
    assert [r.version for r in releases] == ["0.1.0", "0.2.0"] and releases[0].day == date(2026, 11, 20)
    found = history.load_history(repo)
    release, before, changes = found.changes_in("0.2.0") or (None, None, None)
    assert release is not None and before is not None and before.version == "0.1.0"
    assert changes == history.Changes(
        figures=(history.FigureChange("mau", "value", 114000000, 115000000, ("users", "users")),),
        annotations_added=("second-note",), annotations_withdrawn=("first-note",),
        ids_renamed=(("chapters/opening/", "old-users", "users"),))
    assert found.changes_in("0.1.0") == (releases[0], None, history.Changes())  # the first: nothing before it
    latest, unreleased = found.unreleased() or (None, None)
    assert latest is not None and latest.version == "0.2.0"
    users = ("users", "users")
    relation = history.FigureChange("mau", "relation", "exact", "more_than", users)
    assert unreleased == history.Changes(figures=(relation,))
    assert [c.changes for c in found.corrections] == [  # newest first, every commit after the first release
        (history.FigureChange("mau", "relation", "exact", "more_than", users),),
        (history.FigureChange("mau", "value", 114000000, 115000000, users),)]


def test_outside_git_there_is_no_history_and_nothing_is_invented(tmp_path: Path):
    found = history.load_history(tmp_path)
    assert found.releases == () and found.corrections == () and found.unreleased() is None
    page = changespage.page_markdown(Edition(PROJECT, "zh"), [ChangelogEntry("0.1.0", "- first")], found,
                                     lambda path: path)
    assert "## 尚未发布 { #unreleased }" in page and "## 0.1.0 { #release-0-1-0 }" in page
    assert "没有这一版的标签（v0.1.0）" in page and "发布于" not in page


def test_the_changes_page_lists_each_release_old_and_new(repo: Path):
    found = history.load_history(repo)
    entries = parse_changelog("# Changelog\n\nintro\n\n## Unreleased\n\n- soon\n\n## 0.2.0\n\n- fixed\n\n"
                                          "## 0.1.0\n\n- first\n")
    assert [e.version for e in entries] == [None, "0.2.0", "0.1.0"]
    page = changespage.page_markdown(Edition(PROJECT, "zh"), entries, found, lambda path: "/" + path)
    unreleased, second, first = page.split("\n## ")[0], page.split("\n## ")[1], page.split("\n## ")[2]
    assert "与0.2.0版相比" in unreleased and "关系 就是所写的数 → 下限（不含）" in unreleased
    assert "发布于2026-11-20" in second and "数值 1.14亿 → 1.15亿" in second
    assert '<a href="/annotations/#ann-second-note">second-note</a>' in second
    assert "first-note" in second.split("撤回的注释")[1]
    assert "chapters/opening/#old-users</code></a> → <code>#users</code>" in second
    assert "第一个发布版本" in first and "<li>first</li>" in first


def test_the_feed_lists_corrections_and_releases_and_reads_back(repo: Path):
    found = history.load_history(repo)
    entries = parse_changelog("## 0.2.0\n\n- fixed <script>x</script>\n\n## 0.1.0\n\n- first\n")
    listed = feed.entries(Edition(PROJECT, "en"), contributed.Loaded(), {}, found, entries)
    assert [e.key.split("/")[0] for e in listed].count("correction") == 2
    assert [e.title for e in listed if e.key.startswith("release/")] == ["New version: 0.2.0", "New version: 0.1.0"]
    parsed = feedparser.parse(feed.atom(Edition(PROJECT, "en"), listed, date(2026, 12, 1)))
    assert not parsed.bozo and parsed.feed.updated.startswith("2026-11-20")
    assert len(parsed.entries) == len(listed) == len({e.id for e in parsed.entries})
    release = next(e for e in parsed.entries if e.title == "New version: 0.2.0")
    assert release.link.endswith("/en/changes/#release-0-2-0") and "<script>" not in release.content[0].value
    corrections = [e for e in parsed.entries if e.title.startswith("Figures corrected: ")]
    assert [e.title for e in corrections] == ["Figures corrected: Yuanbao monthly active users (MAU)"] * 2
    assert "relation the number written → lower bound (exclusive)" in corrections[0].content[0].value
    assert "value 114 million → 115 million" in corrections[1].content[0].value
    assert corrections[0].link.endswith(f"/{PROJECT.site.version}/en/figures/")  # the version being built


def test_a_commit_whose_figures_cannot_be_read_is_not_a_correction_of_every_figure(repo: Path):
    write(repo, "data/figures.yml", "figures:\n  mau: &a {x: 1}\n  dau: *a\n")  # an alias: refused, as today
    git(repo, "commit", "-qam", "unreadable")
    write(repo, "data/figures.yml", "figures: {x_bad_date: 2020-13-45}\n")  # a date YAML cannot build
    git(repo, "commit", "-qam", "still unreadable")
    found = history.load_history(repo)
    assert len(found.corrections) == 2  # the two from before; none for, or after, the unreadable files
    assert found.unreleased() is not None and found.unreleased()[1].figures == ()


def test_releases_go_by_version_and_only_in_the_sites_own_repository(repo: Path, tmp_path: Path):
    git(repo, "tag", "v0.1.1", "v0.1.0")  # a backport, tagged after 0.2.0
    git(repo, "tag", "vnext")  # not a version
    assert [r.version for r in history.releases(repo)] == ["0.1.0", "0.1.1", "0.2.0"]
    inside = repo / "data"  # a folder inside another repository: its tags are not the site's
    assert history.releases(inside) == [] and history.load_history(inside).releases == ()


def test_a_change_only_to_the_other_editions_words_is_no_change_on_this_one():
    change = history.FigureChange("mau", "reading", {"zh": "同", "en": "old"}, {"zh": "同", "en": "new"})
    assert changespage.visible(change, "en") and not changespage.visible(change, "zh")
    assert "数据没有变化" in changespage.changes_html(Edition(PROJECT, "zh"), history.Changes(figures=(change,)), str)


def test_old_ledgers_of_any_shape_still_compare():
    assert history.state_of(None, [], "aliases: [1, 2]\n").aliases == {}
    assert history.state_of(None, ["id: [x]\n", "- 1\n"], "aliases: {p/: {a: b}}\n").aliases == {"p/": {"a": "b"}}


@pytest.mark.parametrize("text, problem", [
    ("## 0.0.5 <script>x</script>\n", "CHANGELOG.md:1: heading '## 0.0.5 <script>x</script>' is neither"),
    ("## Unreleased\n\n## unreleased\n", "CHANGELOG.md:3: 'unreleased' has a second entry"),
    ("## 1.0\n", "CHANGELOG.md:1: heading '## 1.0' is neither"),
])
def test_the_changelogs_headings_are_versions_or_unreleased(text: str, problem: str):
    with pytest.raises(DataError) as raised:
        parse_changelog(text)
    assert str(raised.value).startswith(problem)


def test_a_heading_inside_a_code_block_of_the_notes_is_text():
    [entry] = parse_changelog("## 0.1.0\n\n```\n## not a release\n```\n")
    assert entry.version == "0.1.0" and "## not a release" in entry.notes


def test_the_feed_keeps_the_newest_entries_and_renders_only_those(monkeypatch: pytest.MonkeyPatch):
    index = contributed.chapter_index(PROJECT.article.sections, ROOT / "docs")
    loaded = contributed.load_all(ROOT / "data" / "annotations", index, PROJECT.fingerprint, date(2999, 1, 1),
                                  contributed.known(PROJECT))
    rendered: list[str] = []
    original = feed._annotation_content
    monkeypatch.setattr(feed, "_annotation_content", lambda *args: rendered.append(args[1].id) or original(*args))
    monkeypatch.setattr(feed, "MAX_ENTRIES", 3)
    empty = history.History((), {}, history.DataState, ())
    kept = feed.entries(Edition(PROJECT, "zh"), loaded, index.headings, empty, [])
    assert len(kept) == 3 and len(loaded) > 3 and len(rendered) == 3
    assert all(entry.content for entry in kept)
    newest = sorted(loaded, key=lambda a: a.date, reverse=True)[:3]
    assert [e.key for e in kept] == [f"annotation/{a.id}" for a in newest]


def test_a_withdrawal_is_dated_by_the_commit_that_withdrew_it(repo: Path):
    write(repo, "data/annotations/a.yml", annotation("first-note", "withdrawn").replace("superseded", "replaced"))
    git(repo, "commit", "-qam", "a later edit of the reason", day="2026-11-25")
    assert history.withdrawn_at(repo, "data/annotations/a.yml").date() == date(2026, 11, 20)  # not the 25th
    assert history.withdrawn_at(repo, "data/annotations/b.yml") is None


def test_a_build_of_an_older_commit_lists_no_later_release(repo: Path):
    git(repo, "checkout", "-q", "v0.1.0")
    assert [r.version for r in history.releases(repo)] == ["0.1.0"]


def test_an_old_value_is_written_in_its_own_unit():
    change = history.FigureChange("mau", "value", 30, 3000000, ("days", "users"))
    shown = changespage.describe(Edition(PROJECT, "en"), change, str)
    assert "30 days → 3 million" in shown


def test_every_field_a_change_can_touch_has_a_name_in_each_language():
    from macros.model.schema import FigureFieldNames

    assert tuple(FigureFieldNames.model_fields) == history.FIGURE_FIELDS


def test_a_control_character_in_the_changelog_is_named_with_its_line():
    with pytest.raises(DataError, match=r"CHANGELOG.md:3: holds the control character U\+0001"):
        parse_changelog("## 0.1.0\n\n- a \x01 b\n")


def test_keep_a_changelogs_dated_headings_are_read_and_only_their_version_is_shown():
    [entry] = parse_changelog("## [0.2.0] - <script>x</script>\n\n- fixed\n")
    assert entry.version == "0.2.0"
    page = changespage.page_markdown(Edition(PROJECT, "en"), [entry], history.load_history(Path("/")), str)
    assert "## 0.2.0 { #release-0-2-0 }" in page and "<script>" not in page


def test_a_dated_heading_gives_its_release_day_and_an_impossible_one_is_named():
    [dated, undated] = parse_changelog("## [0.2.0] - 2026-12-01\n\n## 0.1.0\n")
    assert dated.released == date(2026, 12, 1) and undated.released is None
    with pytest.raises(DataError, match=r"CHANGELOG.md:1: '2026-02-30' is not a day of the calendar"):
        parse_changelog("## [0.2.0] - 2026-02-30\n")


def _changelogs(tmp_path: Path, original: str | None, chinese: str | None) -> dict[str, list[ChangelogEntry]]:
    for name, text in (("CHANGELOG.md", original), ("CHANGELOG.zh.md", chinese)):
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8")
    return load_changelogs(tmp_path, ["zh", "en"], lambda path: path.read_text(encoding="utf-8"))


def test_each_edition_reads_its_own_changelog_heading_for_heading(tmp_path: Path):
    found = _changelogs(tmp_path, "## Unreleased\n\n- new\n\n## [0.1.0] - 2026-12-01\n\n- first\n",
                        "## Unreleased\n\n- 新的\n\n## [0.1.0] - 2026-12-01\n\n- 第一版\n")
    assert [e.notes for e in found["zh"]] == ["- 新的", "- 第一版"]
    assert [e.notes for e in found["en"]] == ["- new", "- first"]


def test_without_changelog_no_edition_has_notes(tmp_path: Path):
    assert _changelogs(tmp_path, None, "## 0.1.0\n- 甲\n") == {"zh": [], "en": []}


@pytest.mark.parametrize("original, chinese, problem", [
    ("## 0.2.0\n- b\n\n## 0.1.0\n- a\n", "## 0.2.0\n- 乙\n", "CHANGELOG.zh.md: has no '## 0.1.0' (CHANGELOG.md:4)"),
    ("## 0.1.0\n- a\n", "## 0.2.0\n- 乙\n\n## 0.1.0\n- 甲\n",
     "CHANGELOG.zh.md:1: '## 0.2.0' stands where CHANGELOG.md:1 has '## 0.1.0'"),
    ("## 0.1.0\n- a\n", "## 0.1.0\n- 甲\n## 0.0.9\n- 丙\n", "CHANGELOG.zh.md:3: '## 0.0.9' is not in CHANGELOG.md"),
    ("## [0.1.0] - 2026-12-01\n- a\n", "## [0.1.0] - 2026-12-02\n- 甲\n",
     "CHANGELOG.zh.md:1: '## [0.1.0] - 2026-12-02' stands where CHANGELOG.md:1 has '## [0.1.0] - 2026-12-01'"),
    ("## Unreleased\n- a\n", "## Unreleased\n\n", "CHANGELOG.zh.md:1: '## Unreleased' has no notes"),
    ("## 0.1.0\n- a\n", None, "CHANGELOG.zh.md: is missing: the 'zh' edition shows its own changelog"),
])
def test_a_translation_that_parts_from_the_original_is_named_with_file_and_line(
        tmp_path: Path, original: str, chinese: str | None, problem: str):
    with pytest.raises(DataError) as raised:
        _changelogs(tmp_path, original, chinese)
    assert str(raised.value).startswith(str(tmp_path / problem.split(":")[0]) + problem[len(problem.split(":")[0]):])


def test_the_sites_changelogs_agree():
    found = load_changelogs(ROOT, ["zh", "en"], lambda path: path.read_text(encoding="utf-8"))
    assert [e.version for e in found["zh"]] == [e.version for e in found["en"]] and found["zh"]
    assert all(re.search(r"[\u4e00-\u9fff]", e.notes) for e in found["zh"] if e.notes)


def test_a_changelog_saved_with_windows_line_endings_reads_the_same():
    text = "# Changelog\n\n## Unreleased\n\n- soon\n\n## [0.1.0] - 2026-12-01\n\n- first\n"
    assert parse_changelog(text.replace("\n", "\r\n")) == parse_changelog(text)
