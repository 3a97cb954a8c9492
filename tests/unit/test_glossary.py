"""Glossary tooltips: found inside Chinese text, first use only, never inside tags, links or code."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from macros.rendering import glossary
from macros.rendering.glossary import Entry, Glossary
from macros.model.schema import Localized

ROOT = Path(__file__).parents[2]
TERMS = Glossary(
    entries={
        "mouthpiece": Entry(
            terms={"zh": ["社交嘴替"], "en": ["social mouthpiece"]},
            definition=Localized(zh="替人说话的AI。", en="AI that speaks for you."),
        ),
        "mau": Entry(
            terms={"zh": ["月活", "MAU"], "en": ["MAU"]}, definition=Localized(zh="月活跃用户。", en="Monthly users.")
        ),
    }
)


def marked(markdown: str, locale: str = "zh") -> str:
    return glossary.with_tooltips(markdown, TERMS, locale, "../../glossary/")


def test_a_term_inside_chinese_text_gets_a_tooltip():
    out = marked("作者把AI叫作社交嘴替,意思是替人开口。")
    term = html.fragment_fromstring(out, create_parent="p").cssselect("span.term")[0]
    assert term.get("data-term") == "mouthpiece" and term.get("tabindex") == "0"
    pop = term.cssselect(".term-pop")[0]
    title = pop.cssselect(".fig-pop__title")[0]
    assert title.text_content() == "社交嘴替" and title.get("aria-hidden") == "true"  # seen, not read twice
    assert (title.tail or "").startswith("替人说话的AI。")
    assert term.cssselect(".term-pop a")[0].get("href") == "../../glossary/#term-mouthpiece"


def test_only_the_first_use_is_marked():
    assert marked("月活很高。\n月活还在涨。").count('class="term"') == 1


def test_never_inside_tags_link_targets_code_or_headings():
    source = (
        '<span class="fig" data-x="月活">月活</span> and [链接](../月活/) and `月活`\n## 月活 { #mau }\n<div>月活</div>'
    )
    assert marked(source) == source


def test_inside_a_quotation_is_fine():
    assert 'data-term="mouthpiece"' in marked('他说<q class="article-quote">社交嘴替</q>。')
    assert 'data-term="mouthpiece"' in marked('他说<span class="article-quote" lang="zh-Hans">“社交嘴替”</span>。')
    assert 'data-term="mouthpiece"' not in marked('他说<span class="fig">社交嘴替</span>。')  # not any span


def test_each_language_uses_its_own_forms():
    assert 'data-term="mouthpiece"' in marked("It acts as a social mouthpiece.", "en")
    assert "term" not in marked("It acts as a 社交嘴替.", "en")


def test_the_real_glossary_loads_and_defines_every_term_in_both_languages():
    terms = glossary.load(ROOT / "data" / "glossary.yml")
    assert {
        "dau",
        "mau",
        "yuanbao_pai",
        "social_stand_in",
        "together",
        "ai_companion",
        "unnoticed_adoption",
        "tool_vs_social_ai",
    } <= set(terms.entries)
    for entry in terms.entries.values():
        assert entry.terms["zh"] and entry.terms["en"] and entry.definition.zh and entry.definition.en


def test_a_term_is_headed_by_its_forms_and_those_the_other_language_adds():
    english = html.fromstring(str(glossary.glossary_html(TERMS, "en")))
    assert [h.text_content() for h in english.iter("h3")] == ["social mouthpiece / 社交嘴替", "MAU / 月活"]
    assert [s.get("lang") for s in english.iter("span")] == ["zh-Hans", "zh-Hans"]
    chinese = html.fromstring(str(glossary.glossary_html(TERMS, "zh")))
    assert [h.text_content() for h in chinese.iter("h3")] == ["社交嘴替 / social mouthpiece", "月活 / MAU"]
