"""The real site, built once per session with `mkdocs build --strict`."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from lxml import html
from mkdocs.structure.files import File
from mkdocs_redirects.plugin import get_html_path

from macros.model.project import Project
from macros.model.schema import ClaimFigure, StatedFigure
from macros.model.project import load_project
from tests.conftest import ROOT, BuildResult
from tests.htmltools import content, hand_typed_numbers, html_files, ids_of, redirect_target

PROSE_PAGES = [
    "",
    "chapters/opening/",
    "chapters/into-your-circle/",
    "chapters/why-tencent/",
    "chapters/watershed/",
    "reading/",
    "players/",
]
ALL_PAGES = PROSE_PAGES + ["figures/", "source/"]


def test_every_page_exists_at_its_stable_path(built_site: BuildResult, project: Project):
    for section in project.article.sections:
        if section.chapter:
            assert (built_site.site_dir / "chapters" / section.chapter / "index.html").is_file()
    for page in ALL_PAGES:
        assert (built_site.site_dir / page / "index.html").is_file()


@pytest.mark.parametrize("page", ALL_PAGES + ["annotations/"])
@pytest.mark.parametrize("edition", ["", "en/"])
def test_a_bracket_inside_a_bracket_is_square(built_site: BuildResult, page: str, edition: str):
    """GB/T 15834-2011, 4.9.3 (and English usage): never "（…（…））" or "(…(…))"."""
    root = content(built_site.page(edition + page))
    for box in root.cssselect(".fig-pop, .term-pop, details.cite"):  # boxes of their own, not inline text
        box.drop_tree()
    text = root.text_content()
    nested = re.findall(r"[（(][^（）()]*[（(][^（）()]*[）)][^（）()]*[）)]", text)
    assert nested == []


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_unrendered_macro_and_no_macro_error(built_site: BuildResult, page: str):
    root = content(built_site.page(page))
    for code in root.cssselect("pre, code"):  # BibTeX braces {{…}} are meant to be there
        code.drop_tree()
    text = root.text_content()
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert "Macro Rendering Error" not in built_site.page(page)
    assert "Macro Syntax Error" not in built_site.page(page)


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            "chapters/opening/",
            {
                "red_envelope_total": "超过45亿元",
                "dau": "超过5000万",
                "mau": "1.14亿",
                "lottery_draws": "超过36亿次",
                "creations": "超过10亿次",
                "alibaba_budget": "30亿元",
                "baidu_budget": "5亿元",
                "tencent_budget": "10亿元",
                "features_shipped": "159个",
                "iteration_days": "21天内",
                "tencent_share": "不到22.3%",
                "dau_mau_ratio": "43.6%至100%",
                "named_budgets_sum": "45亿元",
                "features_per_day": "至少7.5个",
            },
        ),
        (
            "chapters/into-your-circle/",
            {
                "creations_per_user_claim": "将近9次",
                "creations_per_mau": "超过8.73次",
                "creations_per_dau": "超过8.73次",
            },
        ),
        ("chapters/why-tencent/", {"social_experience_years": "二十年", "wechat_dominance_years": "十几年"}),
        ("chapters/watershed/",
         {"campaign_year": "2026年", "people_reached": "数千万人", "people_reached_vs_mau": "17.4%至88.2%"}),
    ],
)
def test_key_figures_are_formatted(built_site: BuildResult, page: str, expected: dict[str, str]):
    root = content(built_site.page(page))
    for figure_id, text in expected.items():
        values = root.cssselect(f'span.fig[data-fig="{figure_id}"] > .fig__value')
        assert values, f"{figure_id} missing on {page}"
        assert values[0].text_content() == text


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_no_number_typed_by_hand_in_prose(built_site: BuildResult, page: str):
    assert hand_typed_numbers(built_site.page(page)) == []


def test_every_stated_figure_is_shown_in_its_chapter(built_site: BuildResult, project: Project):
    for fig in project.figures.figures.values():
        spec = fig.spec
        if isinstance(spec, (StatedFigure, ClaimFigure)):
            sections = [spec.section] + (
                [s.section for s in spec.also_stated] if isinstance(spec, StatedFigure) else []
            )
            for section in sections:
                page = f"chapters/{project.chapter_of(section)}/"
                assert content(built_site.page(page)).cssselect(f'[data-fig="{fig.id}"]'), (fig.id, page)


def test_popovers_say_where_each_figure_comes_from(built_site: BuildResult, project: Project):
    root = html.fromstring(built_site.page("chapters/into-your-circle/"))
    page_ids = ids_of(root)
    figures = root.cssselect("span.fig")
    assert figures
    for figure in figures:
        assert figure.get("tabindex") == "0"
        assert figure.get("aria-describedby") in page_ids
    stated = root.cssselect('span.fig[data-fig="mau"] .fig-pop')[0]
    assert stated.cssselect(".article-quote")[0].text_content() == "“月活跃用户（MAU）达到1.14亿”"
    derived = root.cssselect('span.fig[data-fig="creations_per_mau"] .fig-pop')[0].text_content()
    assert "AI创作次数 ÷ 元宝月活跃用户（MAU）" in derived and "超过10亿次" in derived
    claim = root.cssselect('[data-check="creations_per_user_claim"] .verdict--consistent')
    assert claim and claim[0].text_content() == project.phrases.zh.verdicts["consistent"]


def test_every_heading_has_an_explicit_stable_id(built_site: BuildResult):
    for path in html_files(built_site.site_dir):
        for heading in content(path.read_text(encoding="utf-8")).cssselect("h1, h2, h3, h4, h5, h6"):
            assert re.fullmatch(r"[a-z][a-z0-9-]*", heading.get("id") or ""), (path, html.tostring(heading)[:80])


def test_internal_links_and_anchors_resolve(built_site: BuildResult):
    site = built_site.site_dir
    pages = {path: html.fromstring(path.read_text(encoding="utf-8")) for path in html_files(site)}
    broken = []
    for path, tree in pages.items():
        for element in tree.iter("a", "link", "script", "img"):
            ref = element.get("href") or element.get("src")
            if not ref or urlsplit(ref).scheme in ("http", "https", "mailto", "data"):
                continue
            assert not ref.startswith("/"), f"{path}: root-absolute link {ref} breaks under a prefix"
            parts = urlsplit(ref)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(path.relative_to(site)), ref))
            elif parts.fragment and target.suffix == ".html":
                target_tree = pages[target] if target in pages else html.fromstring(target.read_text(encoding="utf-8"))
                if parts.fragment not in ids_of(target_tree):
                    broken.append((str(path.relative_to(site)), ref))
    assert broken == []


def test_no_request_to_another_host(built_site: BuildResult):
    """Nothing a page loads by itself (styles, scripts, fonts, images, frames) names another host."""
    offenders = []
    for path in html_files(built_site.site_dir):
        tree = html.fromstring(path.read_text(encoding="utf-8"))
        for element in tree.cssselect("script[src], link[href], img[src], iframe, source, video, audio, embed, object"):
            if element.tag == "link" and element.get("rel") in ("canonical", "alternate", "alternate feed"):
                continue  # metadata for crawlers and feed readers, never fetched by a reader's browser
            ref = element.get("src") or element.get("href") or element.get("data") or ""
            if urlsplit(ref).netloc or ref.startswith("//"):
                offenders.append((path.name, ref))
    for css in built_site.site_dir.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlsplit(ref).netloc:
                offenders.append((css.name, ref))
    assert offenders == []


def test_each_edition_has_its_own_search_index_of_what_readers_read(built_site: BuildResult):
    """Sections of the edition's own pages; a glossary term and a figure's card each a section of its own
    (the card's title with its value); no citation panel, popover or chart text."""
    for prefix, term, card in (("", "元宝派 / Yuanbao Pai", "元宝月活跃用户（MAU） 1.14亿"),
                               ("en/", "Yuanbao Pai / 元宝派", "Yuanbao monthly active users (MAU) 114 million")):
        index = json.loads((built_site.site_dir / prefix / "search-index.json").read_text(encoding="utf-8"))
        rows = index["sections"]
        assert all(not url.startswith(("en/", "/", "http")) for url, *_ in rows)  # relative to its edition
        by_url = {url: (page, title, kind, text) for url, page, title, kind, text in rows}
        assert by_url["glossary/#term-yuanbao-pai"][1:3] == (term, "term")
        assert by_url["figures/#fig-mau"][1:3] == (card, "stated")
        text = " ".join(row[4] for row in rows)
        assert "@online{" not in text and "TY  - " not in text  # the cite panels are not the reading
    english = (built_site.site_dir / "en" / "search-index.json").read_text(encoding="utf-8")
    assert "开篇：红包大战与元宝的两组数据" not in english  # the other edition's pages are not in it


def test_downloads_are_generated_from_the_data(built_site: BuildResult, project: Project):
    data = json.loads((built_site.site_dir / "downloads" / "figures.json").read_text(encoding="utf-8"))
    assert data["language"] == "zh"
    assert [f["id"] for f in data["figures"]] == project.figures.ids
    by_id = {f["id"]: f for f in data["figures"]}
    assert by_id["mau"]["value"] == 114_000_000 and by_id["mau"]["display"] == "1.14亿"
    assert by_id["mau"]["label"] == "元宝月活跃用户（MAU）"
    assert by_id["mau"]["precision"] == "rounded" and by_id["mau"]["interval"]["low"] == 113_500_000
    assert by_id["mau"]["precision_text"].startswith("1.14亿：按四舍五入理解为1.135亿至1.145亿")
    assert by_id["creations_per_dau"]["interval"] == {  # 10亿 over the largest value 1.14亿 may round from
        "low": 1000 / 114.5,
        "high": None,
        "low_open": True,
        "high_open": True,
        "shape": "more_than",
    }
    assert by_id["creations_per_user_claim"]["verdict"] == "consistent"
    raw = (built_site.site_dir / "downloads" / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so spreadsheets read the Chinese as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == project.figures.ids
    assert next(r for r in rows if r["id"] == "dau")["display"] == "超过5000万"
    links = content(built_site.page("figures/")).cssselect("p.downloads a")
    assert [a.get("href") for a in links] == ["../downloads/figures.json", "../downloads/figures.csv",
                                              "../downloads/figures-columns.csv"]


def test_figures_page_lists_every_figure_with_its_uses(built_site: BuildResult, project: Project):
    root = content(built_site.page("figures/"))
    for figure_id in project.figures.ids:
        card = root.cssselect(f"#fig-{figure_id.replace('_', '-')}")
        assert card, figure_id
    used = root.cssselect("#fig-mau")[0].getparent().getparent().text_content()  # h3 < summary < details.card
    assert "开篇：红包大战与元宝的两组数据" in used
    assert root.cssselect("#fig-mau")[0].text_content().strip() == project.figures["mau"].spec.label("zh")  # no id


def test_figures_page_opens_with_an_overview_row_per_figure(built_site: BuildResult, project: Project):
    root = content(built_site.page("figures/"))
    rows = root.cssselect(".figures-overview tbody tr")
    assert [row.get("data-fig") for row in rows] == project.figures.ids
    for row in rows:
        link = row.cssselect("td a")[0]
        assert root.cssselect(link.get("href"))  # leads to its card on the same page
    claim = next(row for row in rows if row.get("data-fig") == "creations_per_user_claim")
    assert claim.cssselect("mark.verdict--consistent")
    assert root.cssselect("#overview")[0].getnext() is not None


def mkdocs_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_mkdocs_yml_is_strict_and_fails_on_broken_links():
    config = mkdocs_config()
    assert config["strict"] is True
    assert config["validation"] == {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    }
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_undefined"] == "strict" and macros["on_error_fail"] is True
    assert config["theme"]["font"] is False


@pytest.mark.parametrize("prefix, missing", [("", "文章没有给出金额"), ("en/", "no amount given in the article")])
def test_players_page_compares_the_four_and_says_what_is_missing(built_site: BuildResult, prefix: str, missing: str):
    rows = content(built_site.page(f"{prefix}players/")).cssselect("table tbody tr")
    assert len(rows) == 4
    budgets = [row.cssselect("td")[2] for row in rows]
    assert [b.cssselect("span.fig")[0].get("data-fig") if b.cssselect("span.fig") else None for b in budgets] == [
        "tencent_budget",
        "alibaba_budget",
        "baidu_budget",
        None,
    ]
    assert budgets[3].text_content().strip() == missing
    assert content(built_site.page(f"{prefix}players/")).cssselect("figure.chart#chart-budgets")


def test_glossary_page_defines_every_term(built_site: BuildResult):
    for prefix in ("", "en/"):
        terms = content(built_site.page(f"{prefix}glossary/")).cssselect(".glossary h3")
        assert len(terms) >= 8 and all(t.get("id", "").startswith("term-") for t in terms)
    for prefix in ("", "en/"):  # a term, a section of the search index
        index = json.loads((built_site.site_dir / prefix / "search-index.json").read_text(encoding="utf-8"))
        assert "glossary/#term-social-stand-in" in {row[0] for row in index["sections"]}
    link = content(built_site.page("chapters/why-tencent/")).cssselect('span.term[data-term="social_stand_in"] a')[0]
    assert link.get("href") == "../../glossary/#term-social-stand-in"


@pytest.mark.parametrize("prefix, lang", [("", "zh-Hans"), ("en/", "en")])
def test_redirects_lead_to_the_new_page_in_the_same_edition(built_site: BuildResult, prefix: str, lang: str):
    plugin = next(p["reading"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "reading" in p)
    assert plugin["redirects"], "no redirect to test"
    for old, new in plugin["redirects"].items():
        old_page = built_site.site_dir / prefix / get_html_path(old, True)
        sends_to = redirect_target(old_page)
        assert sends_to, f"{old_page} is not a redirect page"
        target = urljoin(f"{prefix}{get_html_path(old, True)}", sends_to)
        new_url = prefix + File(new, "", "", True).url
        assert target == new_url, f"{prefix}{old} leads to {target}, not {new_url}"
        assert html.parse(str(built_site.site_dir / new_url / "index.html")).getroot().get("lang") == lang
        assert html.parse(str(old_page)).getroot().get("lang") == lang  # the redirect page speaks it too


def test_the_404_page_is_chinese_and_offers_both_homes(built_site: BuildResult):
    """404.html is served at any depth, so its links are absolute; the English build must not overwrite it."""
    page = html.parse(str(built_site.site_dir / "404.html")).getroot()
    assert page.get("lang") == "zh-Hans"
    # A plain build is the version data/site.yml names, under its address, as a release would be.
    root = urlsplit(mkdocs_config()["site_url"]).path + f"{load_project(ROOT).site.version}/"
    switcher = {a.get("hreflang"): a.get("href") for a in page.cssselect("a.md-select__link[hreflang]")}
    assert switcher == {"zh": root, "en": f"{root}en/"}
    assert not (built_site.site_dir / "en" / "404.html").exists()


def test_a_plain_build_has_no_version_selector(built_site: BuildResult):
    """Only a deploy by mike has versions.json; a plain build must not ask for it (reading_plugin/versions.py)."""
    assert mkdocs_config()["extra"]["version"]["provider"] == "mike"  # the deploys do have it
    for name in ("index.html", "en/chapters/opening/index.html"):
        page = html.parse(str(built_site.site_dir / name)).getroot()
        assert json.loads(page.get_element_by_id("__config").text)["version"] is None, name


def test_the_search_index_leaves_out_on_every_page_what_cssselect_would(built_site: BuildResult):
    from tests.htmltools import excluded_both_ways
    pages = sorted(built_site.site_dir.glob("**/index.html"))
    assert len(pages) > 20
    for page in pages:
        ours, theirs = excluded_both_ways(page.read_text(encoding="utf-8"))
        assert ours == theirs, page
