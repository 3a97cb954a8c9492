"""CITATION.cff for the repository, written from data/site.yml and data/article.yml."""

from __future__ import annotations

import yaml

from .project import Project


def citation_cff(project: Project) -> str:
    site, article = project.site, project.article
    data = {
        "cff-version": "1.2.0",
        "message": ("To cite one section, use the “cite this” block on its page; "
                    "to cite the whole site, cite it as below."),
        "title": f"{site.title.zh} / {site.title.en}",
        "abstract": site.description.en,
        "authors": [{"name": f"{site.collective.name.zh} ({site.collective.name.en})"}]
        + [{"name": name} for name in site.collective.contributors],
        "version": site.version,
        "license": site.licences["text"].id,
        "url": site.base_url,
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
    header = "# Generated from data/site.yml and data/article.yml by `make citation`; do not edit by hand.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
