"""Load and cross-check every data file of a project once, at start-up, before any page renders."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.model import figures as figure_engine
from macros.model.errors import DataError, DataErrors
from macros.model.hosting import Hosting, apply as apply_hosting
from macros.model.figures import FigureBook
from macros.model.fingerprint import Fingerprint
from macros.model.paths import language_root
from macros.model.schema import (Article, ClaimFigure, FigureFile, LocalePhrases, PhraseFile, Site,
                                  StatedFigure)
from macros.model.validation import refuse_markup, validate
from macros.model.yamlio import YamlDocument, load_yaml


@dataclass(frozen=True)
class Project:
    root: Path
    site: Site
    article: Article
    figures: FigureBook
    phrases: PhraseFile
    fingerprint: Fingerprint
    released: bool = False  # deployed as its own release (mike, the version data/site.yml names)

    def chapter_of(self, section_id: str) -> str | None:
        return next((s.chapter for s in self.article.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Edition:
    """One language edition of the project: what everything written for a reader is written for."""

    project: Project
    locale: str

    @property
    def phrases(self) -> LocalePhrases:
        """The edition's words (data/phrases.yml)."""
        return self.project.phrases.of(self.locale)

    @property
    def root(self) -> str:
        """Where the edition starts within the site: "" for the default language, else "<locale>/"."""
        return language_root(self.locale, self.project.site.default_language)


def load_article(path: Path) -> Article:
    return validate(load_yaml(path), Article)


def load_figures(path: Path) -> tuple[FigureBook, YamlDocument]:
    doc = load_yaml(path)
    return figure_engine.build(doc, validate(doc, FigureFile)), doc


# What a build works out many times from the same project (a figure's view on every page, the original's
# citation for every figure): made once per project. Only the latest project is kept, so `mkdocs serve`
# holds no old ones.
_remembered: tuple[Project | None, dict[Hashable, Any]] = (None, {})


def remembered(project: Project, key: Hashable, make: Callable[[], Any]) -> Any:
    """`make()`, once per project and `key`."""
    global _remembered
    if _remembered[0] is not project:
        _remembered = (project, {})
    memo = _remembered[1]
    if key not in memo:
        memo[key] = make()
    return memo[key]


PREVIEW = "dev"  # the version name main is deployed under: the next release, still changing


def load_site_version(root: Path) -> str | None:
    """The version data/site.yml names, checked; None where the project has no data/site.yml."""
    path = root / "data" / "site.yml"
    return validate(load_yaml(path), Site).version if path.exists() else None


def load_project(root: Path, deployed_as: str | None = None, hosting: Hosting | None = None) -> Project:
    """`deployed_as` is the version a deploy builds (mike's name for it); None for a plain build.
    `hosting`: the address and repository a deploy is given (macros/model/hosting.py); None keeps site.yml's."""
    data = root / "data"
    site = apply_hosting(_as_deployed(validate(load_yaml(data / "site.yml"), Site), deployed_as), hosting)
    article = load_article(data / "article.yml")
    phrases_doc = load_yaml(data / "phrases.yml")
    refuse_markup(phrases_doc, "the site's words go into pages as text, never as markup")
    phrases = validate(phrases_doc, PhraseFile)
    figure_book, figures_doc = load_figures(data / "figures.yml")
    fingerprint = Fingerprint.load(data / "fingerprint.json")
    _check_wordings(article, figure_book, fingerprint, figures_doc)
    _check_charts(figure_book, figures_doc)
    return Project(root, site, article, figure_book, phrases, fingerprint,
                   released=deployed_as is not None and deployed_as == site.version)


def _as_deployed(site: Site, deployed_as: str | None) -> Site:
    """Citations name the version readers see: a release its own number, the preview "dev"."""
    if deployed_as is None or deployed_as == site.version:
        return site
    if deployed_as == PREVIEW:
        return site.model_copy(update={"version": PREVIEW})
    raise DataError(
        Path("data/site.yml"),
        f"this build is deployed as version '{deployed_as}', but this commit is version '{site.version}'; "
        f"release a version from the commit whose data/site.yml names it, or deploy '{PREVIEW}'",
        where="field 'version'",
    )


def _check_charts(book: FigureBook, doc: YamlDocument) -> None:
    """Each chart's figures exist (its words in each language are the schema's to check)."""
    problems: list[DataError] = []
    for chart_id, chart in book.file.charts.items():
        where, line = f"chart '{chart_id}'", doc.line_of(("charts", chart_id))
        problems += [DataError(doc.path, f"unknown figure id '{bar.figure}'", where=where, line=line)
                     for bar in chart.bars if bar.figure is not None and bar.figure not in book]
    if problems:
        raise DataErrors(problems)


def _check_wordings(article: Article, book: FigureBook, fingerprint: Fingerprint, doc: YamlDocument) -> None:
    """Every wording the data attributes to the article is verbatim in the section it names."""
    problems: list[DataError] = []
    sections = {s.id for s in article.sections}
    path, line_of = doc.path, doc.line_of

    def check(wording: str, section: str, where: str, key: tuple[object, ...]) -> None:
        if section not in sections:
            problems.append(DataError(path, f"unknown article section '{section}' "
                                      f"(known: {', '.join(sections)})", where=where, line=line_of(key)))
            return
        problem = fingerprint.check(wording, section)
        if problem:
            problems.append(DataError(path, problem, where=where, line=line_of(key)))

    for figure_id, figure in book.figures.items():
        spec = figure.spec
        if isinstance(spec, (StatedFigure, ClaimFigure)):
            check(spec.wording, spec.section, f"figure '{figure_id}'", ("figures", figure_id, "wording"))
        if isinstance(spec, StatedFigure):
            for n, statement in enumerate(spec.also_stated):
                check(statement.wording, statement.section, f"figure '{figure_id}'",
                      ("figures", figure_id, "also_stated", n))
    for n, entry in enumerate(book.file.not_figures):
        check(entry.wording, entry.section, f"not_figures entry {n + 1}", ("not_figures", n))
    article_path = Path("data/article.yml")
    for section in article.sections:
        for text in filter(None, (section.starts_with, section.heading)):
            problem = fingerprint.check(text, section.id)
            if problem:
                problems.append(DataError(article_path, problem, where=f"section '{section.id}'"))
    if problems:
        raise DataErrors(problems)
