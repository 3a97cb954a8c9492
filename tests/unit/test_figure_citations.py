"""Citing one number: every format for one stated and one derived figure, in both editions, written out
by hand; the stated one as a secondary citation (the article, read in our figures page)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rispy

from macros.citing import citations, figurecite
from macros.words import figureview
from macros.citing.citations import date_form, format_date
from macros.model.project import Edition, load_project
from macros.words.formatting import fill

PROJECT = load_project(Path(__file__).parents[2])
VERSION = PROJECT.site.version  # the strings below hold whatever data/site.yml says
UPDATED, ACCESSED = date(2026, 11, 29), date(2026, 12, 3)
BASE = f"https://yuanbao-reading.github.io/yuanbao-reading/{VERSION}"
ORIGINAL = "https://www.jinnalai.com/jiaodian/810517.html"
TITLE = "10亿次AI创作背后：元宝用“社交”加速AI全民化"
PINYIN = ("10 yi ci AI chuangzuo beihou: Yuanbao yong “shejiao” jiasu AI quanminhua [Behind one billion AI "
          "creations: Yuanbao uses “social” to bring AI to everyone]")
READING_EN = ("An annotated reading of an article by Chen Yi (陈颐) in 定焦One (Dingjiao One): "
              f"《{TITLE}》")


def rendered(figure_id: str, locale: str) -> dict[str, citations.Formatted]:
    """The formats as a reader sees them: the access-date mark filled by the page."""
    view = figureview.view(Edition(PROJECT, locale), PROJECT.figures[figure_id])

    def read(key: str, text: str) -> str:
        return text.replace(citations.ACCESS_MARK, format_date(ACCESSED, date_form(key, locale)))

    return {key: citations.Formatted(read(key, f.text), f.in_text)
            for key, f in figurecite.formats(Edition(PROJECT, locale), view, UPDATED).items()}


F = citations.Formatted
FIGURES, FIGURES_EN = f"{BASE}/figures/", f"{BASE}/en/figures/"
ORIGINAL_ZH = (
    "@online{dingjiaoone-yuanbao-zh,\n  author = {{陈颐}},\n"
    f"  title = {{{{{TITLE}}}}},\n  titleaddon = {{定焦One（转载于jinnalai.com）}},\n  url = {{{ORIGINAL}}}\n}}")
ORIGINAL_EN = (
    "@online{dingjiaoone-yuanbao-en,\n  author = {Chen, Yi},\n"
    f"  title = {{{{{PINYIN}}}}},\n  titleaddon = {{Dingjiao One (reposted on jinnalai.com)}},\n"
    f"  url = {{{ORIGINAL}}}\n}}")

EXPECTED = {
    ("mau", "zh"): {
        "number": F("1.14亿（陈颐，转引自元宝一文细读小组，2026）"),  # no year for the undated original
        "gbt7714": F(
            f"[1] 陈颐. {TITLE}[EB/OL]. 定焦One（转载于jinnalai.com）. {ORIGINAL}. "  # not consulted: no access date
            f"转引自: 元宝一文细读小组. 数字表[EB/OL]. (2026-11-29)[2026-12-03]. {FIGURES}.",
            f"“元宝月活跃用户（MAU）”一节[1]，链接：{FIGURES}#fig-mau"),
        "apa": F(f"元宝一文细读小组. (2026, November 29). 数字表. 元宝“AI社交”一文细读. {FIGURES}",
                 "(陈颐, 转引自元宝一文细读小组, 2026)"),
        "chicago_note": F(
            f"陈颐, 《{TITLE}》, 定焦One（转载于jinnalai.com）, {ORIGINAL}, "
            f"转引自元宝一文细读小组, 《数字表》, {VERSION}版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“元宝月活跃用户（MAU）”一节, {FIGURES}."),
        "chicago_bibliography": F(
            f"陈颐. 《{TITLE}》. 定焦One（转载于jinnalai.com）. {ORIGINAL}. "
            f"转引自元宝一文细读小组, 《数字表》, {VERSION}版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“元宝月活跃用户（MAU）”一节, {FIGURES}."),
        "bibtex": F(
            "@online{yuanbao-reading-figures-zh,\n"
            "  author = {{元宝一文细读小组}},\n"
            "  title = {{数字表}},\n"
            "  titleaddon = {元宝“AI社交”一文细读},\n"
            f"  version = {{{VERSION}}},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{FIGURES}}},\n"
            "  annote = {元宝一文细读小组数字表中的“元宝月活跃用户（MAU）”（编号mau）为1.14亿，"
            "原文作“月活跃用户（MAU）达到1.14亿”。"
            f"核对见{FIGURES}\\#fig-mau}}\n"
            "}\n\n" + ORIGINAL_ZH,
            "\\autocite[“元宝月活跃用户（MAU）”一节]{yuanbao-reading-figures-zh}"),
        "ris": F(
            "TY  - ELEC\nAU  - 元宝一文细读小组,\nTI  - 数字表\nT2  - 元宝“AI社交”一文细读\n"
            f"UR  - {FIGURES}\nLA  - zh\nPY  - 2026\nDA  - 2026/11/29\n"
            f"N1  - 本站版本：{VERSION}。元宝一文细读小组数字表中的“元宝月活跃用户（MAU）”（编号mau）为1.14亿，"
            f"原文作“月活跃用户（MAU）达到1.14亿”。核对见{FIGURES}#fig-mau\n"
            "ER  -\n"
            f"TY  - ELEC\nAU  - 陈颐,\nTI  - {TITLE}\nT2  - 定焦One（转载于jinnalai.com）\nUR  - {ORIGINAL}\n"
            "LA  - zh\nER  -"),
    },
    ("creations_per_mau", "zh"): {
        "number": F("超过8.73次（元宝一文细读小组，2026）"),
        "gbt7714": F(f"[1] 元宝一文细读小组. 数字表[EB/OL]. (2026-11-29)[2026-12-03]. {FIGURES}.",
                     f"“每个月活用户平均AI创作次数”一节[1]，链接：{FIGURES}#fig-creations-per-mau"),
        "apa": F(f"元宝一文细读小组. (2026, November 29). 数字表. 元宝“AI社交”一文细读. {FIGURES}",
                 "(元宝一文细读小组, 2026, “每个月活用户平均AI创作次数”一节)"),
        "chicago_note": F(
            f"元宝一文细读小组, 《数字表》, {VERSION}版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“每个月活用户平均AI创作次数”一节, {FIGURES}."),
        "chicago_bibliography": F(
            f"元宝一文细读小组. 《数字表》. {VERSION}版. 元宝“AI社交”一文细读. 最后修改于2026年11月29日. {FIGURES}."),
        "bibtex": F(
            "@online{yuanbao-reading-figures-zh,\n"
            "  author = {{元宝一文细读小组}},\n"
            "  title = {{数字表}},\n"
            "  titleaddon = {元宝“AI社交”一文细读},\n"
            f"  version = {{{VERSION}}},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{FIGURES}}},\n"
            "  annote = {元宝一文细读小组数字表中的“每个月活用户平均AI创作次数”"
            "（编号creations\\_per\\_mau）为超过8.73次，"
            "由该小组推算：AI创作次数 ÷ 元宝月活跃用户（MAU），即creations ÷ mau；"
            "依据：AI创作次数：超过10亿次；元宝月活跃用户（MAU）：1.14亿。"
            f"对定焦One陈颐《{TITLE}》一文的注释性细读}}\n"
            "}",
            "\\autocite[“每个月活用户平均AI创作次数”一节]{yuanbao-reading-figures-zh}"),
        "ris": F(
            "TY  - ELEC\nAU  - 元宝一文细读小组,\nTI  - 数字表\nT2  - 元宝“AI社交”一文细读\n"
            f"UR  - {FIGURES}\nLA  - zh\nPY  - 2026\nDA  - 2026/11/29\n"
            f"N1  - 本站版本：{VERSION}。元宝一文细读小组数字表中的“每个月活用户平均AI创作次数”"
            "（编号creations_per_mau）为超过8.73次，"
            "由该小组推算：AI创作次数 ÷ 元宝月活跃用户（MAU），即creations ÷ mau；"
            "依据：AI创作次数：超过10亿次；元宝月活跃用户（MAU）：1.14亿。"
            f"对定焦One陈颐《{TITLE}》一文的注释性细读\n"
            "ER  -"),
    },
    ("mau", "en"): {
        "number": F("114 million (Chen, as cited in Yuanbao Reading Collective, 2026)"),
        "gbt7714": F(  # the original in Chinese first, then in English (a bilingual entry), then our page
            f"[1] 陈颐. {TITLE}[EB/OL]. 定焦One（转载于jinnalai.com）. {ORIGINAL}.\n"
            f"CHEN Y. {PINYIN}[EB/OL]. Dingjiao One (reposted on jinnalai.com). {ORIGINAL}. "
            f"Cited in: Yuanbao Reading Collective. Figures[EB/OL]. (2026-11-29)[2026-12-03]. {FIGURES_EN}.",
            f"“Yuanbao monthly active users (MAU)” section [1], at {FIGURES_EN}#fig-mau"),
        "apa": F(
            "Yuanbao Reading Collective. (2026, November 29). Figures. Yuanbao and “AI social”: an annotated reading. "
            f"{FIGURES_EN}",
            "(Chen, as cited in Yuanbao Reading Collective, 2026)"),
        "chicago_note": F(
            "Chen Yi, “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu AI quanminhua [Behind one billion "
            "AI creations: Yuanbao uses ‘social’ to bring AI to everyone],” Dingjiao One (reposted on jinnalai.com), "
            f"{ORIGINAL}, quoted in Yuanbao Reading Collective, “Figures,” version {VERSION}, "
            "Yuanbao and “AI Social”: An Annotated Reading, last modified November 29, 2026, "
            f"under “Yuanbao monthly active users (MAU),” {FIGURES_EN}."),
        "chicago_bibliography": F(
            "Chen Yi. “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu AI quanminhua [Behind one billion "
            "AI creations: Yuanbao uses ‘social’ to bring AI to everyone].” Dingjiao One (reposted on jinnalai.com). "
            f"{ORIGINAL}. Quoted in Yuanbao Reading Collective, “Figures,” version "
            f"{VERSION}, Yuanbao and “AI Social”: An Annotated Reading, last modified November 29, 2026, "
            f"under “Yuanbao monthly active users (MAU),” {FIGURES_EN}."),
        "bibtex": F(
            "@online{yuanbao-reading-figures-en,\n"
            "  author = {{Yuanbao Reading Collective}},\n"
            "  title = {{Figures}},\n"
            "  titleaddon = {Yuanbao and “AI social”: an annotated reading},\n"
            f"  version = {{{VERSION}}},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{FIGURES_EN}}},\n"
            "  annote = {Figure mau (Yuanbao monthly active users (MAU)): 114 million. "
            "The article's words: “月活跃用户（MAU）达到1.14亿”. Checked in the Yuanbao Reading Collective's figures: "
            f"{FIGURES_EN}\\#fig-mau}},\n"
            "  langid = {english}\n"
            "}\n\n" + ORIGINAL_EN,
            "\\autocite[“Yuanbao monthly active users (MAU)” section]{yuanbao-reading-figures-en}"),
        "ris": F(
            "TY  - ELEC\nAU  - Yuanbao Reading Collective,\nTI  - Figures\n"
            f"T2  - Yuanbao and “AI social”: an annotated reading\nUR  - {FIGURES_EN}\nLA  - en\nPY  - 2026\n"
            "DA  - 2026/11/29\n"
            f"N1  - Site version {VERSION}. Figure mau (Yuanbao monthly active users (MAU)): 114 million. "
            "The article's words: “月活跃用户（MAU）达到1.14亿”. Checked in the Yuanbao Reading Collective's figures: "
            f"{FIGURES_EN}#fig-mau\nER  -\n"
            f"TY  - ELEC\nAU  - Chen, Yi\nTI  - {PINYIN}\nT2  - Dingjiao One (reposted on jinnalai.com)\n"
            f"UR  - {ORIGINAL}\nLA  - zh\nER  -"),
    },
    ("creations_per_mau", "en"): {
        "number": F("over 8.73 (Yuanbao Reading Collective, 2026)"),
        "gbt7714": F(f"[1] Yuanbao Reading Collective. Figures[EB/OL]. (2026-11-29)[2026-12-03]. {FIGURES_EN}.",
                     f"“AI creations per monthly active user” section [1], at {FIGURES_EN}#fig-creations-per-mau"),
        "apa": F(
            "Yuanbao Reading Collective. (2026, November 29). Figures. Yuanbao and “AI social”: an annotated reading. "
            f"{FIGURES_EN}",
            "(Yuanbao Reading Collective, 2026, “AI creations per monthly active user” section)"),
        "chicago_note": F(
            f"Yuanbao Reading Collective, “Figures,” version {VERSION}, Yuanbao and “AI Social”: An Annotated Reading, "
            f"last modified November 29, 2026, under “AI creations per monthly active user,” {FIGURES_EN}."),
        "chicago_bibliography": F(
            f"Yuanbao Reading Collective. “Figures.” Version {VERSION}. Yuanbao and “AI Social”: An Annotated Reading. "
            f"Last modified November 29, 2026. {FIGURES_EN}."),
        "bibtex": F(
            "@online{yuanbao-reading-figures-en,\n"
            "  author = {{Yuanbao Reading Collective}},\n"
            "  title = {{Figures}},\n"
            "  titleaddon = {Yuanbao and “AI social”: an annotated reading},\n"
            f"  version = {{{VERSION}}},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{FIGURES_EN}}},\n"
            "  annote = {Figure creations\\_per\\_mau (AI creations per monthly active user): over 8.73, "
            "derived by the Yuanbao Reading Collective as AI creations ÷ Yuanbao monthly active users (MAU) "
            "(creations ÷ mau) from AI creations: over 1 billion; Yuanbao monthly active users (MAU): 114 million. "
            f"{READING_EN}}},\n"
            "  langid = {english}\n"
            "}",
            "\\autocite[“AI creations per monthly active user” section]{yuanbao-reading-figures-en}"),
        "ris": F(
            "TY  - ELEC\nAU  - Yuanbao Reading Collective,\nTI  - Figures\n"
            f"T2  - Yuanbao and “AI social”: an annotated reading\nUR  - {FIGURES_EN}\nLA  - en\nPY  - 2026\n"
            "DA  - 2026/11/29\n"
            f"N1  - Site version {VERSION}. "
            "Figure creations_per_mau (AI creations per monthly active user): over 8.73, "
            "derived by the Yuanbao Reading Collective as AI creations ÷ Yuanbao monthly active users (MAU) "
            "(creations ÷ mau) "
            f"from AI creations: over 1 billion; Yuanbao monthly active users (MAU): 114 million. {READING_EN}\n"
            "ER  -"),
    },
}


@pytest.mark.parametrize("figure_id, locale", list(EXPECTED))
def test_every_format_of_a_figures_citation(figure_id: str, locale: str):
    formats = rendered(figure_id, locale)
    expected = EXPECTED[(figure_id, locale)]
    assert list(formats) == ["number", *citations.FORMAT_KEYS]
    for key, text in expected.items():
        assert formats[key] == text, key


@pytest.mark.parametrize("figure_id, locale", list(EXPECTED))
def test_the_files_hold_our_figures_page_and_the_original_once(figure_id: str, locale: str):
    """What a reference manager imports: our figures page (the figure in its note, kept in Zotero's Extra or
    as a note) and, for a figure of the article's, the original as a second item; one item per page."""
    formats = rendered(figure_id, locale)
    items = json.loads(formats["csl_json"].text)
    view = figureview.view(Edition(PROJECT, locale), PROJECT.figures[figure_id])
    assert items == figurecite.records(Edition(PROJECT, locale), view, UPDATED)
    stated = figure_id == "mau"
    ours = items[0]
    assert ours["URL"] == (FIGURES_EN if locale == "en" else FIGURES)  # the page, no fragment
    assert ours["author"] == [{"literal": PROJECT.site.collective.name(locale)}] and "issued" in ours
    assert figure_id in ours["note"] and view.display in ours["note"]
    assert ("月活跃用户（MAU）达到1.14亿" in ours["note"]) == stated  # the article's words, or the formula
    assert ("creations ÷ mau" in ours["note"]) != stated
    assert [item["URL"] for item in items[1:]] == ([ORIGINAL] if stated else [])
    assert json.loads(formats["csl_json"].in_text or "")["locator"] == view.label
    entries = bibtexparser.parse_string(formats["bibtex"].text).entries
    assert [e.key for e in entries] == [item["id"] for item in items]
    assert figure_id.replace("_", "\\_") in entries[0]["annote"]
    records = rispy.loads(formats["ris"].text)
    assert len(records) == len(items)
    assert records[0]["notes"] == [PROJECT.phrases.of(locale).cite.version_note.replace("{version}", f"{VERSION}")
                                   + ours["note"]]


def test_the_number_keeps_its_bound_and_an_undated_original_is_never_dated():
    assert rendered("creations", "zh")["number"].text.startswith("超过10亿次（陈颐，转引自")
    assert rendered("creations", "en")["number"].text.startswith("over 1 billion (Chen, as cited in")
    for locale in ("zh", "en"):
        for figure_id in PROJECT.figures.ids:
            for item in json.loads(rendered(figure_id, locale)["csl_json"].text):
                assert ("issued" in item) == (item["author"][0].get("literal") == PROJECT.site.collective.name(locale))


def test_a_label_that_looks_like_a_slot_or_holds_tex_stays_as_written():
    from macros.citing.citations import _bib_escape
    from macros.words.formatting import fill

    assert fill("{label}: {url}", label="a {url} b", url="U") == "a {url} b: U"
    assert _bib_escape("a\\b_{c}") == "a\\textbackslash{}b\\_\\{c\\}"


def test_a_new_format_is_one_record(monkeypatch):
    """Adding a format takes one Style in citations.STYLES (and its names in data/phrases.yml): the page's
    panels, a figure's secondary citation and the downloads all follow it."""
    def plain(request: citations.Request) -> citations.Formatted:
        return citations.Formatted(f"{request.item['title']}. {request.item['URL']}")

    def plain_read_in(parts: citations.ReadIn) -> citations.Formatted:
        return citations.Formatted(fill(parts.form, source=parts.original["plain"],
                                         ours=parts.ours["plain"].text))

    def lines(records: list[dict], words) -> str:
        return "\n".join(f"{record['id']}\t{record['URL']}" for record in records)

    monkeypatch.setattr(citations, "STYLES", (
        *citations.STYLES,
        citations.Style("plain", plain, "long", {"zh": "{source}（见{ours}）", "en": "{source} (in {ours})"},
                        plain_read_in),
        citations.Style("tsv", lambda request: citations.Formatted(lines([request.record()], None)),
                        extension="tsv", write=lines)))
    project = load_project(Path(__file__).parents[2])  # its own: what a project remembers was made without them
    view = figureview.view(Edition(project, "en"), project.figures["mau"])
    texts = figurecite.formats(Edition(project, "en"), view, UPDATED)
    assert list(texts)[-2:] == ["plain", "tsv"]
    figures_page = project.phrases.of("en").cite.figures_page
    assert texts["plain"].text == f"{PINYIN}. {ORIGINAL} (in {figures_page}. {BASE}/en/figures/)"
    assert texts["tsv"].text == f"yuanbao-reading-figures-en\t{BASE}/en/figures/\ndingjiaoone-yuanbao-en\t{ORIGINAL}"
    assert citations.date_form("plain", "zh") == "zh-long"  # its record's, not the "iso" of an unknown key
    assert citations.file_extensions() == ("bib", "ris", "json", "tsv")
    records = figurecite.records(Edition(project, "en"), view, UPDATED)
    files = citations.files("figures", records, project.phrases.of("en").cite)
    assert files["figures.tsv"] == texts["tsv"].text + "\n"
