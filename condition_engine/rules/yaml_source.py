"""YAML read safely (no object construction), keeping where each key and value stands."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Location = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML document with the location of every key path, and its text."""

    data: Any
    text: str
    locations: dict[tuple[Any, ...], Location]
    nodes: dict[tuple[Any, ...], Any]

    def where(self, path: tuple[Any, ...]) -> Location:
        """The location of the deepest known prefix of ``path`` (1:1 when none)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.locations:
                return self.locations[path[:end]]
        return (1, 1)


class YamlError(ValueError):
    """YAML that cannot be read; carries a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def read_yaml(text: str) -> YamlSource:
    """Parse YAML safely and record each key path's location.

    >>> read_yaml("a:\\n  - b: 1\\n").where(("a", 0, "b"))
    (2, 5)
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        raise YamlError(f"invalid YAML: {problem}", mark.line + 1 if mark else 1,
                        mark.column + 1 if mark else 1) from None
    except yaml.YAMLError as error:
        raise YamlError(f"invalid YAML: {error}", 1, 1) from None
    finally:
        loader.dispose()
    locations: dict[tuple[Any, ...], Location] = {}
    nodes: dict[tuple[Any, ...], Any] = {}
    if node is not None:
        _walk(node, (), locations, nodes)
    return YamlSource(data, text, locations, nodes)


def _walk(node: Any, path: tuple[Any, ...], locations: dict, nodes: dict) -> None:
    locations.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    nodes[path] = node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            locations[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _walk(value, child, locations, nodes)
            locations[child] = (key.start_mark.line + 1, key.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), locations, nodes)


def scalar_position(source: YamlSource, path: tuple[Any, ...], offset: int) -> Location:
    """Where character ``offset`` of the scalar at ``path`` stands in the file (1-based).

    Block scalars (``|``, ``>``) and plain multi-line scalars are followed line by line; quoted
    scalars are taken to be on one line.
    """
    node = source.nodes.get(path)
    if node is None or not isinstance(node, yaml.ScalarNode):
        return source.where(path)
    lines = source.text.splitlines()
    start = node.start_mark
    if node.style in ('"', "'"):
        return (start.line + 1, start.column + 2 + offset)
    first = start.line + 1 if node.style in ("|", ">") else start.line
    end_line = node.end_mark.line
    position = 0
    for number in range(first, min(end_line + 1, len(lines))):
        line = lines[number]
        content = line.strip()
        if not content:
            continue
        indent = len(line) - len(line.lstrip()) if number != start.line else start.column
        if number == start.line:
            content = line[start.column:]
        if offset <= position + len(content):
            return (number + 1, indent + 1 + offset - position)
        position += len(content) + 1
    return (start.line + 1, start.column + 1)


def without_key(source: YamlSource, key: str) -> str:
    """The document's text with a top-level ``key`` and its value removed (formatting kept)."""
    node = source.nodes.get((key,))
    if node is None:
        return source.text
    root = source.nodes[()]
    key_node = next(k for k, v in root.value if k.value == key)
    lines = source.text.splitlines(keepends=True)
    first, last = key_node.start_mark.line, node.end_mark.line
    if node.end_mark.column > 0 or node.style not in ("|", ">"):
        last = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    return "".join(lines[:first] + lines[max(last, first + 1):])
