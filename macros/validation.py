"""Turn schema failures into messages that name the file, the line, the entry and the field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors
from .yamlio import YamlDocument

Model = TypeVar("Model", bound=BaseModel)

# Top-level mappings whose keys are ids: a message says "figure 'mau'" rather than "figures.mau".
_ENTRY_NAMES = {"figures": "figure", "units": "unit", "sections": "section", "not_figures": "entry"}
# Parts of pydantic's error locations that name a union member, not a field.
_UNION_MEMBERS = {"stated", "derived", "claim", "int", "float", "str"}


def validate(doc: YamlDocument, model: type[Model]) -> Model:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        described = {str(e): e for e in (_describe(doc, item) for item in error.errors())}
        raise DataErrors(list(described.values())) from None  # a union reports once per member


def _describe(doc: YamlDocument, item: Any) -> DataError:
    loc = [part for part in item["loc"] if part not in _UNION_MEMBERS]
    where_parts = []
    if len(loc) >= 2 and loc[0] in _ENTRY_NAMES:
        where_parts.append(f"{_ENTRY_NAMES[loc[0]]} '{loc[1]}'")
        fields = loc[2:]
    else:
        fields = loc
    kind = item["type"]
    if kind == "missing":
        problem = f"field '{'.'.join(map(str, fields))}' is missing"
    elif kind == "extra_forbidden":
        problem = f"unknown field '{'.'.join(map(str, fields))}'"
    else:
        if fields:
            where_parts.append(f"field '{'.'.join(map(str, fields))}'")
        problem = item["msg"]
        given = item.get("input")
        if kind == "union_tag_invalid" or kind == "union_tag_not_found":
            problem = "field 'kind' must be one of: stated, derived, claim"
        elif isinstance(given, str) and _looks_numeric(given):
            problem = (f"expected a number but got the string '{given}' (YAML 1.1 reads an exponent "
                       "without a sign, like 1.14e8, as text): write 114000000 or 1.14e+8")
        elif given is not None and not isinstance(given, (dict, list)):
            problem += f" (got {given!r})"
    return DataError(doc.path, problem, where=": ".join(where_parts), line=doc.line_of(tuple(loc)))


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
