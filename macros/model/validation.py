"""Turn schema failures into messages that name the file, the line, the entry and the field."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.model.errors import DataError, DataErrors
from macros.model.yamlio import YamlDocument

Model = TypeVar("Model", bound=BaseModel)

# Top-level mappings whose keys are ids: a message says "figure 'mau'" rather than "figures.mau".
_ENTRY_NAMES = {"figures": "figure", "units": "unit", "sections": "section", "not_figures": "entry"}
# Parts of pydantic's error locations that name a union member, not a field: a figure's kind (only right
# after the figure's id: an annotation has a field named `claim`) and a scalar type, anywhere.
_FIGURE_KINDS = {"stated", "derived", "claim"}
_SCALAR_MEMBERS = {"int", "float", "str"}


def _fields_of(loc: tuple[Any, ...]) -> list[Any]:
    return [part for n, part in enumerate(loc)
            if part not in _SCALAR_MEMBERS and not (n == 2 and loc[0] == "figures" and part in _FIGURE_KINDS)]


def validate(doc: YamlDocument, model: type[Model]) -> Model:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        described = {str(e): e for e in (_describe(doc, item) for item in error.errors())}
        raise DataErrors(list(described.values())) from None  # a union reports once per member


_MARKUP = re.compile(r"[<>]|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def refuse_markup(doc: YamlDocument, why: str) -> None:
    """Every text of `doc` as plain text: one holding markup (< > or a character entity) is refused with its
    line, `why` saying where the text goes."""
    problems = [DataError(doc.path, f"{field_path(path)} holds {found.group()!r}: {why}; write plain text",
                          line=doc.line_of(path))
                for path, text in doc.texts() if (found := _MARKUP.search(text))]
    if problems:
        raise DataErrors(problems)


def field_path(parts: list[Any] | tuple[Any, ...]) -> str:
    """`sources[0].url`: list positions in brackets, fields joined by dots."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


MAX_SHOWN = 80  # characters of an offending value quoted in a message


def clipped_repr(value: Any) -> str:
    """An offending value as a message quotes it: its repr, cut at MAX_SHOWN characters."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _describe(doc: YamlDocument, item: Any) -> DataError:
    loc = _fields_of(tuple(item["loc"]))
    where_parts = []
    if len(loc) >= 2 and loc[0] in _ENTRY_NAMES:
        where_parts.append(f"{_ENTRY_NAMES[loc[0]]} '{loc[1]}'")
        fields = loc[2:]
    else:
        fields = loc
    kind = item["type"]
    given = item.get("input")
    line = doc.line_of(tuple(loc)) or 1  # a field missing at the top level: the file's first line
    if kind == "missing":
        return DataError(doc.path, f"field '{field_path(fields)}' is missing", where=": ".join(where_parts), line=line)
    if kind == "extra_forbidden":
        return DataError(doc.path, f"unknown field '{field_path(fields)}'", where=": ".join(where_parts), line=line)
    if fields:
        where_parts.append(f"field '{field_path(fields)}'")
    problem = item["msg"].removeprefix("Value error, ")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        problem = "field 'kind' must be one of: stated, derived, claim"
    elif kind in ("int_type", "float_type") and isinstance(given, str) and _looks_numeric(given):
        problem = (f"expected a number but got the string {clipped_repr(given)} (YAML 1.1 reads an exponent "
                   "without a sign, like 1.14e8, as text): write 114000000 or 1.14e+8")
    elif kind == "date_type" and isinstance(given, str):
        problem = (f"expected a date but got the text {clipped_repr(given)}: YAML reads a date in quotes as text; "
                   "write it without quotes, as YYYY-MM-DD")
    elif isinstance(given, bool):
        problem += (f" (YAML 1.1 read the word as {str(given).lower()}: yes, no, on and off are booleans; "
                    "write the value you mean, in quotes if it is one of those words)")
    elif kind == "string_pattern_mismatch" and isinstance(given, str) and not given.isascii():
        bad = next(ch for ch in given if not ch.isascii())
        problem = (f"{clipped_repr(given)} contains {bad!r} (U+{ord(bad):04X}, {unicodedata.name(bad, 'unnamed')}), "
                   "which is not ASCII; ids use a-z, 0-9 and - or _ only (a look-alike letter is not the same letter)")
    elif given is not None and not isinstance(given, (dict, list)) and str(given)[:40] not in problem:
        problem += f" (got {clipped_repr(given)})"
    return DataError(doc.path, problem, where=": ".join(where_parts), line=line)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
