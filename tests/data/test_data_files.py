"""The real data: valid, verbatim, consistent with the pages, and the article's sums checked by hand."""

from __future__ import annotations

import re
from fractions import Fraction as F
from pathlib import Path

import pytest
import yaml

from macros.text.placement import headings_of
from macros.model.fingerprint import MAX_QUOTE_CHARS, make, normalise
from macros.model.intervals import INF, Interval
from macros.model.project import Project
from macros.model.schema import ClaimFigure, StatedFigure
from macros.model.usage import FIGURE_CALL
from tests.conftest import ARTICLE_SOURCE, ROOT

DOCS = ROOT / "docs"


def test_every_wording_is_verbatim_in_its_section(project: Project):
    checked = 0
    for fig in project.figures.figures.values():
        spec = fig.spec
        if isinstance(spec, (StatedFigure, ClaimFigure)):
            statements = [(spec.wording, spec.section)]
            if isinstance(spec, StatedFigure):
                statements += [(s.wording, s.section) for s in spec.also_stated]
            for wording, section in statements:
                assert project.fingerprint.check(wording, section) is None, (fig.id, wording)
                checked += 1
    assert checked >= len(project.figures.ids) // 2


def test_a_wording_not_in_the_article_would_be_caught(project: Project):
    assert project.fingerprint.check("月活跃用户(MAU)达到2.14亿", "opening") is not None
    assert project.fingerprint.check("月活跃用户(MAU)达到1.14亿", "watershed") is not None


def used_ids() -> dict[str, set[str]]:
    return {
        path.relative_to(DOCS).as_posix(): set(FIGURE_CALL.findall(path.read_text(encoding="utf-8")))
        for path in DOCS.rglob("*.md")
    }


def test_every_id_used_in_the_pages_exists(project: Project):
    unknown = {page: ids - set(project.figures.ids) for page, ids in used_ids().items()}
    assert not {page: ids for page, ids in unknown.items() if ids}


def test_every_figure_is_used_somewhere(project: Project):
    used = set().union(*used_ids().values())
    assert set(project.figures.ids) - used == set()


def test_every_stated_figure_is_in_the_chapter_of_each_section_that_states_it(project: Project):
    pages = used_ids()
    missing = []
    for fig in project.figures.figures.values():
        spec = fig.spec
        if not isinstance(spec, (StatedFigure, ClaimFigure)):
            continue
        sections = [spec.section] + ([s.section for s in spec.also_stated] if isinstance(spec, StatedFigure) else [])
        for section in sections:
            chapter = project.chapter_of(section)
            if fig.id not in pages.get(f"chapters/{chapter}.md", set()):
                missing.append((fig.id, chapter))
    assert missing == []


# --- the article's own arithmetic, worked out by hand ---------------------------------------


# 1.14亿 monthly users is a rounded figure: anything from 113,500,000 up to (not including) 114,500,000.
MAU_LO, MAU_HI = F(113_500_000), F(114_500_000)


def test_nearly_nine_creations_per_user_is_consistent_but_not_implied(project: Project):
    claim = project.figures["creations_per_user_claim"]
    # over 1,000,000,000 creations / under 114,500,000 users = over 8.7336...
    assert claim.computed == Interval(F(1_000_000_000) / MAU_HI, INF, lo_open=True)
    # "nearly 9" with the 5% tolerance: from 8.55 up to, not including, 9
    assert claim.interval == Interval(F(855, 100), F(9), hi_open=True)
    assert claim.verdict == "consistent"


def test_hundred_million_club_is_implied_by_the_mau(project: Project):
    claim = project.figures["hundred_million_club"]
    assert claim.computed == Interval(MAU_LO, MAU_HI, hi_open=True)
    assert claim.verdict == "implied"  # even its lowest reading is above a hundred million


def test_derived_figures_worked_by_hand(project: Project):
    figures = project.figures
    assert figures["named_budgets_sum"].interval == Interval(F(4_500_000_000), F(4_500_000_000))
    assert figures["unnamed_remainder"].interval == Interval(F(0), INF, lo_open=True)
    assert figures["tencent_share"].interval == Interval(F(0), F(2, 9), lo_open=True, hi_open=True)
    assert figures["mau"].interval == Interval(MAU_LO, MAU_HI, hi_open=True)
    # dau ≤ mau narrows daily users to (5000万, 1.145亿), hence both of these:
    assert figures["dau"].interval == Interval(F(50_000_000), MAU_HI, lo_open=True, hi_open=True)
    assert figures["creations_per_dau"].interval == Interval(F(1_000_000_000) / MAU_HI, INF, lo_open=True)
    # a day's users within the month's, whatever value each takes in its range: the ratio reaches 1, no more
    assert figures["dau_mau_ratio"].interval == Interval(F(50_000_000) / MAU_HI, F(1), lo_open=True)
    assert figures["features_per_day"].interval == Interval(F(159, 21), INF)  # 21天内: at most 21 days
    # 数千万 read as [2000万, 1亿); 十几年 as (10, 20)
    assert figures["people_reached_vs_mau"].interval == Interval(F(20_000_000) / MAU_HI, F(100_000_000) / MAU_LO,
                                                                 lo_open=True, hi_open=True)
    assert figures["wechat_dominance_years"].interval == Interval(F(10), F(20), lo_open=True, hi_open=True)
    assert figures["tencent_vs_alibaba"].interval == Interval(F(1, 3), F(1, 3))
    assert figures["spend_per_mau"].interval == Interval(F(1_000_000_000) / MAU_HI, F(1_000_000_000) / MAU_LO,
                                                         lo_open=True)
    assert figures["spend_per_creation"].interval == Interval(F(0), F(1), lo_open=True, hi_open=True)
    assert figures["draws_per_creation"].interval == Interval(F(0), INF, lo_open=True)
    # what the wording alone says is kept for charts: dau is an open-ended lower bound there
    assert figures["dau"].worded == Interval(F(50_000_000), INF, lo_open=True)
    assert [c.figure for c in figures["creations_per_dau"].constraints] == ["dau"]
    assert figures["creations_per_mau"].constraints == ()


# --- site facts stated once ---------------------------------------------------------------


def test_mkdocs_yml_agrees_with_site_yml(project: Project):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    site = project.site
    assert config["site_name"] == site.title.zh
    assert config["site_description"] == site.description.zh
    assert config["site_author"] == site.collective.name.zh
    assert config["site_url"] == site.base_url
    for licence in site.licences.values():
        assert licence.name in config["copyright"]
    assert site.collective.name.zh in config["copyright"]
    assert "repo_url" not in config  # browsers would call api.github.com


def test_versions_agree(project: Project):
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(project.site.version)}"', pyproject, re.MULTILINE)


def test_chapters_follow_the_article(project: Project):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    chapters_in_nav = next(item for item in config["nav"] if "章节" in item)["章节"]
    sections = [s for s in project.article.sections if s.chapter]
    assert chapters_in_nav == [f"chapters/{s.chapter}.md" for s in sections]
    for section in sections:
        text = (DOCS / "chapters" / f"{section.chapter}.md").read_text(encoding="utf-8")
        assert f"\nsection: {section.id}\n" in text.split("---")[1]
        assert re.search(rf"^# {re.escape(section.title.zh)} \{{ #{section.chapter} \}}$", text, re.MULTILINE)


def test_every_heading_in_the_sources_has_an_explicit_ascii_id():
    """Read as Python-Markdown reads them: a heading without an explicit `{ #id }` would get an id the
    toc extension makes up (position-based for Chinese); here it gets one no explicit id can be."""
    bad = [(path.name, title, heading_id) for path in DOCS.rglob("*.md")
           for _, heading_id, title in headings_of(path.read_text(encoding="utf-8"), auto_id="NO-ID")
           if heading_id.startswith("NO-ID") or not re.fullmatch(r"[a-z][a-z0-9-]*", heading_id)]
    assert bad == []


# --- the article's text stays out of the repository ----------------------------------------

needs_article = pytest.mark.skipif(
    not ARTICLE_SOURCE.exists(), reason=f"no local copy of the article at {ARTICLE_SOURCE}"
)


@needs_article
def test_fingerprint_is_made_from_the_article(project: Project):
    import json

    made = make(ARTICLE_SOURCE.read_text(encoding="utf-8"), project.article.sections)
    assert json.loads((ROOT / "data" / "fingerprint.json").read_text(encoding="utf-8")) == made


@needs_article
def test_no_stitch_of_the_articles_own_windows_passes_unless_it_is_there_whole(project: Project):
    """The red team's search: strings made by walking from window to window of one section (each step a
    window that really follows the last three characters somewhere in it), so every window is real, but
    the string is not in the section. Thousands are tried per section; none may pass."""
    import random

    from macros.model.fingerprint import WINDOW, split_sections

    bodies = {sid: normalise(body) for sid, body in
              split_sections(ARTICLE_SOURCE.read_text(encoding="utf-8"), project.article.sections).items()}
    assert "not verbatim" in project.fingerprint.check("社交型AI满足的是效率需求", "why-tencent")
    chooser = random.Random(2026)
    tried = 0
    for sid, body in bodies.items():
        follows: dict[str, list[str]] = {}
        for i in range(len(body) - WINDOW + 1):
            follows.setdefault(body[i:i + WINDOW - 1], []).append(body[i + WINDOW - 1])
        for _ in range(2000):
            start = chooser.randrange(len(body) - WINDOW)
            walk = body[start:start + WINDOW]
            while len(walk) < 24 and follows.get(walk[-(WINDOW - 1):]):
                walk += chooser.choice(follows[walk[-(WINDOW - 1):]])
            if walk in body or len(walk) <= WINDOW:
                continue
            tried += 1
            assert not project.fingerprint.holds(walk, sid), (sid, walk)
    assert tried > 1000


@needs_article
def test_no_file_carries_a_run_of_the_article_longer_than_a_quotation():
    # Addresses are facts, not prose: the repost URL may be cited in full.
    article = normalise(re.sub(r"https?://\S+", "", ARTICLE_SOURCE.read_text(encoding="utf-8")))
    run = MAX_QUOTE_CHARS + 1
    runs = {article[i : i + run] for i in range(len(article) - run + 1)}
    # Any run of `run` characters holds a piece of `half` starting at a multiple of `half`: look only there,
    # and at the whole runs around a piece that matches.
    half = run // 2 + 1
    pieces = {article[i : i + half] for i in range(len(article) - half + 1)}
    offenders = []
    for path in tracked_text_files():
        text = normalise(path.read_text(encoding="utf-8", errors="ignore"))
        if any(text[q : q + half] in pieces and any(text[i : i + run] in runs for i in range(max(0, q - half), q + 1))
               for q in range(0, len(text) - half + 1, half)):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def tracked_text_files() -> list[Path]:
    """The text files a commit would hold: tracked, or new and not ignored (not .venv, .cache, site/...)."""
    import subprocess

    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split("\0")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file() and Path(name).suffix in
            {".md", ".yml", ".yaml", ".json", ".py", ".txt", ".toml", ".csv", ".html", ".cff", ".js", ".css"}]


def test_licence_file_agrees_with_site_yml(project: Project):
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    for entry in project.site.licences.values():
        assert entry.name in licence or entry.id in licence, entry.id
    assert project.site.collective.name.zh in licence and project.site.collective.name.en in licence


def test_citation_cff_is_generated_from_the_site_facts_and_valid(project: Project, tmp_path):
    import subprocess
    import sys

    from scripts.make_citation_cff import written

    committed = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == written(ROOT), "CITATION.cff is stale: run `make citation`"
    cffconvert = Path(sys.executable).parent / "cffconvert"
    result = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    broken = tmp_path / "CITATION.cff"
    broken.write_text(committed.replace("cff-version: 1.2.0", "cff-version: 9.9.9"), encoding="utf-8")
    assert (
        subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, timeout=120).returncode
        != 0
    )


def test_what_cffconvert_makes_of_citation_cff_keeps_the_collective_whole(project: Project, tmp_path):
    """GitHub's "Cite this repository" and Zenodo show cffconvert's output: its BibTeX, APA and RIS name the
    collective as one name (BibTeX and Zotero cut a name at its spaces), at the versioned address."""
    import subprocess
    import sys

    import bibtexparser
    import rispy
    from scripts.make_citation_cff import written
    from tests.zotero_names import from_ris

    cffconvert = Path(sys.executable).parent / "cffconvert"

    def convert(text: str, form: str) -> str:
        source = tmp_path / "CITATION.cff"
        source.write_text(text, encoding="utf-8")
        return subprocess.run([str(cffconvert), "-f", form, "-i", str(source)], capture_output=True, text=True,
                              timeout=120, check=True).stdout

    collective = project.site.collective.name.zh
    url = f"{project.site.base_url}{project.site.version}/"
    cff = written(ROOT)
    [entry] = bibtexparser.parse_string(convert(cff, "bibtex")).entries
    assert entry["author"] == collective and " " not in entry["author"]  # one name: no "and", no space to cut at
    assert entry["url"] == url
    assert convert(cff, "apalike").startswith(f"{collective} ")
    [record] = rispy.loads(convert(cff, "ris").replace("\nER\n", "\nER  - \n"))
    assert [from_ris(a).whole(collective) for a in record["authors"]] == [True]
    released = cff.replace("\nversion: ", "\ndate-released: 2027-01-02\nversion: ", 1)
    assert "2027" in convert(released, "bibtex")  # the release day, once the changelog gives one


def test_romanised_title_matches_pinyin(project: Project):
    from pypinyin import lazy_pinyin

    def letters(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    romanised = project.article.romanised
    assert letters(romanised.title) == letters("".join(lazy_pinyin(project.article.title)))
    assert letters(romanised.author.family + romanised.author.given) == letters(
        "".join(lazy_pinyin(project.article.author))
    )


# --- forged quotations: near misses of the article's own words are refused -------------------

NEAR_MISSES = {
    "made up": ("阿里倒闭", "opening"),
    "made up, longer": ("阿里巴巴宣布退出红包大战", "opening"),
    "one character changed": ("最近最受关注的是元宝公布的三组数据", "opening"),
    "one character changed, short": ("被动接受", "opening"),
    "order swapped": ("主动创造被动接收", "opening"),
    "words swapped": ("接收被动", "opening"),
    "real phrase from another section": ("社交嘴替", "opening"),
    "real phrase, wrong section": ("无感知普及", "why-tencent"),
    "two real phrases joined": ("无感知普及社交嘴替", "watershed"),
    "number changed": ("月活跃用户（MAU）达到2.14亿", "opening"),
}


@pytest.mark.parametrize("quote, section", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_near_miss_quotations_are_refused(project: Project, quote: str, section: str):
    problem = project.fingerprint.check(quote, section)
    assert problem and ("not verbatim" in problem or "is not in section" in problem)


@pytest.mark.parametrize("quote, section", [("被动接收", "opening"), ("社交嘴替", "why-tencent"),
                                            ("无感知普及", "watershed"), ("日活跃用户(DAU)突破5000万", "opening")])
def test_the_real_quotations_pass(project: Project, quote: str, section: str):
    assert project.fingerprint.check(quote, section) is None


def test_random_four_character_phrases_from_the_article_s_own_characters_fail(project: Project):
    import random
    alphabet = sorted(set("元宝腾讯阿里百度字节红包大战用户创作社交月活日活春节抽奖功能普及模型微信"))
    rng = random.Random(7)
    tries = ["".join(rng.choice(alphabet) for _ in range(4)) for _ in range(5000)]
    passed = [t for t in tries if project.fingerprint.check(t, "opening") is None]
    real = {"红包大战", "元宝公布"}  # a random draw may hit a real phrase; nothing else may pass
    assert set(passed) <= real


def test_the_repository_holds_no_link_or_special_file_where_the_site_reads():
    from macros.model.safefiles import unsafe_entries
    assert unsafe_entries(ROOT) == []
