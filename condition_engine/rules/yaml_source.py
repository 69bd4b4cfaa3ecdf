"""YAML read safely (no object construction), keeping where each key and value stands."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Location = tuple[int, int]  # 1-based line and column

#: Nodes a document may gain by expanding its aliases, beyond the nodes written in it: a YAML "billion
#: laughs" (aliases of aliases) expands past it and is refused (E219) before anything is built.
ALIAS_BUDGET = 100_000
#: Deepest nesting of mappings and sequences a rule file may use (Sigma's deepest is a handful).
MAX_NESTING = 100
_MERGE = "tag:yaml.org,2002:merge"


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
    """YAML that cannot be read; carries a 1-based line and column, and its code (E202 invalid YAML, E218 a
    duplicate key, E219 aliases past the budget or recursive)."""

    def __init__(self, message: str, line: int, column: int, code: str = "E202") -> None:
        super().__init__(message)
        self.line, self.column, self.code = line, column, code


def read_yaml(text: str) -> YamlSource:
    """Parse YAML safely and record each key path's location; duplicate keys (E218), recursive aliases,
    aliases past ALIAS_BUDGET and nesting past MAX_NESTING (E219) are YamlErrors.

    >>> read_yaml("a:\\n  - b: 1\\n").where(("a", 0, "b"))
    (2, 5)
    """
    loader = _Loader(text)
    locations: dict[tuple[Any, ...], Location] = {}
    nodes: dict[tuple[Any, ...], Any] = {}
    try:
        node = loader.get_single_node()
        if node is not None:  # checked as written, before merge keys are copied in and values built
            if "&" in text:  # no anchor, no alias: nothing to expand
                check_aliases(node)
            _walk(node, (), locations, nodes)
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
    return YamlSource(data, text, locations, nodes)


def check_aliases(root: Any, budget: int = ALIAS_BUDGET) -> None:
    """Raise YamlError for a recursive alias, or aliases expanding the document past ``budget`` nodes more
    than it holds — on the composed nodes, before any value is built (merge keys copy too).

    >>> check_aliases(_Loader("a: &a [1, 2]\\nb: [*a, *a, *a]\\n").get_single_node(), budget=3)
    Traceback (most recent call last):
    ...
    condition_engine.rules.yaml_source.YamlError: invalid YAML: aliases expand this node to 16 nodes; aliases may add at most 3 nodes to a document (an alias bomb?)
    """
    sizes: dict[int, int] = {}  # a node's size with its aliases expanded (capped); absent: not done
    done: list[Any] = []  # post-order: each node after its children
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = min(1 + sum(sizes[id(child)] for child in _children(node)), _CAP)
            done.append(node)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YamlError("invalid YAML: an alias refers to the node it stands in (a recursive alias)",
                            *_mark(node), code="E219")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    allowed = len(sizes) + budget
    if sizes[id(root)] > allowed:
        node = next(n for n in done if sizes[id(n)] > allowed)  # the first node past it: its aliases did it
        raise YamlError(f"invalid YAML: aliases expand this node to {_count(sizes[id(node)])} nodes; aliases may "
                        f"add at most {budget:,} nodes to a document (an alias bomb?)", *_mark(node), code="E219")


_CAP = 1 << 62


def _count(size: int) -> str:
    return f"{size:,}" if size < _CAP else "more than 4 billion billion"


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _mark(node: Any) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _unique_keys(node: Any) -> None:
    seen: dict[tuple[str, str], Any] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        first = seen.setdefault((key.tag, key.value), key)
        if first is not key:
            line, column = _mark(first)
            raise YamlError(f"duplicate key {key.value!r} (first at {line}:{column}): which one counts would be an "
                            "accident", *_mark(key), code="E218")


def _walk(node: Any, path: tuple[Any, ...], locations: dict, nodes: dict) -> None:
    """Record each key path's location and node; raise YamlError at a duplicate key or past MAX_NESTING."""
    if len(path) >= MAX_NESTING:
        raise YamlError(f"invalid YAML: nested more than {MAX_NESTING} levels deep", *_mark(node), code="E219")
    locations.setdefault(path, _mark(node))
    nodes[path] = node
    if isinstance(node, yaml.MappingNode):
        _unique_keys(node)
        for key, value in node.value:
            child = path + (key.value,)
            locations[child] = _mark(key)
            _walk(value, child, locations, nodes)
            locations[child] = _mark(key)
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
