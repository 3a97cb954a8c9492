"""Strict YAML reading: duplicate keys are errors, and every key's line is kept for messages.

Input is untrusted (annotations come from pull requests), so reading is bounded before YAML sees it:
regular files only (no symlink, no device), a size cap, UTF-8, and no aliases (a "billion laughs"
file would expand exponentially; `&a [*a]` never ends). Each refusal names the file and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from collections.abc import Iterator
from typing import Any, cast

import yaml

from macros.model.errors import DataError
from macros.model.safefiles import MAX_DATA_BYTES, read_text

KeyPath = tuple[Any, ...]
# libyaml's parser when PyYAML has it (ten times faster: it matters for thousands of annotations);
# the same nodes, marks and errors either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# (text, how it was written) -> its tag, for the life of the process: right while nothing adds a resolver to
# PyYAML's loaders (yaml.add_implicit_resolver, add_path_resolver), as nothing here does.
_SCALAR_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # PyYAML ships no types
    """Its parser asks, in Python, for the tag of every scalar: for a safe loader (no path resolvers)
    that depends on the scalar's text and quoting alone, and the same keys come back in every file."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _SCALAR_TAGS.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_SCALAR_TAGS) < 50_000 and len(value) < 100:  # bounded: texts differ, keys repeat
                _SCALAR_TAGS[key] = tag
        return tag


# Characters no text of the site may hold: C0 controls but tab and line breaks, DEL, and the two
# non-characters; XML (the feeds) cannot carry them. YAML's reader refuses them written as they are, so
# only a double-quoted scalar's escapes ("\x01") can make them: the walk checks those scalars.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class YamlDocument:
    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def texts(self) -> Iterator[tuple[KeyPath, str]]:
        """Every text of the document with its key path, in the file's order."""
        def walk(node: Any, at: KeyPath) -> Iterator[tuple[KeyPath, str]]:
            if isinstance(node, dict):
                for key, value in node.items():
                    yield from walk(value, (*at, key))
            elif isinstance(node, list):
                for n, value in enumerate(node):
                    yield from walk(value, (*at, n))
            elif isinstance(node, str):
                yield at, node

        return walk(self.data, ())

    def line_of(self, key_path: KeyPath) -> int | None:
        """Line of the deepest known key on `key_path` (1-based)."""
        for end in range(len(key_path), 0, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line is not None:
                return line
        return None


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Deferred(Exception):
    """A node this reader leaves to PyYAML's own constructor (a merge key, an explicit tag)."""


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], file: Path, visited: set[int] | None,
          loader: Any | None) -> Any:
    """Check the nodes (aliases, keys, duplicates, control characters), note each key's line and, given a
    `loader`, build the value in the same pass: YAML's own constructor builds the scalars that are not
    plain text, and a node with a tag or a merge key is left to it (_Deferred). Without one, check only.
    `visited`: the nodes seen, where the text can hold an alias (None where it cannot)."""
    if visited is not None:
        if id(node) in visited:  # the composer hands an alias back as the node it names
            raise DataError(file, "uses a YAML alias (*name); write the value out instead",
                            where=".".join(str(p) for p in path) or "top level",
                            line=_line_of_key(lines, path) or node.start_mark.line + 1)
        visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        if loader is not None and node.tag != _MAP:
            raise _Deferred()
        seen: dict[Any, int] = {}
        built: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError(file, "a key must be plain text, not a list or a mapping",
                                where=".".join(str(p) for p in path) or "top level",
                                line=key_node.start_mark.line + 1)
            if loader is not None and key_node.tag not in (_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
                                    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float",
                                    "tag:yaml.org,2002:timestamp"):
                raise _Deferred()  # a merge key (<<) or a tagged key: PyYAML's rules apply
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key_node.style == '"' and (control := CONTROL_CHARACTER.search(key)):
                raise DataError(file, f"a key holds the control character U+{ord(control.group()):04X}; remove it",
                                where=".".join(str(p) for p in path) or "top level", line=line)
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
            value = _walk(value_node, path + (key,), lines, file, visited, loader)
            if loader is not None:
                built[key if key_node.tag == _STR else _scalar(loader, key_node, file)] = value
        return built
    if isinstance(node, yaml.SequenceNode):
        if loader is not None and node.tag != _SEQ:
            raise _Deferred()
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(_walk(item, path + (index,), lines, file, visited, loader))
        return items
    if cast(yaml.ScalarNode, node).style == '"' and (control := CONTROL_CHARACTER.search(node.value)):
        raise DataError(file, f"holds the control character U+{ord(control.group()):04X}, which no page or feed can "
                        "show; remove it", where=".".join(str(p) for p in path) or "top level",
                        line=node.start_mark.line + 1)
    if loader is None:
        return None
    return node.value if node.tag == _STR else _scalar(loader, node, file)


def _line_of_key(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """Line of the nearest mapping key on `path` (an alias's own position is lost in composition)."""
    return next((lines[path[:end]] for end in range(len(path), 0, -1)
                 if isinstance(path[end - 1], str) and path[:end] in lines), None)


def load_yaml(path: Path, max_bytes: int = MAX_DATA_BYTES) -> YamlDocument:
    """Read one YAML document, rejecting syntax errors and duplicate keys with their line."""
    return parse_yaml(read_text(path, max_bytes), path)


# What the YAML reader says when a line is indented differently from the keys around it.
_INDENTATION_PROBLEMS = ("did not find expected key", "expected <block end>", "mapping values are not allowed",
                         "could not find expected ':'", "did not find expected '-' indicator")


def _hint(error: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    """What probably went wrong, with the line as written, where the reader's words alone do not say it."""
    if line is None or not any(problem in str(error.problem) for problem in _INDENTATION_PROBLEMS):
        return ""
    lines = text.splitlines()
    shown = lines[line - 1].rstrip()[:80] if 0 < line <= len(lines) else ""
    return (f" (probably indentation: line {line}, {shown!r}, starts in another column than the keys around it, "
            "or a value holds ': ' and needs quotes; keys of one mapping start in the same column, with spaces)")


def parse_yaml(text: str, path: Path, max_bytes: int = MAX_DATA_BYTES) -> YamlDocument:
    """The same for a file's text read elsewhere (a past commit's, from git); `path` names it in messages."""
    if len(text.encode("utf-8")) > max_bytes:
        raise DataError(path, f"is over the limit of {max_bytes:,} bytes; split it or shorten it")
    loader = None
    try:
        loader = _Loader(text)  # PyYAML's own reader (no libyaml) refuses a bad character here already
        node = loader.get_single_node()
        if node is None:
            raise DataError(path, "holds no data (it is empty, or only comments); fill it in or remove it", line=1)
        lines: dict[KeyPath, int] = {}
        try:
            data = _walk(node, (), lines, path, _seen_nodes(text), loader)
        except _Deferred:  # PyYAML builds what this reader leaves to it, once every node is checked
            lines = {}
            _walk(node, (), lines, path, _seen_nodes(text), None)
            data = _construct(loader, node, path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(path, f"not valid YAML: {error.problem or error}{_hint(error, text, line)}",
                        line=line) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses, found before any parsing: no mark
        raise DataError(path, f"holds the character U+{error.character:04X}, which no YAML file may hold; remove it",
                        line=_line_at(text, error.position)) from None
    except yaml.YAMLError as error:
        raise DataError(path, f"not valid YAML: {str(error)[:200]}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        raise DataError(path, "holds no data (only comments or `null`)", line=1)
    return YamlDocument(path=path, data=data, lines=lines)


# What YAML takes for a line break, as its readers count lines in marks (a CR LF pair is one).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_at(text: str, offset: int) -> int:
    """The line of a reader's offset: libyaml counts it in UTF-8 bytes, PyYAML's own reader in characters."""
    before = text[:offset] if _BaseLoader is yaml.SafeLoader else text.encode("utf-8")[:offset].decode(
        "utf-8", "ignore")
    return len(_LINE_BREAK.findall(before)) + 1


def _seen_nodes(text: str) -> set[int] | None:
    """Where an alias is possible, a set for the walk to note each node in. An alias names an anchor (`&name`)
    and a text without `&` has none, so most files skip the bookkeeping."""
    return set() if "&" in text else None


def _construct(loader: Any, node: yaml.Node, path: Path) -> Any:
    """Python values from the nodes; a value YAML cannot build (2026-02-30) names its line."""
    try:
        return loader.construct_document(node)
    except (ValueError, TypeError, OverflowError) as error:
        raise _unreadable(path, _first_unbuildable(node), error) from None


_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _scalar(loader: Any, node: yaml.Node, path: Path) -> Any:
    """A scalar that is not plain text (a number, a date, true, null), built by YAML's own constructor (a
    plain YYYY-MM-DD date directly)."""
    if node.tag == _TIMESTAMP and _PLAIN_DATE.fullmatch(node.value):
        try:  # the date every annotation has twice, built directly (the constructor takes six times as long)
            return date.fromisoformat(node.value)
        except ValueError:
            pass  # 2026-02-30: the constructor's own error, below
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as error:
        raise _unreadable(path, node, error) from None


def _unreadable(path: Path, bad: yaml.Node | None, error: Exception) -> DataError:
    line = bad.start_mark.line + 1 if bad is not None else None
    shown = f" '{bad.value[:80]}'" if bad is not None and isinstance(bad.value, str) else ""
    return DataError(path, f"value{shown} cannot be read ({str(error)[:80]}); if it is a date, use a real "
                     "date as YYYY-MM-DD", line=line)


def _first_unbuildable(node: yaml.Node) -> yaml.Node | None:
    """The first scalar that YAML cannot turn into a value (each tried with a fresh loader)."""
    if isinstance(node, yaml.ScalarNode):
        try:
            _Loader("").construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError):
            return node
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return next((bad for child in children if (bad := _first_unbuildable(child)) is not None), None)
