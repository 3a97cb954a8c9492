"""Citing one number: every format for one stated and one derived figure, in both editions, written out
by hand; the stated one as a secondary citation (the article, read in our figures page)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rispy

from macros import citations, figurecite, figureview
from macros.citations import format_date
from macros.citepage import date_form
from macros.project import load_project

PROJECT = load_project(Path(__file__).parents[2])
UPDATED, ACCESSED = date(2026, 11, 29), date(2026, 12, 3)
BASE = "https://yuanbao-reading.github.io/yuanbao-reading/0.1.0"
ORIGINAL = "https://www.jinnalai.com/jiaodian/810517.html"
TITLE = "10亿次AI创作背后：元宝用“社交”加速AI全民化"
PINYIN = ("10 yi ci AI chuangzuo beihou: Yuanbao yong “shejiao” jiasu AI quanminhua [Behind one billion AI "
          "creations: Yuanbao uses “social” to bring AI to everyone]")
READING_EN = ("An annotated reading of an article by Chen Yi (陈颐) in 定焦One (Dingjiao One): "
              f"《{TITLE}》")


def rendered(figure_id: str, locale: str) -> dict[str, str]:
    """The formats as a reader sees them: the access-date mark filled by the page."""
    view = figureview.view(PROJECT, PROJECT.figures[figure_id], locale)
    return {key: text.replace(citations.ACCESS_MARK, format_date(ACCESSED, date_form(key, locale)))
            for key, text in figurecite.formats(PROJECT, view, locale, UPDATED).items()}


EXPECTED = {
    ("mau", "zh"): {
        "number": "1.14亿（陈颐，转引自元宝一文细读小组，2026）",  # no year for the undated original
        "gbt7714": (
            f"[1] 陈颐. {TITLE}[EB/OL]. {ORIGINAL}. "  # never consulted by the reader: no access date
            f"转引自: 元宝一文细读小组. 数字表[EB/OL]. (2026-11-29)[2026-12-03]. {BASE}/figures/#fig-mau."),
        "apa": (
            f"元宝一文细读小组. (2026, November 29). 数字表. 元宝“AI社交”一文细读. {BASE}/figures/#fig-mau\n"
            "正文引用：(陈颐, 转引自元宝一文细读小组, 2026)"),
        "chicago_note": (
            f"陈颐, 《{TITLE}》, 定焦One（转载于jinnalai.com）, {ORIGINAL}, "
            "转引自元宝一文细读小组, 《数字表》, 0.1.0版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“元宝月活跃用户（MAU）”一节, {BASE}/figures/#fig-mau."),
        "chicago_bibliography": (
            f"陈颐. 《{TITLE}》. 定焦One（转载于jinnalai.com）. {ORIGINAL}. "
            "转引自元宝一文细读小组, 《数字表》, 0.1.0版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“元宝月活跃用户（MAU）”一节, {BASE}/figures/#fig-mau."),
        "bibtex": (
            "@online{dingjiaoone-yuanbao-zh-mau,\n"
            "  author = {{陈颐}},\n"
            f"  title = {{{{{TITLE}}}}},\n"
            "  titleaddon = {定焦One（转载于jinnalai.com）},\n"
            "  date = {XXXX},\n"
            f"  url = {{{ORIGINAL}}},\n"
            "  addendum = {元宝一文细读小组数字表中的“元宝月活跃用户（MAU）”（编号mau）为1.14亿，"
            "原文作“月活跃用户（MAU）达到1.14亿”。"
            f"核对见{BASE}/figures/\\#fig-mau}}\n"
            "}"),
        "ris": (
            "TY  - ELEC\nAU  - 陈颐,\n"
            f"TI  - {TITLE}\n"
            "T2  - 定焦One（转载于jinnalai.com）\n"
            f"UR  - {ORIGINAL}\nLA  - zh\n"
            "N1  - 元宝一文细读小组数字表中的“元宝月活跃用户（MAU）”（编号mau）为1.14亿，"
            "原文作“月活跃用户（MAU）达到1.14亿”。"
            f"核对见{BASE}/figures/#fig-mau\n"
            "ER  -"),
    },
    ("creations_per_mau", "zh"): {
        "number": "超过8.77次（元宝一文细读小组，2026）",
        "gbt7714": (
            f"[1] 元宝一文细读小组. 数字表[EB/OL]. (2026-11-29)[2026-12-03]. {BASE}/figures/#fig-creations-per-mau."),
        "apa": (
            "元宝一文细读小组. (2026, November 29). 数字表. 元宝“AI社交”一文细读. "
            f"{BASE}/figures/#fig-creations-per-mau\n"
            "正文引用：(元宝一文细读小组, 2026, “每个月活用户平均AI创作次数”一节)"),
        "chicago_note": (
            "元宝一文细读小组, 《数字表》, 0.1.0版, 元宝“AI社交”一文细读, 最后修改于2026年11月29日, "
            f"“每个月活用户平均AI创作次数”一节, {BASE}/figures/#fig-creations-per-mau."),
        "chicago_bibliography": (
            "元宝一文细读小组. 《数字表》. 0.1.0版. 元宝“AI社交”一文细读. 最后修改于2026年11月29日. "
            f"{BASE}/figures/#fig-creations-per-mau."),
        "bibtex": (
            "@online{yuanbao-reading-figures-fig-creations-per-mau-zh,\n"
            "  author = {{元宝一文细读小组}},\n"
            "  title = {{数字表}},\n"
            "  titleaddon = {元宝“AI社交”一文细读},\n"
            "  version = {0.1.0},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{BASE}/figures/#fig-creations-per-mau}},\n"
            "  note = {“每个月活用户平均AI创作次数”一节},\n"
            "  addendum = {元宝一文细读小组数字表中的“每个月活用户平均AI创作次数”"
            "（编号creations\\_per\\_mau）为超过8.77次，"
            "由该小组推算：AI创作次数 ÷ 元宝月活跃用户（MAU），即creations ÷ mau；"
            "依据：AI创作次数：超过10亿次；元宝月活跃用户（MAU）：1.14亿。"
            f"对定焦One陈颐《{TITLE}》一文的注释性细读}}\n"
            "}"),
        "ris": (
            "TY  - ELEC\nAU  - 元宝一文细读小组,\nTI  - 数字表\nT2  - 元宝“AI社交”一文细读\n"
            f"UR  - {BASE}/figures/#fig-creations-per-mau\nLA  - zh\nPY  - 2026\nDA  - 2026/11/29\n"
            "SE  - 每个月活用户平均AI创作次数\n"
            "N1  - 元宝一文细读小组数字表中的“每个月活用户平均AI创作次数”（编号creations_per_mau）为超过8.77次，"
            "由该小组推算：AI创作次数 ÷ 元宝月活跃用户（MAU），即creations ÷ mau；"
            "依据：AI创作次数：超过10亿次；元宝月活跃用户（MAU）：1.14亿。"
            f"对定焦One陈颐《{TITLE}》一文的注释性细读。本站版本：0.1.0。\n"
            "ER  -"),
    },
    ("mau", "en"): {
        "number": "114 million (Chen, as cited in Yuanbao Reading Collective, 2026)",
        "gbt7714": (  # the original in Chinese first, then in English (a bilingual entry), then our page
            f"[1] 陈颐. {TITLE}[EB/OL]. {ORIGINAL}.\n"
            f"CHEN Y. {PINYIN}[EB/OL]. {ORIGINAL}. "
            "Cited in: Yuanbao Reading Collective. Figures[EB/OL]. (2026-11-29)[2026-12-03]. "
            f"{BASE}/en/figures/#fig-mau."),
        "apa": (
            "Yuanbao Reading Collective. (2026, November 29). Figures. Yuanbao and “AI social”: an annotated reading. "
            f"{BASE}/en/figures/#fig-mau\n"
            "In text: (Chen, as cited in Yuanbao Reading Collective, 2026)"),
        "chicago_note": (
            "Chen Yi, “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu AI quanminhua [Behind one billion "
            "AI creations: Yuanbao uses ‘social’ to bring AI to everyone],” Dingjiao One (reposted on jinnalai.com), "
            f"{ORIGINAL}, quoted in Yuanbao Reading Collective, “Figures,” version 0.1.0, "
            "Yuanbao and “AI Social”: An Annotated Reading, last modified November 29, 2026, "
            f"sec. Yuanbao monthly active users (MAU), {BASE}/en/figures/#fig-mau."),
        "chicago_bibliography": (
            "Chen Yi. “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu AI quanminhua [Behind one billion "
            "AI creations: Yuanbao uses ‘social’ to bring AI to everyone].” Dingjiao One (reposted on jinnalai.com). "
            f"{ORIGINAL}. Quoted in Yuanbao Reading Collective, “Figures,” version "
            "0.1.0, Yuanbao and “AI Social”: An Annotated Reading, last modified November 29, 2026, "
            f"sec. Yuanbao monthly active users (MAU), {BASE}/en/figures/#fig-mau."),
        "bibtex": (
            "@online{dingjiaoone-yuanbao-en-mau,\n"
            "  author = {Chen, Yi},\n"
            f"  title = {{{{{PINYIN}}}}},\n"
            "  titleaddon = {Dingjiao One (reposted on jinnalai.com)},\n"
            "  date = {XXXX},\n"
            f"  url = {{{ORIGINAL}}},\n"
            "  addendum = {Figure mau (Yuanbao monthly active users (MAU)): 114 million. "
            "The article's words: “月活跃用户（MAU）达到1.14亿”. Checked in the Yuanbao Reading Collective's figures: "
            f"{BASE}/en/figures/\\#fig-mau}}\n"
            "}"),
        "ris": (
            f"TY  - ELEC\nAU  - Chen, Yi\nTI  - {PINYIN}\nT2  - Dingjiao One (reposted on jinnalai.com)\n"
            f"UR  - {ORIGINAL}\nLA  - zh\n"
            "N1  - Figure mau (Yuanbao monthly active users (MAU)): 114 million. "
            "The article's words: “月活跃用户（MAU）达到1.14亿”. Checked in the Yuanbao Reading Collective's figures: "
            f"{BASE}/en/figures/#fig-mau\n"
            "ER  -"),
    },
    ("creations_per_mau", "en"): {
        "number": "over 8.77 (Yuanbao Reading Collective, 2026)",
        "gbt7714": (
            "[1] Yuanbao Reading Collective. Figures[EB/OL]. (2026-11-29)[2026-12-03]. "
            f"{BASE}/en/figures/#fig-creations-per-mau."),
        "apa": (
            "Yuanbao Reading Collective. (2026, November 29). Figures. Yuanbao and “AI social”: an annotated reading. "
            f"{BASE}/en/figures/#fig-creations-per-mau\n"
            "In text: (Yuanbao Reading Collective, 2026, “AI creations per monthly active user” section)"),
        "chicago_note": (
            "Yuanbao Reading Collective, “Figures,” version 0.1.0, Yuanbao and “AI Social”: An Annotated Reading, "
            "last modified November 29, 2026, sec. AI creations per monthly active user, "
            f"{BASE}/en/figures/#fig-creations-per-mau."),
        "chicago_bibliography": (
            "Yuanbao Reading Collective. “Figures.” Version 0.1.0. Yuanbao and “AI Social”: An Annotated Reading. "
            f"Last modified November 29, 2026. {BASE}/en/figures/#fig-creations-per-mau."),
        "bibtex": (
            "@online{yuanbao-reading-figures-fig-creations-per-mau-en,\n"
            "  author = {{Yuanbao Reading Collective}},\n"
            "  title = {{Figures}},\n"
            "  titleaddon = {Yuanbao and “AI social”: an annotated reading},\n"
            "  version = {0.1.0},\n"
            "  date = {2026-11-29},\n"
            f"  url = {{{BASE}/en/figures/#fig-creations-per-mau}},\n"
            "  note = {Section “AI creations per monthly active user”},\n"
            "  addendum = {Figure creations\\_per\\_mau (AI creations per monthly active user): over 8.77, "
            "derived by the Yuanbao Reading Collective as AI creations ÷ Yuanbao monthly active users (MAU) "
            "(creations ÷ mau) from AI creations: over 1 billion; Yuanbao monthly active users (MAU): 114 million. "
            f"{READING_EN}}},\n"
            "  langid = {english}\n"
            "}"),
        "ris": (
            "TY  - ELEC\nAU  - Yuanbao Reading Collective,\nTI  - Figures\n"
            "T2  - Yuanbao and “AI social”: an annotated reading\n"
            f"UR  - {BASE}/en/figures/#fig-creations-per-mau\nLA  - en\nPY  - 2026\nDA  - 2026/11/29\n"
            "SE  - AI creations per monthly active user\n"
            "N1  - Figure creations_per_mau (AI creations per monthly active user): over 8.77, "
            "derived by the Yuanbao Reading Collective as AI creations ÷ Yuanbao monthly active users (MAU) "
            "(creations ÷ mau) "
            f"from AI creations: over 1 billion; Yuanbao monthly active users (MAU): 114 million. {READING_EN}. "
            "Site version 0.1.0.\n"
            "ER  -"),
    },
}


@pytest.mark.parametrize("figure_id, locale", list(EXPECTED))
def test_every_format_of_a_figures_citation(figure_id: str, locale: str):
    formats = rendered(figure_id, locale)
    expected = EXPECTED[(figure_id, locale)]
    assert list(formats) == ["number", *citations.FORMAT_NAMES]
    for key, text in expected.items():
        assert formats[key] == text, key


@pytest.mark.parametrize("figure_id, locale", list(EXPECTED))
def test_the_machine_formats_carry_the_figure_and_read_back(figure_id: str, locale: str):
    formats = rendered(figure_id, locale)
    [item] = json.loads(formats["csl_json"])
    view = figureview.view(PROJECT, PROJECT.figures[figure_id], locale)
    assert item == figurecite.record(PROJECT, view, locale, UPDATED)
    assert figure_id in item["note"] and view.display in item["note"]
    stated = figure_id == "mau"
    assert item["URL"] == (ORIGINAL if stated else f"{BASE}/{'en/' if locale == 'en' else ''}figures/"
                           "#fig-creations-per-mau")
    assert ("月活跃用户（MAU）达到1.14亿" in item["note"]) == stated  # the article's words, or the formula
    assert ("creations ÷ mau" in item["note"]) != stated
    entry = bibtexparser.parse_string(formats["bibtex"]).entries[0]
    assert entry.key == item["id"] and figure_id.replace("_", "\\_") in entry["addendum"]
    [record] = rispy.loads(formats["ris"])
    assert record["notes"] == [item["note"] + ("" if stated else f"{PROJECT.phrases.of(locale).cite.version_note}"
                                               .replace("{version}", "0.1.0"))]


def test_the_number_keeps_its_bound_and_an_undated_original_is_never_dated():
    assert rendered("creations", "zh")["number"].startswith("超过10亿次（陈颐，转引自")
    assert rendered("creations", "en")["number"].startswith("over 1 billion (Chen, as cited in")
    for locale in ("zh", "en"):
        for figure_id in PROJECT.figures.ids:
            [item] = json.loads(rendered(figure_id, locale)["csl_json"])
            assert ("issued" in item) == (item["author"][0].get("literal") == PROJECT.site.collective.name(locale))


def test_a_label_that_looks_like_a_slot_or_holds_tex_stays_as_written():
    from macros.citations import _bib_escape
    from macros.formatting import fill

    assert fill("{label}: {url}", label="a {url} b", url="U") == "a {url} b: U"
    assert _bib_escape("a\\b_{c}") == "a\\textbackslash{}b\\_\\{c\\}"
