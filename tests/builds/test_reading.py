"""The reading on the built site: Chinese typography, constraint-narrowed figures, every claim covered,
the team's annotations in their sections and on the annotations page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from macros.rendering.annotationpage import SECTION_PREVIEW
from macros.model.annotations import Annotation
from macros.model.fingerprint import letters
from macros.model.project import Project
from macros.text.typography import CJK
from tests.builds.test_editions import PAGES
from tests.conftest import ROOT, BuildResult
from tests.htmltools import content

# Not prose: code, scripts, styles, and the chart's SVG (its axis numbers are not sentences).
NOT_PROSE = {"code", "pre", "script", "style", "svg"}
# Citations follow GB/T 7714 and the other styles' own punctuation, not GB/T 15834.
CITATIONS = "details.cite, span.Z3988"
URL = re.compile(r"https?://\S+")
ANNOTATIONS = sorted((ROOT / "data" / "annotations").glob("*.yml"))


BLOCKS = ("p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "summary",
          "button", "caption", "label", "small")


def chinese_text_runs(root: html.HtmlElement, chinese_page: bool) -> list[str]:
    """The text of each block of the page (marks between two links count too), without code, citations
    and URLs; on English pages only what is marked as Chinese."""
    for element in root.cssselect(CITATIONS + ", " + ", ".join(NOT_PROSE)):
        element.drop_tree()
    if chinese_page:
        blocks = [e for e in root.iter(*BLOCKS) if not any(a.tag in BLOCKS for a in e.iterancestors())]
    else:
        blocks = [e for e in root.iter() if isinstance(e.tag, str) and (e.get("lang") or "").startswith("zh")]
    return [URL.sub(" ", block.text_content()) for block in blocks]


# A half-width mark with a Chinese character right before or after it.
HALF_WIDTH_TOUCHING_CJK = re.compile(rf"(?<=[{CJK}])[,:;?!()]|[,:;?!()](?=[{CJK}])")


def half_width_marks(page_html: str, chinese_page: bool) -> list[str]:
    found = []
    for run in chinese_text_runs(html.fromstring(page_html), chinese_page):
        found += [run[max(0, m.start() - 8):m.end() + 8] for m in HALF_WIDTH_TOUCHING_CJK.finditer(run)]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_chinese_pages_use_full_width_punctuation(built_site: BuildResult, page: str):
    assert half_width_marks(built_site.page(page), chinese_page=True) == []


@pytest.mark.parametrize("page", PAGES)
def test_chinese_runs_on_english_pages_use_full_width_punctuation(built_site: BuildResult, page: str):
    assert half_width_marks(built_site.page("en/" + page), chinese_page=False) == []


def test_the_typography_check_finds_ascii_marks():
    page = '<html lang="zh"><body><p>用户(DAU)突破,好的</p><code>a(b),中</code><p>见 https://x.cn/a?b=中</p></body></html>'
    found = half_width_marks(page, chinese_page=True)
    assert len(found) == 3 and all("DAU" in snippet for snippet in found)  # ( ) and , in prose; not code, not URLs


@pytest.mark.parametrize("page", PAGES)
def test_no_italic_markup_around_chinese(built_site: BuildResult, page: str):
    for edition in (page, "en/" + page):
        slanted = content(built_site.page(edition)).cssselect("em, i")
        assert [e.text_content() for e in slanted if re.search(r"[\u3400-\u9fff]", e.text_content())] == []


# --- constraints narrow the figures -------------------------------------------------------


def test_daily_users_cannot_outnumber_monthly_users(built_site: BuildResult):
    chapter = content(built_site.page("chapters/into-your-circle/"))
    per_dau = chapter.cssselect('span.fig[data-fig="creations_per_dau"]')[0]
    assert per_dau.cssselect(".fig__value")[0].text_content() == "超过8.73次"
    assert "日活跃用户（DAU）不超过元宝月活跃用户（MAU）" in per_dau.text_content()  # the constraint, in the popover
    opening = content(built_site.page("chapters/opening/"))
    ratio = opening.cssselect('span.fig[data-fig="dau_mau_ratio"] > .fig__value')[0].text_content()
    assert ratio == "43.6%至100%"


def test_the_figures_page_lists_each_constraint_and_what_it_narrows(built_site: BuildResult, project: Project):
    figures = content(built_site.page("figures/"))
    [item] = figures.cssselect("ul.constraints > li")
    narrowed = {a.get("href") for a in item.cssselect("a")}
    assert narrowed == {"#fig-dau", "#fig-dau-mau-ratio", "#fig-creations-per-dau"}
    card = figures.cssselect('#fig-dau')[0].getparent().getparent()  # h3 < summary < details.figure-card
    assert "约束" in card.text_content() and "(5000万, 1.145亿)" in card.text_content()
    english = content(built_site.page("en/figures/")).cssselect('#fig-people-reached')[0].getparent().getparent()
    assert "[20 million people, 100 million people)" in english.text_content()


def test_word_figures_show_the_article_s_word(built_site: BuildResult):
    watershed = content(built_site.page("chapters/watershed/"))
    assert watershed.cssselect('span.fig[data-fig="people_reached"] > .fig__value')[0].text_content() == "数千万人"
    english = content(built_site.page("en/chapters/why-tencent/"))
    value = english.cssselect('span.fig[data-fig="wechat_dominance_years"] > .fig__value')[0].text_content()
    assert value == "more than a decade"


# --- every claim of the article is covered ------------------------------------------------

CLAIMS = yaml.safe_load((ROOT / "data" / "claims.yml").read_text(encoding="utf-8"))


def summary_and_key_claims(page_html: str) -> str:
    """The text of a chapter's #summary and #key-claims sections (popovers left out)."""
    root = content(page_html)
    for pop in root.cssselect(".fig-pop, details.cite, .annotation-section"):
        pop.drop_tree()
    text, keep = [], False
    for element in root.iter("h1", "h2", "h3", "p", "li"):
        if element.tag in ("h1", "h2", "h3"):
            keep = element.get("id") in ("summary", "key-claims")
        elif keep:
            text.append(element.text_content())
    return " ".join(text)


@pytest.mark.parametrize("chapter", list(CLAIMS))
@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_claim_is_mentioned_in_its_chapter(built_site: BuildResult, chapter: str, locale: str):
    page = built_site.page(("" if locale == "zh" else "en/") + f"chapters/{chapter}/")
    text = summary_and_key_claims(page)
    missing = [(claim["id"], term) for claim in CLAIMS[chapter] for term in claim["mention"][locale]
               if (term not in text if locale == "zh" else term.lower() not in text.lower())]
    assert missing == []
    shown = summary_and_key_claims_figures(page)  # a number the claim carries is the figure, not a word for it
    absent = [(claim["id"], figure) for claim in CLAIMS[chapter] for figure in claim.get("figures", [])
              if figure not in shown]
    assert absent == []


def summary_and_key_claims_figures(page_html: str) -> set[str]:
    """The ids of the figures shown in a chapter's #summary and #key-claims."""
    root = content(page_html)
    found, keep = set(), False
    for element in root.iter("h1", "h2", "h3", "span"):
        if element.tag in ("h1", "h2", "h3"):
            keep = element.get("id") in ("summary", "key-claims")
        elif keep and "fig" in (element.get("class") or "").split():
            found.add(element.get("data-fig"))
    return found


def test_claims_cover_every_chapter(project: Project):
    assert set(CLAIMS) == {s.chapter for s in project.article.sections if s.chapter}


# --- the team's annotations ----------------------------------------------------------------


def team_annotations() -> list[Annotation]:
    return [Annotation.model_validate(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in ANNOTATIONS]


def test_the_team_has_written_annotations_across_the_reading():
    mine = [a for a in team_annotations() if a.author.team and a.status == "published"]
    assert len(mine) >= 12
    assert len({a.target.chapter for a in mine}) == 4 and len({a.kind for a in mine}) >= 3
    assert all("en" in a.translations and a.language == "zh" for a in mine)  # readable in both editions


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: Path(p).stem)
def test_each_annotation_is_shown_in_its_section_and_at_home(built_site: BuildResult, path: Path):
    annotation = Annotation.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for edition in ("", "en/"):
        chapter = content(built_site.page(f"{edition}chapters/{annotation.target.chapter}/"))
        [section] = chapter.cssselect(f'.annotation-section[data-section="{annotation.target.section}"]')
        shown = section.cssselect(f'[data-annotation="{annotation.anchor}"]')
        assert len(shown) == (1 if annotation.status == "published" else 0)
        home = content(built_site.page(f"{edition}annotations/")).cssselect(f"#{annotation.anchor}")
        assert len(home) == 1
        language = "en" if edition else "zh"
        body = home[0].cssselect(".annotation__body")[0] if annotation.status == "published" else None
        if body is not None:
            assert body.get("lang") == language  # each edition shows the annotation in its own language
        if annotation.author.team:
            assert home[0].cssselect(".annotation__team")


@pytest.mark.parametrize("edition", ["", "en/"])
def test_section_counts_match_what_is_shown(built_site: BuildResult, edition: str):
    for chapter in CLAIMS:
        page = content(built_site.page(f"{edition}chapters/{chapter}/"))
        for aside in page.cssselect("aside.annotation-section"):
            count = int(aside.get("data-count"))
            said = aside.cssselect(".annotation-section__count")
            assert (re.search(rf"\b{count}\b", said[0].text_content()) is not None) if count else not said
            assert "annotation-section--empty" in aside.get("class") if not count else True
            shown = len(aside.cssselect("article.annotation"))
            assert shown == min(count, SECTION_PREVIEW)
            assert bool(aside.cssselect(".annotations__more")) == (count > SECTION_PREVIEW)


def test_annotations_are_found_by_the_search(built_site: BuildResult):
    """Annotations are part of the page when the search index is made (after the page is complete)."""
    import json
    for prefix, words in (("", "本站不替文章回答"), ("en/", "The site does not answer for the article")):
        index = json.loads((built_site.site_dir / prefix / "search-index.json").read_text(encoding="utf-8"))
        texts = {row[0]: row[4] for row in index["sections"]}
        assert words in texts["chapters/watershed/#summary"]  # the team's relatives-chats annotation


# --- our own words ----------------------------------------------------------------------------

PROSE_PAGES = ["", "chapters/opening/", "chapters/into-your-circle/", "chapters/why-tencent/", "chapters/watershed/",
               "reading/", "players/", "glossary/", "source/", "annotations/", "figures/"]
RUN = 12  # characters: longer than the article's set phrases, far shorter than a quotation may be
QUOTED = re.compile(r"“[^“”]*”")  # words in quotation marks are marked as quotations (typed in an annotation)


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PROSE_PAGES)
def test_prose_carries_the_articles_words_only_as_marked_quotations(built_site: BuildResult, project: Project,
                                                                   prefix: str, path: str):
    """No run of the article's words of 12 characters or more (punctuation aside), one after the other as in
    the article, stands in the site's prose unquoted (the fingerprint finds them: macros/model/fingerprint.py, runs).
    Quotations, charts, citations and the article's own names and addresses are not prose; figure values
    and annotations are."""
    root = content(built_site.page(prefix + path))
    for element in root.cssselect(".article-quote, .term-pop, details.cite, figure, .print-only, script, cite, "
                                  "code, a[href^='http']"):
        element.drop_tree()
    article = project.article
    names = {letters(text) for text in (f"{article.outlet}({article.outlet_handle})", article.repost.site,
                                        article.repost.url)}
    runs = [run for element in root.iter("p", "li", "td", "dd", "h1", "h2", "h3")
            for run in project.fingerprint.runs(QUOTED.sub("“”", element.text_content()), RUN) if run not in names]
    assert runs == []


def test_the_articles_title_wears_its_title_marks_in_the_text(built_site: BuildResult, project: Project):
    """《》 written in the page, not drawn by CSS: a reader who copies the title copies them too."""
    for prefix in ("", "en/"):
        home = content(built_site.page(prefix))
        assert f"《{project.article.title}》" in home.text_content()
