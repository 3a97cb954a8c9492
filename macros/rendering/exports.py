"""The figures as downloadable JSON and CSV in each language, generated from data/figures.yml on every build."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from macros.model.figures import Evaluated, as_number, shape_of
from macros.model.schema import DerivedFigure
from macros.model.intervals import Interval
from macros.words import figureview
from macros.model.paths import FIGURE_DOWNLOADS
from macros.model.project import Project


def _interval(interval: Interval) -> dict[str, Any]:
    return {"low": as_number(interval.lo), "high": as_number(interval.hi),
            "low_open": interval.lo_open, "high_open": interval.hi_open, "shape": shape_of(interval)}


def figure_record(project: Project, fig: Evaluated, locale: str) -> dict[str, Any]:
    """One figure for machines: ids and intervals as data, words in `locale` (wordings stay the article's)."""
    view = figureview.view(project, fig, locale)
    record: dict[str, Any] = {
        "id": view.id,
        "kind": view.kind,
        "label": view.label,
        "unit": fig.spec.unit,
        "display": view.display,
        "interval": _interval(fig.interval),
    }
    if view.statements:
        first = view.statements[0]
        spec = fig.spec
        assert not isinstance(spec, DerivedFigure)
        record.update(value=view.value, relation=view.relation, precision=spec.precision.reading,
                      precision_text=view.precision, wording=first.wording, section=first.section,
                      chapter=project.chapter_of(first.section), reading=view.reading)
    if view.stated:
        record["counts"] = view.counts
        record["period"] = view.period
        record["also_stated"] = [{"section": s.section, "wording": s.wording} for s in view.statements[1:]]
    if view.formula_source is not None:
        record["formula"] = view.formula_source
        record["inputs"] = list(view.inputs)
    if view.verdict is not None:
        assert fig.computed is not None
        record["computed"] = _interval(fig.computed)
        record["verdict"] = view.verdict
    return record


def figures_json(project: Project, locale: str) -> str:
    payload = {
        "language": locale,
        "source": {"title": project.article.title, "outlet": project.article.outlet,
                   "author": project.article.author, "url": project.article.repost.url},
        "site": {"title": project.site.title(locale), "version": project.site.version,
                 "licence": project.site.licences["text"].id},
        "tolerances": {"about": project.figures.file.tolerances.about,
                       "just_under": project.figures.file.tolerances.just_under},
        "figures": [figure_record(project, fig, locale) for fig in project.figures.figures.values()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# One meaning per name, in both files: `low`…`high_open` are the figure's own interval (figures.json's
# `interval`), `computed_*` what the article's figures allow for one of its own sums (figures.json's
# `computed`). Each column's meaning is in figures-columns.csv beside it, in the edition's language.
CSV_COLUMNS = ["id", "kind", "label", "value", "unit", "relation", "precision", "low", "high", "low_open", "high_open",
               "shape",
               "computed_low", "computed_high", "computed_low_open", "computed_high_open", "display", "wording",
               "section", "formula", "verdict"]


def _ends(interval: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """An interval's ends as CSV cells: an open end at infinity is empty."""
    if interval is None:
        return {}
    return {f"{prefix}low": "" if interval["low"] is None else interval["low"],
            f"{prefix}high": "" if interval["high"] is None else interval["high"],
            f"{prefix}low_open": interval["low_open"], f"{prefix}high_open": interval["high_open"]}


def figures_csv(project: Project, locale: str) -> str:
    """The figures as CSV, starting with a UTF-8 byte-order mark: spreadsheet programs (Excel, WPS)
    read a file without one in the system's code page, and the Chinese turns to mojibake."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for fig in project.figures.figures.values():
        record = figure_record(project, fig, locale)
        writer.writerow({**record, **_ends(record["interval"]), "shape": record["interval"]["shape"],
                         **_ends(record.get("computed"), "computed_")})
    return out.getvalue()


def columns_csv(project: Project, locale: str) -> str:
    """What each column of figures.csv means (and the key of the same name in figures.json), in `locale`."""
    meanings = project.phrases.of(locale).columns
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", meanings["column"]])
    writer.writerows([name, meanings[name]] for name in CSV_COLUMNS)
    return out.getvalue()


def downloads(project: Project, locale: str) -> dict[str, str]:
    """Path (relative to the language's root) -> file content."""
    return {FIGURE_DOWNLOADS["json"]: figures_json(project, locale),
            FIGURE_DOWNLOADS["csv"]: figures_csv(project, locale),
            FIGURE_DOWNLOADS["columns"]: columns_csv(project, locale)}
