"""Strict YAML reading: duplicate keys are errors, and every key's line is kept for messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

KeyPath = tuple[Any, ...]
# libyaml's parser when PyYAML has it (ten times faster: it matters for thousands of annotations);
# the same nodes, marks and errors either way.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int | None:
        """Line of the deepest known key on `key_path` (1-based)."""
        for end in range(len(key_path), 0, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line is not None:
                return line
        return None


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], file: Path) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(
                    file,
                    f"duplicate key '{key}' (first defined on line {seen[key]}); "
                    "YAML would silently keep only the last one",
                    where=".".join(str(p) for p in path) or "top level",
                    line=line,
                )
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines, file)


def load_yaml(path: Path) -> YamlDocument:
    """Read one YAML document, rejecting syntax errors and duplicate keys with their line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(path, "file is empty")
        lines: dict[KeyPath, int] = {}
        _walk(node, (), lines, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, f"not valid YAML: {error.problem or error}", line=line) from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, lines=lines)
