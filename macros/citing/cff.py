"""CITATION.cff for the repository, written from data/site.yml, data/article.yml and CHANGELOG.md.

What cffconvert makes of it is what GitHub's "Cite this repository" and Zenodo show, so the file is
written for it (tests/data/test_data_files.py runs it): the collective by its Chinese name, which has no
space for BibTeX or Zotero to cut it at (cffconvert writes an entity's alias in place of its name, so the
English name, which has spaces, is not given); the versioned address citations name; the release day,
once the changelog gives one.
"""

from __future__ import annotations

from datetime import date

import yaml

from macros.model.changelog import ChangelogEntry
from macros.citing.citations import versioned_url
from macros.model.project import Edition, Project


def citation_cff(project: Project, released: date | None = None) -> str:
    """`released`: the day the changelog gives for data/site.yml's version (None before its release)."""
    site, article = project.site, project.article
    data = {
        "cff-version": "1.2.0",
        "message": ("To cite one section, use the “cite this” block on its page; "
                    "to cite the whole site, cite it as below."),
        "title": f"{site.title.zh} / {site.title.en}",
        "abstract": site.description.en,
        "authors": [{"name": site.collective.name.zh}]
        + [{"name": name} for name in site.collective.contributors],
        "version": site.version,
        **({"date-released": released} if released else {}),
        "license": site.licences["text"].id,
        "url": versioned_url(Edition(project, site.default_language), ""),
        "references": [{
            "type": "website",
            "title": article.title,
            "authors": [{"family-names": article.romanised.author.family,
                         "given-names": article.romanised.author.given, "alias": article.author}],
            "publisher": {"name": f"{article.outlet} ({article.outlet_handle})"},
            "url": article.repost.url,
            "languages": [article.language],
            "notes": "The article gives no publication date; the URL is the repost this site reads.",
        }],
    }
    header = "# Generated from data/site.yml, data/article.yml and CHANGELOG.md by `make citation`; do not edit.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def release_day(project: Project, entries: list[ChangelogEntry]) -> date | None:
    """The day CHANGELOG.md gives for the project's version, if any."""
    return next((entry.released for entry in entries if entry.version == project.site.version), None)
