"""The figures as downloadable JSON and CSV, generated from data/figures.yml on every build."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .figures import Evaluated, as_number, shape_of
from .intervals import Interval
from .pages import PageContext, display
from .project import Project
from .schema import LOCALES, ClaimFigure, DerivedFigure, StatedFigure


def _interval(interval: Interval) -> dict[str, Any]:
    return {"low": as_number(interval.lo), "high": as_number(interval.hi),
            "low_open": interval.lo_open, "high_open": interval.hi_open, "shape": shape_of(interval)}


def figure_record(project: Project, fig: Evaluated) -> dict[str, Any]:
    spec = fig.spec
    record: dict[str, Any] = {
        "id": fig.id,
        "kind": fig.kind,
        "label": spec.label.model_dump(),
        "unit": spec.unit,
        "display": {loc: display(PageContext(project, "", "", loc), fig) for loc in LOCALES},
        "interval": _interval(fig.interval),
    }
    if isinstance(spec, (StatedFigure, ClaimFigure)):
        record.update(value=spec.value, relation=spec.relation, wording=spec.wording,
                      section=spec.section, chapter=project.chapter_of(spec.section))
        record["reading"] = spec.reading.model_dump() if spec.reading else None
    if isinstance(spec, StatedFigure):
        record["counts"] = spec.counts.model_dump()
        record["period"] = spec.period.model_dump() if spec.period else None
        record["also_stated"] = [s.model_dump() for s in spec.also_stated]
    if isinstance(spec, (DerivedFigure, ClaimFigure)):
        record["formula"] = spec.formula
        record["inputs"] = fig.inputs
    if isinstance(spec, ClaimFigure):
        assert fig.computed is not None
        record["computed"] = _interval(fig.computed)
        record["verdict"] = fig.verdict
    return record


def figures_json(project: Project) -> str:
    payload = {
        "source": {"title": project.article.title, "outlet": project.article.outlet,
                   "author": project.article.author, "url": project.article.repost.url},
        "site": {"title": project.site.title.model_dump(), "version": project.site.version,
                 "licence": project.site.licences["text"].id},
        "tolerances": {"about": project.figures.file.tolerances.about,
                       "just_under": project.figures.file.tolerances.just_under},
        "figures": [figure_record(project, fig) for fig in project.figures.figures.values()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ["id", "kind", "label_zh", "label_en", "value", "unit", "relation", "low", "high",
               "low_open", "high_open", "display_zh", "display_en", "wording", "section", "formula",
               "verdict"]


def figures_csv(project: Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for fig in project.figures.figures.values():
        record = figure_record(project, fig)
        interval = record.get("computed") or record["interval"]
        writer.writerow({
            "id": fig.id, "kind": fig.kind, "label_zh": record["label"]["zh"],
            "label_en": record["label"]["en"], "value": record.get("value", ""), "unit": fig.spec.unit,
            "relation": record.get("relation", ""),
            "low": "" if interval["low"] is None else interval["low"],
            "high": "" if interval["high"] is None else interval["high"],
            "low_open": interval["low_open"], "high_open": interval["high_open"],
            "display_zh": record["display"].get("zh", ""), "display_en": record["display"].get("en", ""),
            "wording": record.get("wording", ""), "section": record.get("section", ""),
            "formula": record.get("formula", ""), "verdict": record.get("verdict", ""),
        })
    return out.getvalue()
