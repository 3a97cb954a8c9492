"""Public annotations: one YAML file each under data/annotations/, checked, rendered safely, exported.

A body is untrusted text. It is rendered by its own Markdown instance (no attr_list, no md_in_html,
no raw HTML kept) and then cleaned by nh3 with an allow-list; it never passes through Jinja and
never through the page's Markdown, so template syntax stays as written.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Literal, Optional

import markdown
import nh3
from markupsafe import Markup
from pydantic import AfterValidator, Field, StrictStr, model_validator

from macros.model import buildcache
from macros.text import cjk
from macros.model.errors import DataError, DataErrors
from macros.model.fingerprint import Fingerprint
from macros.model.paths import annotation_anchor
from macros.text.placement import headings_of
from macros.model.schema import Section, Strict, TemplatePhrases
from macros.model.urls import checked
from macros.model.validation import field_path, validate
from macros.model.yamlio import CONTROL_CHARACTER, YamlDocument, load_yaml

if TYPE_CHECKING:
    from macros.model.project import Project

MAX_BODY_CHARS = 2000
MAX_PLACED_CHARS = 56  # a quote (40) with its prefix and suffix (8 each)
MAX_FILE_BYTES = 64_000  # a body and its translation are a few KB; anything larger is a mistake or an attack
NOT_ANNOTATIONS = {"README.md", "schema.json"}  # the folder's own documentation
Kind = Literal["context", "fact-check", "counterpoint", "correction", "update"]
# W3C Web Annotation motivations (https://www.w3.org/TR/annotation-vocab/#motivation).
MOTIVATIONS: dict[str, str] = {
    "context": "describing",
    "fact-check": "assessing",
    "counterpoint": "questioning",
    "correction": "editing",
    "update": "commenting",
}


HttpUrl = Annotated[
    StrictStr,
    AfterValidator(checked),
    Field(json_schema_extra={"pattern": r"^https?://[^\s]+$"}, description="an http(s) address"),
]
# Explicit embeddings, overrides and isolates: they reorder the text around them on the page (an author's
# name or a claim could be made to read backwards), and an annotation in Chinese or English never needs them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _no_bidi_controls(text: str) -> str:
    found = _BIDI_CONTROL.search(text)
    if found:
        raise ValueError(f"holds U+{ord(found.group()):04X} ({unicodedata.name(found.group())}), which reorders "
                         "the text around it on the page; remove it")
    return text


def _renders_cleanly(body: str) -> str:
    """The body as the page, the feed and the export will have it: a character reference (&#x1b;) that
    becomes a control character only after rendering is refused too (no XML document can hold one)."""
    _no_bidi_controls(body)
    shown = html.unescape(str(render_body(body)))
    found = CONTROL_CHARACTER.search(shown) or _BIDI_CONTROL.search(shown)
    if found:
        raise ValueError(f"renders as U+{ord(found.group()):04X} (written as a character reference), which no "
                         "page or feed can show; remove it")
    return body


Text = Annotated[StrictStr, Field(min_length=1), AfterValidator(_no_bidi_controls)]
Language = Literal["zh", "en"]
Body = Annotated[
    StrictStr,
    Field(min_length=1, max_length=MAX_BODY_CHARS, description=f"Markdown, at most {MAX_BODY_CHARS} characters"),
    AfterValidator(_renders_cleanly),
]
MAX_FIGURES = 12  # the figures an annotation rests on; more is a list to split, or a mistake


class Target(Strict):
    # No pattern checked here: an id that is not one (say `section: 要点`) gets the list of the real ones.
    chapter: Annotated[StrictStr, Field(description="chapter slug, as in /chapters/<slug>/",
                                        json_schema_extra={"pattern": "^[a-z][a-z0-9-]*$"})]
    section: Annotated[StrictStr, Field(description="a heading id on that chapter (its ¶ link)",
                                        json_schema_extra={"pattern": "^[a-z][a-z0-9-]*$"})]


class Author(Strict):
    """A contributor by name (and GitHub handle), or the site's team (`team: true`, shown as the collective)."""

    name: Optional[Text] = None
    github: Optional[Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9-]{1,39}$")]] = None
    team: bool = Field(False, description="true only for the site's own team; maintainers check it in review")

    @model_validator(mode="after")
    def _named(self) -> Author:
        if self.team and self.name is not None:
            raise ValueError("a team annotation is shown under the collective's name: leave `name` out")
        if not self.team and (self.name is None or self.github is None):
            raise ValueError("give your `name` and your `github` handle (the account you open the pull request "
                             "with): the annotations' export names you by it")
        return self


class Source(Strict):
    title: Text
    url: HttpUrl
    accessed: date


class Translation(Strict):
    """The annotation in another language of the site: shown on that edition instead of the original."""

    body: Body
    claim: Optional[Text] = Field(None, description="fact-check only: the claim checked, in this language")
    withdrawn_reason: Optional[Text] = None


# What an annotation rests on besides outside sources: the article's own text, or the site's
# arithmetic over data/figures.yml (then `figures` names the figures it uses).
Basis = Literal["article", "arithmetic"]


class Annotation(Strict):
    """One annotation file. JSON Schema: data/annotations/schema.json (generated from this model)."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,60}$", description="permalink #ann-<id>")]
    target: Target
    quote: Optional[Annotated[StrictStr, Field(min_length=4, max_length=40)]] = Field(
        None, description="the article's words in that section, verbatim, to anchor to"
    )
    prefix: Optional[Annotated[StrictStr, Field(min_length=1, max_length=8)]] = Field(
        None, description="with `quote`: the article's characters just before it (1 to 8), which place it exactly")
    suffix: Optional[Annotated[StrictStr, Field(min_length=1, max_length=8)]] = Field(
        None, description="with `quote`: the article's characters just after it (1 to 8)")
    kind: Kind
    language: Language
    body: Body
    translations: dict[Language, Translation] = Field(
        {}, description="the annotation in the site's other language, keyed by language")
    author: Author
    date: date
    sources: list[Source] = Field([], description="outside sources a reader can check")
    basis: list[Basis] = Field(
        [], description="what else it rests on: `article` (the article's own text), `arithmetic` (our figures)")
    figures: list[Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(
        [], max_length=MAX_FIGURES, description="with basis `arithmetic`: the ids in data/figures.yml it uses")
    status: Literal["published", "withdrawn"]
    withdrawn_reason: Optional[Text] = None
    claim: Optional[Text] = Field(None, description="fact-check only: the claim checked")
    verdict: Optional[Literal["accurate", "inaccurate", "misleading", "unverifiable"]] = Field(
        None, description="fact-check of what outside sources can check: the verdict")
    checks: Optional[Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(
        None, description="fact-check of the article's own arithmetic: the id of its sum in data/figures.yml "
                          "(a claim), whose verdict on the figures page the annotation shows")

    @model_validator(mode="after")
    def _consistent(self) -> Annotation:
        if self.kind == "fact-check" and (self.claim is None or (self.verdict is None) == (self.checks is None)):
            raise ValueError("a fact-check names the `claim` it checks and either its `verdict` (checked against "
                             "outside sources) or `checks` (the article's own sum, whose verdict the figures page "
                             "gives)")
        if self.kind != "fact-check" and (self.claim is not None or self.verdict is not None or self.checks):
            raise ValueError("`claim`, `verdict` and `checks` belong to fact-checks only")
        if self.verdict not in (None, "unverifiable") and not self.sources:
            raise ValueError("a fact-check resting on the article and the site's arithmetic alone cannot call the "
                             "article accurate or not, only what its own figures imply: give `checks: <the id of "
                             "its sum in data/figures.yml>` instead of `verdict` (or the outside `sources` that "
                             "check it)")
        if (self.status == "withdrawn") != (self.withdrawn_reason is not None):
            raise ValueError("a withdrawn annotation gives a `withdrawn_reason`, a published one does not")
        if not self.sources and not self.basis:
            raise ValueError("say what the annotation rests on: outside `sources` (title, url, accessed), "
                             "or `basis: [article]` / `basis: [arithmetic]` with `figures`")
        if len(set(self.figures)) != len(self.figures):
            twice = next(f for f in self.figures if self.figures.count(f) > 1)
            raise ValueError(f"`figures` lists '{twice}' more than once; list each id once")
        if ("arithmetic" in self.basis) != bool(self.figures):
            raise ValueError("`basis: [arithmetic]` and `figures` (the ids it uses) go together")
        if self.language in self.translations:
            raise ValueError(f"`translations` holds the other languages; the body is already in '{self.language}'")
        if self.quote is not None and (self.prefix is None or self.suffix is None):
            raise ValueError("with a `quote`, give `prefix` and `suffix`: the article's few characters (1 to 8) just "
                             "before and just after it, which place it exactly for annotation tools")
        if self.quote is None and (self.prefix is not None or self.suffix is not None):
            raise ValueError("`prefix` and `suffix` place a `quote`: give the quote, or leave them out")
        for language, translation in self.translations.items():
            if (translation.claim is not None) != (self.claim is not None):
                raise ValueError(f"translations.{language}: give `claim` exactly when the annotation has one")
            if (translation.withdrawn_reason is not None) != (self.withdrawn_reason is not None):
                raise ValueError(
                    f"translations.{language}: give `withdrawn_reason` exactly when the annotation has one")
        return self

    def text_for(self, locale: str) -> tuple[str, Translation]:
        """The language and text to show on an edition: its translation if there is one, else the original."""
        if locale in self.translations:
            return locale, self.translations[locale]
        return self.language, Translation(body=self.body, claim=self.claim, withdrawn_reason=self.withdrawn_reason)

    @property
    def anchor(self) -> str:
        return annotation_anchor(self.id)


def json_schema() -> str:
    return json.dumps(Annotation.model_json_schema(mode="validation"), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class ChapterIndex:
    """What an annotation may target: chapter slug -> (its article section, its heading ids); and each
    section's heading in each language (slug -> language -> id -> heading), to name it in links."""

    chapters: dict[str, tuple[str, set[str]]]
    headings: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def chapter_of(self, section: str) -> str | None:
        """The chapter that covers an article section, if one does."""
        return next((slug for slug, (sid, _) in self.chapters.items() if sid == section), None)

    @cached_property
    def file_names(self) -> dict[str, list[tuple[str, str]]]:
        """`<chapter>-<section>` (an annotation file's name after its date) -> the targets so named."""
        named: dict[str, list[tuple[str, str]]] = {}
        for chapter, (_, section_ids) in self.chapters.items():
            for section in sorted(section_ids):
                named.setdefault(f"{chapter}-{section}", []).append((chapter, section))
        return named


def chapter_index(sections: list[Section], docs_dir: Path) -> ChapterIndex:
    """Targets from the chapter sources: each article section that has a chapter -> its heading ids."""
    chapters: dict[str, tuple[str, set[str]]] = {}
    headings: dict[str, dict[str, dict[str, str]]] = {}
    for section in (s for s in sections if s.chapter):
        slug = section.chapter
        assert slug is not None
        for locale, name in (("zh", f"{slug}.md"), ("en", f"{slug}.en.md")):
            path = docs_dir / "chapters" / name
            if path.exists():
                # Sections are the H2 and H3 headings: they get the annotation slots (the H1 is the chapter).
                found = {anchor: title for level, anchor, title in headings_of(path.read_text(encoding="utf-8"))
                         if level in (2, 3)}
                headings.setdefault(slug, {})[locale] = found
                if locale == "zh":
                    chapters[slug] = (section.id, set(found))
    return ChapterIndex(chapters, headings)


class Loaded(list[Annotation]):
    """The annotations, in file order, and the file each came from (id -> path)."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, Path] = {}


@dataclass(frozen=True)
class Known:
    """What an annotation's fields are checked against besides the article: the figures' ids, the ids of the
    article's own sums, and the template's placeholders (data/phrases.yml), which a filled-in file no
    longer holds."""

    figure_ids: frozenset[str] = frozenset()
    claim_ids: frozenset[str] = frozenset()
    placeholders: frozenset[str] = frozenset()


def known(project: Project) -> Known:
    """What `project`'s annotations are checked against."""
    words = [project.phrases.of(language).annotations.template for language in project.site.languages]
    return Known(frozenset(project.figures.ids), project.figures.claim_ids,
                 frozenset(text for w in words for text in (w.body, w.author, w.github, w.source_title)))


TEMPLATE_SOURCE = "https://example.org/"  # the template's placeholder source (an address reserved for examples)


def load_all(folder: Path, index: ChapterIndex, fingerprint: Fingerprint, not_after: date, known: Known) -> Loaded:
    """Every annotation file, checked; all problems reported together, each naming file, field and fix."""
    figure_ids, claim_ids = known.figure_ids, known.claim_ids
    found = Loaded()
    problems: list[DataError] = []
    seen: dict[str, Path] = {}
    # Directory entries know their type without a stat of their own; sorted by name, as the files are dated.
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        path = folder / entry.name
        if entry.name in NOT_ANNOTATIONS:
            continue
        if entry.is_dir():
            problems.append(DataError(path, "is a folder; annotations are read only from data/annotations/ "
                                      "itself: move its files up one level"))
            continue
        if path.suffix != ".yml":
            problems.append(DataError(path, f"is not read: annotation files end in .yml (lower case); rename it "
                                      f"to {path.stem}.yml, or remove it if it is not an annotation"))
            continue
        try:
            doc = load_yaml(path, MAX_FILE_BYTES)
        except DataError as error:
            problems.extend(getattr(error, "errors", [error]))
            continue
        problems.extend(_placeholders_left(doc, known.placeholders))  # before the schema, which may stop first
        try:
            annotation = validate(doc, Annotation)
        except DataError as error:
            problems.extend(getattr(error, "errors", [error]))
            continue

        def problem(field: str, text: str, path: Path = path, doc: YamlDocument = doc) -> None:
            problems.append(DataError(path, text, where=f"field '{field}'", line=doc.line_of((field,))))

        if annotation.id in seen:
            problem("id", f"'{annotation.id}' is already taken by {seen[annotation.id].name}; choose another id")
        seen.setdefault(annotation.id, path)
        chapter = index.chapters.get(annotation.target.chapter)
        if chapter is None:
            problem(
                "target", f"unknown chapter '{annotation.target.chapter}' (known: {', '.join(sorted(index.chapters))})"
            )
        elif annotation.target.section not in chapter[1]:
            problem(
                "target",
                f"chapter '{annotation.target.chapter}' has no section '{annotation.target.section}' "
                f"(its ids: {', '.join(sorted(chapter[1]))})",
            )
        elif annotation.quote:
            issue = fingerprint.check(annotation.quote, chapter[0])
            elsewhere = [index.chapter_of(sid) for sid in fingerprint.sections_holding(annotation.quote)] if issue \
                else []
            others = [c for c in elsewhere if c and c != annotation.target.chapter]
            if issue and others:
                other = others[0]
                problem("target", f"the quote '{annotation.quote[:40]}' is the article's words in chapter '{other}', "
                        f"not in chapter '{annotation.target.chapter}': if the annotation is about that passage, "
                        f"set `target: {{chapter: {other}, section: …}}` with one of its section ids "
                        f"({', '.join(sorted(index.chapters[other][1]))})")
            elif issue:
                problem("quote", f"{issue}; quote the article's words exactly, or leave `quote` out")
            elif fingerprint.check(f"{annotation.prefix}{annotation.quote}{annotation.suffix}", chapter[0],
                                   max_chars=MAX_PLACED_CHARS):
                problem("prefix", "`prefix`, `quote` and `suffix` together are not the article's words in that "
                        "section: copy the characters just before and just after the quote")
        for figure_id in annotation.figures:
            if figure_id not in figure_ids:
                problem("figures", f"unknown figure id '{figure_id}' (known: {', '.join(sorted(figure_ids))})")
        if annotation.checks is not None and annotation.checks not in claim_ids:
            problem("checks", f"'{annotation.checks}' is not one of the article's sums in data/figures.yml "
                    f"(they are: {', '.join(sorted(claim_ids))})")
        _check_filled_in(annotation, path, index, problem)
        if annotation.date > not_after:
            problem("date", f"{annotation.date} is in the future; use the day you wrote it")
        for n, source in enumerate(annotation.sources):
            if source.accessed > not_after:
                problems.append(DataError(path, f"access date {source.accessed} is in the future; use the day you "
                                          "read the source", where=f"field 'sources[{n}].accessed'",
                                          line=doc.line_of(("sources", n, "accessed"))))
        found.append(annotation)
        found.files[annotation.id] = path
    if problems:
        raise DataErrors(problems)
    return found


_ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


_BARE_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")  # no extension, no raw-HTML trust


def _placeholders_left(doc: YamlDocument, placeholders: frozenset[str]) -> list[DataError]:
    """A file started from the template (`make annotation`, or the site's "suggest" link) holds none of its
    placeholders any more, nor its example address as a source: each one left, with its field and line."""
    found: list[DataError] = []
    for at, text in doc.texts():
        if text.strip() == TEMPLATE_SOURCE:
            what = (f"is the template's example address {TEMPLATE_SOURCE}: give the page you rely on, or use "
                    "`basis: [article]` if you rest on the article alone")
        elif text.strip() in placeholders:
            what = f"still holds the template's placeholder '{text.strip()[:40]}': write your own"
        else:
            continue
        found.append(DataError(doc.path, what, where=f"field '{field_path(list(at))}'", line=doc.line_of(at)))
    return found


def _check_filled_in(annotation: Annotation, path: Path, index: ChapterIndex,
                     problem: Callable[[str, str], None]) -> None:
    """While a file keeps the template's name (<date>-<chapter>-<section>.yml), it targets that section."""
    named = re.fullmatch(r"\d{4}-\d\d-\d\d-(.+)\.yml", path.name)
    target = (annotation.target.chapter, annotation.target.section)
    for chapter, section in index.file_names.get(named.group(1), []) if named else []:
        if (chapter, section) != target:
            problem("target", f"the file is named for {chapter} § {section} but targets "
                    f"{annotation.target.chapter} § {annotation.target.section}: rename the file "
                    f"(<date>-{annotation.target.chapter}-{annotation.target.section}.yml) or fix the target")


@lru_cache(maxsize=1)
def _renderer() -> str:
    """What a body's HTML depends on besides its text: this module, the line joining, Markdown and nh3, and
    the interpreter (Markdown parses with its re, html.parser and ElementTree)."""
    code = buildcache.files_digest([Path(__file__), Path(cjk.__file__)])
    return buildcache.digest([code, markdown.__version__, version("nh3"), sys.version])


@lru_cache(maxsize=None)  # each body shows on both editions' annotations pages and maybe a chapter
def render_body(body: str) -> Markup:
    """Untrusted Markdown to safe HTML, from the build cache when the same text was rendered before: checking
    and showing a body renders it, and Python-Markdown takes a tenth of a millisecond or more for each."""
    return Markup(buildcache.cached("bodies", [_renderer(), body], lambda: _rendered(body)))


def _rendered(body: str) -> str:
    """A bare Markdown renderer, then nh3's allow-list."""
    # One sentence per line, as in the site's own prose: Chinese lines join without a space between them.
    rendered = _BARE_MARKDOWN.reset().convert(cjk.join_cjk_lines(body))
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer external",
    )
    return cleaned


@dataclass(frozen=True)
class ExportTerms:
    """What every annotation of one edition's W3C export shares: the agents, the article, the pages."""

    team: dict[str, Any]  # the collective as an Agent (an Organization)
    generator: dict[str, Any]  # the site that writes the export (Software)
    article_url: str  # the original article: where a quote's words are
    locale: str  # the edition's language


def agent(annotation: Annotation, terms: ExportTerms) -> dict[str, Any]:
    """The annotation's creator as a W3C Agent: the collective, or a person known by their GitHub account."""
    author = annotation.author
    if author.team:
        return terms.team
    return {"id": f"https://github.com/{author.github}", "type": "Person", "name": author.name,
            "nickname": author.github}


def web_annotation(annotation: Annotation, terms: ExportTerms, home_url: str, page: dict[str, Any],
                   created: str) -> dict[str, Any]:
    """W3C Web Annotation (JSON-LD) for one annotation, identified by its place on the annotations page
    (`home_url`). Its target is the section of our chapter (`page`: the page as a resource, described);
    with a quote, also the article, where the quote is, placed by its prefix and suffix. Its bodies are
    its text in each language and the outside sources it links to. `created`: when it was added."""
    creator = agent(annotation, terms)
    texts = [(annotation.language, annotation.body)] + [(lang, t.body) for lang, t in annotation.translations.items()]
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "format": "text/markdown", "language": language, "value": body,
         "creator": creator, "created": created}
        for language, body in texts]
    bodies += [{"type": "SpecificResource", "source": s.url, "purpose": "linking"} for s in annotation.sources]
    targets: list[dict[str, Any]] = [{
        "type": "SpecificResource",
        "source": page,
        "selector": {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                     "value": annotation.target.section},
    }]
    if annotation.quote:
        targets.append({
            "type": "SpecificResource",
            "source": {"id": terms.article_url, "type": "Text", "format": "text/html", "language": "zh"},
            "selector": {"type": "TextQuoteSelector", "exact": annotation.quote, "prefix": annotation.prefix,
                         "suffix": annotation.suffix},
        })
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": home_url,
        "type": "Annotation",
        "motivation": MOTIVATIONS[annotation.kind],
        "created": created,
        "creator": creator,
        "generator": terms.generator,
        "body": bodies,
        "target": targets if len(targets) > 1 else targets[0],
    }
    if annotation.status == "withdrawn":
        item["motivation"] = "moderating"
        item["body"] = [{"type": "TextualBody", "format": "text/plain", "language": annotation.language,
                         "value": annotation.withdrawn_reason, "creator": creator, "created": created}]
    return item


def scaffold(annotation_id: str, chapter: str, section: str, today: date, language: str, words: TemplatePhrases,
             heading: str = "") -> str:
    """A valid annotation file for one section, for a contributor to fill in: comments and placeholders in
    `language` (`words`), the section named by its heading."""
    where = f"{chapter} § {heading}" if heading else chapter
    return (
        "# yaml-language-server: $schema=./schema.json\n"
        f"# {words.intro}\n"
        f"# {words.section}: {where}\n"
        f"id: {annotation_id}\n"
        f"target: {{chapter: {chapter}, section: {section}}}\n"
        f"kind: context  # {words.kinds}\n"
        f"language: {language}\n"
        "body: |\n"
        f"  {words.body}\n"
        f"author: {{name: {words.author}, github: {words.github}}}\n"
        f"date: {today.isoformat()}\n"
        f"# {words.basis}\n"
        "sources:\n"
        f'  - {{title: "{words.source_title}", url: "{TEMPLATE_SOURCE}", accessed: {today.isoformat()}}}\n'
        f"# {words.status}\n"
        "status: published\n"
    )
