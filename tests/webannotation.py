"""The W3C Web Annotation test suite's assertions (tests/fixtures/web-annotation-tests), run as its runner
runs them: each assertion is a JSON Schema (draft 4) whose result must be its `expectedResult`; formats
("uri", "date-time") are checked, as the suite's validator checks them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SUITE = Path(__file__).parent / "fixtures" / "web-annotation-tests"


@dataclass(frozen=True)
class Result:
    assertion: str  # its file, relative to the suite
    kind: str  # "must", "should" or "may"
    passed: bool
    message: str


@lru_cache(maxsize=None)
def _store() -> dict[str, Any]:
    """Every schema of the suite by the id its $refs name ("id.json", "4.4-styleClassValidIfPresent.json", …):
    the definitions, and assertions that other assertions include. Nothing is fetched."""
    store: dict[str, Any] = {}
    for path in sorted(SUITE.rglob("*.json"), key=lambda p: (p.parent.name != "definitions", str(p))):
        schema = json.loads(path.read_text(encoding="utf-8"))
        store.setdefault(schema.get("id", path.name), schema)  # two assertions share an id; neither is a $ref
    return store


@lru_cache(maxsize=None)
def _assertion(relative: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SUITE / relative).read_text(encoding="utf-8"))
    return schema


def _offline(uri: str) -> Any:
    raise AssertionError(f"the suite's schemas refer to {uri}, which is not in tests/fixtures")


@lru_cache(maxsize=None)
def _validator(relative: str) -> jsonschema.Draft4Validator:
    schema = _assertion(relative)
    resolver = jsonschema.RefResolver(base_uri="", referrer=schema, store=_store(),
                                      handlers={"http": _offline, "https": _offline})
    return jsonschema.Draft4Validator(schema, resolver=resolver, format_checker=jsonschema.draft4_format_checker)


@lru_cache(maxsize=None)
def _listed(test_file: str) -> tuple[str, ...]:
    return tuple(json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"])


def run(test_file: str, instance: Any) -> list[Result]:
    """Every assertion a `.test` file lists (relative to the suite), run on one JSON instance."""
    results = []
    for relative in _listed(test_file):
        schema = _assertion(relative)
        valid = _validator(relative).is_valid(instance)
        expected = schema.get("expectedResult", "valid") == "valid"
        results.append(Result(relative, schema.get("assertionType", "must"), valid == expected,
                              schema.get("errorMessage", schema.get("title", ""))))
    return results


# The suite's optional assertions check that a feature is implemented: a TextQuoteSelector's prefix and
# suffix are asked of an annotation only when it has a TextQuoteSelector (one without a quote has none).
ONLY_WITH = {
    "annotations/specificResource/4.2.4-prefix.json": "TextQuoteSelector",
    "annotations/specificResource/4.2.4-suffix.json": "TextQuoteSelector",
}


def failures(test_files: list[str], instance: Any, kinds: tuple[str, ...] = ("must", "should")) -> list[str]:
    """The assertions of `kinds` that `instance` fails, each with the suite's message (an assertion about a
    feature the instance does not use is not applied: ONLY_WITH)."""
    used = json.dumps(instance)
    return [f"{r.kind.upper()} {r.assertion}: {r.message}" for test_file in test_files for r in run(test_file, instance)
            if r.kind in kinds and not r.passed and ONLY_WITH.get(r.assertion, "") in used]


ANNOTATION_TESTS = ["annotations/annotationMusts.test", "annotations/annotationOptionals.test",
                    "annotations/annotationsAgentOptionals.test"]
COLLECTION_TESTS = ["collections/collectionMusts.test", "collections/collectionOptionals.test"]
PAGE_TESTS = ["collections/pages/pageMusts.test", "collections/pages/pageOptionals.test"]
