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
from macros.model.project import Edition


def _interval(interval: Interval) -> dict[str, Any]:
    return {"low": as_number(interval.lo), "high": as_number(interval.hi),
            "low_open": interval.lo_open, "high_open": interval.hi_open, "shape": shape_of(interval)}


def figure_record(edition: Edition, fig: Evaluated) -> dict[str, Any]:
    """One figure for machines: ids and intervals as data, words in the edition's language (wordings stay
    the article's)."""
    view = figureview.view(edition, fig)
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
                      chapter=edition.project.chapter_of(first.section), reading=view.reading)
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


def figures_json(edition: Edition) -> str:
    payload = {
        "language": edition.locale,
        "source": {"title": edition.project.article.title, "outlet": edition.project.article.outlet,
                   "author": edition.project.article.author, "url": edition.project.article.repost.url},
        "site": {"title": edition.project.site.title(edition.locale), "version": edition.project.site.version,
                 "licence": edition.project.site.licences["text"].id},
        "tolerances": {"about": edition.project.figures.file.tolerances.about,
                       "just_under": edition.project.figures.file.tolerances.just_under},
        "figures": [figure_record(edition, fig) for fig in edition.project.figures.figures.values()],
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


def figures_csv(edition: Edition) -> str:
    """The figures as CSV, starting with a UTF-8 byte-order mark: spreadsheet programs (Excel, WPS)
    read a file without one in the system's code page, and the Chinese turns to mojibake."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for fig in edition.project.figures.figures.values():
        record = figure_record(edition, fig)
        writer.writerow({**record, **_ends(record["interval"]), "shape": record["interval"]["shape"],
                         **_ends(record.get("computed"), "computed_")})
    return out.getvalue()


def columns_csv(edition: Edition) -> str:
    """What each column of figures.csv means (and the key of the same name in figures.json), in the
    edition's language."""
    meanings = edition.phrases.columns
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", meanings["column"]])
    writer.writerows([name, meanings[name]] for name in CSV_COLUMNS)
    return out.getvalue()


def downloads(edition: Edition) -> dict[str, str]:
    """Path (relative to the language's root) -> file content."""
    return {FIGURE_DOWNLOADS["json"]: figures_json(edition),
            FIGURE_DOWNLOADS["csv"]: figures_csv(edition),
            FIGURE_DOWNLOADS["columns"]: columns_csv(edition)}
