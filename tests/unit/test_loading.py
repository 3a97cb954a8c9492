"""Every kind of bad data is refused with a message naming the file, the line, the entry and the problem."""

from pathlib import Path
from textwrap import dedent

import pytest

from macros.model.errors import DataError
from macros.model.project import load_figures
from macros.model.yamlio import load_yaml

# Line numbers in the assertions count from here: HEAD is lines 1-7, the first figure starts on line 8.
HEAD = """\
tolerances:
  about: 0.05
  just_under: 0.05
  why: {zh: "说明", en: "why"}
units:
  users: {style: number, zh: "{n}", en: "{n}"}
figures:
"""
MAU = """\
  mau:
    kind: stated
    label: {zh: "月活", en: "MAU"}
    value: 114000000
    unit: users
    relation: exact
    wording: "月活跃用户达到1.14亿"
    section: opening
    counts: {zh: "月活", en: "monthly users"}
    precision: {reading: exact, why: {zh: "按准确数读。", en: "Read as exact."}}
"""


def related(text: str, relation: str, reading: str) -> str:
    """`text` with another relation and the precision reading that goes with it."""
    return (text.replace("relation: exact", f"relation: {relation}")
            .replace("{reading: exact,", f"{{reading: {reading},"))


def derived(figure_id: str, formula: str) -> str:
    return dedent(f"""\
      {figure_id}:
        kind: derived
        label: {{zh: "派生", en: "derived"}}
        formula: {formula}
        unit: users
    """).replace("\n", "\n  ").rstrip(" ").join(["  ", ""])


def load(tmp_path: Path, text: str):
    path = tmp_path / "figures.yml"
    path.write_text(text, encoding="utf-8")
    return load_figures(path)


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_the_minimal_file_loads(tmp_path):
    book, _ = load(tmp_path, HEAD + MAU + derived("double", "mau * 2"))
    assert book["double"].interval.lo == 228_000_000


def test_duplicate_keys_are_refused_with_both_lines(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + MAU)
    assert "figures.yml:18: figures: duplicate key 'mau' (first defined on line 8)" in message


def test_duplicate_field_inside_a_figure(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + "    value: 5\n")
    assert "duplicate key 'value'" in message and "figures.mau" in message


def test_exponent_without_sign_is_a_string_and_refused(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("114000000", "1.14e8"))
    assert "figures.yml:11: figure 'mau': field 'value'" in message
    assert "got the string '1.14e8'" in message and "write 114000000" in message


def test_missing_field_is_named(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace('    wording: "月活跃用户达到1.14亿"\n', ""))
    assert "figure 'mau': field 'wording' is missing" in message and "figures.yml:8:" in message


def test_unknown_field_is_named(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + "    colour: red\n")
    assert "figures.yml:18: figure 'mau': unknown field 'colour'" in message


def test_unknown_relation(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("relation: exact", "relation: roughly"))
    assert "figure 'mau': field 'relation'" in message and "'roughly'" in message


def test_unknown_kind(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("kind: stated", "kind: guessed"))
    assert "figure 'mau'" in message and "must be one of: stated, derived, claim" in message


def test_negative_value(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("114000000", "-5"))
    assert "figure 'mau': field 'value'" in message and "greater than or equal to 0" in message


def test_unknown_unit(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("unit: users", "unit: persons"))
    assert "figures.yml:12: figure 'mau': unknown unit 'persons' (known: users)" in message


def test_unknown_id_in_formula_names_the_closest(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + derived("ratio", "maus / 2"))
    assert "figure 'ratio': formula refers to unknown id 'maus' (closest: mau)" in message
    assert "figures.yml:21:" in message  # the formula's line


def test_code_in_formula_is_refused(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + derived("evil", "\"__import__('os')\""))
    assert "figure 'evil'" in message and "is not allowed" in message


def test_division_by_a_figure_that_can_be_zero(tmp_path):
    capped = related(MAU.replace("mau:", "cap:"), "at_most", "threshold")
    message = error_of(tmp_path, HEAD + MAU + capped + derived("per_cap", "mau / cap"))
    assert "figure 'per_cap': formula 'mau / cap' cannot be evaluated" in message
    assert "divides by 'cap', which can be zero" in message


def test_cycles_are_refused_with_the_path(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + derived("a", "b + mau") + derived("b", "a * 2"))
    assert "formulas form a cycle: a → b → a" in message


def test_formula_may_not_use_a_claim(tmp_path):
    claim = dedent("""\
      nine:
        kind: claim
        label: {zh: "九", en: "nine"}
        value: 9
        unit: users
        relation: just_under
        wording: "将近9次"
        precision: {reading: approximate, why: {zh: "将近", en: "just under"}}
        section: opening
        formula: mau / 2
    """).replace("\n", "\n  ").rstrip(" ").join(["  ", ""])
    message = error_of(tmp_path, HEAD + MAU + claim + derived("x", "nine * 2"))
    assert "formula uses 'nine', which is a claim" in message


def test_syntax_error_gives_the_line(tmp_path):
    message = error_of(tmp_path, HEAD + MAU + "    label: [unclosed\n")
    assert "figures.yml:" in message and "not valid YAML" in message


def test_several_problems_are_reported_together(tmp_path):
    text = HEAD + MAU.replace("unit: users", "unit: persons") + MAU.replace("mau:", "dau:").replace(
        "unit: users", "unit: heads")
    message = error_of(tmp_path, text)
    assert "unknown unit 'persons'" in message and "unknown unit 'heads'" in message


def test_yaml_reader_keeps_lines(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a:\n  b: 1\n  c:\n    - 2\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.line_of(("a", "c", 0)) == 4 and doc.line_of(("a", "b", "deeper")) == 2


# --- constraints and ranges ---------------------------------------------------------------

DAU = related(MAU.replace("mau:", "dau:").replace("value: 114000000", "value: 50000000").replace(
    "月活跃用户达到1.14亿", "日活跃用户突破5000万"), "more_than", "threshold")


def test_a_constraint_narrows_both_figures_and_what_rests_on_them(tmp_path):
    from fractions import Fraction as F

    from macros.model.intervals import Interval
    text = HEAD + MAU + DAU + derived("ratio", "dau / mau") + dedent("""\
        constraints:
          - {figure: dau, at_most: mau, why: {zh: "日活不超过月活", en: "daily ≤ monthly"}}
        """)
    book, _ = load(tmp_path, text)
    assert book["dau"].interval == Interval(F(50_000_000), F(114_000_000), lo_open=True)
    assert book["dau"].worded.hi == float("inf")  # the wording alone: an open lower bound
    assert book["ratio"].interval == Interval(F(50, 114), F(1), lo_open=True)
    assert [c.figure for c in book["ratio"].constraints] == ["dau"] and book["mau"].constraints == ()


def test_figures_that_contradict_a_constraint_are_refused(tmp_path):
    text = HEAD + MAU + DAU + "constraints:\n  - {figure: mau, at_most: dau, why: {zh: 反, en: backwards}}\n"
    book, _ = load(tmp_path, text)  # mau 1.14亿 ≤ dau (>5000万) is possible: dau narrows up to it
    assert book["dau"].interval.lo == 114_000_000
    text = HEAD + MAU + DAU.replace("value: 50000000", "value: 200000000").replace("5000万", "2亿") + (
        "constraints:\n  - {figure: dau, at_most: mau, why: {zh: 日活不超过月活, en: daily ≤ monthly}}\n")
    message = error_of(tmp_path, text)
    assert "figures.yml:29: constraints[0]" in message and "contradict the constraint dau ≤ mau" in message


def test_a_constraint_joins_stated_figures_only(tmp_path):
    text = HEAD + MAU + derived("twice", "mau * 2") + (
        "constraints:\n  - {figure: twice, at_most: mau, why: {zh: 说明, en: why}}\n")
    assert "'twice' is not a stated figure" in error_of(tmp_path, text)


def test_a_range_needs_its_upper_end_and_its_ends(tmp_path):
    ranged = related(MAU, "between", "approximate")
    assert "needs `upper`" in error_of(tmp_path, HEAD + ranged)
    upside_down = ranged.replace("relation: between", 'relation: between\n    upper: 1\n    ends: "[)"')
    assert "must be above `value`" in error_of(tmp_path, HEAD + upside_down)
    stray = MAU.replace("relation: exact", "relation: exact\n    upper: 200000000")
    assert "belong to relation `between` only" in error_of(tmp_path, HEAD + stray)


def test_a_range_and_the_article_s_word(tmp_path):
    from fractions import Fraction as F

    from macros.model.intervals import Interval
    ranged = related(MAU, 'between\n    upper: 1000000000\n    ends: "[)"\n'
                     '    says: {zh: "数亿", en: "hundreds of millions"}', "approximate")
    book, _ = load(tmp_path, HEAD + ranged)
    assert book["mau"].interval == Interval(F(114_000_000), F(1_000_000_000), hi_open=True)
    assert book["mau"].spec.says.en == "hundreds of millions"


# --- the site's own words: every label and every slot checked at start-up -------------------


def phrase_error(tmp_path: Path, old: str, new: str) -> str:
    from macros.model.schema import PhraseFile
    from macros.model.validation import validate
    real = (Path(__file__).parents[2] / "data" / "phrases.yml").read_text(encoding="utf-8")
    assert old in real
    path = tmp_path / "phrases.yml"
    path.write_text(real.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        validate(load_yaml(path), PhraseFile)
    return str(caught.value)


def test_a_missing_label_fails_at_start_up_with_its_line(tmp_path):
    message = phrase_error(tmp_path, '    details: "数据表"\n', "")
    assert "phrases.yml:" in message and "field 'zh.labels.details' is missing" in message


def test_a_phrase_without_its_slot_fails_at_start_up(tmp_path):
    message = phrase_error(tmp_path, 'more_than: "超过{q}"', 'more_than: "超过{quantity}"')
    assert "phrase 'bounds.more_than'" in message and "lacks {q}" in message
    message = phrase_error(tmp_path, "{figure}不超过{at_most}", "{figure}不超过")
    assert "phrase 'constraint_sentence'" in message and "lacks {at_most}" in message


def test_a_chart_of_an_unknown_figure_fails_at_start_up(tmp_path):
    import shutil

    from macros.model.project import load_project
    root = Path(__file__).parents[2]
    for name in ("data", "docs"):
        shutil.copytree(root / name, tmp_path / name)
    figures = tmp_path / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("figure: mau}", "figure: mua}"), encoding="utf-8")
    with pytest.raises(DataError, match=r"chart 'users': unknown figure id 'mua'"):
        load_project(tmp_path)


# --- precision: how exactly the article's number is meant ------------------------------------


def test_every_worded_figure_says_how_precise_its_number_is(tmp_path):
    unread = "".join(line + "\n" for line in MAU.splitlines() if "precision:" not in line)
    message = error_of(tmp_path, HEAD + unread)
    assert "figures.yml:8: figure 'mau': field 'precision' is missing" in message


def test_a_precision_reading_must_fit_the_relation(tmp_path):
    message = error_of(tmp_path, HEAD + related(MAU, "more_than", "exact"))
    assert "figures.yml:8: figure 'mau': precision `exact` goes with relation exact, not `more_than`" in message


def test_the_value_is_the_number_the_wording_writes(tmp_path):
    message = error_of(tmp_path, HEAD + MAU.replace("114000000", "115000000"))
    assert "figure 'mau': `value` 115000000 is not the number the wording writes (1.14亿" in message
    assert "say why in `not_as_written`" in message
    explained = MAU.replace("114000000", "115000000") + '    not_as_written: {zh: "说明", en: "why"}\n'
    book, _ = load(tmp_path, HEAD + explained)
    assert book["mau"].interval.lo == 115_000_000


def test_a_rounded_figure_is_every_value_that_rounds_to_it(tmp_path):
    from fractions import Fraction as F

    from macros.model.intervals import Interval
    book, _ = load(tmp_path, HEAD + related(MAU, "exact", "rounded") + derived("double", "mau * 2"))
    assert book["mau"].interval == Interval(F(113_500_000), F(114_500_000), hi_open=True)
    assert book["double"].interval == Interval(F(227_000_000), F(229_000_000), hi_open=True)
    wordless = related(MAU, "exact", "rounded").replace("月活跃用户达到1.14亿", "月活跃用户数以亿计")
    assert "precision `rounded` needs a number written in the wording" in error_of(tmp_path, HEAD + wordless)
