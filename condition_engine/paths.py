"""Field-path resolution, shared by every engine: which values a path yields in a document.

A key step into a non-object yields nothing; an index out of range yields nothing; lists fan out
before a key step, a filter step and at the end; nulls are no value.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from . import ast
from .semantics import flatten

#: How a filter step decides whether to keep an element: (filter step, element) -> bool.
FilterCheck = Callable[[ast.Filter, Any], bool]


def resolve(path: ast.Path, document: Any, keep: FilterCheck) -> list[Any]:
    """The values ``path`` yields in ``document`` (lists fanned out, nulls dropped).

    >>> resolve(ast.Path.of("Tags.Key"), {"Tags": [{"Key": "env"}, {"Key": None}, {}]}, None)
    ['env']
    """
    current: list[Any] = [document]
    for step in path.steps:
        if step.kind == "key":
            current = _key_step(current, step.name)
        elif step.kind == "index":
            index = step.index
            current = [item[index] for item in current
                       if isinstance(item, list) and -len(item) <= index < len(item)]
        else:
            current = [item for item in flatten(current) if keep(step, item)]
    return flatten(current)


def _key_step(current: list[Any], name: str) -> list[Any]:
    out: list[Any] = []
    for item in current:
        if isinstance(item, dict):
            if name in item:
                out.append(item[name])
        elif isinstance(item, list):  # fan out over the elements
            out.extend(_key_step(item, name))
    return out


def key_path(path: ast.Path) -> tuple[str, ...] | None:
    """The key names of a path made of keys only (the compiler's fast case), else None."""
    names: list[str] = []
    for step in path.steps:
        if not isinstance(step, ast.Key):
            return None
        names.append(step.name)
    return tuple(names)


def get_keys(document: Any, keys: tuple[str, ...]) -> Any:
    """The raw value at a keys-only path: a value, a list to fan out, or None for no value.

    Same answer as :func:`resolve` (as one raw value), faster on nested objects.

    >>> get_keys({"a": {"b": 1}}, ("a", "b")), get_keys({"a": [{"b": 1}, {"b": 2}]}, ("a", "b"))
    (1, [1, 2])
    """
    value = document
    for position, key in enumerate(keys):
        if value.__class__ is dict:
            value = value.get(key)
        elif isinstance(value, list):
            current = [value]
            for rest in keys[position:]:
                current = _key_step(current, rest)
            return flatten(current)
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


_SCALARS = (str, int, float, bool, dict)


def key_values(keys: tuple[str, ...], document: Any) -> Any:
    """The values a keys-only path yields (as :func:`resolve` would), via :func:`get_keys`.

    >>> key_values(("Tags", "Key"), {"Tags": [{"Key": "a"}, {"Key": None}]}), key_values(("x",), {})
    (['a'], ())
    """
    return _as_values(get_keys(document, keys))


def _as_values(value: Any) -> Any:
    if value is None:
        return ()
    if value.__class__ in _SCALARS:
        return (value,)
    if isinstance(value, list):
        return flatten(value)
    return (value,)


def values_at(keys: tuple[str, ...]) -> Callable[[Any], Any]:
    """A function giving the values a keys-only path yields in a document (see :func:`key_values`).

    >>> values_at(("a",))({"a": [1, None, [2]]})
    [1, 2]
    """
    if len(keys) != 1:
        return partial(key_values, keys)
    key = keys[0]

    def one_key(document: Any) -> Any:
        if document.__class__ is not dict:
            return key_values(keys, document)
        value = document.get(key)  # _as_values, inlined: this runs once per predicate and document
        if value is None:
            return ()
        if value.__class__ in _SCALARS:
            return (value,)
        return flatten(value) if isinstance(value, list) else (value,)

    return one_key
